/**
 * Reading a field's value loosely for display and editing: whatever is stored or typed,
 * these return something of the right shape (an empty one when the value is unusable).
 * The server checks values strictly on save.
 */
import type { ListItem, RatingGridValue, TableRow } from "~/template/values";

function hasId(entry: unknown): boolean {
  return !!entry && typeof entry === "object" && typeof (entry as { id?: unknown }).id === "string";
}

export function asRows(value: unknown): TableRow[] {
  return Array.isArray(value) ? (value.filter(hasId) as TableRow[]) : [];
}

export function asItems(value: unknown): ListItem[] {
  return Array.isArray(value) ? (value.filter(hasId) as ListItem[]) : [];
}

export function asGrid(value: unknown): RatingGridValue {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as RatingGridValue) : {};
}
