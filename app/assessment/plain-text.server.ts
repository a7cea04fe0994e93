import { richTextToPlainText } from "../richtext/render.server";
import type { FieldDefinition, SectionDefinition } from "../template/definition";
import { kindOf } from "../template/kinds";
import { answerFields } from "../template/values";

/**
 * A field's answer as plain text, for comparing versions and for search: each kind writes its
 * own, the same words the page shows (the derived comparison with England included).
 */
export function fieldPlainText(field: FieldDefinition, value: unknown): string {
  if (value === undefined || value === null) return "";
  return kindOf(field).plainText(field, value, richTextToPlainText);
}

export function sectionPlainText(section: SectionDefinition, values: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(answerFields(section).map((f) => [f.key, fieldPlainText(f, values[f.key])]));
}
