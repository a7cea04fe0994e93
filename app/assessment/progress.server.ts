/**
 * Where an assessment stands: each section as people read it (every author's part merged),
 * each sign-off's valid signatures, each section's state, and what still stops submission.
 */
import type { Executor } from "../../db/schema";
import type { AssessmentContext } from "../models/assessment.server";
import { fingerprintOf, partsFingerprint, readParts, type StoredParts } from "../models/section.server";
import { listSignatures, type SignatureRecord } from "../models/signature.server";
import type { SectionDefinition, TemplateDefinition } from "../template/definition";
import { mergeParts } from "../template/parts";
import { answerFields, missingItems, sectionState, type MissingItem, type SectionState, type SectionValues } from "../template/values";
import { signOffsOf, validSignatures } from "./signing.server";

/** A section made only of sign-offs is signed on the sign-off page, not edited. */
export function isSignOffOnly(section: SectionDefinition): boolean {
  return answerFields(section).length === 0;
}

export function sectionHref(assessmentId: number, section: SectionDefinition, fieldKey?: string): string {
  if (isSignOffOnly(section)) return `/assessments/${assessmentId}/sign-off`;
  return `/assessments/${assessmentId}/sections/${section.key}${fieldKey ? `#field-${fieldKey}` : ""}`;
}

export interface SectionSummary {
  /** The section as people read it: the owner's part with the other authors' cells in place. */
  values: SectionValues;
  updatedAt: number | null;
  updatedByName: string | null;
}

export interface AssessmentProgress {
  parts: StoredParts;
  sections: Record<string, SectionSummary>;
  signatures: SignatureRecord[];
  /** Sign-off key → the signatures that count now. */
  valid: Record<string, SignatureRecord[]>;
  states: Record<string, SectionState>;
  /** Everything still stopping submission, each with a link to its field. */
  missing: MissingItem[];
}

/** Each section read as people see it, with the latest save of any of its parts. */
export function summariseSections(template: TemplateDefinition, parts: StoredParts): Record<string, SectionSummary> {
  const sections: Record<string, SectionSummary> = {};
  for (const section of template.sections) {
    const stored = parts[section.key] ?? {};
    const values = mergeParts(section, Object.fromEntries(Object.entries(stored).map(([author, part]) => [author, part.values])));
    const latest = Object.values(stored).reduce<(typeof stored)[keyof typeof stored]>(
      (best, part) => (part && (!best || (part.updatedAt ?? 0) > (best.updatedAt ?? 0)) ? part : best),
      undefined,
    );
    sections[section.key] = { values, updatedAt: latest?.updatedAt ?? null, updatedByName: latest?.updatedByName ?? null };
  }
  return sections;
}

/**
 * Recently worked-out progress, by assessment and the exact state of its parts and signatures.
 * Working it out reads and checks every answer (the overview's main cost); most requests find
 * nothing changed since. Bounded: the least recently used goes first. Entries are shared:
 * callers read them and never change them. Decisions that must see the stored text exactly
 * (submission) run in a transaction, which never uses the cache.
 */
const PROGRESS_CACHE_SIZE = 24;
const progressCache = new Map<string, AssessmentProgress>();

function signaturesFingerprint(signatures: SignatureRecord[]): string {
  return signatures.map((s) => `${s.id}/${s.voidedAt ?? ""}/${s.replacedAt ?? ""}`).join(",");
}

export async function assessmentProgress(db: Executor, assessment: AssessmentContext): Promise<AssessmentProgress> {
  // Inside a transaction (submission's checks) it is always worked out from what is stored.
  if (db.isTransaction) {
    const [parts, signatures] = await Promise.all([readParts(db, assessment.id), listSignatures(db, assessment.id)]);
    return workOutProgress(assessment, parts, signatures);
  }
  const [fingerprint, signatures] = await Promise.all([partsFingerprint(db, assessment.id), listSignatures(db, assessment.id)]);
  const key = `${assessment.id}|${fingerprint}|${signaturesFingerprint(signatures)}`;
  const cached = progressCache.get(key);
  if (cached) {
    progressCache.delete(key);
    progressCache.set(key, cached);
    return cached;
  }
  const parts = await readParts(db, assessment.id);
  const progress = workOutProgress(assessment, parts, signatures);
  // Kept under the state actually read (a save may have landed in between).
  progressCache.set(`${assessment.id}|${fingerprintOf(parts)}|${signaturesFingerprint(signatures)}`, progress);
  if (progressCache.size > PROGRESS_CACHE_SIZE) progressCache.delete(progressCache.keys().next().value!);
  return progress;
}

function workOutProgress(assessment: AssessmentContext, parts: StoredParts, signatures: SignatureRecord[]): AssessmentProgress {
  const template = assessment.cycle.template;
  const sections = summariseSections(template, parts);
  const valid = validSignatures(assessment.id, template, signatures, parts);
  // Completeness reads a sign-off field's value as the role key of each valid signature.
  const valuesBySection: Record<string, SectionValues> = {};
  for (const section of template.sections) valuesBySection[section.key] = { ...sections[section.key]!.values };
  for (const entry of signOffsOf(template)) {
    valuesBySection[entry.section.key]![entry.field.key] = (valid[entry.field.key] ?? []).map((s) => s.roleKey);
  }
  const states: Record<string, SectionState> = {};
  for (const section of template.sections) states[section.key] = sectionState(section, valuesBySection[section.key]);
  const missing = missingItems(template, valuesBySection, (sectionKey, fieldKey) => {
    const section = template.sections.find((s) => s.key === sectionKey)!;
    return sectionHref(assessment.id, section, fieldKey);
  });
  return { parts, sections, signatures, valid, states, missing };
}
