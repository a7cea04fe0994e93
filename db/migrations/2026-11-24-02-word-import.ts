import type { Kysely } from "kysely";

// Frozen: never edit a migration that has shipped; add a new one.
//
// Importing a Word self-assessment: what was read from the file waits here for the person to
// choose what to take (nothing is written to the assessment before they confirm), and a saved
// version can carry a note saying where it came from ("Imported from Word").

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("word_imports")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("assessment_id", "integer", (c) => c.notNull().references("assessments.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("file_name", "text", (c) => c.notNull())
    // JSON: each field found with its value and problems, and what could not be placed.
    .addColumn("result", "text", (c) => c.notNull())
    .addColumn("created_at", "integer", (c) => c.notNull())
    .addColumn("applied_at", "integer")
    .execute();
  await db.schema.createIndex("word_imports_assessment").on("word_imports").columns(["assessment_id", "user_id"]).execute();
  await db.schema.alterTable("section_versions").addColumn("note", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("section_versions").dropColumn("note").execute();
  await db.schema.dropTable("word_imports").execute();
}
