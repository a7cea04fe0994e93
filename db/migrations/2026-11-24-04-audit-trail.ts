import type { Kysely } from "kysely";

import { allowAuditChanges, forbidAuditChanges } from "../dialect.server";

// Frozen: never edit a migration that has shipped; add a new one. (Its triggers moved into
// db/dialect.server.ts, unchanged for SQLite, when PostgreSQL arrived.)
//
// The audit trail: each event records the client address it came from, and the database
// itself refuses to change or delete an event, whatever code asks.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("audit_events").addColumn("address", "text").execute();
  await db.schema.createIndex("audit_events_at").on("audit_events").columns(["at"]).execute();
  await forbidAuditChanges(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await allowAuditChanges(db);
  await db.schema.dropIndex("audit_events_at").execute();
  await db.schema.alterTable("audit_events").dropColumn("address").execute();
}
