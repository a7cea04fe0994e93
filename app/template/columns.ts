/**
 * Columns of tables and fields of list items: their schema in a template, the schema of a
 * cell's value, the derived comparison with England, and cells as plain words. Shared by the
 * table and list kinds; shared by browser and server.
 */
import { z } from "zod";

import { deriveComparison } from "./shape";
import { authorSchema, checkOptions, checkUnique, keySchema, limit, optionSchema, templateError, wording, type OptionDefinition } from "./schema-parts";

const columnBase = {
  key: keySchema,
  title: wording,
  hint: z.string().optional(),
  /** Needed for the row (or list item) to count as complete. */
  required: z.boolean(),
  /** Who writes this column when it differs from the section's author. */
  author: authorSchema.optional(),
  /** Filled in when a row is added: "writerAuthority" is the name of the writer's own authority (a peer's, say). */
  prefill: z.literal("writerAuthority").optional(),
};

export const columnSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    ...columnBase,
    kind: z.literal("text"),
    maxLength: limit,
    /** Several lines expected: show a text area rather than a one-line input. */
    multiline: z.boolean().optional(),
  }),
  z.strictObject({
    ...columnBase,
    kind: z.literal("choice"),
    options: z.array(optionSchema).min(1, "needs at least one option"),
    /** Several options may be chosen; the value is then a list. */
    multiple: z.boolean().optional(),
    maxSelected: limit.optional(),
    /** Worked out from other columns when they are filled in (see deriveComparison). */
    derived: z.literal("comparisonWithEngland").optional(),
    /**
     * In a regional offer list: this column holds the item's themes (its options are then the
     * region's theme vocabulary at run time, the template's list being only where it starts)
     * or its kind of support.
     */
    offerField: z.enum(["themes", "supportKind"]).optional(),
  }),
  z.strictObject({
    ...columnBase,
    kind: z.literal("number"),
    min: z.number().optional(),
    max: z.number().optional(),
  }),
  z.strictObject({
    ...columnBase,
    kind: z.literal("monthYear"),
    /** Allow "due" instead of a month, for something expected but not yet dated. */
    allowDue: z.boolean().optional(),
  }),
  z.strictObject({ ...columnBase, kind: z.literal("date") }),
]);

export type ColumnDefinition = z.infer<typeof columnSchema>;
export type ColumnKind = ColumnDefinition["kind"];

/** A table cell or list-item field: text, number, chosen option(s), month ("2025-03" or "due") or date. */
export type CellValue = string | number | string[];


// ---------------------------------------------------------------------------
// Checking columns in a template

export function checkColumns(columns: ColumnDefinition[], where: string, reserved: readonly string[]): void {
  checkUnique(
    columns.map((column) => column.key),
    (key) => `${where} column "${key}"`,
  );
  for (const column of columns) {
    const at = `${where} column "${column.key}"`;
    if (reserved.includes(column.key)) templateError(`${at} uses a reserved name (${reserved.join(", ")})`);
    if (column.kind === "choice") {
      checkOptions(column.options, at);
      if (column.maxSelected !== undefined && !column.multiple) templateError(`${at} has maxSelected but is not multiple`);
      if (column.offerField === "themes" && !column.multiple) templateError(`${at} holds themes, so it must be multiple`);
      if (column.offerField === "supportKind" && column.multiple) templateError(`${at} holds the kind of support, so it cannot be multiple`);
      if (column.derived === "comparisonWithEngland") {
        for (const needed of ["ourValue", "englandAverage"]) {
          if (!columns.some((other) => other.key === needed && other.kind === "number")) {
            templateError(`${at} is derived from "${needed}", which must be a number column`);
          }
        }
        for (const needed of ["higher", "lower", "similar"]) {
          if (!column.options.some((option) => option.value === needed)) templateError(`${at} needs an option "${needed}"`);
        }
      }
    }
    if (column.kind === "number" && column.min !== undefined && column.max !== undefined && column.min > column.max) {
      templateError(`${at} has min above max`);
    }
  }
}

// ---------------------------------------------------------------------------
// Wording helpers

export function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text[0].toLowerCase() + text.slice(1) : text;
}

export function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function joinWords(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

const numberFormat = new Intl.NumberFormat("en-GB");
const MONTH_YEAR = /^(19|20)\d{2}-(0[1-9]|1[0-2])$/;

export function enumOf(values: string[], message: string) {
  return z.enum(values as [string, ...string[]], { error: message });
}

// ---------------------------------------------------------------------------
// Cell values

/** Schema of one cell, generated from its column. Exhaustive over the column kinds. */
export function cellSchema(column: ColumnDefinition): z.ZodType<CellValue> {
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
    default:
      return column satisfies never;
  }
}

/** Object schema shape for a row or item: known keys only, every cell optional. */
export function cellsShape(columns: ColumnDefinition[]): Record<string, z.ZodType> {
  return Object.fromEntries(columns.map((column) => [column.key, cellSchema(column).optional()]));
}

const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const idSchema = z.string().regex(ID_PATTERN, "Each row needs an id of up to 64 letters, digits, - or _");

export function uniqueIds<T extends { id: string }>(noun: string) {
  return (rows: T[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    rows.forEach((row, index) => {
      if (seen.has(row.id)) ctx.addIssue({ code: "custom", message: `Two ${noun} have the same id`, path: [index, "id"] });
      seen.add(row.id);
    });
  };
}

export function unknownKeys(where: string) {
  return (issue: { code?: string }) => (issue.code === "unrecognized_keys" ? `${where} has fields this template does not have` : undefined);
}

// ---------------------------------------------------------------------------
// Derived values

/** A cell's value as shown: the derived comparison when the column is derived, else what is stored. */
export function cellValue(column: ColumnDefinition, row: Record<string, unknown>): unknown {
  if (column.kind === "choice" && column.derived === "comparisonWithEngland") return deriveComparison(row);
  return row[column.key];
}

export function isFilled(value: unknown): boolean {
  if (typeof value === "string") return value.trim().length > 0;
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.length > 0;
  return false;
}

/** The required cells of a row that are still empty, quoted for a "needs …" message. */
export function missingCells(columns: ColumnDefinition[], row: Record<string, unknown>): string[] {
  return columns.filter((column) => column.required && !isFilled(cellValue(column, row))).map((column) => `“${column.title}”`);
}

function optionLabel(options: readonly OptionDefinition[], value: unknown): string {
  if (Array.isArray(value)) return value.map((v) => optionLabel(options, v)).join(", ");
  return options.find((o) => o.value === value)?.label ?? (value === undefined || value === null ? "" : String(value));
}

/** A row's cells as "Title: value; …", as the page shows them (derived comparison included). */
export function cellsPlainText(columns: ColumnDefinition[], row: Record<string, unknown>): string {
  return columns
    .map((column) => {
      const value = cellValue(column, row);
      if (value === undefined || value === null || value === "") return null;
      return `${column.title}: ${column.kind === "choice" ? optionLabel(column.options, value) : String(value)}`;
    })
    .filter(Boolean)
    .join("; ");
}

export { optionLabel };
export { deriveComparison, SIMILAR_WITHIN, type Comparison } from "./shape";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

function readableDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return match ? `${Number(match[3])} ${MONTHS[Number(match[2]) - 1]} ${match[1]}` : iso;
}

/**
 * A cell as words for a document: options by their label with their symbol ("↑ Higher"), the
 * comparison with England worked out from the numbers, months and dates written out.
 */
export function cellWords(column: ColumnDefinition, row: Record<string, unknown>, vocabulary: readonly OptionDefinition[] = []): string {
  const value = cellValue(column, row);
  if (value === undefined || value === null || value === "") return "";
  const option = (v: unknown) => {
    const found = (column.kind === "choice" ? column.options : []).find((o) => o.value === v) ?? vocabulary.find((o) => o.value === v);
    return found ? `${found.symbol ? `${found.symbol} ` : ""}${found.label}` : String(v);
  };
  switch (column.kind) {
    case "choice":
      return Array.isArray(value) ? value.map(option).join(", ") : option(value);
    case "number":
      return typeof value === "number" ? numberFormat.format(value) : String(value);
    case "monthYear": {
      if (value === "due") return "Due";
      const match = /^(\d{4})-(\d{2})$/.exec(String(value));
      return match ? `${MONTHS[Number(match[2]) - 1]} ${match[1]}` : String(value);
    }
    case "date":
      return readableDate(String(value));
    case "text":
      return String(value);
    default:
      return column satisfies never;
  }
}

export { readableDate };

// ---------------------------------------------------------------------------
// Back from a document: a cell's words as its value (the inverse of cellWords). Undefined when
// the words are empty or fit nothing; the value schema has the last word on what is valid.

const stripSymbol = (text: string) => text.replace(/^[^\p{L}\p{N}]+/u, "").trim().toLowerCase();

function optionFromWords(options: readonly OptionDefinition[], words: string): string | undefined {
  const wanted = stripSymbol(words);
  return options.find((o) => o.label.toLowerCase() === wanted || o.value === wanted)?.value;
}

/** "16 February 2027", "16/02/2027" or "2027-02-16" as an ISO date. */
export function dateFromWords(words: string): string | undefined {
  const text = words.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
  const written = /^(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})$/.exec(text);
  if (written) {
    const month = MONTHS.findIndex((m) => m.toLowerCase().startsWith(written[2]!.toLowerCase().slice(0, 3)));
    if (month >= 0) return `${written[3]}-${String(month + 1).padStart(2, "0")}-${written[1]!.padStart(2, "0")}`;
  }
  const numeric = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (numeric) return `${numeric[3]}-${numeric[2]!.padStart(2, "0")}-${numeric[1]!.padStart(2, "0")}`;
  return undefined;
}

export function cellFromWords(column: ColumnDefinition, words: string, vocabulary: readonly OptionDefinition[] = []): CellValue | undefined {
  const text = words.trim();
  if (text === "") return undefined;
  switch (column.kind) {
    case "choice": {
      const options = [...column.options, ...vocabulary];
      if (!column.multiple) return optionFromWords(options, text);
      const chosen = text
        .split(/\s*[,;]\s*|\n/)
        .map((part) => optionFromWords(options, part))
        .filter((v): v is string => v !== undefined);
      // In the options' order, as the editor keeps them.
      const order = options.map((o) => o.value);
      return chosen.length > 0 ? [...new Set(chosen)].sort((a, b) => order.indexOf(a) - order.indexOf(b)) : undefined;
    }
    case "number": {
      const n = Number(text.replace(/,/g, ""));
      return Number.isFinite(n) ? n : undefined;
    }
    case "monthYear": {
      if (/^due$/i.test(text)) return "due";
      if (/^\d{4}-\d{2}$/.test(text)) return text;
      const match = /^([A-Za-z]+)\s+(\d{4})$/.exec(text);
      const month = match ? MONTHS.findIndex((m) => m.toLowerCase().startsWith(match[1]!.toLowerCase().slice(0, 3))) : -1;
      return match && month >= 0 ? `${match[2]}-${String(month + 1).padStart(2, "0")}` : undefined;
    }
    case "date":
      return dateFromWords(text);
    case "text":
      return text;
    default:
      return column satisfies never;
  }
}
