import type { RichTextDoc } from "../richtext/doc";
import { parseRichText } from "../richtext/validate.server";
import type { SectionDefinition } from "./definition";
import type { FieldValue } from "./values";
import { richTextInSection, sectionValueSchema } from "./values";

export interface SectionValueError {
  /** The field the problem is in, when it is in one. */
  fieldKey?: string;
  /** Where in the value: field key, then row or item index, then cell key. */
  path: Array<string | number>;
  message: string;
}

export type SectionParseResult =
  | { ok: true; values: Partial<Record<string, FieldValue>> }
  | { ok: false; status: 400 | 413; errors: SectionValueError[] };

/**
 * Parse a section's answers sent by the editor: the template-generated schema first,
 * then every rich-text document strictly against the editor's schema. Returns a clean
 * copy (unknown rich-text attributes dropped) ready to store; 413 only when the sole
 * problem is size.
 */
export function parseSectionValues(section: SectionDefinition, input: unknown): SectionParseResult {
  const parsed = sectionValueSchema(section).safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      status: 400,
      errors: parsed.error.issues.map((issue) => {
        const path = issue.path.filter((part): part is string | number => typeof part !== "symbol");
        return { fieldKey: typeof path[0] === "string" ? path[0] : undefined, path, message: issue.message };
      }),
    };
  }

  // zod returns fresh objects and arrays, so clean documents can be put in place without touching the input.
  const values = parsed.data;
  const errors: Array<SectionValueError & { status: 400 | 413 }> = [];
  for (const { fieldKey, path, doc, maxChars } of richTextInSection(section, values)) {
    const checked = parseRichText(doc, { maxChars });
    if (!checked.ok) {
      errors.push({ fieldKey, path, message: checked.message, status: checked.status });
      continue;
    }
    setAt(values, path, checked.doc);
  }
  if (errors.length > 0) {
    return {
      ok: false,
      status: errors.every((error) => error.status === 413) ? 413 : 400,
      errors: errors.map(({ status: _status, ...error }) => error),
    };
  }
  return { ok: true, values };
}

function setAt(target: Record<string, unknown>, path: Array<string | number>, doc: RichTextDoc): void {
  let cursor: unknown = target;
  for (const part of path.slice(0, -1)) cursor = (cursor as Record<string | number, unknown>)[part];
  (cursor as Record<string | number, unknown>)[path[path.length - 1]] = doc;
}
