import fs from "node:fs";
import path from "node:path";

import SQLite from "better-sqlite3";
import {
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  type MigrationProvider,
  type PostgresCursor,
  type PostgresPool,
  type PostgresPoolClient,
  type SqliteDatabase,
} from "kysely";
import pg from "pg";

import { forMigrations, withoutNul } from "./dialect.server";
import { migrations } from "./migrations";
import type { Database } from "./schema";

export const DEFAULT_DATABASE_FILE = "data/sli.sqlite";
/** Connections each app instance keeps open to PostgreSQL, unless DATABASE_POOL_SIZE says otherwise. */
export const DEFAULT_POOL_SIZE = 10;

/** A setting the app cannot use: start-up stops with its message, which names the setting. */
export class SettingError extends Error {}

/** Where the data lives: a SQLite file (the default) or a PostgreSQL server. */
export type DatabaseTarget = { kind: "sqlite"; file: string } | { kind: "postgres"; url: string; poolSize: number };

/**
 * Reads DATABASE_URL: a postgres:// (or postgresql://) address selects PostgreSQL; a plain
 * path, "file:path", "file:///absolute/path" or ":memory:" selects SQLite, the default. Any
 * other address (mysql://…) is refused with a message naming the setting, rather than taken
 * for a folder name.
 */
export function databaseFromEnv(env: Record<string, string | undefined> = process.env): DatabaseTarget {
  const raw = env.DATABASE_URL?.trim() || DEFAULT_DATABASE_FILE;
  if (/^postgres(ql)?:\/\//i.test(raw)) {
    try {
      new URL(raw);
    } catch {
      throw new SettingError("DATABASE_URL is not a valid postgres:// address (postgres://user:password@host:5432/database).");
    }
    return { kind: "postgres", url: raw, poolSize: poolSizeFromEnv(env) };
  }
  if (raw === ":memory:") return { kind: "sqlite", file: raw };
  if (/^file:\/\//i.test(raw)) return { kind: "sqlite", file: decodeURIComponent(new URL(raw).pathname) };
  if (/^file:/i.test(raw)) return { kind: "sqlite", file: raw.slice("file:".length) };
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(raw)?.[1];
  if (scheme) {
    throw new SettingError(
      `DATABASE_URL is a ${scheme}:// address, which this app cannot use: it keeps its data in a SQLite file or on PostgreSQL. ` +
        "Set DATABASE_URL to a file path such as data/sli.sqlite (or file:data/sli.sqlite), to a postgres:// address, or leave it unset.",
    );
  }
  return { kind: "sqlite", file: raw };
}

function poolSizeFromEnv(env: Record<string, string | undefined>): number {
  const raw = env.DATABASE_POOL_SIZE?.trim();
  if (!raw) return DEFAULT_POOL_SIZE;
  const size = Number(raw);
  // Two at least: start-up's seeding holds one connection for its lock while it works on another.
  if (!Number.isInteger(size) || size < 2 || size > 100) throw new SettingError("DATABASE_POOL_SIZE must be a whole number from 2 to 100.");
  return size;
}

/**
 * The SQLite file DATABASE_URL names, for what only works on a file (backup and restore).
 * On PostgreSQL it says what to use instead.
 */
export function databaseFileFromEnv(env: Record<string, string | undefined> = process.env): string {
  const target = databaseFromEnv(env);
  if (target.kind === "postgres") {
    throw new SettingError("DATABASE_URL names a PostgreSQL database, which is backed up with pg_dump and restored with pg_restore (README: Running on PostgreSQL).");
  }
  return target.file;
}

/** The database, for messages and logs: a file path, or the server and database without the password. */
export function describeTarget(target: DatabaseTarget): string {
  if (target.kind === "sqlite") return target.file;
  const url = new URL(target.url);
  const host = url.host || url.searchParams.get("host") || "the local server";
  return `PostgreSQL database ${decodeURIComponent(url.pathname.slice(1)) || "(default)"} on ${host}`;
}

export function openDatabase(target: DatabaseTarget | string): Kysely<Database> {
  const where = typeof target === "string" ? ({ kind: "sqlite", file: target } as const) : target;
  return where.kind === "postgres" ? openPostgres(where.url, where.poolSize) : openSqlite(where.file);
}

function openSqlite(file: string): Kysely<Database> {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
}

// Timestamps are milliseconds in bigint columns and counts are bigint: both come back as
// numbers (exact up to 2^53, some 285,000 years of milliseconds), as they do from SQLite.
const BIGINT_OID = 20;
const NUMERIC_OID = 1700;
const pgTypes = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === BIGINT_OID || oid === NUMERIC_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

function openPostgres(url: string, poolSize: number): Kysely<Database> {
  // A server that does not answer fails a request after 10 seconds rather than leaving it hanging.
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 10_000, types: pgTypes, application_name: "sli-peer-challenge" });
  // An idle connection the server drops (a restart, a failover) must not crash the process: the pool replaces it.
  pool.on("error", (error) => console.error(`PostgreSQL connection lost: ${error.message}`));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: valuesWithoutNul(pool) }) });
}

/**
 * The pool as Kysely sees it, sending every query's values through `withoutNul`
 * (db/dialect.server.ts): PostgreSQL refuses a statement over a NUL character anywhere in it.
 * (Done to the values here rather than to each query's syntax tree in a Kysely plugin, which
 * would copy every query before sending it.)
 */
function valuesWithoutNul(pool: pg.Pool): PostgresPool {
  const wrapped = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  return {
    async connect() {
      const client = await pool.connect();
      let facade = wrapped.get(client);
      if (!facade) {
        facade = {
          query: ((textOrCursor: string | PostgresCursor<unknown>, parameters?: ReadonlyArray<unknown>) =>
            typeof textOrCursor === "string"
              ? client.query(textOrCursor, (parameters ?? []).map(withoutNul))
              : client.query(textOrCursor as unknown as pg.Submittable)) as unknown as PostgresPoolClient["query"],
          release: () => client.release(),
        };
        wrapped.set(client, facade);
      }
      return facade;
    },
    end: () => pool.end(),
  };
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
  const migrator = new Migrator({ db: forMigrations(db), provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error");
    throw new Error(failed ? `Migration ${failed.migrationName} failed: ${messageOf(error)}` : messageOf(error));
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

/** An error's message; a refused connection to every address of a host says so for each. */
function messageOf(error: unknown): string {
  if (error instanceof AggregateError && !error.message) return error.errors.map(messageOf).join("; ");
  return error instanceof Error ? error.message : String(error);
}

// One connection (SQLite) or pool (PostgreSQL) per database, for the whole process: the server
// bundle holds the only copy.
const databases = new Map<string, Kysely<Database>>();

/** The process-wide connection to the database named by DATABASE_URL. */
export function getDb(): Kysely<Database> {
  const target = databaseFromEnv();
  const key = target.kind === "sqlite" ? `sqlite:${target.file}` : target.url;
  let db = databases.get(key);
  if (!db) {
    db = openDatabase(target);
    databases.set(key, db);
  }
  return db;
}

/** Closes every connection this process opened (tests and scripts, at the end). */
export async function closeDatabases(): Promise<void> {
  const open = [...databases.values()];
  databases.clear();
  await Promise.all(open.map((db) => db.destroy()));
}
