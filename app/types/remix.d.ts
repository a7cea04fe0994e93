import "@remix-run/node";

declare module "@remix-run/node" {
  /** What the Express server (scripts/server.ts) hands every loader and action. */
  interface AppLoadContext {
    /** The client's address: the socket's, or the proxy's X-Forwarded-For when TRUST_PROXY=1. */
    clientAddress: string;
  }
}
