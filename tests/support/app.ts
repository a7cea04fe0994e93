import type { AddressInfo } from "node:net";
import type { Server } from "node:http";

import type { Kysely } from "kysely";

import type { Database } from "../../db/schema";
import { loadServer } from "../../scripts/build";
import { freshDatabase } from "./database";

export interface TestApp {
  url: string;
  /** The server's own connection: the one the app reads and writes through. */
  db: Kysely<Database>;
  close(): Promise<void>;
}

/**
 * A real server for one test file: a fresh database (SQLite, or PostgreSQL when
 * TEST_DATABASE_URL is set: ./database.ts) migrated by the real migrations, the real server
 * bundle (Express and the Remix app, as `npm start` runs them), listening on a free loopback
 * port.
 */
export async function startTestApp(): Promise<TestApp> {
  const database = await freshDatabase();
  process.env.DATABASE_URL = database.url;
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
      await database.drop();
    },
  };
}
