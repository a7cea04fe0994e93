import "@remix-run/node";

declare module "@remix-run/node" {
  /** What the Express server (scripts/server.ts) hands every loader and action. */
  interface AppLoadContext {
    /** The client's address: the socket's, or from X-Forwarded-For as far back as the proxies TRUST_PROXY names. */
    clientAddress: string;
  }
}
