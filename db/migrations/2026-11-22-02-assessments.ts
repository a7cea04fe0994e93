import { sql, type Kysely } from "kysely";

// Frozen: never edit a migration that has shipped; add a new one.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("cycles")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("region_id", "integer", (c) => c.notNull().references("regions.id"))
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("template_version", "text", (c) => c.notNull())
    // The whole template as the cycle opened with it, so old assessments render as written.
    .addColumn("template_json", "text", (c) => c.notNull())
    .addColumn("opens_on", "text", (c) => c.notNull())
    .addColumn("submission_deadline", "text", (c) => c.notNull())
    .addColumn("challenge_deadline", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "integer", (c) => c.notNull())
    .addUniqueConstraint("cycles_region_label", ["region_id", "label"])
    .execute();

  await db.schema
    .createTable("assessments")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("cycle_id", "integer", (c) => c.notNull().references("cycles.id"))
    .addColumn("authority_id", "integer", (c) => c.notNull().references("authorities.id"))
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("draft").check(sql`status in ('draft','submitted','in_challenge','complete')`),
    )
    .addColumn("submitted_at", "integer")
    .addColumn("submitted_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("returned_reason", "text")
    .addColumn("returned_at", "integer")
    .addColumn("updated_at", "integer", (c) => c.notNull())
    .addUniqueConstraint("assessments_cycle_authority", ["cycle_id", "authority_id"])
    .execute();
  await db.schema.createIndex("assessments_authority").on("assessments").column("authority_id").execute();

  // The current text of each section; `version` rises by one with every accepted save.
  await db.schema
    .createTable("assessment_sections")
    .addColumn("assessment_id", "integer", (c) => c.notNull().references("assessments.id").onDelete("cascade"))
    .addColumn("section_key", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("updated_at", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("assessment_sections_pk", ["assessment_id", "section_key"])
    .execute();

  // Every accepted save, kept for history and restore.
  await db.schema
    .createTable("section_versions")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("assessment_id", "integer", (c) => c.notNull().references("assessments.id").onDelete("cascade"))
    .addColumn("section_key", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("changed_fields", "text", (c) => c.notNull())
    .addColumn("restored_from", "integer")
    .addColumn("author_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "integer", (c) => c.notNull())
    .addUniqueConstraint("section_versions_unique", ["assessment_id", "section_key", "version"])
    .execute();

  await db.schema
    .createTable("signatures")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("assessment_id", "integer", (c) => c.notNull().references("assessments.id").onDelete("cascade"))
    .addColumn("role", "text", (c) => c.notNull().check(sql`role in ('dcs','chief_executive','lead_member')`))
    .addColumn("user_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("signed_at", "integer", (c) => c.notNull())
    .addColumn("content_hash", "text", (c) => c.notNull())
    .addColumn("voided_at", "integer")
    .addColumn("voided_reason", "text")
    .execute();
  await db.schema.createIndex("signatures_assessment").on("signatures").column("assessment_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["signatures", "section_versions", "assessment_sections", "assessments", "cycles"]) {
    await db.schema.dropTable(table).execute();
  }
}
