import fs from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type { Server } from "node:http";

import type { Kysely } from "kysely";

import { getDb, migrateToLatest } from "../../db/connection.server";
import type { Database } from "../../db/schema";
import { loadBuild } from "../../scripts/build";
import { createApp } from "../../scripts/server";

export interface TestApp {
  url: string;
  db: Kysely<Database>;
  close(): Promise<void>;
}

/**
 * A real server for one test file: a fresh SQLite file migrated by the real migrations, the
 * real Remix build behind the real Express adapter, listening on a free loopback port.
 */
export async function startTestApp(): Promise<TestApp> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sli-test-"));
  process.env.DATABASE_URL = path.join(dir, "test.sqlite");
  const db = getDb();
  await migrateToLatest(db);
  const app = createApp(await loadBuild(), "production");
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections?.();
      await db.destroy();
      globalThis.__sliDatabases?.clear();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
