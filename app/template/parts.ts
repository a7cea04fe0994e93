/**
 * Who writes what, from the template's `author` on sections and columns, and how a section
 * is stored as one part per author (docs/decisions/008-authorship-signatures-and-workflow.md).
 *
 * The section's own author's part holds every answer field, without the columns someone
 * else writes. Another author's part holds only their columns, as rows of `{ id, …cells }`
 * keyed by the id of the row or list item they belong to. Each part has its own version, so
 * the peers writing key points and the authority writing its responses never conflict.
 * Shared by browser and server.
 */
import { z } from "zod";

import type { SectionAuthor } from "../../db/schema";
import type { ColumnDefinition, FieldDefinition, SectionDefinition, TableField } from "./definition";
import { kindOf } from "./kinds";
import { fieldColumns } from "./shape";
import { answerFields, fieldValueSchema, type SectionValues } from "./values";

export type { SectionAuthor };


export function columnAuthor(section: SectionDefinition, column: ColumnDefinition): SectionAuthor {
  return column.author ?? section.author;
}

function foreignColumns(section: SectionDefinition, field: FieldDefinition, author: SectionAuthor): ColumnDefinition[] {
  return fieldColumns(field).filter((column) => columnAuthor(section, column) === author);
}

/** Every author who writes something in the section: its own first, then any column's. */
export function sectionAuthors(section: SectionDefinition): SectionAuthor[] {
  const authors: SectionAuthor[] = [section.author];
  for (const field of answerFields(section)) {
    for (const column of fieldColumns(field)) {
      const author = columnAuthor(section, column);
      if (!authors.includes(author)) authors.push(author);
    }
  }
  return authors;
}

/** The fields in which `author` writes something, in a section someone else owns. */
function fieldsWithColumnsOf(section: SectionDefinition, author: SectionAuthor): FieldDefinition[] {
  return answerFields(section).filter((field) => foreignColumns(section, field, author).length > 0);
}

/** A part's fields: what `author` may send in a save of this section. */
export function partFieldKeys(section: SectionDefinition, author: SectionAuthor): string[] {
  if (author === section.author) return answerFields(section).map((field) => field.key);
  return fieldsWithColumnsOf(section, author).map((field) => field.key);
}

type Row = { id: string } & Record<string, unknown>;

function asRows(value: unknown): Row[] {
  return Array.isArray(value) ? value.filter((row): row is Row => !!row && typeof row === "object" && typeof row.id === "string") : [];
}

/**
 * What the section's own author sends, without the cells of columns others write (the
 * editor holds the whole row; those cells are stored in the other author's part).
 */
export function withoutOthersColumns(section: SectionDefinition, values: SectionValues): SectionValues {
  const result: SectionValues = { ...values };
  for (const field of answerFields(section)) {
    const theirs = fieldColumns(field).filter((column) => columnAuthor(section, column) !== section.author);
    if (theirs.length === 0 || !Array.isArray(values[field.key])) continue;
    result[field.key] = (values[field.key] as unknown[]).map((row) => {
      if (!row || typeof row !== "object") return row;
      const copy = { ...(row as Record<string, unknown>) };
      for (const column of theirs) delete copy[column.key];
      return copy;
    });
  }
  return result;
}

// A stand-in table per field for another author's cells, so their rows get the same checks
// (known cells only, unique ids, the field's row limit) as any table. Built once per field.
const foreignTables = new WeakMap<FieldDefinition, Map<SectionAuthor, TableField>>();

function foreignTable(section: SectionDefinition, field: FieldDefinition, author: SectionAuthor): TableField {
  let byAuthor = foreignTables.get(field);
  if (!byAuthor) foreignTables.set(field, (byAuthor = new Map()));
  let table = byAuthor.get(author);
  if (!table) {
    const rows = kindOf(field).rows(field);
    const maxRows = rows?.max;
    const rowName = rows?.name ?? { singular: "row", plural: "rows" };
    table = {
      key: field.key,
      title: field.title,
      prompt: field.prompt,
      required: false,
      kind: "table",
      columns: foreignColumns(section, field, author),
      rowName,
      ...(maxRows !== undefined ? { maxRows } : {}),
    };
    byAuthor.set(author, table);
  }
  return table;
}

export type PartParseResult =
  | { ok: true; values: SectionValues }
  | { ok: false; errors: Array<{ fieldKey?: string; message: string }> };

/**
 * Parse what another author sends for their columns of a section they do not own: for each
 * field, rows of `{ id, …their cells }`. Their columns are plain cells (text, choices, numbers,
 * dates), never rich text, so the template-generated cell checks are the whole check.
 */
export function parseOthersPart(section: SectionDefinition, author: SectionAuthor, input: SectionValues): PartParseResult {
  const shape = Object.fromEntries(
    fieldsWithColumnsOf(section, author).map((field) => [field.key, fieldValueSchema(foreignTable(section, field, author)).optional()]),
  );
  const parsed = z
    .strictObject(shape, {
      error: (issue) => (issue.code === "unrecognized_keys" ? `You cannot write ${issue.keys.join(", ")} in this section` : undefined),
    })
    .safeParse(input);
  if (parsed.success) return { ok: true, values: parsed.data as SectionValues };
  return {
    ok: false,
    errors: parsed.error.issues.map((issue) => ({ fieldKey: typeof issue.path[0] === "string" ? issue.path[0] : undefined, message: issue.message })),
  };
}

/**
 * The section as people read it: the owner's part, with every other author's cells put
 * into the rows and items they belong to (cells for rows that no longer exist are dropped).
 */
export function mergeParts(section: SectionDefinition, parts: Partial<Record<SectionAuthor, SectionValues>>): SectionValues {
  const merged: SectionValues = { ...(parts[section.author] ?? {}) };
  for (const author of sectionAuthors(section)) {
    if (author === section.author) continue;
    const part = parts[author];
    if (!part) continue;
    for (const field of fieldsWithColumnsOf(section, author)) {
      const theirs = new Map(asRows(part[field.key]).map((row) => [row.id, row]));
      if (theirs.size === 0 || !Array.isArray(merged[field.key])) continue;
      const columns = foreignColumns(section, field, author);
      merged[field.key] = asRows(merged[field.key]).map((row) => {
        const cells = theirs.get(row.id);
        if (!cells) return row;
        const copy: Row = { ...row };
        for (const column of columns) if (cells[column.key] !== undefined) copy[column.key] = cells[column.key];
        return copy;
      });
    }
  }
  return merged;
}

// The section as one author writes it: for its own author, every answer field without the
// columns others write; for another author, only the fields with columns of theirs, holding
// just those columns. Built once per section and author.
const partSections = new WeakMap<SectionDefinition, Map<SectionAuthor, SectionDefinition>>();

function withColumns(field: FieldDefinition, columns: ColumnDefinition[]): FieldDefinition {
  if (field.kind === "table") return { ...field, columns };
  if (field.kind === "list") return { ...field, itemFields: columns };
  return field;
}

/** The fields (and columns) `author` writes in this section, as a section of their own. */
export function partSection(section: SectionDefinition, author: SectionAuthor): SectionDefinition {
  let byAuthor = partSections.get(section);
  if (!byAuthor) partSections.set(section, (byAuthor = new Map()));
  let part = byAuthor.get(author);
  if (!part) {
    const fields =
      author === section.author
        ? section.fields.map((field) => {
            const theirs = fieldColumns(field).filter((column) => columnAuthor(section, column) !== section.author);
            return theirs.length === 0 ? field : withColumns(field, fieldColumns(field).filter((column) => !theirs.includes(column)));
          })
        : fieldsWithColumnsOf(section, author).map((field) => withColumns(field, foreignColumns(section, field, author)));
    part = { ...section, fields };
    byAuthor.set(author, part);
  }
  return part;
}
