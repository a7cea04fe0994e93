/**
 * Importing a filled Word self-assessment into a draft, in two steps. Reading: the file is
 * checked and read in a worker (docx-reader, app/uploads), its parts placed under the template's fields (place.ts),
 * each field's part read by its kind (`fromWord`) and checked exactly as a save would be; the
 * result is stored for the person to review. Applying: the fields they choose are saved
 * through the workflow's own save, per section, with "Imported from Word" in the history, so
 * limits, permissions, conflicts and the voiding of signatures all work as for typing.
 */
import type { Kysely } from "kysely";

import type { Database, SectionAuthor } from "../../../db/schema";
import { WorkflowError } from "../../assessment/errors";
import { saveSection } from "../../assessment/workflow.server";
import type { Actor } from "../../auth/actor.server";
import type { AssessmentContext } from "../../models/assessment.server";
import { recordAudit } from "../../models/audit.server";
import { readPart } from "../../models/section.server";
import { assessmentSubject, authorSideOf } from "../../permissions.server";
import { findWordImport, insertWordImport, markWordImportApplied } from "../../models/word-import.server";
import { richTextToPlainText } from "../../richtext/render.server";
import { findSection, type TemplateDefinition } from "../../template/definition";
import { kindOf } from "../../template/kinds";
import { parseSectionValues } from "../../template/parse.server";
import { now } from "../../utils/clock.server";
import { runUntrusted } from "../../uploads/untrusted-worker.server";
import type { ReadBlock } from "./blocks";
import { placeBlocks } from "./place";

export const IMPORT_NOTE = "Imported from Word";

const WRITERS: Record<SectionAuthor, string> = { authority: "The authority's people", peers: "The peer directors" };

export interface ImportedField {
  sectionKey: string;
  sectionTitle: string;
  fieldKey: string;
  title: string;
  /** The value to save, checked; absent when nothing usable was found. */
  value?: unknown;
  /** What was found, as the page shows it in words. */
  preview: string;
  /** Why it cannot be taken, when it cannot. */
  problem?: string;
}

export interface ImportResult {
  fields: ImportedField[];
  unplaced: string[];
  cover: string[];
}

const PREVIEW_CHARS = 1_200;

/** Reads a .docx in a worker (app/uploads): its blocks, or UploadRefused saying why not. */
export function readDocxSafely(bytes: Uint8Array): Promise<ReadBlock[]> {
  return runUntrusted("docx", bytes);
}

/**
 * A document's blocks against a template: what goes where, checked. Only the sections `side`
 * writes (the template's `author`) can be taken.
 */
export function interpretBlocks(template: TemplateDefinition, blocks: ReadBlock[], side: SectionAuthor): ImportResult {
  const placement = placeBlocks(template, blocks);
  const vocabulary = [...template.themes, ...template.supportKinds];
  const fields: ImportedField[] = placement.fields.map(({ section, field, blocks }) => {
    const base = { sectionKey: section.key, sectionTitle: section.number ? `${section.number}: ${section.title}` : section.title, fieldKey: field.key, title: field.title };
    if (section.author !== side) return { ...base, preview: "", problem: `${WRITERS[section.author]} write this section, so it is not imported.` };
    if (field.kind === "table" && field.carryForward) {
      return { ...base, preview: "", problem: "The app carries these rows forward from last year's challenge, so they are not imported." };
    }
    const kind = kindOf(field);
    const value = kind.fromWord(field, blocks, vocabulary);
    if (value === undefined) return { ...base, preview: "", problem: "Nothing under this heading could be read as an answer." };
    const text = kind.plainText(field, value, richTextToPlainText);
    const preview = text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS - 1)}…` : text;
    const parsed = parseSectionValues(section, { [field.key]: value });
    if (!parsed.ok) return { ...base, preview, problem: parsed.errors.map((e) => e.message).join("; ") };
    return { ...base, value: parsed.values[field.key], preview };
  });
  return { fields, unplaced: placement.unplaced, cover: placement.cover };
}

/** Reads the file and keeps what was found for the person to review; nothing is written to the assessment. */
export async function readForImport(db: Kysely<Database>, input: { assessment: AssessmentContext; actor: Actor; fileName: string; bytes: Uint8Array }): Promise<number> {
  const side = authorSideOf(input.actor, assessmentSubject(input.assessment));
  if (!side) throw new WorkflowError("not_editable");
  const result = interpretBlocks(input.assessment.cycle.template, await readDocxSafely(input.bytes), side);
  const id = await insertWordImport(db, { assessmentId: input.assessment.id, userId: input.actor.id, fileName: input.fileName.slice(0, 200), result, at: now() });
  await recordAudit(db, {
    actorUserId: input.actor.id,
    action: "assessment.import_read",
    subjectType: "assessment",
    subjectId: input.assessment.id,
    details: { file: input.fileName.slice(0, 200), fields: result.fields.filter((f) => !f.problem).map((f) => f.fieldKey) },
  });
  return id;
}

export async function findImport(db: Kysely<Database>, input: { id: number; assessment: AssessmentContext; actor: Actor }) {
  const row = await findWordImport(db, { id: input.id, assessmentId: input.assessment.id, userId: input.actor.id });
  return row ? { ...row, result: row.result as ImportResult } : undefined;
}

export type ApplyOutcome = { applied: true; sections: string[]; voidedSignatures: number } | { applied: false; reason: "already_applied" | "nothing_chosen" | "conflict"; sections?: string[] };

/** Saves the chosen fields, section by section, through the workflow's save. */
export async function applyImport(
  db: Kysely<Database>,
  input: { importId: number; result: ImportResult; assessment: AssessmentContext; actor: Actor; fieldKeys: string[] },
): Promise<ApplyOutcome> {
  const chosen = input.result.fields.filter((f) => input.fieldKeys.includes(f.fieldKey) && f.value !== undefined && !f.problem);
  if (chosen.length === 0) return { applied: false, reason: "nothing_chosen" };
  const bySection = new Map<string, Record<string, unknown>>();
  for (const f of chosen) bySection.set(f.sectionKey, { ...bySection.get(f.sectionKey), [f.fieldKey]: f.value });
  const template = input.assessment.cycle.template;
  let voided = 0;
  const saved: string[] = [];
  for (const [sectionKey, fields] of bySection) {
    const section = findSection(template, sectionKey);
    if (!section) throw new WorkflowError("unknown");
    const base = (await readPart(db, input.assessment.id, sectionKey, section.author)).version;
    const outcome = await saveSection(db, { assessment: input.assessment, section, author: section.author, actor: input.actor, baseVersion: base, fields, note: IMPORT_NOTE });
    if (!outcome.ok) return { applied: false, reason: "conflict", sections: saved };
    voided += outcome.voidedSignatures;
    saved.push(section.number ?? section.title);
  }
  // Applying twice would change nothing (the same values), but the page should say it was done.
  if (!(await markWordImportApplied(db, input.importId, now()))) return { applied: false, reason: "already_applied" };
  await recordAudit(db, { actorUserId: input.actor.id, action: "assessment.imported", subjectType: "assessment", subjectId: input.assessment.id, details: { fields: chosen.map((f) => f.fieldKey) } });
  return { applied: true, sections: saved, voidedSignatures: voided };
}
