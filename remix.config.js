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
    v3_lazyRouteDiscovery: true,
    // Single fetch changes how loader data is serialised; we adopt it with the move to React Router 7.
    v3_singleFetch: false,
  },
};
