import fs from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type { Server } from "node:http";

import type { Kysely } from "kysely";

import type { Database } from "../../db/schema";
import { loadServer } from "../../scripts/build";

export interface TestApp {
  url: string;
  /** The server's own connection: the one the app reads and writes through. */
  db: Kysely<Database>;
  close(): Promise<void>;
}

/**
 * A real server for one test file: a fresh SQLite file migrated by the real migrations, the
 * real server bundle (Express and the Remix app, as `npm start` runs them), listening on a
 * free loopback port.
 */
export async function startTestApp(): Promise<TestApp> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sli-test-"));
  process.env.DATABASE_URL = path.join(dir, "test.sqlite");
  const server = await loadServer();
  const db = server.getDb();
  await server.migrateToLatest(db);
  const app = server.createApp(server.serverBuild, "production");
  const listening: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const { port } = listening.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    async close() {
      await new Promise<void>((resolve) => listening.close(() => resolve()));
      listening.closeAllConnections?.();
      await server.closeDatabases();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
