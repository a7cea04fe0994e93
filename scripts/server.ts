import fs from "node:fs";
import path from "node:path";

import { createRequestHandler, writeReadableStreamToWritable, type ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";

import { carriesLiveSession } from "../app/auth/session.server";
import { readEnv, type TrustProxy } from "../app/utils/env.server";
import { logRequestError } from "../app/utils/log.server";
import { runInRequestScope } from "../app/utils/request-scope.server";
import {
  ALLOW_HEADER,
  ALLOWED_METHODS,
  bodyLimitFor,
  MAX_SIGNED_OUT_REQUEST_BYTES,
  originMatches,
  readBody,
  requestOrigin,
} from "./request-guards";

export interface ServerSettings {
  /** Whose X-Forwarded-* headers to believe (TRUST_PROXY): nobody's, a hop count, or proxy addresses. */
  trustProxy: TrustProxy;
}

/** What the server checked before handing a request on: its origin and its whole body. */
interface Checked {
  origin: string;
  body: Buffer[];
}

/** How long a refused connection stays open, unread, for the client to take the answer before it is dropped. */
const LINGER_MS = 2_000;

/**
 * Answers a request the server refuses before any route runs. When the request's body was not
 * read to its end, nothing more of it is read: once the answer is out, the server closes its
 * side and drops the connection a moment later. (Dropping it at once, as Node does after an
 * answer to a client that asked for `Connection: close`, resets the connection with the
 * client's bytes unread, and the client can lose the answer it was about to read.)
 */
function refuse(req: Request, res: Response, status: number, text: string, headers: Record<string, string> = {}) {
  if (!req.complete) {
    req.pause();
    // The connection is closed here, below, rather than by Node.
    res.shouldKeepAlive = true;
    res.once("finish", () => {
      const socket = req.socket;
      socket.end();
      const drop = setTimeout(() => socket.destroy(), LINGER_MS);
      drop.unref();
      socket.once("close", () => clearTimeout(drop));
    });
  }
  res.status(status).set({ "Cache-Control": "no-store", ...headers });
  if (req.path.startsWith("/api/") && !headers.Allow) {
    const error = status === 413 ? "too_large" : status === 401 ? "signed_out" : status === 403 ? "forbidden" : "invalid";
    res.json({ ok: false, error, message: text });
  } else {
    res.type("text/plain").send(text);
  }
}

/** Every answer the app makes holds someone's data or a form: no browser or proxy keeps a copy. */
function cacheControlOf(response: globalThis.Response): string {
  const own = response.headers.get("Cache-Control");
  return own && /\bno-store\b/i.test(own) ? own : "no-store";
}

export function createApp(build: ServerBuild, mode: string = process.env.NODE_ENV ?? "production", settings: ServerSettings = { trustProxy: readEnv().TRUST_PROXY }) {
  const app = express();
  app.disable("x-powered-by");
  // Express then takes req.ip from X-Forwarded-For only as far back as the proxies it trusts.
  app.set("trust proxy", settings.trustProxy);
  const trusts = app.get("trust proxy fn") as (address: string, hop: number) => boolean;
  app.use(compression());

  app.use(async (req: Request, res: Response, next: NextFunction) => {
    try {
      if (!ALLOWED_METHODS.has(req.method)) return refuse(req, res, 405, "Method not allowed.", { Allow: ALLOW_HEADER });
      // The request's target must be a path (not "http://elsewhere/…") on a host that is one.
      const origin = requestOrigin({
        encrypted: "encrypted" in req.socket && Boolean(req.socket.encrypted),
        host: req.get("host"),
        trustedProxy: trusts(req.socket.remoteAddress ?? "", 0),
        forwardedProto: req.headers["x-forwarded-proto"],
        forwardedHost: req.headers["x-forwarded-host"],
      });
      if (!origin || !req.originalUrl.startsWith("/")) return refuse(req, res, 400, "Bad request.");
      // Cross-site request forgery defence: anything that can change something must come from a page of this app.
      if (req.method === "POST" && !originMatches(req.get("origin"), origin)) {
        return refuse(req, res, 403, "Forbidden: this request did not come from this site.");
      }
      // Production is served over HTTPS (README): browsers are told to come back only that way.
      if (mode === "production") res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
      const body = await readBody(req, { signedIn: bodyLimitFor(req.path), signedOut: MAX_SIGNED_OUT_REQUEST_BYTES }, () => carriesLiveSession(req.headers.cookie));
      if (body.kind === "aborted") return;
      if (body.kind === "too-large") {
        if (body.signedOut && req.path.startsWith("/api/")) {
          return refuse(req, res, 401, "Your session has ended. Sign in again to save; your text is kept in this browser.");
        }
        return refuse(req, res, 413, body.signedOut ? "Request too large for someone who is not signed in: sign in, then try again." : "Request too large.");
      }
      res.locals.checked = { origin, body: body.chunks } satisfies Checked;
      next();
    } catch (error) {
      next(error);
    }
  });

  const publicDir = path.resolve("public");
  app.use("/build", express.static(path.join(publicDir, "build"), { immutable: true, maxAge: "1y" }));
  // The few files at the top of public/ (the favicon) are served by name: a static handler
  // on every path would look on disk for each page's address first.
  const topFiles = new Set(fs.existsSync(publicDir) ? fs.readdirSync(publicDir, { withFileTypes: true }).filter((f) => f.isFile()).map((f) => `/${f.name}`) : []);
  const serveTopFile = express.static(publicDir, { maxAge: "1h", index: false });
  app.use((req: Request, res: Response, next: NextFunction) => (topFiles.has(req.path) ? serveTopFile(req, res, next) : next()));

  const handle = createRequestHandler(build, mode);
  app.use(async (req: Request, res: Response, next: NextFunction) => {
    try {
      const clientAddress = req.ip ?? req.socket.remoteAddress ?? "unknown";
      const request = remixRequest(req, res, res.locals.checked as Checked);
      const response = await runInRequestScope(() => handle(request, { clientAddress }), { clientAddress });
      await sendResponse(res, response);
    } catch (error) {
      next(error);
    }
  });

  // Anything unexpected: logged without a raw byte of the request, answered without detail.
  // (An error Express marks as the client's, such as an address it cannot decode, is a 400.)
  app.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    void next;
    const status = (error as { status?: unknown }).status;
    const clients = typeof status === "number" && status >= 400 && status < 500;
    if (!clients) logRequestError(req.method, req.originalUrl, error);
    if (res.headersSent) return void res.destroy();
    res
      .status(clients ? status : 500)
      .set("Cache-Control", "no-store")
      .type("text/plain")
      .send(clients ? "Bad request." : "Something went wrong on our side. Try again in a moment.");
  });
  return app;
}

/**
 * The Fetch API request Remix answers: its address and Host from the checked origin (never from
 * headers the server did not believe), its body the one already read and counted, and no
 * X-Forwarded-* headers (the server has already decided what they mean).
 */
function remixRequest(req: Request, res: Response, checked: Checked): globalThis.Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name.startsWith("x-forwarded-")) continue;
    for (const one of [value].flat()) headers.append(name, one);
  }
  // Remix compares a form post's Origin with the Host once more: the host checked above.
  headers.set("Host", new URL(checked.origin).host);
  let controller: AbortController | null = new AbortController();
  // Loaders and actions are told when the client goes away before the answer is sent.
  res.on("finish", () => (controller = null));
  res.on("close", () => controller?.abort());
  const init: RequestInit & { duplex?: "half" } = { method: req.method, headers, signal: controller.signal };
  if (req.method !== "GET" && req.method !== "HEAD") {
    init.body = bodyStream(checked.body);
    init.duplex = "half";
  }
  return new globalThis.Request(`${checked.origin}${req.originalUrl}`, init);
}

/** The body as read, handed on chunk by chunk (the same memory, not a copy; each let go once handed on). */
function bodyStream(chunks: Buffer[]): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks.shift();
      if (chunk) controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      else controller.close();
    },
  });
}

async function sendResponse(res: Response, response: globalThis.Response): Promise<void> {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [name, value] of response.headers) if (name !== "cache-control") res.append(name, value);
  res.setHeader("Cache-Control", cacheControlOf(response));
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}
