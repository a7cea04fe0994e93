/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.*"],
  // The Express server, start-up and the app in one bundle (build/index.js), run with plain node.
  server: "./scripts/start.ts",
  serverModuleFormat: "esm",
  serverPlatform: "node",
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    // Off: with it, every page's HTML carries a manifest worked out per request by matching each
    // route (a fifth of the server's time on a page, by the benchmark's profile); without it the
    // browser loads one cached manifest file. Our ~45 routes make that file small.
    v3_lazyRouteDiscovery: false,
    // Single fetch changes how loader data is serialised; we adopt it with the move to React Router 7.
    v3_singleFetch: false,
  },
};
