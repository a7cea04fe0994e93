/**
 * Stored answers, generated from the template definition: value schemas, completeness
 * and the list of what is missing before submission. Shared by browser and server. Each
 * field kind's part lives in its module under ./kinds; this file puts them together.
 *
 * Value schemas accept drafts (empty cells, untitled items) so autosave never loses work;
 * completeness is what decides whether a section is finished. Rich text is only checked
 * loosely here — the server also runs every document every kind holds through
 * app/richtext/validate.server.ts (see parse.server.ts).
 */
import { z } from "zod";

import type { RichTextDoc } from "../richtext/doc";
import { emptyDoc } from "../richtext/doc";
import type { SectionDefinition, TemplateDefinition } from "./definition";
import { kindOf, type FieldDefinition, type FieldProgress } from "./kinds";
import { answerFields } from "./shape";

export { emptyDoc };
export { answerFields } from "./shape";
export { deriveComparison, SIMILAR_WITHIN, type CellValue, type Comparison } from "./columns";
export { richTextDocSchema } from "./kinds/rich-text";
export type { TableRow } from "./kinds/table";
export type { ListItem } from "./kinds/list";
export type { AreaRating, RatingGridValue } from "./kinds/rating-grid";
export type { SignedRoles } from "./kinds/sign-off";
export type { FieldProgress };

export type FieldValue = unknown;

/** A section's answers by field key, as stored (or as sent by the editor). */
export type SectionValues = Partial<Record<string, unknown>>;

export type SectionState = "not started" | "in progress" | "complete";

// Definitions never change once loaded, so each field's schema is built once.
const schemaCache = new WeakMap<FieldDefinition, z.ZodType>();

/** Schema for the value of one field, generated from its definition by its kind. */
export function fieldValueSchema(field: FieldDefinition): z.ZodType {
  let schema = schemaCache.get(field);
  if (!schema) {
    schema = kindOf(field).valueSchema(field);
    schemaCache.set(field, schema);
  }
  return schema;
}


/**
 * Schema for a section's stored answers: field key → value, every field optional, unknown
 * keys refused. Sign-offs are left out: signatures are never written as answers.
 */
export function sectionValueSchema(section: SectionDefinition): z.ZodType<SectionValues> {
  const shape = Object.fromEntries(answerFields(section).map((field) => [field.key, fieldValueSchema(field).optional()]));
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === "unrecognized_keys" ? `Section ${section.key} has no field called ${issue.keys.join(", ")}` : undefined,
  }) as unknown as z.ZodType<SectionValues>;
}

/** Every rich-text document in a section's answers, whatever kind holds it, with its limit. */
export function richTextInSection(
  section: SectionDefinition,
  values: SectionValues,
): Array<{ fieldKey: string; path: Array<string | number>; doc: unknown; maxChars: number }> {
  return section.fields.flatMap((field) =>
    values[field.key] === undefined ? [] : kindOf(field).richText(field, values[field.key]).map((found) => ({ fieldKey: field.key, ...found })),
  );
}

// ---------------------------------------------------------------------------
// Completeness

function progressOf(field: FieldDefinition, value: unknown): FieldProgress {
  const kind = kindOf(field);
  if (value === undefined || value === null || value === "") {
    return { started: false, problems: field.required ? [kind.notStarted(field)] : [] };
  }
  const parsed = fieldValueSchema(field).safeParse(value);
  if (!parsed.success) return { started: true, problems: ["could not be read: open it and save it again"] };
  return kind.progress(field, parsed.data);
}

/** How far one field has got, and what is left to do. Never throws, whatever the value. */
export function fieldProgress(field: FieldDefinition, value: unknown): FieldProgress {
  return progressOf(field, value);
}

/** True when the field has an answer with nothing missing (an untouched optional field is not "complete"). */
export function isFieldComplete(field: FieldDefinition, value: unknown): boolean {
  const progress = progressOf(field, value);
  return progress.started && progress.problems.length === 0;
}

/**
 * "not started" when nothing has been entered; "complete" when every required field is
 * complete and any optional field that was started is complete too; otherwise "in progress".
 * For a sign-off field pass the signed roles (see SignedRoles) under its key.
 */
export function sectionState(section: SectionDefinition, values: SectionValues | undefined): SectionState {
  const progress = section.fields.map((field) => progressOf(field, values?.[field.key]));
  if (!progress.some((field) => field.started)) return "not started";
  return progress.every((field) => field.problems.length === 0) ? "complete" : "in progress";
}

export interface MissingItem {
  sectionKey: string;
  fieldKey: string;
  /** Plain English, e.g. "Strengths: Strength 2 needs a description". */
  label: string;
  href: string;
}

/**
 * Everything that stops submission, in template order, for the sections the authority
 * writes (peer sections are skipped). `hrefFor` builds the link to the field, e.g.
 * (s, f) => `/assessments/42/sections/${s}#field-${f}`.
 */
export function missingItems(
  template: TemplateDefinition,
  valuesBySection: Partial<Record<string, SectionValues>>,
  hrefFor: (sectionKey: string, fieldKey: string) => string,
): MissingItem[] {
  const missing: MissingItem[] = [];
  for (const section of template.sections) {
    if (section.author !== "authority") continue;
    for (const field of section.fields) {
      for (const problem of progressOf(field, valuesBySection[section.key]?.[field.key]).problems) {
        missing.push({
          sectionKey: section.key,
          fieldKey: field.key,
          label: `${field.title}: ${problem}`,
          href: hrefFor(section.key, field.key),
        });
      }
    }
  }
  return missing;
}

export type { RichTextDoc };
