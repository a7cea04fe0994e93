import type { Kysely } from "kysely";

// Frozen: never edit a migration that has shipped; add a new one.
//
// Failed sign-ins remember the address they came from, so one address trying many accounts
// (password spraying) is throttled as well as many attempts at one account.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("sign_in_failures").addColumn("address", "text").execute();
  await db.schema.createIndex("sign_in_failures_address_at").on("sign_in_failures").columns(["address", "at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("sign_in_failures_address_at").execute();
  await db.schema.alterTable("sign_in_failures").dropColumn("address").execute();
}
