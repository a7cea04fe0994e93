/**
 * What the server checks of every request before any route (or Remix) sees it: the method, the
 * origin the request was made for and came from, and the size of its body, counted while it
 * streams. Pure functions and one body reader, used by ./server.ts and tested on their own
 * (tests/unit/request-guards.test.ts) and through the server (tests/request-guards.test.ts).
 * docs/decisions/015-requests-at-the-edge.md explains the choices.
 */
import type { IncomingMessage } from "node:http";

/** The methods the app answers. Anything else (TRACE, PUT, PROPFIND…) is a 405 naming these. */
export const ALLOWED_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "POST"]);
export const ALLOW_HEADER = [...ALLOWED_METHODS].join(", ");

// ---------------------------------------------------------------------------
// Body limits

/** Any request body: 2 MB (the save API itself refuses more than 1 MB of JSON, in words). */
export const MAX_REQUEST_BYTES = 2 * 1024 * 1024;
/** Word uploads may be up to 10 MB (the route refuses more, in words); this leaves room for the form around the file. */
export const MAX_UPLOAD_REQUEST_BYTES = 11 * 1024 * 1024;
/** Without a live session nobody has more to send than a sign-in, reset or invitation form. */
export const MAX_SIGNED_OUT_REQUEST_BYTES = 64 * 1024;

const UPLOADS = /^\/assessments\/[1-9][0-9]*\/import$/;

/** The most a signed-in person's request to this path may carry. */
export function bodyLimitFor(path: string): number {
  return UPLOADS.test(path) ? MAX_UPLOAD_REQUEST_BYTES : MAX_REQUEST_BYTES;
}

export type BodyOutcome =
  | { kind: "read"; chunks: Buffer[]; bytes: number }
  /** Over the limit: nothing more is read. `signedOut`: it was over only because nobody is signed in. */
  | { kind: "too-large"; signedOut: boolean }
  /** The client went away before sending it all. */
  | { kind: "aborted" };

/**
 * Reads a request's body, counting as it arrives, chunked or not, and stops reading as soon as
 * it is over the limit: the caller answers 413 and closes the connection, so the rest is never
 * read. A declared Content-Length over the limit is refused before a byte is read. Bodies over
 * the signed-out allowance are read further only for a live session (`signedIn` is asked once,
 * and only then).
 */
export function readBody(
  req: IncomingMessage,
  limits: { signedIn: number; signedOut: number },
  signedIn: () => Promise<boolean>,
): Promise<BodyOutcome> {
  const declaredText = req.headers["content-length"];
  const chunked = req.headers["transfer-encoding"] !== undefined;
  if (!chunked && (declaredText === undefined || Number(declaredText) === 0)) return Promise.resolve({ kind: "read", chunks: [], bytes: 0 });

  let limit = Math.min(limits.signedOut, limits.signedIn);
  let asked = limit >= limits.signedIn;
  const tooLarge = (): BodyOutcome => ({ kind: "too-large", signedOut: asked && limit < limits.signedIn });
  /** Raises the limit for a live session; asks at most once. */
  const widen = async () => {
    if (asked) return;
    asked = true;
    if (await signedIn()) limit = limits.signedIn;
  };

  return (async (): Promise<BodyOutcome> => {
    const declared = chunked ? null : Number(declaredText);
    if (declared !== null) {
      if (declared > limits.signedIn) return { kind: "too-large", signedOut: false };
      if (declared > limit) await widen();
      if (declared > limit) return tooLarge();
    }
    return new Promise<BodyOutcome>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let bytes = 0;
      let settled = false;
      const settle = (outcome: BodyOutcome | Error) => {
        if (settled) return;
        settled = true;
        req.off("data", onData);
        req.off("end", onEnd);
        req.off("error", onError);
        req.off("close", onClose);
        if (outcome instanceof Error) reject(outcome);
        else resolve(outcome);
      };
      const onData = (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes <= limit) {
          chunks.push(chunk);
          return;
        }
        // Over: stop reading now. Either that is final, or a live session may raise the limit.
        req.pause();
        if (asked) return settle(tooLarge());
        chunks.push(chunk);
        widen().then(() => (bytes > limit ? settle(tooLarge()) : req.resume()), settle);
      };
      const onEnd = () => settle({ kind: "read", chunks, bytes });
      const onError = () => settle({ kind: "aborted" });
      const onClose = () => settle({ kind: "aborted" });
      req.on("data", onData);
      req.on("end", onEnd);
      req.on("error", onError);
      req.on("close", onClose);
    });
  })();
}

// ---------------------------------------------------------------------------
// Origins

const HOST = /^(?:[A-Za-z0-9._-]+|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$/;

function firstValue(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const first = value?.split(",")[0]?.trim();
  return first ? first : undefined;
}

/**
 * The origin (scheme, host and port) a request was made to: from the connection and its Host
 * header, or, when the connection comes from a trusted proxy, from the first of its
 * X-Forwarded-Proto and X-Forwarded-Host. Null when those do not make an origin.
 */
export function requestOrigin(request: {
  encrypted: boolean;
  host: string | undefined;
  trustedProxy: boolean;
  forwardedProto?: string | string[];
  forwardedHost?: string | string[];
}): string | null {
  const proto = (request.trustedProxy ? firstValue(request.forwardedProto) : undefined)?.toLowerCase() ?? (request.encrypted ? "https" : "http");
  const host = (request.trustedProxy ? firstValue(request.forwardedHost) : undefined) ?? request.host;
  if ((proto !== "http" && proto !== "https") || !host || !HOST.test(host)) return null;
  try {
    return new URL(`${proto}://${host}`).origin;
  } catch {
    // A port past 65535, an address that is not one.
    return null;
  }
}

/**
 * Cross-site request forgery defence: a request that can change something must carry an Origin
 * that is exactly this app's — scheme, host and port. An Origin is only ever `scheme://host[:port]`:
 * user info (`http://user@host`), a path, another scheme (`ftp:`, `chrome-extension:`) or
 * `null` is refused.
 */
export function originMatches(origin: string | undefined, expected: string): boolean {
  if (!origin) return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return false;
  return url.origin === origin && origin === expected;
}
