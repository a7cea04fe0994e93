/**
 * Everything that differs between the two databases the app runs on, SQLite (the default: one
 * file, one process) and PostgreSQL (a server shared by several app instances), in one place.
 * Models and migrations ask this module rather than writing dialect-specific SQL themselves;
 * docs/decisions/014-postgresql.md explains each choice.
 *
 * - Schema: migrations are written once, in SQLite's terms. On PostgreSQL `portableSchema`
 *   rewrites them as they run: every `integer` becomes `bigint` (timestamps are milliseconds,
 *   too big for PostgreSQL's 4-byte integer) and `autoincrement` becomes an identity column.
 * - Full-text search over the regional offer: FTS5 on SQLite, `tsvector` with a GIN index on
 *   PostgreSQL, behind the same `offer_items_fts (rowid, title, body)` table.
 * - The audit trail's refusal to be changed: SQLite triggers, or a PL/pgSQL trigger function.
 * - Text: PostgreSQL cannot store the NUL character; it is dropped from values sent there.
 * - Upkeep for the benchmark: checkpoint or `analyze`, and the database's size.
 * - Locks: `FOR UPDATE` on rows, and an advisory lock for work only one instance may do at a
 *   time; SQLite has one writer, so a transaction is already alone.
 */
import {
  ColumnDefinitionNode,
  type CreateTableNode,
  DataTypeNode,
  GeneratedNode,
  OperationNodeTransformer,
  PostgresAdapter,
  sql,
  type Kysely,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type SelectQueryBuilder,
  type UnknownRow,
} from "kysely";

import type { Database, Executor } from "./schema";

export type DialectName = "sqlite" | "postgres";

/** Which database a connection (or a transaction on one) talks to. */
export function dialectOf(db: Kysely<any>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
}

// ---------------------------------------------------------------------------
// Schema

class PortableSchemaTransformer extends OperationNodeTransformer {
  /**
   * SQLite changes a table by building `<name>_new`, copying, dropping the old and renaming.
   * PostgreSQL names constraints per schema, so while both tables exist the new one's
   * constraints cannot share the old one's names: there they take PostgreSQL's own names.
   */
  protected override transformCreateTable(node: CreateTableNode): CreateTableNode {
    const table = super.transformCreateTable(node);
    if (!table.table.table.identifier.name.endsWith("_new") || !table.constraints) return table;
    return { ...table, constraints: table.constraints.map((c) => ("name" in c && c.name ? { ...c, name: undefined } : c)) };
  }

  protected override transformColumnDefinition(node: ColumnDefinitionNode): ColumnDefinitionNode {
    const column = super.transformColumnDefinition(node);
    if (!column.autoIncrement) return column;
    return ColumnDefinitionNode.cloneWith(column, { autoIncrement: false, generated: GeneratedNode.create({ identity: true, byDefault: true }) });
  }

  protected override transformDataType(node: DataTypeNode): DataTypeNode {
    return node.dataType === "integer" ? DataTypeNode.create("bigint") : super.transformDataType(node);
  }
}

/** Runs SQLite-worded migrations on PostgreSQL: `integer` → `bigint`, `autoincrement` → identity. */
export const portableSchema: KyselyPlugin = {
  transformQuery: ({ node }: PluginTransformQueryArgs): RootOperationNode => new PortableSchemaTransformer().transformNode(node),
  transformResult: async ({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> => result,
};

/** What the migrator should run migrations through. */
export function forMigrations(db: Kysely<any>): Kysely<any> {
  return dialectOf(db) === "postgres" ? db.withPlugin(portableSchema) : db;
}

/** The regional offer's search index: `offer_items_fts (rowid, title, body)`, rowid being offer_items.id. */
export async function createOfferSearchTable(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === "sqlite") {
    await sql`create virtual table offer_items_fts using fts5(title, body, tokenize = 'porter unicode61 remove_diacritics 2')`.execute(db);
    return;
  }
  // Titles weigh more than descriptions (A over B), as bm25's weights do on SQLite.
  await sql`create table offer_items_fts (
    rowid bigint primary key,
    title text not null,
    body text not null,
    document tsvector generated always as (setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'B')) stored
  )`.execute(db);
  await sql`create index offer_items_fts_document on offer_items_fts using gin (document)`.execute(db);
}

export async function dropOfferSearchTable(db: Kysely<any>): Promise<void> {
  await sql`drop table offer_items_fts`.execute(db);
}

const AUDIT_REFUSAL = "The audit trail cannot be changed";

/** The database itself refuses to change or delete an audit event, whatever code asks. */
export async function forbidAuditChanges(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === "sqlite") {
    await sql`create trigger audit_events_no_update before update on audit_events begin select raise(abort, 'The audit trail cannot be changed'); end`.execute(db);
    await sql`create trigger audit_events_no_delete before delete on audit_events begin select raise(abort, 'The audit trail cannot be changed'); end`.execute(db);
    return;
  }
  await sql.raw(`create function audit_events_refuse() returns trigger language plpgsql as $$
    begin raise exception '${AUDIT_REFUSAL}'; end $$`).execute(db);
  await sql`create trigger audit_events_no_update before update on audit_events for each row execute function audit_events_refuse()`.execute(db);
  await sql`create trigger audit_events_no_delete before delete on audit_events for each row execute function audit_events_refuse()`.execute(db);
  await sql`create trigger audit_events_no_truncate before truncate on audit_events for each statement execute function audit_events_refuse()`.execute(db);
}

export async function allowAuditChanges(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === "sqlite") {
    await sql`drop trigger audit_events_no_delete`.execute(db);
    await sql`drop trigger audit_events_no_update`.execute(db);
    return;
  }
  await sql`drop trigger audit_events_no_truncate on audit_events`.execute(db);
  await sql`drop trigger audit_events_no_delete on audit_events`.execute(db);
  await sql`drop trigger audit_events_no_update on audit_events`.execute(db);
  await sql`drop function audit_events_refuse()`.execute(db);
}

// ---------------------------------------------------------------------------
// Text

const NUL = /\u0000/g;

/**
 * PostgreSQL's text cannot hold the NUL character, which SQLite stores like any other, and
 * refuses a whole statement over one. Nobody means to type it (a form, an address or a search
 * that carries one is a trick or an accident), so the PostgreSQL connection drops it from
 * every value it sends (db/connection.server.ts): "/authorities/%00/trends" finds no
 * authority rather than failing.
 */
export function withoutNul(value: unknown): unknown {
  return typeof value === "string" && value.includes("\u0000") ? value.replace(NUL, "") : value;
}

// ---------------------------------------------------------------------------
// Full-text search over the regional offer

/** A search: words and phrases, all required ("all") or any one enough ("any"). */
export interface TextSearch {
  /** Letters and digits only (app/regional/search-query.ts makes them); a phrase's words are space-separated. */
  terms: Array<{ text: string; prefix: boolean }>;
  join: "all" | "any";
}

/** SQLite FTS5's MATCH expression: every term quoted, so nothing typed is ever FTS syntax. */
export function fts5Expression(search: TextSearch): string {
  return search.terms.map((t) => `"${t.text.replace(/"/g, "")}"${t.prefix ? "*" : ""}`).join(search.join === "all" ? " AND " : " OR ");
}

/**
 * PostgreSQL's to_tsquery() text. Terms hold only letters and digits (search-query.ts), so
 * they cannot carry operators; a phrase's words must follow each other, a trailing * matches
 * the start of a word. (websearch_to_tsquery has no "starts with", which people use here.)
 */
export function tsQueryText(search: TextSearch): string {
  const words = (text: string) => text.match(/[\p{L}\p{N}]+/gu) ?? [];
  return search.terms
    .map((t) => words(t.text).map((w, i, all) => (t.prefix && i === all.length - 1 ? `${w}:*` : w)).join(" <-> "))
    .filter((t) => t.length > 0)
    .join(search.join === "all" ? " & " : " | ");
}

/**
 * The ids of the cycle's items the search finds, with a score that sorts the best match first.
 * PostgreSQL scores only the cycle's matches (scoring reads each match's document). SQLite
 * scores every cycle's matches and leaves the caller to join them to the cycle's items: told
 * about the cycle, it would look each of the cycle's items up in the index one by one.
 */
export function offerMatches(db: Executor, search: TextSearch, cycleId: number): SelectQueryBuilder<Database, "offer_items_fts", { fid: number; score: number }> {
  if (dialectOf(db) === "sqlite") {
    return db
      .selectFrom("offer_items_fts")
      .select([sql<number>`rowid`.as("fid"), sql<number>`bm25(offer_items_fts, 4.0, 1.0)`.as("score")])
      .where(sql<boolean>`offer_items_fts match ${fts5Expression(search)}`);
  }
  const query = sql`to_tsquery('english', ${tsQueryText(search)})`;
  return db
    .selectFrom("offer_items_fts")
    .select([sql<number>`rowid`.as("fid"), sql<number>`-ts_rank(document, ${query})`.as("score")])
    .where(sql<boolean>`document @@ ${query}`)
    .where("rowid", "in", db.selectFrom("offer_items").select("id").where("cycle_id", "=", cycleId));
}

/**
 * The matching words of these items marked between `start` and `end`: the whole title, and a
 * couple of dozen words of the description round the first match.
 */
export async function offerHighlights(
  db: Executor,
  search: TextSearch,
  ids: number[],
  marks: { start: string; end: string },
): Promise<Array<{ id: number; titleMatch: string; snippet: string }>> {
  if (dialectOf(db) === "sqlite") {
    return db
      .selectFrom("offer_items_fts")
      .select([
        sql<number>`rowid`.as("id"),
        sql<string>`highlight(offer_items_fts, 0, ${marks.start}, ${marks.end})`.as("titleMatch"),
        sql<string>`snippet(offer_items_fts, 1, ${marks.start}, ${marks.end}, '…', 24)`.as("snippet"),
      ])
      .where(sql<boolean>`offer_items_fts match ${fts5Expression(search)}`)
      .where(sql<boolean>`rowid in (${sql.join(ids)})`)
      .execute();
  }
  const query = sql`to_tsquery('english', ${tsQueryText(search)})`;
  const selectors = `StartSel=${marks.start}, StopSel=${marks.end}`;
  return db
    .selectFrom("offer_items_fts")
    .select([
      sql<number>`rowid`.as("id"),
      sql<string>`ts_headline('english', title, ${query}, ${`${selectors}, HighlightAll=true`})`.as("titleMatch"),
      sql<string>`ts_headline('english', body, ${query}, ${`${selectors}, MaxWords=24, MinWords=8, MaxFragments=1, FragmentDelimiter=" … "`})`.as("snippet"),
    ])
    .where("rowid", "in", ids)
    .execute();
}

/** Refills the search index from the items (after emptying it). */
export async function refillOfferIndex(db: Executor): Promise<void> {
  await sql`insert into offer_items_fts (rowid, title, body) select id, title, body_text from offer_items`.execute(db);
}

// ---------------------------------------------------------------------------
// Upkeep (the benchmark and scripts)

/** After writing many rows at once: SQLite folds its write-ahead log into the file; PostgreSQL refreshes the planner's statistics. */
export async function afterBulkWrite(db: Kysely<any>): Promise<void> {
  await (dialectOf(db) === "sqlite" ? sql`pragma wal_checkpoint(TRUNCATE)` : sql`analyze`).execute(db);
}

/** Reclaims the space of deleted rows and says how big the database now is, in bytes. */
export async function compactedSize(db: Kysely<any>): Promise<number> {
  if (dialectOf(db) === "sqlite") {
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
    await sql`vacuum`.execute(db);
  } else {
    await sql`vacuum full`.execute(db);
  }
  return databaseSize(db);
}

/** How big the app's data is, in bytes: the SQLite file, or PostgreSQL's tables with their indexes (not the server's own catalogs). */
export async function databaseSize(db: Kysely<any>): Promise<number> {
  const query =
    dialectOf(db) === "sqlite"
      ? sql<{ bytes: number }>`select page_count * page_size as bytes from pragma_page_count(), pragma_page_size()`
      : sql<{ bytes: number }>`select coalesce(sum(pg_total_relation_size(c.oid)), 0) as bytes from pg_class c
          join pg_namespace n on n.oid = c.relnamespace where n.nspname = current_schema() and c.relkind = 'r'`;
  const { rows } = await query.execute(db);
  return Number(rows[0]!.bytes);
}

// ---------------------------------------------------------------------------
// Locks

/**
 * Locks the rows a select reads until the transaction ends, so a check and the write that
 * depends on it cannot interleave with another instance's. SQLite needs nothing: its
 * transaction already holds the only writer.
 */
export function lockingRows<QB extends { forUpdate(): QB }>(db: Executor, query: QB): QB {
  return dialectOf(db) === "postgres" ? query.forUpdate() : query;
}

/**
 * Runs `work` while no other app instance runs work of the same name: on PostgreSQL an
 * advisory lock held by one connection of the pool while `work` uses the others. (Two
 * instances started together must not both seed the demo region into the empty database.)
 * SQLite serves one instance, so there is nobody to wait for.
 */
export async function aloneAcrossInstances<T>(db: Kysely<any>, name: string, work: () => Promise<T>): Promise<T> {
  if (dialectOf(db) !== "postgres") return work();
  return db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(hashtext(${name}))`.execute(connection);
    try {
      return await work();
    } finally {
      await sql`select pg_advisory_unlock(hashtext(${name}))`.execute(connection);
    }
  });
}
