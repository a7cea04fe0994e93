import type { Kysely, Transaction } from "kysely";

import type { AssessmentStatus, Database, SignatoryRole } from "../../db/schema";
import type { SectionConflict } from "../assessment/save-contract";
import { templateSchema, type TemplateDefinition } from "../template/definition";
import type { AssessmentSubject } from "../permissions.server";
import { now } from "../utils/clock.server";
import { sha256Hex } from "../utils/crypto.server";
import { recordAudit } from "./audit.server";

type Executor = Kysely<Database> | Transaction<Database>;

export type SectionValues = Record<string, unknown>;

export interface AssessmentContext {
  id: number;
  status: AssessmentStatus;
  submittedAt: number | null;
  returnedReason: string | null;
  returnedAt: number | null;
  authority: { id: number; name: string; slug: string; regionId: number };
  cycle: {
    id: number;
    label: string;
    opensOn: string;
    submissionDeadline: string;
    challengeDeadline: string;
    template: TemplateDefinition;
  };
  /** What the permissions module needs to know about this assessment. */
  subject: AssessmentSubject;
}

// Stored templates are parsed, not cast; a cycle's template never changes, so parse it once.
const templateCache = new Map<number, TemplateDefinition>();
function templateOfCycle(cycleId: number, json: string): TemplateDefinition {
  let template = templateCache.get(cycleId);
  if (!template) {
    template = templateSchema.parse(JSON.parse(json));
    templateCache.set(cycleId, template);
  }
  return template;
}

export async function loadAssessment(db: Executor, id: number): Promise<AssessmentContext | undefined> {
  const row = await db
    .selectFrom("assessments")
    .innerJoin("authorities", "authorities.id", "assessments.authority_id")
    .innerJoin("cycles", "cycles.id", "assessments.cycle_id")
    .select([
      "assessments.id",
      "assessments.status",
      "assessments.submitted_at",
      "assessments.returned_reason",
      "assessments.returned_at",
      "authorities.id as authorityId",
      "authorities.name as authorityName",
      "authorities.slug as authoritySlug",
      "authorities.region_id as regionId",
      "cycles.id as cycleId",
      "cycles.label",
      "cycles.opens_on",
      "cycles.submission_deadline",
      "cycles.challenge_deadline",
      "cycles.template_json",
    ])
    .where("assessments.id", "=", id)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    status: row.status,
    submittedAt: row.submitted_at,
    returnedReason: row.returned_reason,
    returnedAt: row.returned_at,
    authority: { id: row.authorityId, name: row.authorityName, slug: row.authoritySlug, regionId: row.regionId },
    cycle: {
      id: row.cycleId,
      label: row.label,
      opensOn: row.opens_on,
      submissionDeadline: row.submission_deadline,
      challengeDeadline: row.challenge_deadline,
      template: templateOfCycle(row.cycleId, row.template_json),
    },
    subject: { type: "assessment", id: row.id, authorityId: row.authorityId, regionId: row.regionId, status: row.status },
  };
}

export interface StoredSection {
  version: number;
  values: SectionValues;
  updatedAt: number | null;
  updatedByName: string | null;
}

const EMPTY_SECTION: StoredSection = { version: 0, values: {}, updatedAt: null, updatedByName: null };

function parseBody(body: string): SectionValues {
  const parsed: unknown = JSON.parse(body);
  return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as SectionValues) : {};
}

function sectionRows(db: Executor, assessmentId: number) {
  return db
    .selectFrom("assessment_sections")
    .leftJoin("users", "users.id", "assessment_sections.updated_by")
    .select([
      "assessment_sections.section_key",
      "assessment_sections.version",
      "assessment_sections.body",
      "assessment_sections.updated_at",
      "users.name as updatedByName",
    ])
    .where("assessment_sections.assessment_id", "=", assessmentId);
}

function toStoredSection(row: { version: number; body: string; updated_at: number; updatedByName: string | null }): StoredSection {
  return { version: row.version, values: parseBody(row.body), updatedAt: row.updated_at, updatedByName: row.updatedByName };
}

/** Every section's current text, keyed by section key; sections never saved are missing (empty at version 0). */
export async function readSections(db: Executor, assessmentId: number): Promise<Record<string, StoredSection>> {
  const rows = await sectionRows(db, assessmentId).execute();
  return Object.fromEntries(rows.map((row) => [row.section_key, toStoredSection(row)]));
}

export async function readSection(db: Executor, assessmentId: number, sectionKey: string): Promise<StoredSection> {
  const row = await sectionRows(db, assessmentId).where("assessment_sections.section_key", "=", sectionKey).executeTakeFirst();
  return row ? toStoredSection(row) : EMPTY_SECTION;
}

/** Stable JSON: object keys sorted, so equal content always gives equal text and equal hashes. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The hash a signature records: every section the authority writes, as it stands now. */
export async function contentHash(
  db: Executor,
  assessment: AssessmentContext,
  sections?: Record<string, StoredSection>,
): Promise<string> {
  sections ??= await readSections(db, assessment.id);
  const authored = Object.fromEntries(
    assessment.cycle.template.sections
      .filter((s) => s.author === "authority")
      .map((s) => [s.key, sections[s.key]?.values ?? {}]),
  );
  return sha256Hex(canonicalJson({ assessment: assessment.id, sections: authored }));
}

export type SaveOutcome =
  | { ok: true; version: number; savedAt: number; voidedSignatures: number }
  | Omit<SectionConflict, "current"> & { current: StoredSection };

/**
 * Saves the changed fields of one section, if and only if the section is still at the version
 * the person's edits were based on. A save against an older version changes nothing and
 * returns the current text, so the editor can show both and the person can merge. Every
 * accepted save is kept in the history and voids any signatures.
 */
export async function saveSectionFields(
  db: Kysely<Database>,
  input: {
    assessmentId: number;
    sectionKey: string;
    baseVersion: number;
    fields: SectionValues;
    actor: { id: string; name: string };
    restoredFrom?: number;
  },
): Promise<SaveOutcome> {
  return db.transaction().execute(async (trx) => {
    // The route checked the status before; a submission may have landed since. Only a draft
    // changes, decided inside this transaction (throwing rolls everything back).
    const draft = await trx
      .selectFrom("assessments")
      .select("id")
      .where("id", "=", input.assessmentId)
      .where("status", "=", "draft")
      .executeTakeFirst();
    if (!draft) throw new Response("This assessment has been submitted, so it can no longer be changed.", { status: 403 });
    const current = await readSection(trx, input.assessmentId, input.sectionKey);
    if (input.baseVersion !== current.version) {
      const base =
        input.baseVersion > 0 && input.baseVersion < current.version
          ? await trx
              .selectFrom("section_versions")
              .select("body")
              .where("assessment_id", "=", input.assessmentId)
              .where("section_key", "=", input.sectionKey)
              .where("version", "=", input.baseVersion)
              .executeTakeFirst()
          : undefined;
      const baseValues = base ? parseBody(base.body) : {};
      const keys = new Set([...Object.keys(baseValues), ...Object.keys(current.values)]);
      const changedSince = [...keys].filter((k) => canonicalJson(baseValues[k]) !== canonicalJson(current.values[k]));
      return {
        ok: false as const,
        error: "conflict" as const,
        message: `${current.updatedByName ?? "Someone"} saved this section while you were editing. Your text has not been saved yet: compare the two versions, then choose what to keep.`,
        current,
        changedSince,
      };
    }

    const changed = Object.keys(input.fields).filter(
      (k) => canonicalJson(input.fields[k]) !== canonicalJson(current.values[k]),
    );
    const t = now();
    if (changed.length === 0 && input.restoredFrom === undefined) {
      return { ok: true as const, version: current.version, savedAt: current.updatedAt ?? t, voidedSignatures: 0 };
    }

    const values = { ...current.values, ...input.fields };
    const body = JSON.stringify(values);
    const version = current.version + 1;
    if (current.version === 0) {
      await trx
        .insertInto("assessment_sections")
        .values({ assessment_id: input.assessmentId, section_key: input.sectionKey, version, body, updated_by: input.actor.id, updated_at: t })
        .execute();
    } else {
      const result = await trx
        .updateTable("assessment_sections")
        .set({ version, body, updated_by: input.actor.id, updated_at: t })
        .where("assessment_id", "=", input.assessmentId)
        .where("section_key", "=", input.sectionKey)
        .where("version", "=", current.version)
        .executeTakeFirst();
      if (result.numUpdatedRows !== 1n) throw new Error("Section changed during save");
    }
    await trx
      .insertInto("section_versions")
      .values({
        assessment_id: input.assessmentId,
        section_key: input.sectionKey,
        version,
        body,
        changed_fields: JSON.stringify(changed),
        restored_from: input.restoredFrom ?? null,
        author_id: input.actor.id,
        created_at: t,
      })
      .execute();
    const voided = await trx
      .updateTable("signatures")
      .set({ voided_at: t, voided_reason: `${input.actor.name} edited the assessment after it was signed` })
      .where("assessment_id", "=", input.assessmentId)
      .where("voided_at", "is", null)
      .executeTakeFirst();
    await trx.updateTable("assessments").set({ updated_at: t }).where("id", "=", input.assessmentId).execute();
    return { ok: true as const, version, savedAt: t, voidedSignatures: Number(voided.numUpdatedRows) };
  });
}

export interface SectionVersionSummary {
  version: number;
  createdAt: number;
  authorName: string | null;
  changedFields: string[];
  restoredFrom: number | null;
}

export async function listSectionVersions(db: Executor, assessmentId: number, sectionKey: string): Promise<SectionVersionSummary[]> {
  const rows = await db
    .selectFrom("section_versions")
    .leftJoin("users", "users.id", "section_versions.author_id")
    .select([
      "section_versions.version",
      "section_versions.created_at",
      "section_versions.changed_fields",
      "section_versions.restored_from",
      "users.name as authorName",
    ])
    .where("section_versions.assessment_id", "=", assessmentId)
    .where("section_versions.section_key", "=", sectionKey)
    .orderBy("section_versions.version", "desc")
    .execute();
  return rows.map((r) => ({
    version: r.version,
    createdAt: r.created_at,
    authorName: r.authorName,
    changedFields: JSON.parse(r.changed_fields) as string[],
    restoredFrom: r.restored_from,
  }));
}

export async function readSectionVersion(db: Executor, assessmentId: number, sectionKey: string, version: number) {
  const row = await db
    .selectFrom("section_versions")
    .leftJoin("users", "users.id", "section_versions.author_id")
    .select(["section_versions.version", "section_versions.body", "section_versions.created_at", "users.name as authorName"])
    .where("section_versions.assessment_id", "=", assessmentId)
    .where("section_versions.section_key", "=", sectionKey)
    .where("section_versions.version", "=", version)
    .executeTakeFirst();
  return row ? { version: row.version, values: parseBody(row.body), createdAt: row.created_at, authorName: row.authorName } : undefined;
}

// ---------------------------------------------------------------------------
// Signatures, submission and return

export interface SignatureView {
  role: SignatoryRole;
  name: string | null;
  signedAt: number;
  voidedAt: number | null;
  voidedReason: string | null;
}

export async function listSignatures(db: Executor, assessmentId: number): Promise<SignatureView[]> {
  const rows = await db
    .selectFrom("signatures")
    .leftJoin("users", "users.id", "signatures.user_id")
    .select([
      "signatures.role",
      "users.name",
      "signatures.signed_at",
      "signatures.voided_at",
      "signatures.voided_reason",
    ])
    .where("signatures.assessment_id", "=", assessmentId)
    .orderBy("signatures.signed_at", "desc")
    .execute();
  return rows.map((r) => ({ role: r.role, name: r.name, signedAt: r.signed_at, voidedAt: r.voided_at, voidedReason: r.voided_reason }));
}

/** Roles with a live signature over exactly the content as it stands now. */
export async function validSignatureRoles(
  db: Executor,
  assessment: AssessmentContext,
  sections?: Record<string, StoredSection>,
): Promise<Set<SignatoryRole>> {
  const hash = await contentHash(db, assessment, sections);
  const rows = await db
    .selectFrom("signatures")
    .select("role")
    .where("assessment_id", "=", assessment.id)
    .where("voided_at", "is", null)
    .where("content_hash", "=", hash)
    .execute();
  return new Set(rows.map((r) => r.role));
}

export async function signAssessment(
  db: Kysely<Database>,
  assessment: AssessmentContext,
  actor: { id: string },
  role: SignatoryRole,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const t = now();
    // Signing again replaces one's own earlier signature for the role.
    await trx
      .updateTable("signatures")
      .set({ voided_at: t, voided_reason: "Signed again" })
      .where("assessment_id", "=", assessment.id)
      .where("role", "=", role)
      .where("voided_at", "is", null)
      .execute();
    await trx
      .insertInto("signatures")
      .values({ assessment_id: assessment.id, role, user_id: actor.id, signed_at: t, content_hash: await contentHash(trx, assessment), voided_at: null, voided_reason: null })
      .execute();
    await recordAudit(trx, { actorUserId: actor.id, action: "assessment.signed", subjectType: "assessment", subjectId: assessment.id, details: { role } });
  });
}

/** Marks a draft submitted. Run it in the transaction that checked the assessment is complete. */
export async function markSubmitted(trx: Transaction<Database>, assessmentId: number, actorId: string): Promise<boolean> {
  const t = now();
  const result = await trx
    .updateTable("assessments")
    .set({ status: "submitted", submitted_at: t, submitted_by: actorId, updated_at: t })
    .where("id", "=", assessmentId)
    .where("status", "=", "draft")
    .executeTakeFirst();
  if (result.numUpdatedRows !== 1n) return false;
  await recordAudit(trx, { actorUserId: actorId, action: "assessment.submitted", subjectType: "assessment", subjectId: assessmentId });
  return true;
}

export async function returnToDraft(db: Kysely<Database>, assessmentId: number, actorId: string, reason: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const t = now();
    await trx
      .updateTable("assessments")
      .set({ status: "draft", returned_reason: reason, returned_at: t, updated_at: t })
      .where("id", "=", assessmentId)
      .execute();
    await recordAudit(trx, { actorUserId: actorId, action: "assessment.returned", subjectType: "assessment", subjectId: assessmentId, details: { reason } });
  });
}

/** Every assessment of the given authorities, newest cycle first: what their people see on the home page. */
export async function listAssessmentsOfAuthorities(db: Executor, authorityIds: number[]) {
  if (authorityIds.length === 0) return [];
  return db
    .selectFrom("assessments")
    .innerJoin("cycles", "cycles.id", "assessments.cycle_id")
    .select([
      "assessments.id",
      "assessments.status",
      "assessments.authority_id as authorityId",
      "cycles.label as cycleLabel",
      "cycles.submission_deadline as submissionDeadline",
    ])
    .where("assessments.authority_id", "in", authorityIds)
    .orderBy("cycles.opens_on", "desc")
    .execute();
}
