import type { Kysely } from "kysely";

// Frozen: never edit a migration that has shipped; add a new one.
//
// When a password-reset email last went to each person: at most one every few minutes
// (app/models/password-reset.server.ts claims the slot with one conditional UPDATE).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").addColumn("password_reset_sent_at", "integer").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").dropColumn("password_reset_sent_at").execute();
}
