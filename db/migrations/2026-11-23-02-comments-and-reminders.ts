import type { Kysely } from "kysely";

// Frozen: never edit a migration that has shipped; add a new one.
//
// Comments on the sections of a submitted assessment, with one level of replies; reminders
// before each deadline, with a record of each one sent so nobody is reminded twice; and a
// person's choice to receive no reminders.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("comments")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("assessment_id", "integer", (c) => c.notNull().references("assessments.id").onDelete("cascade"))
    .addColumn("section_key", "text", (c) => c.notNull())
    // A reply names the comment that opened its thread; threads are one level deep.
    .addColumn("parent_id", "integer", (c) => c.references("comments.id").onDelete("cascade"))
    .addColumn("author_id", "text", (c) => c.references("users.id").onDelete("set null"))
    // TipTap JSON, checked like every answer.
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "integer", (c) => c.notNull())
    .addColumn("edited_at", "integer")
    .addColumn("deleted_at", "integer")
    .execute();
  await db.schema.createIndex("comments_assessment_section").on("comments").columns(["assessment_id", "section_key"]).execute();

  // One row per reminder sent: (person, assessment, which deadline, how many days before).
  await db.schema
    .createTable("reminders_sent")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("assessment_id", "integer", (c) => c.notNull().references("assessments.id").onDelete("cascade"))
    .addColumn("deadline", "text", (c) => c.notNull())
    .addColumn("days_before", "integer", (c) => c.notNull())
    .addColumn("sent_at", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("reminders_sent_pk", ["user_id", "assessment_id", "deadline", "days_before"])
    .execute();

  await db.schema.alterTable("users").addColumn("reminders_off", "integer", (c) => c.notNull().defaultTo(0)).execute();
  // Days before each deadline to remind, as a JSON list; the default is two weeks and three days.
  await db.schema.alterTable("cycles").addColumn("reminder_days", "text", (c) => c.notNull().defaultTo("[14,3]")).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("cycles").dropColumn("reminder_days").execute();
  await db.schema.alterTable("users").dropColumn("reminders_off").execute();
  await db.schema.dropTable("reminders_sent").execute();
  await db.schema.dropTable("comments").execute();
}
