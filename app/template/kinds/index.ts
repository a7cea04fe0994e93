/**
 * The registry of field kinds: one module per kind, in a Record over the kinds so the
 * compiler refuses a kind that lacks a piece. Everything that depends on a field's kind
 * (template checks, value schemas, completeness, plain text, rich text) asks here.
 */
import type { z } from "zod";

import { dateDefinition, dateKind } from "./date";
import { listDefinition, listKind } from "./list";
import { ratingGridDefinition, ratingGridKind } from "./rating-grid";
import { richTextDefinition, richTextKind } from "./rich-text";
import { signOffDefinition, signOffKind } from "./sign-off";
import { tableDefinition, tableKind } from "./table";
import type { FieldKindModule } from "./types";

/** Every kind's definition schema, for the template's discriminated union. */
export const FIELD_DEFINITIONS = [
  richTextDefinition,
  tableDefinition,
  listDefinition,
  ratingGridDefinition,
  dateDefinition,
  signOffDefinition,
] as const;

export type FieldDefinition = z.infer<(typeof FIELD_DEFINITIONS)[number]>;
export type FieldKind = FieldDefinition["kind"];
export type FieldOfKind<K extends FieldKind> = Extract<FieldDefinition, { kind: K }>;

export const FIELD_KINDS: { [K in FieldKind]: FieldKindModule<FieldOfKind<K>> } = {
  richText: richTextKind,
  table: tableKind,
  list: listKind,
  ratingGrid: ratingGridKind,
  date: dateKind,
  signOff: signOffKind,
};

/** The module of a field's kind, typed for that field. */
export function kindOf<F extends FieldDefinition>(field: F): FieldKindModule<F> {
  return FIELD_KINDS[field.kind] as unknown as FieldKindModule<F>;
}

export type { FieldKindModule, FieldProgress, FoundRichText } from "./types";
