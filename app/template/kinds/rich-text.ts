/** A rich-text answer: one TipTap document. */
import { z } from "zod";

import { richTextHasText, type RichTextDoc } from "../../richtext/doc";
import { richTextMaxChars } from "../shape";
import { fieldBase, limit } from "../schema-parts";
import { richTextToWord, wordToRichText } from "../../richtext/word";
import type { FieldKindModule } from "./types";
import { paragraphsOf } from "./word";

export { richTextMaxChars };

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


export const richTextKind: FieldKindModule<RichTextField> = {
  definition: richTextDefinition,
  check: () => {},
  valueSchema: () => richTextDocSchema,
  progress: (field, value) => (richTextHasText(value) ? { started: true, problems: [] } : notStartedProgress(field)),
  notStarted: () => "not answered yet",
  plainText: (_field, value, toText) => (value === undefined || value === null ? "" : toText(value)),
  richText: (field, value) => (value === undefined || value === null ? [] : [{ path: [field.key], doc: value, maxChars: richTextMaxChars(field) }]),
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
