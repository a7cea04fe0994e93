import { sql, type Kysely } from "kysely";

// Frozen: never edit a migration that has shipped; add a new one.
//
// The audit trail: each event records the client address it came from, and the database
// itself refuses to change or delete an event, whatever code asks.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("audit_events").addColumn("address", "text").execute();
  await db.schema.createIndex("audit_events_at").on("audit_events").columns(["at"]).execute();
  await sql`create trigger audit_events_no_update before update on audit_events begin select raise(abort, 'The audit trail cannot be changed'); end`.execute(db);
  await sql`create trigger audit_events_no_delete before delete on audit_events begin select raise(abort, 'The audit trail cannot be changed'); end`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger audit_events_no_delete`.execute(db);
  await sql`drop trigger audit_events_no_update`.execute(db);
  await db.schema.dropIndex("audit_events_at").execute();
  await db.schema.alterTable("audit_events").dropColumn("address").execute();
}
