/**
 * Carrying rows forward from one cycle to the next (a table's `carryForward` in the template):
 * which rows and cells are carried, and keeping them as carried when the authority saves.
 * Shared by browser and server.
 */
import type { SectionDefinition, TableField } from "./definition";
import type { SectionValues, TableRow } from "./values";

type Row = { id: string } & Record<string, unknown>;

function rows(value: unknown): Row[] {
  return Array.isArray(value) ? value.filter((r): r is Row => !!r && typeof r === "object" && typeof (r as Row).id === "string") : [];
}

/** The columns whose cells are copied from the previous cycle, read only in the editor. */
export function carriedColumns(field: TableField): string[] {
  return field.carryForward ? Object.keys(field.carryForward.copy) : [];
}

/** The rows to carry from the previous cycle's table, with their copied cells. */
export function carriedRows(field: TableField, sourceRows: unknown): TableRow[] {
  const carry = field.carryForward;
  if (!carry) return [];
  return rows(sourceRows)
    .filter((row) => !carry.when || row[carry.when.column] === carry.when.equals)
    .map((row) => {
      const carried: TableRow = { id: `carried-${row.id}`.slice(0, 64) };
      for (const [target, from] of Object.entries(carry.copy)) {
        const cell = row[from];
        if (typeof cell === "string" || typeof cell === "number" || Array.isArray(cell)) carried[target] = cell as TableRow[string];
      }
      return carried;
    });
}

/**
 * What the authority sends for a section, with every carried-forward table held to its carried
 * rows (none added or removed, same order) and their copied cells as carried; only the other
 * cells are theirs to write.
 */
/** Whether keepCarried needs the stored answers for this save: only a table with carried rows does. */
export function touchesCarriedRows(section: SectionDefinition, incoming: SectionValues): boolean {
  return section.fields.some((field) => field.kind === "table" && field.carryForward !== undefined && field.key in incoming);
}

export function keepCarried(section: SectionDefinition, stored: SectionValues, incoming: SectionValues): SectionValues {
  const result: SectionValues = { ...incoming };
  for (const field of section.fields) {
    if (field.kind !== "table" || !field.carryForward || !(field.key in incoming)) continue;
    const sent = new Map(rows(incoming[field.key]).map((row) => [row.id, row]));
    const copied = carriedColumns(field);
    result[field.key] = rows(stored[field.key]).map((kept) => {
      const mine = sent.get(kept.id) ?? { id: kept.id };
      const row: Row = { ...mine, id: kept.id };
      for (const key of copied) {
        if (kept[key] === undefined) delete row[key];
        else row[key] = kept[key];
      }
      return row;
    });
  }
  return result;
}
