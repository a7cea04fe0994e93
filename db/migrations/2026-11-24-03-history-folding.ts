import type { Kysely } from "kysely";

// Frozen: never edit a migration that has shipped; add a new one.
//
// Bounded history: consecutive autosaves of a section by one person within a few minutes fold
// into one history entry, which counts how many saves it stands for and when the first was.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("section_versions").addColumn("saves", "integer", (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.alterTable("section_versions").addColumn("first_saved_at", "integer").execute();
  await db.schema.createIndex("section_versions_part").on("section_versions").columns(["assessment_id", "section_key", "author", "version"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("section_versions_part").execute();
  await db.schema.alterTable("section_versions").dropColumn("first_saved_at").execute();
  await db.schema.alterTable("section_versions").dropColumn("saves").execute();
}
