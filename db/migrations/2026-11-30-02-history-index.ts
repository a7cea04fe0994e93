import type { Kysely } from "kysely";

// Frozen: never edit a migration that has shipped; add a new one.
//
// A section's history page reads one page of its entries, newest first: this index serves
// that order without sorting every entry of the section.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("section_versions_newest").on("section_versions").columns(["assessment_id", "section_key", "created_at", "id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("section_versions_newest").execute();
}
