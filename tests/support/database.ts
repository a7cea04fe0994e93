import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import pg from "pg";

/**
 * The suite runs on SQLite, and again on PostgreSQL when TEST_DATABASE_URL names a server
 * (scripts/test.ts runs both). Each test file gets a database of its own, migrated by the real
 * migrations: a file in a temporary folder, or a new database on that server.
 */
export const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

export interface FreshDatabase {
  /** What DATABASE_URL should be for the app to use it. */
  url: string;
  drop(): Promise<void>;
}

let counter = 0;

export async function freshDatabase(): Promise<FreshDatabase> {
  if (!onPostgres) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sli-test-"));
    return { url: path.join(dir, "test.sqlite"), drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const server = process.env.TEST_DATABASE_URL!;
  const name = `sli_test_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  await onServer(server, `create database ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => onServer(server, `drop database if exists ${name} with (force)`) };
}

async function onServer(server: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
