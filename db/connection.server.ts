import fs from "node:fs";
import path from "node:path";

import SQLite from "better-sqlite3";
import { Kysely, Migrator, SqliteDialect, type MigrationProvider, type SqliteDatabase } from "kysely";

import { migrations } from "./migrations";
import type { Database } from "./schema";

export const DEFAULT_DATABASE_FILE = "data/sli.sqlite";

/** A setting the app cannot use: start-up stops with its message, which names the setting. */
export class SettingError extends Error {}

/**
 * Resolves DATABASE_URL ("file:path", "file:///absolute/path", a plain path, or ":memory:") to
 * what better-sqlite3 opens. Any other address (postgres://…, mysql://…) is refused with a
 * message naming the setting, rather than taken for a folder name.
 */
export function databaseFileFromEnv(env: Record<string, string | undefined> = process.env): string {
  const raw = env.DATABASE_URL?.trim() || DEFAULT_DATABASE_FILE;
  if (raw === ":memory:") return raw;
  if (/^file:\/\//i.test(raw)) return decodeURIComponent(new URL(raw).pathname);
  if (/^file:/i.test(raw)) return raw.slice("file:".length);
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(raw)?.[1];
  if (scheme) {
    throw new SettingError(
      `DATABASE_URL is a ${scheme}:// address, which this version cannot use: it keeps its data in one SQLite file. ` +
        "Set DATABASE_URL to a file path such as data/sli.sqlite (or file:data/sli.sqlite), or leave it unset.",
    );
  }
  return raw;
}

export function openDatabase(file: string): Kysely<Database> {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
}

/** How many distinct SQL texts keep their compiled statement (most recently used first). */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely asks the driver to compile every query's SQL afresh; most of the app's queries are
 * the same few hundred texts with different parameters, so compiled statements are kept and
 * reused (better-sqlite3 runs each to completion before the next, so sharing one is safe; a
 * streamed query, which could be left half-read, gets its own). The cache is bounded: the
 * least recently used statement goes first.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => {
      cache.clear();
      sqlite.close();
    },
    prepare(sql: string) {
      const cached = cache.get(sql);
      if (cached) {
        cache.delete(sql);
        cache.set(sql, cached);
        return shared(cached);
      }
      const statement = sqlite.prepare(sql);
      cache.set(sql, statement);
      if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      return shared(statement);
    },
  };
  function shared(statement: SQLite.Statement) {
    return {
      reader: statement.reader,
      all: (parameters: ReadonlyArray<unknown>) => statement.all(parameters),
      run: (parameters: ReadonlyArray<unknown>) => statement.run(parameters),
      iterate: (parameters: ReadonlyArray<unknown>) => sqlite.prepare(statement.source).iterate(parameters),
    };
  }
}

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error");
    throw new Error(
      `Migration ${failed?.migrationName ?? "(unknown)"} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

// One connection per database file, for the whole process: the server bundle holds the only copy.
const databases = new Map<string, Kysely<Database>>();

/** The process-wide connection to the database named by DATABASE_URL. */
export function getDb(): Kysely<Database> {
  const file = databaseFileFromEnv();
  let db = databases.get(file);
  if (!db) {
    db = openDatabase(file);
    databases.set(file, db);
  }
  return db;
}

/** Closes every connection this process opened (tests and scripts, at the end). */
export async function closeDatabases(): Promise<void> {
  const open = [...databases.values()];
  databases.clear();
  await Promise.all(open.map((db) => db.destroy()));
}
