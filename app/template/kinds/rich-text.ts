/** A rich-text answer: one TipTap document. */
import { z } from "zod";

import { DEFAULT_MAX_CHARS, richTextHasText, type RichTextDoc } from "../../richtext/doc";
import { fieldBase, limit } from "../schema-parts";
import { richTextToWord, wordToRichText } from "../../richtext/word";
import type { FieldKindModule } from "./types";
import { paragraphsOf } from "./word";

export const richTextDefinition = z.strictObject({
  ...fieldBase,
  kind: z.literal("richText"),
  /** Characters of text allowed; DEFAULT_MAX_CHARS when absent. */
  maxChars: limit.optional(),
});
export type RichTextField = z.infer<typeof richTextDefinition>;

/** Loose check of a TipTap document; the strict one is parseRichText on the server. */
export const richTextDocSchema = z.looseObject(
  {
    type: z.literal("doc"),
    content: z.array(z.looseObject({ type: z.string() })),
  },
  { error: "Rich text must be a document from the editor" },
) as unknown as z.ZodType<RichTextDoc>;

/** Character limit of a rich-text field. */
export function richTextMaxChars(field: RichTextField): number {
  return field.maxChars ?? DEFAULT_MAX_CHARS;
}

export const richTextKind: FieldKindModule<RichTextField> = {
  definition: richTextDefinition,
  check: () => {},
  stored: true,
  valueSchema: () => richTextDocSchema,
  progress: (field, value) => (richTextHasText(value) ? { started: true, problems: [] } : notStartedProgress(field)),
  notStarted: () => "not answered yet",
  plainText: (_field, value, toText) => (value === undefined || value === null ? "" : toText(value)),
  richText: (field, value) => (value === undefined || value === null ? [] : [{ path: [field.key], doc: value, maxChars: richTextMaxChars(field) }]),
  columns: () => [],
  rows: () => null,
  word: (_field, value) => richTextToWord(value),
  fromWord: (_field, blocks) => {
    const doc = wordToRichText(paragraphsOf(blocks));
    return richTextHasText(doc) ? doc : undefined;
  },
};

function notStartedProgress(field: RichTextField) {
  return { started: false, problems: field.required ? [richTextKind.notStarted(field)] : [] };
}
