import { randomBytes } from "node:crypto";
import { PassThrough } from "node:stream";

import type { EntryContext, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";

import { NonceContext } from "./components/nonce";
import { logRequestError } from "./utils/log.server";

/**
 * Errors while answering a request are logged through one function that escapes what the
 * request carried (docs/security.md: log lines cannot be forged). A request the client gave up
 * on, and answers that are the client's fault (a 404 for an address nobody has, a 405), are not
 * the server's errors and are not logged.
 */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error) && error.status < 500) return;
  const cause = isRouteErrorResponse(error) && (error as { error?: unknown }).error ? (error as { error?: unknown }).error : error;
  logRequestError(request.method, pathOf(request), cause);
};

function pathOf(request: Request): string {
  const url = new URL(request.url);
  return url.pathname + url.search;
}

const ABORT_DELAY = 5_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  const nonce = randomBytes(16).toString("base64");
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    let abortTimer: ReturnType<typeof setTimeout> | undefined;
    let finished = false;
    // Wait for the whole document for everyone: pages here are small, and it keeps
    // status codes and headers exact for browsers, screen readers and tests alike.
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceContext.Provider>,
      {
        onAllReady() {
          shellRendered = true;
          // Everything is rendered: nothing is left to abort. (A pending timer would keep this
          // request's whole render — page, data and all — in memory for five more seconds;
          // under load that was hundreds of megabytes.)
          finished = true;
          clearTimeout(abortTimer);
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          setSecurityHeaders(responseHeaders, nonce);
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          finished = true;
          clearTimeout(abortTimer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) logRequestError(request.method, pathOf(request), error);
        },
      },
    );
    if (!finished) abortTimer = setTimeout(abort, ABORT_DELAY);
  });
}

function setSecurityHeaders(headers: Headers, nonce: string) {
  // Scripts only from this site or carrying this response's nonce; nothing framed, posted
  // or loaded from elsewhere. Inline styles stay allowed: the rich-text editor sets them.
  headers.set(
    "Content-Security-Policy",
    [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}'`,
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join("; "),
  );
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("Referrer-Policy", "same-origin");
  headers.set("X-Frame-Options", "DENY");
}
