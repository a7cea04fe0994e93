// Runs the untrusted-file worker from its TypeScript source (under tsx or Vitest, where there is
// no build/untrusted-worker.js beside the code): registers tsx in this worker thread, then loads it.
import { register } from "tsx/esm/api";

register();
await import("./untrusted-worker-entry.server.ts");
