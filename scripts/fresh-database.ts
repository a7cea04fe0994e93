/**
 * A new, empty database on a PostgreSQL server, for one test file or one benchmark run (the
 * SQLite equivalent is a new file). The server address names a database to connect to for
 * creating and dropping others, such as postgres://user@host:5432/postgres.
 */
import pg from "pg";

let counter = 0;

export async function createServerDatabase(server: string, prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  // Only letters, digits and underscores: the name needs no quoting.
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}_${counter++}`.replace(/[^a-z0-9_]/gi, "_").toLowerCase();
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
