import fs from "node:fs";
import path from "node:path";

import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";

import { runInRequestScope } from "../app/utils/request-scope.server";

/** Requests bigger than this are refused before Remix reads them. Routes set tighter limits of their own. */
export const MAX_REQUEST_BYTES = 2 * 1024 * 1024;
/** Word uploads may be up to 10 MB (the route refuses more, in words); this leaves room for the form around the file. */
const UPLOADS = /^\/assessments\/\d+\/import$/;
const MAX_UPLOAD_REQUEST_BYTES = 11 * 1024 * 1024;

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Cross-site request forgery defence: every request that can change something must come
 * from a page on this same host, as the browser's Origin header shows.
 */
export function isSameOriginRequest(method: string, origin: string | undefined, host: string | undefined): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return true;
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export function createApp(build: ServerBuild, mode: string = process.env.NODE_ENV ?? "production") {
  const app = express();
  app.disable("x-powered-by");
  if (process.env.TRUST_PROXY === "1") app.set("trust proxy", true);
  app.use(compression());

  app.use((req: Request, res: Response, next: NextFunction) => {
    const host = req.get("x-forwarded-host") && app.get("trust proxy") ? req.get("x-forwarded-host") : req.get("host");
    if (!isSameOriginRequest(req.method, req.get("origin"), host)) {
      res.status(403).type("text/plain").send("Forbidden: this request did not come from this site.");
      return;
    }
    // Production is served over HTTPS (README): browsers are told to come back only that way.
    if (mode === "production") res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    const length = Number(req.get("content-length") ?? "0");
    if (length > (UPLOADS.test(req.path) ? MAX_UPLOAD_REQUEST_BYTES : MAX_REQUEST_BYTES)) {
      res.status(413).type("text/plain").send("Request too large.");
      return;
    }
    next();
  });

  const publicDir = path.resolve("public");
  app.use("/build", express.static(path.join(publicDir, "build"), { immutable: true, maxAge: "1y" }));
  // The few files at the top of public/ (the favicon) are served by name: a static handler
  // on every path would look on disk for each page's address first.
  const topFiles = new Set(fs.existsSync(publicDir) ? fs.readdirSync(publicDir, { withFileTypes: true }).filter((f) => f.isFile()).map((f) => `/${f.name}`) : []);
  const serveTopFile = express.static(publicDir, { maxAge: "1h", index: false });
  app.use((req: Request, res: Response, next: NextFunction) => (topFiles.has(req.path) ? serveTopFile(req, res, next) : next()));
  const remix = createRequestHandler({
    build,
    mode,
    getLoadContext: (req) => ({ clientAddress: req.ip ?? req.socket.remoteAddress ?? "unknown" }),
  });
  app.all("*", (req, res, next) => runInRequestScope(() => remix(req, res, next), { clientAddress: req.ip ?? req.socket.remoteAddress ?? "unknown" }));
  return app;
}
