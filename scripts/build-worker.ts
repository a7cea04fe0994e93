/**
 * Bundles the untrusted-file worker (app/uploads/untrusted-worker-entry.server.ts) into
 * build/untrusted-worker.js, beside the server bundle that `remix build` writes: a worker
 * thread needs a file of its own to start from, and the server finds it next to itself.
 * Part of `npm run build`.
 */
import { build } from "esbuild";

await build({
  entryPoints: { "untrusted-worker": "app/uploads/untrusted-worker-entry.server.ts" },
  outdir: "build",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  logLevel: "warning",
});
