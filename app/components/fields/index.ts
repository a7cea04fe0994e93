/**
 * One component module per field kind, in a Record over the kinds so the compiler refuses a
 * kind without an editor or a read-only view. The section editor and every read-only page
 * look the kind up here.
 */
import type { FieldDefinition, FieldKind, FieldOfKind } from "~/template/definition";

import { dateComponents } from "./date";
import { listComponents } from "./list";
import { ratingGridComponents } from "./rating-grid";
import { richTextComponents } from "./rich-text";
import { signOffComponents } from "./sign-off";
import { tableComponents } from "./table";
import type { FieldComponents } from "./types";

export const FIELD_COMPONENTS: { [K in FieldKind]: FieldComponents<FieldOfKind<K>> } = {
  richText: richTextComponents,
  table: tableComponents,
  list: listComponents,
  ratingGrid: ratingGridComponents,
  date: dateComponents,
  signOff: signOffComponents,
};

/** The components of a field's kind, typed for that field. */
export function componentsOf<F extends FieldDefinition>(field: F): FieldComponents<F> {
  return FIELD_COMPONENTS[field.kind] as unknown as FieldComponents<F>;
}

export type { FieldComponents, FieldEditorProps, FieldViewProps } from "./types";
