/**
 * Stored answers, generated from the template definition: value schemas, completeness
 * and the list of what is missing before submission. Shared by browser and server.
 *
 * Value schemas accept drafts (empty cells, untitled items) so autosave never loses work;
 * completeness is what decides whether a section is finished. Rich text is only checked
 * loosely here — the server also runs every document through app/richtext/validate.server.ts.
 */
import { z } from "zod";

import type { RichTextDoc } from "../richtext/doc";
import { emptyDoc, richTextHasText } from "../richtext/doc";
import type {
  ColumnDefinition,
  FieldDefinition,
  ListField,
  RatingGridField,
  SectionDefinition,
  SignOffField,
  TableField,
  TemplateDefinition,
} from "./definition";
import { LIST_TITLE_MAX_LENGTH, listBodyMaxChars, richTextMaxChars } from "./definition";

export { emptyDoc };

// ---------------------------------------------------------------------------
// Value types

/** A table cell or list-item field: text, number, chosen option(s), month ("2025-03" or "due") or date. */
export type CellValue = string | number | string[];

export interface TableRow {
  id: string;
  [column: string]: CellValue | undefined;
}

export interface ListItem {
  id: string;
  title: string;
  body: RichTextDoc;
  [field: string]: CellValue | RichTextDoc | undefined;
}

export interface AreaRating {
  rating?: string;
  direction?: string;
}

/** Area key → rating and direction of travel. */
export type RatingGridValue = Partial<Record<string, AreaRating>>;

/**
 * A signOff field's value is never stored with the answers: signatures are records of
 * their own. To ask about completeness, pass the role key of each valid signature.
 */
export type SignedRoles = string[];

export type FieldValue = RichTextDoc | TableRow[] | ListItem[] | RatingGridValue | string | SignedRoles;

/** A section's answers by field key, as stored (or as sent by the editor). */
export type SectionValues = Partial<Record<string, unknown>>;

export type Comparison = "higher" | "lower" | "similar" | "not_compared";

export type SectionState = "not started" | "in progress" | "complete";

// ---------------------------------------------------------------------------
// Schemas

const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const MONTH_YEAR = /^(19|20)\d{2}-(0[1-9]|1[0-2])$/;
const numberFormat = new Intl.NumberFormat("en-GB");

/** Loose check of a TipTap document; the strict one is parseRichText on the server. */
export const richTextDocSchema = z.looseObject(
  {
    type: z.literal("doc"),
    content: z.array(z.looseObject({ type: z.string() })),
  },
  { error: "Rich text must be a document from the editor" },
) as unknown as z.ZodType<RichTextDoc>;

const idSchema = z.string().regex(ID_PATTERN, "Each row needs an id of up to 64 letters, digits, - or _");

function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text[0].toLowerCase() + text.slice(1) : text;
}

function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function joinWords(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

function enumOf(values: string[], message: string) {
  return z.enum(values as [string, ...string[]], { error: message });
}

function cellSchema(column: ColumnDefinition): z.ZodType<CellValue> {
  const name = column.title;
  switch (column.kind) {
    case "text":
      return z
        .string({ error: `${name} must be text` })
        .max(column.maxLength, `${name} can be up to ${numberFormat.format(column.maxLength)} characters`);
    case "number": {
      let schema = z.number({ error: `${name} must be a number` });
      if (column.min !== undefined) schema = schema.min(column.min, `${name} must be at least ${column.min}`);
      if (column.max !== undefined) schema = schema.max(column.max, `${name} must be at most ${column.max}`);
      return schema;
    }
    case "choice": {
      const values = column.options.map((option) => option.value);
      const one = enumOf(values, `Choose one of the options for ${lowerFirst(name)}`);
      if (!column.multiple) return one;
      const most = column.maxSelected ?? values.length;
      return z
        .array(one, { error: `Choose options for ${lowerFirst(name)}` })
        .max(most, `Choose up to ${most} for ${lowerFirst(name)}`)
        .refine((chosen) => new Set(chosen).size === chosen.length, `Choose each ${lowerFirst(name)} option only once`);
    }
    case "monthYear":
      return z
        .string()
        .refine(
          (text) => MONTH_YEAR.test(text) || (column.allowDue === true && text === "due"),
          `${name} must be a month and year${column.allowDue ? " or “due”" : ""}`,
        );
    case "date":
      return z.iso.date(`${name} must be a real date`);
  }
}

/** Object schema for a row or item: known keys only, every cell optional. */
function cellsShape(columns: ColumnDefinition[]): Record<string, z.ZodType> {
  return Object.fromEntries(columns.map((column) => [column.key, cellSchema(column).optional()]));
}

function uniqueIds<T extends { id: string }>(noun: string) {
  return (rows: T[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    rows.forEach((row, index) => {
      if (seen.has(row.id)) ctx.addIssue({ code: "custom", message: `Two ${noun} have the same id`, path: [index, "id"] });
      seen.add(row.id);
    });
  };
}

function unknownKeys(where: string) {
  return (issue: { code?: string }) => (issue.code === "unrecognized_keys" ? `${where} has fields this template does not have` : undefined);
}

function tableSchema(field: TableField): z.ZodType<TableRow[]> {
  const row = z.strictObject({ id: idSchema, ...cellsShape(field.columns) }, { error: unknownKeys(`A ${field.rowName.singular}`) });
  let rows = z.array(row, { error: `${field.title} must be a list of ${field.rowName.plural}` });
  if (field.maxRows !== undefined) {
    rows = rows.max(field.maxRows, `You can add up to ${field.maxRows} ${field.maxRows === 1 ? field.rowName.singular : field.rowName.plural}`);
  }
  return rows.superRefine(uniqueIds(field.rowName.plural)) as unknown as z.ZodType<TableRow[]>;
}

function listSchema(field: ListField): z.ZodType<ListItem[]> {
  const item = z.strictObject(
    {
      id: idSchema,
      title: z
        .string({ error: "The title must be text" })
        .max(LIST_TITLE_MAX_LENGTH, `Titles can be up to ${LIST_TITLE_MAX_LENGTH} characters`),
      body: richTextDocSchema,
      ...cellsShape(field.itemFields ?? []),
    },
    { error: unknownKeys(`A ${field.itemName.singular}`) },
  );
  return z
    .array(item, { error: `${field.title} must be a list of ${field.itemName.plural}` })
    .max(field.maxItems, `You can add up to ${field.maxItems} ${field.maxItems === 1 ? field.itemName.singular : field.itemName.plural}`)
    .superRefine(uniqueIds(field.itemName.plural)) as unknown as z.ZodType<ListItem[]>;
}

function ratingGridSchema(field: RatingGridField): z.ZodType<RatingGridValue> {
  const rating = enumOf(
    field.ratings.map((option) => option.value),
    `Choose one of the ${field.ratings.length} ratings`,
  );
  const direction = enumOf(
    field.directions.map((option) => option.value),
    `Choose one of the ${field.directions.length} directions of travel`,
  );
  const area = z.strictObject({ rating: rating.optional(), direction: direction.optional() }, { error: unknownKeys("A rating") });
  return z.strictObject(Object.fromEntries(field.areas.map((a) => [a.key, area.optional()])), {
    error: (issue) => (issue.code === "unrecognized_keys" ? "Only the areas in the template can be rated" : `${field.title} must be a set of ratings`),
  }) as unknown as z.ZodType<RatingGridValue>;
}

/** Role keys other than the field's own are ignored (the caller may pass every valid signature). */
function signedRolesSchema(_field: SignOffField): z.ZodType<SignedRoles> {
  return z.array(z.string({ error: "Signed roles must be role names" }));
}

// Definitions never change once loaded, so each field's schema is built once.
const schemaCache = new WeakMap<FieldDefinition, z.ZodType<FieldValue>>();

/** Schema for the stored value of one field, generated from its definition. */
export function fieldValueSchema(field: FieldDefinition): z.ZodType<FieldValue> {
  let schema = schemaCache.get(field);
  if (!schema) {
    schema = buildFieldValueSchema(field);
    schemaCache.set(field, schema);
  }
  return schema;
}

function buildFieldValueSchema(field: FieldDefinition): z.ZodType<FieldValue> {
  switch (field.kind) {
    case "richText":
      return richTextDocSchema;
    case "table":
      return tableSchema(field);
    case "list":
      return listSchema(field);
    case "ratingGrid":
      return ratingGridSchema(field);
    case "date":
      return z.iso.date(`${field.title} must be a real date`);
    case "signOff":
      return signedRolesSchema(field);
  }
}

/** Fields whose answers are stored with the section (everything but signOff). */
export function answerFields(section: SectionDefinition): FieldDefinition[] {
  return section.fields.filter((field) => field.kind !== "signOff");
}

/**
 * Schema for a section's stored answers: field key → value, every field optional, unknown
 * keys refused. SignOff fields are left out: signatures are never written as answers.
 */
export function sectionValueSchema(section: SectionDefinition): z.ZodType<Partial<Record<string, FieldValue>>> {
  const shape = Object.fromEntries(answerFields(section).map((field) => [field.key, fieldValueSchema(field).optional()]));
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === "unrecognized_keys" ? `Section ${section.key} has no field called ${issue.keys.join(", ")}` : undefined,
  }) as unknown as z.ZodType<Partial<Record<string, FieldValue>>>;
}

/** Every rich-text document in a section's answers, with its limit, for the server's strict check. */
export function richTextInSection(
  section: SectionDefinition,
  values: Partial<Record<string, FieldValue>>,
): Array<{ fieldKey: string; path: Array<string | number>; doc: unknown; maxChars: number }> {
  const found: Array<{ fieldKey: string; path: Array<string | number>; doc: unknown; maxChars: number }> = [];
  for (const field of section.fields) {
    const value = values[field.key];
    if (value === undefined) continue;
    if (field.kind === "richText") found.push({ fieldKey: field.key, path: [field.key], doc: value, maxChars: richTextMaxChars(field) });
    if (field.kind === "list" && Array.isArray(value)) {
      (value as ListItem[]).forEach((item, index) =>
        found.push({ fieldKey: field.key, path: [field.key, index, "body"], doc: item.body, maxChars: listBodyMaxChars(field) }),
      );
    }
  }
  return found;
}

// ---------------------------------------------------------------------------
// Derived values

/** Our value within this fraction of the England average counts as "similar". */
export const SIMILAR_WITHIN = 0.02;

const COMPARISONS: readonly string[] = ["higher", "lower", "similar", "not_compared"];

/**
 * The comparison with England for a fact in "at a glance".
 *
 * When both `ourValue` and `englandAverage` are numbers the typed choice is ignored:
 * the difference is "similar" when it is no more than 2% of the England value
 * (|ours − England| ≤ 0.02 × |England|; with an England value of 0 only an exact match
 * is similar), otherwise "higher" or "lower". Without both numbers, the typed choice
 * is returned, or undefined when there is none.
 */
export function deriveComparison(row: { ourValue?: unknown; englandAverage?: unknown; comparison?: unknown }): Comparison | undefined {
  const { ourValue, englandAverage, comparison } = row;
  if (typeof ourValue === "number" && typeof englandAverage === "number" && Number.isFinite(ourValue) && Number.isFinite(englandAverage)) {
    const difference = ourValue - englandAverage;
    if (Math.abs(difference) <= SIMILAR_WITHIN * Math.abs(englandAverage)) return "similar";
    return difference > 0 ? "higher" : "lower";
  }
  return typeof comparison === "string" && COMPARISONS.includes(comparison) ? (comparison as Comparison) : undefined;
}

function cellValue(column: ColumnDefinition, row: Record<string, unknown>): unknown {
  if (column.kind === "choice" && column.derived === "comparisonWithEngland") return deriveComparison(row);
  return row[column.key];
}

function isFilled(value: unknown): boolean {
  if (typeof value === "string") return value.trim().length > 0;
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.length > 0;
  return false;
}

// ---------------------------------------------------------------------------
// Completeness

export interface FieldProgress {
  /** Something has been entered. */
  started: boolean;
  /** What stops the field being complete, in plain English; empty when complete (or untouched and optional). */
  problems: string[];
}

function missingCells(columns: ColumnDefinition[], row: Record<string, unknown>): string[] {
  return columns.filter((column) => column.required && !isFilled(cellValue(column, row))).map((column) => `“${column.title}”`);
}

function progressOf(field: FieldDefinition, value: unknown): FieldProgress {
  if (value === undefined || value === null || value === "") {
    return { started: false, problems: field.required ? [notStarted(field)] : [] };
  }
  const parsed = fieldValueSchema(field).safeParse(value);
  if (!parsed.success) return { started: true, problems: ["could not be read: open it and save it again"] };
  const problems: string[] = [];

  switch (field.kind) {
    case "richText": {
      if (!richTextHasText(parsed.data)) return { started: false, problems: field.required ? [notStarted(field)] : [] };
      return { started: true, problems };
    }
    case "date":
      return { started: true, problems };
    case "table": {
      const rows = parsed.data as TableRow[];
      if (!rows.some((row) => field.columns.some((column) => isFilled(cellValue(column, row))))) {
        return { started: false, problems: field.required ? [notStarted(field)] : [] };
      }
      rows.forEach((row, index) => {
        const missing = missingCells(field.columns, row);
        if (missing.length > 0) problems.push(`${upperFirst(field.rowName.singular)} ${index + 1} needs ${joinWords(missing)}`);
      });
      return { started: true, problems };
    }
    case "list": {
      const items = parsed.data as ListItem[];
      if (items.length === 0) return { started: false, problems: field.required ? [notStarted(field)] : [] };
      items.forEach((item, index) => {
        const missing = [
          ...(item.title.trim() ? [] : ["a title"]),
          ...(richTextHasText(item.body) ? [] : ["a description"]),
          ...missingCells(field.itemFields ?? [], item),
        ];
        if (missing.length > 0) problems.push(`${upperFirst(field.itemName.singular)} ${index + 1} needs ${joinWords(missing)}`);
      });
      return { started: true, problems };
    }
    case "ratingGrid": {
      const grid = parsed.data as RatingGridValue;
      const unfinished = field.areas.filter((area) => !grid[area.key]?.rating || !grid[area.key]?.direction);
      const started = field.areas.some((area) => grid[area.key]?.rating || grid[area.key]?.direction);
      if (!started) return { started: false, problems: field.required ? [notStarted(field)] : [] };
      if (unfinished.length > 0) {
        problems.push(
          `${unfinished.length} of ${field.areas.length} areas still need a rating and a direction of travel`,
        );
      }
      return { started: true, problems };
    }
    case "signOff": {
      const signed = parsed.data as SignedRoles;
      for (const role of field.roles) {
        const waiting = role.signers - signed.filter((key) => key === role.key).length;
        if (waiting <= 0) continue;
        problems.push(
          role.signers === 1
            ? `waiting for the ${lowerFirst(role.title)} to sign`
            : `waiting for ${waiting} more ${lowerFirst(role.title)}${waiting === 1 ? "" : "s"} to sign`,
        );
      }
      return { started: signed.length > 0, problems };
    }
  }
}

function notStarted(field: FieldDefinition): string {
  switch (field.kind) {
    case "richText":
      return "not answered yet";
    case "table":
      return `add at least one ${field.rowName.singular}`;
    case "list":
      return `add at least one ${field.itemName.singular}`;
    case "ratingGrid":
      return "rate each area and give its direction of travel";
    case "date":
      return "enter the date";
    case "signOff":
      return "not signed yet";
  }
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
 * For a signOff field pass the signed roles (see SignedRoles) under its key.
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
