/** A table of typed rows, such as the external challenge or "at a glance". */
import { z } from "zod";

import {
  cellFromWords,
  cellsPlainText,
  cellsShape,
  cellValue,
  cellWords,
  checkColumns,
  columnSchema,
  idSchema,
  isFilled,
  joinWords,
  missingCells,
  uniqueIds,
  unknownKeys,
  upperFirst,
  type CellValue,
} from "../columns";
import { fieldBase, keySchema, limit, nounSchema, templateError } from "../schema-parts";
import type { FieldKindModule } from "./types";
import { firstTable, plainKey } from "./word";

/**
 * Rows carried forward when a cycle opens: the rows of a table in the authority's assessment of
 * the previous cycle (`from`, filtered by `when`), with some of their cells copied (`copy`: this
 * table's column → the source's). Carried rows are fixed and their copied cells read only; the
 * authority fills in the rest, e.g. what it did about last year's recommendations.
 */
const carryForwardSchema = z.strictObject({
  from: keySchema,
  when: z.strictObject({ column: keySchema, equals: keySchema }).optional(),
  copy: z.record(keySchema, keySchema).refine((copy) => Object.keys(copy).length > 0, "must copy at least one column"),
});

export const tableDefinition = z.strictObject({
  ...fieldBase,
  kind: z.literal("table"),
  columns: z.array(columnSchema).min(1, "needs at least one column"),
  maxRows: limit.optional(),
  rowName: nounSchema,
  carryForward: carryForwardSchema.optional(),
});
export type CarryForward = z.infer<typeof carryForwardSchema>;
export type TableField = z.infer<typeof tableDefinition>;

export interface TableRow {
  id: string;
  [column: string]: CellValue | undefined;
}

function tableSchema(field: TableField): z.ZodType<TableRow[]> {
  const row = z.strictObject({ id: idSchema, ...cellsShape(field.columns) }, { error: unknownKeys(`A ${field.rowName.singular}`) });
  let rows = z.array(row, { error: `${field.title} must be a list of ${field.rowName.plural}` });
  if (field.maxRows !== undefined) {
    rows = rows.max(field.maxRows, `You can add up to ${field.maxRows} ${field.maxRows === 1 ? field.rowName.singular : field.rowName.plural}`);
  }
  return rows.superRefine(uniqueIds(field.rowName.plural)) as unknown as z.ZodType<TableRow[]>;
}

export const tableKind: FieldKindModule<TableField> = {
  definition: tableDefinition,
  check: (field, where, { template }) => {
    checkColumns(field.columns, where, ["id"]);
    const carry = field.carryForward;
    if (!carry) return;
    if (field.required) templateError(`${where} is carried forward, so it cannot be required (there may be nothing to carry)`);
    const source = template.sections.flatMap((s) => s.fields).find((f) => f.key === carry.from) as TableField | undefined;
    if (!source || source.kind !== "table") templateError(`${where} carries forward "${carry.from}", which is not a table of this template`);
    const sourceColumns = source.columns.map((c) => c.key);
    for (const [target, from] of Object.entries(carry.copy)) {
      if (!field.columns.some((c) => c.key === target)) templateError(`${where} copies into column "${target}", which it does not have`);
      if (!sourceColumns.includes(from)) templateError(`${where} copies column "${from}", which "${carry.from}" does not have`);
    }
    if (carry.when && !sourceColumns.includes(carry.when.column)) {
      templateError(`${where} carries rows when "${carry.when.column}" matches, which "${carry.from}" does not have`);
    }
  },
  valueSchema: tableSchema,
  progress: (field, value) => {
    const rows = value as TableRow[];
    if (!rows.some((row) => field.columns.some((column) => isFilled(cellValue(column, row))))) {
      return { started: false, problems: field.required ? [tableKind.notStarted(field)] : [] };
    }
    const problems: string[] = [];
    rows.forEach((row, index) => {
      const missing = missingCells(field.columns, row);
      if (missing.length > 0) problems.push(`${upperFirst(field.rowName.singular)} ${index + 1} needs ${joinWords(missing)}`);
    });
    return { started: true, problems };
  },
  notStarted: (field) => `add at least one ${field.rowName.singular}`,
  plainText: (field, value) =>
    Array.isArray(value) ? value.map((row, i) => `${i + 1}. ${cellsPlainText(field.columns, row as Record<string, unknown>)}`).join("\n") : "",
  richText: () => [],
  rows: (field) => ({ name: field.rowName, max: field.maxRows }),
  // A Word table under the field's heading: columns found by their titles, rows in order. Rows
  // carried forward from last year's challenge are the app's to make, so that table is not read.
  fromWord: (field, blocks, vocabulary) => {
    const table = firstTable(blocks);
    if (!table || field.carryForward || table.rows.length < 2) return undefined;
    const [header, ...rows] = table.rows;
    const byIndex = header!.map((title) => field.columns.find((c) => !c.author && (plainKey(c.title) === plainKey(title) || c.key === title.trim())));
    const read = rows
      .map((cells, index) => {
        const row: Record<string, unknown> = { id: `${field.key}-w${index + 1}` };
        cells.forEach((text, i) => {
          const column = byIndex[i];
          const value = column ? cellFromWords(column, text, vocabulary) : undefined;
          if (column && value !== undefined) row[column.key] = value;
        });
        return row;
      })
      .filter((row) => Object.keys(row).length > 1);
    return read.length > 0 ? read : undefined;
  },
  word: (field, value, vocabulary) => {
    const rows = Array.isArray(value) ? (value as TableRow[]) : [];
    if (rows.length === 0) return [];
    return [
      {
        type: "table",
        header: field.columns.map((column) => column.title),
        rows: rows.map((row) => field.columns.map((column) => [{ text: cellWords(column, row, vocabulary) }])),
      },
    ];
  },
};
