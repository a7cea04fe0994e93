import { sql, type Kysely } from "kysely";

import { createOfferSearchTable, dropOfferSearchTable } from "../dialect.server";

// Frozen: never edit a migration that has shipped; add a new one. (Its dialect-specific SQL
// moved into db/dialect.server.ts, unchanged for SQLite, when PostgreSQL arrived.)
//
// The regional offer. Offers and requests are copied out of section JSON when an assessment is
// submitted (and removed when it returns to draft), so the board, its search and the
// suggestions are plain queries that can only ever see submitted work. The region owns its
// theme vocabulary. The coordinator brokers requests to offers and tracks each link.

export async function up(db: Kysely<any>): Promise<void> {
  // The region's themes. A retired theme keeps its key and label, so old items still read right.
  await db.schema
    .createTable("region_themes")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("region_id", "integer", (c) => c.notNull().references("regions.id").onDelete("cascade"))
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("retired_at", "integer")
    .addColumn("created_at", "integer", (c) => c.notNull())
    .addUniqueConstraint("region_themes_key", ["region_id", "key"])
    .execute();

  // One offer or request of a submitted assessment. `item_key` is the list item's own id, which
  // stays the same across saves, so a link survives a return to draft and resubmission.
  await db.schema
    .createTable("offer_items")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("cycle_id", "integer", (c) => c.notNull().references("cycles.id").onDelete("cascade"))
    .addColumn("assessment_id", "integer", (c) => c.notNull().references("assessments.id").onDelete("cascade"))
    .addColumn("authority_id", "integer", (c) => c.notNull().references("authorities.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('offer', 'request')`))
    .addColumn("item_key", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    // The description as plain text (search, CSV) and as sanitised HTML rendered once, at submission.
    .addColumn("body_text", "text", (c) => c.notNull())
    .addColumn("body_html", "text", (c) => c.notNull())
    .addColumn("support_kind", "text")
    .addColumn("submitted_at", "integer", (c) => c.notNull())
    .addUniqueConstraint("offer_items_item", ["assessment_id", "kind", "item_key"])
    .execute();
  await db.schema.createIndex("offer_items_cycle").on("offer_items").columns(["cycle_id", "kind", "authority_id", "position"]).execute();

  await db.schema
    .createTable("offer_item_themes")
    .addColumn("item_id", "integer", (c) => c.notNull().references("offer_items.id").onDelete("cascade"))
    .addColumn("theme", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("offer_item_themes_pk", ["item_id", "theme"])
    .execute();
  await db.schema.createIndex("offer_item_themes_theme").on("offer_item_themes").columns(["theme", "item_id"]).execute();

  // Full-text index over titles and descriptions; rowid is offer_items.id. Written in the same
  // transaction as the items, and rebuilt from them by `npm run offers:reindex`.
  // (FTS5 on SQLite, tsvector on PostgreSQL: db/dialect.server.ts.)
  await createOfferSearchTable(db);

  // A request brokered to an offer, and its stage.
  await db.schema
    .createTable("offer_links")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("cycle_id", "integer", (c) => c.notNull().references("cycles.id").onDelete("cascade"))
    .addColumn("request_assessment_id", "integer", (c) => c.notNull().references("assessments.id").onDelete("cascade"))
    .addColumn("request_key", "text", (c) => c.notNull())
    .addColumn("offer_assessment_id", "integer", (c) => c.notNull().references("assessments.id").onDelete("cascade"))
    .addColumn("offer_key", "text", (c) => c.notNull())
    .addColumn("stage", "text", (c) => c.notNull().check(sql`stage in ('proposed', 'agreed', 'under_way', 'done', 'declined')`))
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "integer", (c) => c.notNull())
    .addColumn("updated_at", "integer", (c) => c.notNull())
    .addUniqueConstraint("offer_links_pair", ["request_assessment_id", "request_key", "offer_assessment_id", "offer_key"])
    .execute();

  // A link's dated record: notes, and each change of stage.
  await db.schema
    .createTable("offer_link_notes")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("link_id", "integer", (c) => c.notNull().references("offer_links.id").onDelete("cascade"))
    .addColumn("author_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("stage", "text")
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("offer_link_notes_link").on("offer_link_notes").columns(["link_id", "id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("offer_link_notes").execute();
  await db.schema.dropTable("offer_links").execute();
  await dropOfferSearchTable(db);
  await db.schema.dropTable("offer_item_themes").execute();
  await db.schema.dropTable("offer_items").execute();
  await db.schema.dropTable("region_themes").execute();
}
