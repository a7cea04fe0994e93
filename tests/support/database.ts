import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { createServerDatabase } from "../../scripts/fresh-database";

/**
 * The suite runs on SQLite, and again on PostgreSQL when TEST_DATABASE_URL names a server
 * (scripts/test-suites.ts runs both). Each test file gets a database of its own, migrated by
 * the real migrations: a file in a temporary folder, or a new database on that server.
 */
export const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

export interface FreshDatabase {
  /** What DATABASE_URL should be for the app to use it. */
  url: string;
  drop(): Promise<void>;
}

export async function freshDatabase(): Promise<FreshDatabase> {
  if (!onPostgres) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sli-test-"));
    return { url: path.join(dir, "test.sqlite"), drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  return createServerDatabase(process.env.TEST_DATABASE_URL!, "sli_test");
}
