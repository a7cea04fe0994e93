/**
 * The stored text of sections, one part per author, and every accepted save as history.
 * Queries only: the workflow (app/assessment/workflow.server.ts) decides what may be written
 * and opens the transactions; these functions take the database or that transaction.
 */
import type { Executor, SectionAuthor } from "../../db/schema";
import type { SectionValues } from "../template/values";

export interface StoredPart {
  version: number;
  values: SectionValues;
  updatedAt: number | null;
  updatedByName: string | null;
}

export const EMPTY_PART: StoredPart = { version: 0, values: {}, updatedAt: null, updatedByName: null };

/** Section key → author → that author's stored part. Parts never saved are missing. */
export type StoredParts = Record<string, Partial<Record<SectionAuthor, StoredPart>>>;

export function parseBody(body: string): SectionValues {
  const parsed: unknown = JSON.parse(body);
  return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as SectionValues) : {};
}

function partRows(db: Executor, assessmentId: number) {
  return db
    .selectFrom("assessment_sections")
    .leftJoin("users", "users.id", "assessment_sections.updated_by")
    .select([
      "assessment_sections.section_key",
      "assessment_sections.author",
      "assessment_sections.version",
      "assessment_sections.body",
      "assessment_sections.updated_at",
      "users.name as updatedByName",
    ])
    .where("assessment_sections.assessment_id", "=", assessmentId);
}

/**
 * What identifies the stored state of an assessment's parts without reading them: each part's
 * version and time of its last save. Any save changes it.
 */
export async function partsFingerprint(db: Executor, assessmentId: number): Promise<string> {
  const rows = await db
    .selectFrom("assessment_sections")
    .select(["section_key", "author", "version", "updated_at"])
    .where("assessment_id", "=", assessmentId)
    .orderBy("section_key")
    .orderBy("author")
    .execute();
  return rows.map((r) => partStamp(r.section_key, r.author, r.version, r.updated_at)).join(",");
}

function partStamp(sectionKey: string, author: string, version: number, updatedAt: number | null): string {
  return `${sectionKey}/${author}/${version}/${updatedAt}`;
}

export function fingerprintOf(parts: StoredParts): string {
  return Object.keys(parts)
    .sort()
    .flatMap((sectionKey) =>
      Object.keys(parts[sectionKey]!)
        .sort()
        .map((author) => {
          const part = parts[sectionKey]![author as SectionAuthor]!;
          return partStamp(sectionKey, author, part.version, part.updatedAt);
        }),
    )
    .join(",");
}

/** Every stored part of an assessment's sections, or of one section. */
export async function readParts(db: Executor, assessmentId: number, sectionKey?: string): Promise<StoredParts> {
  let query = partRows(db, assessmentId);
  if (sectionKey !== undefined) query = query.where("assessment_sections.section_key", "=", sectionKey);
  const parts: StoredParts = {};
  for (const row of await query.execute()) {
    (parts[row.section_key] ??= {})[row.author] = {
      version: row.version,
      values: parseBody(row.body),
      updatedAt: row.updated_at,
      updatedByName: row.updatedByName,
    };
  }
  return parts;
}

/** One author's part of one section (empty at version 0 when never saved). */
export async function readPart(db: Executor, assessmentId: number, sectionKey: string, author: SectionAuthor): Promise<StoredPart> {
  const parts = await readParts(db, assessmentId, sectionKey);
  return parts[sectionKey]?.[author] ?? EMPTY_PART;
}

/**
 * Writes a new version of one part, if it is still at `fromVersion`, and keeps it in the
 * history. Returns false when someone else wrote it first (the caller reports a conflict).
 */
export async function writePart(
  db: Executor,
  input: {
    assessmentId: number;
    sectionKey: string;
    author: SectionAuthor;
    fromVersion: number;
    values: SectionValues;
    changedFields: string[];
    /** Null for what the app itself writes (rows carried forward when a cycle opens). */
    actorId: string | null;
    at: number;
    restoredFrom?: number;
    note?: string;
    /**
     * Fold into the latest history entry instead of adding one, when that entry is this
     * person's own plain save, last saved at or after `lastSince` and first saved at or after
     * `firstSince` (see the workflow's save).
     */
    fold?: { lastSince: number; firstSince: number };
  },
): Promise<{ written: true; version: number } | { written: false }> {
  const body = JSON.stringify(input.values);
  const version = input.fromVersion + 1;
  const key = { assessment_id: input.assessmentId, section_key: input.sectionKey, author: input.author };
  if (input.fromVersion === 0) {
    const inserted = await db
      .insertInto("assessment_sections")
      .values({ ...key, version, body, updated_by: input.actorId, updated_at: input.at })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) !== 1) return { written: false };
  } else {
    const updated = await db
      .updateTable("assessment_sections")
      .set({ version, body, updated_by: input.actorId, updated_at: input.at })
      .where("assessment_id", "=", key.assessment_id)
      .where("section_key", "=", key.section_key)
      .where("author", "=", key.author)
      .where("version", "=", input.fromVersion)
      .executeTakeFirst();
    if (updated.numUpdatedRows !== 1n) return { written: false };
  }
  if (input.fold !== undefined && input.restoredFrom === undefined && input.note === undefined && input.actorId !== null) {
    const last = await db
      .selectFrom("section_versions")
      .select(["id", "version", "author_id", "restored_from", "note", "created_at", "first_saved_at", "changed_fields"])
      .where("assessment_id", "=", key.assessment_id)
      .where("section_key", "=", key.section_key)
      .where("author", "=", key.author)
      .orderBy("version", "desc")
      .limit(1)
      .executeTakeFirst();
    const first = last?.first_saved_at ?? last?.created_at ?? 0;
    if (
      last &&
      last.version === input.fromVersion &&
      last.author_id === input.actorId &&
      last.restored_from === null &&
      last.note === null &&
      last.created_at >= input.fold.lastSince &&
      first >= input.fold.firstSince
    ) {
      const changed = [...new Set([...(JSON.parse(last.changed_fields) as string[]), ...input.changedFields])];
      await db
        .updateTable("section_versions")
        .set((eb) => ({ version, body, changed_fields: JSON.stringify(changed), created_at: input.at, first_saved_at: first, saves: eb("saves", "+", 1) }))
        .where("id", "=", last.id)
        .execute();
      return { written: true, version };
    }
  }
  await db
    .insertInto("section_versions")
    .values({
      ...key,
      version,
      body,
      changed_fields: JSON.stringify(input.changedFields),
      restored_from: input.restoredFrom ?? null,
      author_id: input.actorId,
      created_at: input.at,
      note: input.note ?? null,
    })
    .execute();
  return { written: true, version };
}

export interface SectionVersionSummary {
  author: SectionAuthor;
  version: number;
  createdAt: number;
  authorName: string | null;
  changedFields: string[];
  restoredFrom: number | null;
  note: string | null;
  /** How many saves the entry stands for (more than one when autosaves folded into it). */
  saves: number;
}

/** History pages hold this many entries: a section typed in for a year stays quick to open. */
export const HISTORY_PAGE_SIZE = 50;

/** How many history entries a section has, over all its parts. */
export async function countSectionVersions(db: Executor, assessmentId: number, sectionKey: string): Promise<number> {
  const row = await db
    .selectFrom("section_versions")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("assessment_id", "=", assessmentId)
    .where("section_key", "=", sectionKey)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One page of a section's saved versions, newest first, of every part. */
export async function listSectionVersions(db: Executor, assessmentId: number, sectionKey: string, page = 1): Promise<SectionVersionSummary[]> {
  const rows = await db
    .selectFrom("section_versions")
    .leftJoin("users", "users.id", "section_versions.author_id")
    .select([
      "section_versions.author",
      "section_versions.version",
      "section_versions.created_at",
      "section_versions.changed_fields",
      "section_versions.restored_from",
      "section_versions.note",
      "section_versions.saves",
      "users.name as authorName",
    ])
    .where("section_versions.assessment_id", "=", assessmentId)
    .where("section_versions.section_key", "=", sectionKey)
    .orderBy("section_versions.created_at", "desc")
    .orderBy("section_versions.id", "desc")
    .limit(HISTORY_PAGE_SIZE)
    .offset((page - 1) * HISTORY_PAGE_SIZE)
    .execute();
  return rows.map((r) => ({
    author: r.author,
    version: r.version,
    createdAt: r.created_at,
    authorName: r.authorName,
    changedFields: JSON.parse(r.changed_fields) as string[],
    restoredFrom: r.restored_from,
    note: r.note,
    saves: r.saves,
  }));
}

/**
 * The history entry holding a version, or, when that version was folded into a later entry,
 * the last entry before it: the text as it stood no later than that version.
 */
export async function readSectionVersionAtOrBefore(db: Executor, assessmentId: number, sectionKey: string, author: SectionAuthor, version: number) {
  const row = await db
    .selectFrom("section_versions")
    .select(["version", "body"])
    .where("assessment_id", "=", assessmentId)
    .where("section_key", "=", sectionKey)
    .where("author", "=", author)
    .where("version", "<=", version)
    .orderBy("version", "desc")
    .limit(1)
    .executeTakeFirst();
  return row ? { version: row.version, values: parseBody(row.body) } : undefined;
}

export async function readSectionVersion(db: Executor, assessmentId: number, sectionKey: string, author: SectionAuthor, version: number) {
  const row = await db
    .selectFrom("section_versions")
    .leftJoin("users", "users.id", "section_versions.author_id")
    .select(["section_versions.version", "section_versions.body", "section_versions.created_at", "users.name as authorName"])
    .where("section_versions.assessment_id", "=", assessmentId)
    .where("section_versions.section_key", "=", sectionKey)
    .where("section_versions.author", "=", author)
    .where("section_versions.version", "=", version)
    .executeTakeFirst();
  return row ? { version: row.version, values: parseBody(row.body), createdAt: row.created_at, authorName: row.authorName } : undefined;
}

/**
 * One author's part of one section in every submitted assessment of some cycles (never a
 * draft's): what the region's shared pages read ratings from.
 */
export async function listSubmittedParts(db: Executor, cycleIds: number[], sectionKey: string, author: SectionAuthor) {
  if (cycleIds.length === 0) return [];
  const rows = await db
    .selectFrom("assessments")
    .innerJoin("assessment_sections", "assessment_sections.assessment_id", "assessments.id")
    .select(["assessments.cycle_id as cycleId", "assessments.authority_id as authorityId", "assessment_sections.body"])
    .where("assessments.cycle_id", "in", cycleIds)
    .where("assessments.status", "!=", "draft")
    .where("assessment_sections.section_key", "=", sectionKey)
    .where("assessment_sections.author", "=", author)
    .execute();
  return rows.map((r) => ({ cycleId: r.cycleId, authorityId: r.authorityId, values: parseBody(r.body) }));
}
