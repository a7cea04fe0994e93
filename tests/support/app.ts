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
  /**
   * Another server of the same app on the same database, made with these settings in the
   * environment (TRUST_PROXY, say): the app as deployed behind a proxy. Closed with the app.
   */
  serveWith(settings: Record<string, string>): Promise<string>;
  close(): Promise<void>;
}

function listen(app: { listen: (port: number, host: string, done: () => void) => Server }): Promise<{ url: string; server: Server }> {
  return new Promise((resolve) => {
    const server = app.listen(0, "127.0.0.1", () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server }));
  });
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
  const servers: Server[] = [];
  const { url, server: listening } = await listen(server.createApp(server.serverBuild, "production"));
  servers.push(listening);
  return {
    url,
    db,
    async serveWith(settings) {
      const saved = Object.fromEntries(Object.keys(settings).map((key) => [key, process.env[key]]));
      Object.assign(process.env, settings);
      try {
        const another = await listen(server.createApp(server.serverBuild, "production"));
        servers.push(another.server);
        return another.url;
      } finally {
        for (const [key, value] of Object.entries(saved)) {
          if (value === undefined) delete process.env[key];
          else process.env[key] = value;
        }
      }
    },
    async close() {
      for (const s of servers) {
        await new Promise<void>((resolve) => s.close(() => resolve()));
        s.closeAllConnections?.();
      }
      await server.closeDatabases();
      await database.drop();
    },
  };
}
