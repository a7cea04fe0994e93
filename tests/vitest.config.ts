import path from "node:path";
import { fileURLToPath } from "node:url";

import { defineConfig } from "vitest/config";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export default defineConfig({
  root,
  resolve: { alias: { "~": path.join(root, "app") } },
  test: {
    include: ["tests/**/*.test.ts", "tests/**/*.test.tsx"],
    globals: true,
    pool: "forks",
    // Each file gets its own process, its own SQLite file and its own server.
    isolate: true,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
