/** A table of typed rows, such as the external challenge or "at a glance". */
import { z } from "zod";

import {
  cellsPlainText,
  cellsShape,
  cellValue,
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
import { fieldBase, limit, nounSchema } from "../schema-parts";
import type { FieldKindModule } from "./types";

export const tableDefinition = z.strictObject({
  ...fieldBase,
  kind: z.literal("table"),
  columns: z.array(columnSchema).min(1, "needs at least one column"),
  maxRows: limit.optional(),
  rowName: nounSchema,
});
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
  check: (field, where) => checkColumns(field.columns, where, ["id"]),
  stored: true,
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
  columns: (field) => field.columns,
  rows: (field) => ({ name: field.rowName, max: field.maxRows }),
};
