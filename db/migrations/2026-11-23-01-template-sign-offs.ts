import { createHash } from "node:crypto";

import { sql, type Kysely } from "kysely";

// Frozen: never edit a migration that has shipped; add a new one.
//
// Signatures, authorship and peers come from the template instead of fixed role lists:
// - each stored cycle template gains what sign-off fields now declare (`covers` and each
//   role's `signedBy`), worked out from the template itself exactly as the app used to;
// - signatures name their sign-off field and role key, with no CHECK on the role;
// - a section is stored as one part per author, each with its own version;
// - peer directors are assigned to the assessments they challenge, and can be invited to one.

interface StoredField {
  key: string;
  kind: string;
  covers?: string[];
  roles?: Array<{ key: string; signedBy?: string }>;
}
interface StoredSection {
  key: string;
  author: string;
  fields: StoredField[];
}

/** The app's stable JSON as of this migration (keys sorted), frozen here with it. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** Adds `covers` and `signedBy` to an old template; returns the authority's sign-off key. */
function upgradeTemplate(template: { sections: StoredSection[] }): string | undefined {
  let authoritySignOff: string | undefined;
  for (const section of template.sections) {
    for (const field of section.fields) {
      if (field.kind !== "signOff") continue;
      // Before: the authority's signatures covered every section the authority writes, the
      // peers' their own section; authority roles were membership roles, peer roles the peers.
      field.covers ??= template.sections
        .filter((other) => other.author === section.author && other.fields.some((f) => f.kind !== "signOff"))
        .map((other) => other.key);
      for (const role of field.roles ?? []) role.signedBy ??= section.author === "peers" ? "peer" : role.key;
      if (section.author !== "peers") authoritySignOff ??= field.key;
    }
  }
  return authoritySignOff;
}

export async function up(db: Kysely<any>): Promise<void> {
  const cycles = await db.selectFrom("cycles").select(["id", "template_json"]).execute();
  const signOffOfCycle = new Map<number, string | undefined>();
  const templateOfCycle = new Map<number, { sections: StoredSection[] }>();
  for (const cycle of cycles as Array<{ id: number; template_json: string }>) {
    const template = JSON.parse(cycle.template_json) as { sections: StoredSection[] };
    signOffOfCycle.set(cycle.id, upgradeTemplate(template));
    templateOfCycle.set(cycle.id, template);
    await db.updateTable("cycles").set({ template_json: JSON.stringify(template) }).where("id", "=", cycle.id).execute();
  }

  // Signatures: rebuilt without the role CHECK, naming the sign-off field.
  await db.schema
    .createTable("signatures_new")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("assessment_id", "integer", (c) => c.notNull().references("assessments.id").onDelete("cascade"))
    .addColumn("sign_off_key", "text", (c) => c.notNull())
    .addColumn("role_key", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("signed_at", "integer", (c) => c.notNull())
    .addColumn("content_hash", "text", (c) => c.notNull())
    .addColumn("voided_at", "integer")
    .addColumn("voided_reason", "text")
    .addColumn("replaced_at", "integer")
    .execute();
  const signatures = (await db
    .selectFrom("signatures")
    .innerJoin("assessments", "assessments.id", "signatures.assessment_id")
    .select([
      "signatures.id",
      "signatures.assessment_id",
      "signatures.role",
      "signatures.user_id",
      "signatures.signed_at",
      "signatures.content_hash",
      "signatures.voided_at",
      "signatures.voided_reason",
      "assessments.cycle_id",
    ])
    .execute()) as Array<Record<string, any>>;
  const bodies = (await db.selectFrom("assessment_sections").select(["assessment_id", "section_key", "body"]).execute()) as Array<{
    assessment_id: number;
    section_key: string;
    body: string;
  }>;
  const valuesOf = (assessmentId: number, sectionKey: string): unknown => {
    const row = bodies.find((b) => b.assessment_id === assessmentId && b.section_key === sectionKey);
    return row ? JSON.parse(row.body) : {};
  };
  for (const s of signatures) {
    const signOffKey = signOffOfCycle.get(s.cycle_id);
    const template = templateOfCycle.get(s.cycle_id);
    if (!signOffKey || !template) continue;
    const resigned = s.voided_reason === "Signed again";
    // A live signature that matched the content under the old hash (every authority section)
    // is carried over under the new one (the sections its sign-off covers); others stay unmatched.
    let contentHash: string = s.content_hash;
    const authored = template.sections.filter((section) => section.author !== "peers").map((section) => section.key);
    const oldHash = sha256(canonical({ assessment: s.assessment_id, sections: Object.fromEntries(authored.map((k) => [k, valuesOf(s.assessment_id, k)])) }));
    if (oldHash === s.content_hash) {
      const field = template.sections.flatMap((section) => section.fields).find((f) => f.key === signOffKey);
      const covered = field?.covers ?? [];
      contentHash = sha256(
        canonical({ assessment: s.assessment_id, signOff: signOffKey, sections: Object.fromEntries(covered.map((k) => [k, valuesOf(s.assessment_id, k)])) }),
      );
    }
    await db
      .insertInto("signatures_new")
      .values({
        id: s.id,
        assessment_id: s.assessment_id,
        sign_off_key: signOffKey,
        role_key: s.role,
        user_id: s.user_id,
        signed_at: s.signed_at,
        content_hash: contentHash,
        voided_at: resigned ? null : s.voided_at,
        voided_reason: resigned ? null : s.voided_reason,
        replaced_at: resigned ? s.voided_at : null,
      })
      .execute();
  }
  await db.schema.dropTable("signatures").execute();
  await db.schema.alterTable("signatures_new").renameTo("signatures").execute();
  await db.schema.createIndex("signatures_assessment").on("signatures").columns(["assessment_id", "sign_off_key"]).execute();

  // Sections: one part per author. Every part stored so far is the authority's (nobody else could write).
  await db.schema
    .createTable("assessment_sections_new")
    .addColumn("assessment_id", "integer", (c) => c.notNull().references("assessments.id").onDelete("cascade"))
    .addColumn("section_key", "text", (c) => c.notNull())
    .addColumn("author", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("updated_at", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("assessment_sections_pk", ["assessment_id", "section_key", "author"])
    .execute();
  await sql`insert into assessment_sections_new (assessment_id, section_key, author, version, body, updated_by, updated_at)
    select assessment_id, section_key, 'authority', version, body, updated_by, updated_at from assessment_sections`.execute(db);
  await db.schema.dropTable("assessment_sections").execute();
  await db.schema.alterTable("assessment_sections_new").renameTo("assessment_sections").execute();

  await db.schema
    .createTable("section_versions_new")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("assessment_id", "integer", (c) => c.notNull().references("assessments.id").onDelete("cascade"))
    .addColumn("section_key", "text", (c) => c.notNull())
    .addColumn("author", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("changed_fields", "text", (c) => c.notNull())
    .addColumn("restored_from", "integer")
    .addColumn("author_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "integer", (c) => c.notNull())
    .addUniqueConstraint("section_versions_part_version", ["assessment_id", "section_key", "author", "version"])
    .execute();
  await sql`insert into section_versions_new (id, assessment_id, section_key, author, version, body, changed_fields, restored_from, author_id, created_at)
    select id, assessment_id, section_key, 'authority', version, body, changed_fields, restored_from, author_id, created_at from section_versions`.execute(db);
  await db.schema.dropTable("section_versions").execute();
  await db.schema.alterTable("section_versions_new").renameTo("section_versions").execute();

  // Invitations may now make a peer director, who joins no authority: rebuilt without the role CHECK
  // (the app parses the role on the way in and out).
  await db.schema
    .createTable("invitations_new")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("authority_id", "integer", (c) => c.references("authorities.id"))
    .addColumn("region_id", "integer", (c) => c.notNull().references("regions.id"))
    .addColumn("invited_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "integer", (c) => c.notNull())
    .addColumn("expires_at", "integer", (c) => c.notNull())
    .addColumn("accepted_at", "integer")
    .addColumn("accepted_user_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .execute();
  await sql`insert into invitations_new select id, token_hash, email, role, authority_id, region_id, invited_by, created_at, expires_at, accepted_at, accepted_user_id from invitations`.execute(db);
  await db.schema.dropTable("invitations").execute();
  await db.schema.alterTable("invitations_new").renameTo("invitations").execute();

  await db.schema
    .createTable("peer_assignments")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("assessment_id", "integer", (c) => c.notNull().references("assessments.id").onDelete("cascade"))
    .addColumn("peer_authority_id", "integer", (c) => c.notNull().references("authorities.id"))
    // Null while the named director is still invited (they have no account yet).
    .addColumn("user_id", "text", (c) => c.references("users.id").onDelete("cascade"))
    .addColumn("invitation_id", "integer", (c) => c.references("invitations.id").onDelete("set null"))
    .addColumn("assigned_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "integer", (c) => c.notNull())
    .addUniqueConstraint("peer_assignments_authority", ["assessment_id", "peer_authority_id"])
    .addUniqueConstraint("peer_assignments_user", ["assessment_id", "user_id"])
    .execute();
  await db.schema.createIndex("peer_assignments_user_index").on("peer_assignments").column("user_id").execute();
}

export async function down(): Promise<void> {
  throw new Error("This migration cannot be undone: restore a backup taken before it.");
}
