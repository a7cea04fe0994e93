/**
 * What the browser needs to know about a template's fields, with nothing of the schemas that
 * check templates and answers (those stay on the server and out of the editor's JavaScript):
 * which fields are stored, their columns, their limits, and the one derived value. The kind
 * modules under ./kinds and ./values use these too, so each rule is written once.
 */
import { DEFAULT_MAX_CHARS } from "../richtext/doc";
import type { ColumnDefinition, FieldDefinition, FieldKind, FieldOfKind, ListField, RichTextField, SectionDefinition } from "./definition";

/** Characters allowed in a list item's title. */
export const LIST_TITLE_MAX_LENGTH = 200;

/** Character limit of a rich-text field. */
export function richTextMaxChars(field: RichTextField): number {
  return field.maxChars ?? DEFAULT_MAX_CHARS;
}

/** Character limit of each list item's description. */
export function listBodyMaxChars(field: ListField): number {
  return field.bodyMaxChars ?? DEFAULT_MAX_CHARS;
}

/**
 * Per kind, like the kind modules in ./kinds (which the browser does not load): a Record over
 * the kinds, so the compiler refuses a new kind until it says whether it is stored and what
 * its columns are. Signatures are records of their own, never stored with the answers.
 */
const KIND_SHAPES: { [K in FieldKind]: { stored: boolean; columns: (field: FieldOfKind<K>) => ColumnDefinition[] } } = {
  richText: { stored: true, columns: () => [] },
  table: { stored: true, columns: (field) => field.columns },
  list: { stored: true, columns: (field) => field.itemFields ?? [] },
  ratingGrid: { stored: true, columns: () => [] },
  date: { stored: true, columns: () => [] },
  signOff: { stored: false, columns: () => [] },
};

function shapeOf<F extends FieldDefinition>(field: F): { stored: boolean; columns: (field: F) => ColumnDefinition[] } {
  return KIND_SHAPES[field.kind] as unknown as { stored: boolean; columns: (field: F) => ColumnDefinition[] };
}

/** False for a kind whose value is never stored with the answers. */
export function isStored(field: FieldDefinition): boolean {
  return shapeOf(field).stored;
}

/** Fields whose answers are stored with the section (every kind but the sign-off). */
export function answerFields(section: SectionDefinition): FieldDefinition[] {
  return section.fields.filter(isStored);
}

/** The columns of a field's rows or items (none for kinds without them): who writes each is its `author`. */
export function fieldColumns(field: FieldDefinition): ColumnDefinition[] {
  return shapeOf(field).columns(field);
}

/** Our value within this fraction of the England average counts as "similar". */
export const SIMILAR_WITHIN = 0.02;

export type Comparison = "higher" | "lower" | "similar" | "not_compared";
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
