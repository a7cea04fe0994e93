/** A bounded, ordered list of items, each with a title, a rich-text description and optional fields. */
import { z } from "zod";

import { richTextHasText, type RichTextDoc } from "../../richtext/doc";
import { LIST_TITLE_MAX_LENGTH, listBodyMaxChars } from "../shape";
import {
  cellFromWords,
  cellsPlainText,
  cellsShape,
  cellWords,
  checkColumns,
  columnSchema,
  idSchema,
  joinWords,
  missingCells,
  uniqueIds,
  unknownKeys,
  upperFirst,
  type CellValue,
} from "../columns";
import { fieldBase, limit, nounSchema } from "../schema-parts";
import { richTextDocSchema } from "./rich-text";
import { richTextToWord, wordToRichText } from "../../richtext/word";
import type { ReadParagraph } from "../../word/import/blocks";
import type { FieldKindModule } from "./types";
import { paragraphsOf, plainKey, words } from "./word";

export { LIST_TITLE_MAX_LENGTH, listBodyMaxChars };

/** List items always have these; a list's own itemFields may not reuse the names. */
export const LIST_ITEM_BUILT_IN = ["id", "title", "body"] as const;

export const listDefinition = z.strictObject({
  ...fieldBase,
  kind: z.literal("list"),
  maxItems: limit,
  itemName: nounSchema,
  /** Characters allowed in each item's description; DEFAULT_MAX_CHARS when absent. */
  bodyMaxChars: limit.optional(),
  /** Fields each item has besides its title and description. */
  itemFields: z.array(columnSchema).optional(),
  /** Each item goes into the regional offer, as an offer or a request, once the assessment is submitted. */
  regionalOffer: z.enum(["offer", "request"]).optional(),
});
export type ListField = z.infer<typeof listDefinition>;

export interface ListItem {
  id: string;
  title: string;
  body: RichTextDoc;
  [field: string]: CellValue | RichTextDoc | undefined;
}


function listSchema(field: ListField): z.ZodType<ListItem[]> {
  const item = z.strictObject(
    {
      id: idSchema,
      title: z
        .string({ error: "The title must be text" })
        .max(LIST_TITLE_MAX_LENGTH, `Titles can be up to ${LIST_TITLE_MAX_LENGTH} characters`),
      body: richTextDocSchema,
      ...cellsShape(field.itemFields ?? []),
    },
    { error: unknownKeys(`A ${field.itemName.singular}`) },
  );
  return z
    .array(item, { error: `${field.title} must be a list of ${field.itemName.plural}` })
    .max(field.maxItems, `You can add up to ${field.maxItems} ${field.maxItems === 1 ? field.itemName.singular : field.itemName.plural}`)
    .superRefine(uniqueIds(field.itemName.plural)) as unknown as z.ZodType<ListItem[]>;
}

export const listKind: FieldKindModule<ListField> = {
  definition: listDefinition,
  check: (field, where) => checkColumns(field.itemFields ?? [], where, LIST_ITEM_BUILT_IN),
  valueSchema: listSchema,
  progress: (field, value) => {
    const items = value as ListItem[];
    if (items.length === 0) return { started: false, problems: field.required ? [listKind.notStarted(field)] : [] };
    const problems: string[] = [];
    items.forEach((item, index) => {
      const missing = [
        ...(item.title.trim() ? [] : ["a title"]),
        ...(richTextHasText(item.body) ? [] : ["a description"]),
        ...missingCells(field.itemFields ?? [], item),
      ];
      if (missing.length > 0) problems.push(`${upperFirst(field.itemName.singular)} ${index + 1} needs ${joinWords(missing)}`);
    });
    return { started: true, problems };
  },
  notStarted: (field) => `add at least one ${field.itemName.singular}`,
  plainText: (field, value, toText) =>
    Array.isArray(value)
      ? value
          .map((item: Record<string, unknown>, i) => {
            const extra = field.itemFields ? cellsPlainText(field.itemFields, item) : "";
            const body = item.body === undefined || item.body === null ? "" : toText(item.body);
            return [`${i + 1}. ${String(item.title ?? "")}`, body, extra].filter(Boolean).join("\n");
          })
          .join("\n\n")
      : "",
  richText: (field, value) =>
    Array.isArray(value)
      ? (value as ListItem[]).map((item, index) => ({ path: [field.key, index, "body"], doc: item.body, maxChars: listBodyMaxChars(field) }))
      : [],
  rows: (field) => ({ name: field.itemName, max: field.maxItems }),
  // Each numbered paragraph (or one starting "1.") begins an item: its bold words, or the whole
  // paragraph, are the title; what follows is the description, except "Themes: …"-style lines
  // that name one of the item's fields.
  fromWord: (field, blocks, vocabulary) => {
    const columns = field.itemFields ?? [];
    const items: Array<{ title: string; body: ReadParagraph[]; cells: Record<string, unknown> }> = [];
    for (const p of paragraphsOf(blocks)) {
      const text = p.runs.map((r) => r.text).join("").trim();
      const numbered = /^\d{1,2}[.)]\s+/.exec(text);
      if ((p.list && p.list.level === 0) || numbered) {
        const leadingBold = p.runs.findIndex((r) => !r.bold);
        const boldTitle = leadingBold === -1 ? text : p.runs.slice(0, leadingBold).map((r) => r.text).join("").trim();
        const title = (boldTitle || text).replace(/^\d{1,2}[.)]\s+/, "").trim();
        const rest = leadingBold > 0 ? p.runs.slice(leadingBold) : [];
        const restText = rest.map((r) => r.text).join("").replace(/^[\s:–—-]+/, "");
        items.push({ title, body: restText ? [{ type: "paragraph", runs: [{ text: restText }] }] : [], cells: {} });
        continue;
      }
      const item = items[items.length - 1];
      if (!item || text === "") continue;
      const labelled = /^([^:]{1,60}):\s*(.+)$/s.exec(text);
      const column = labelled ? columns.find((c) => plainKey(c.title) === plainKey(labelled[1]!)) : undefined;
      const value = column ? cellFromWords(column, labelled![2]!, vocabulary) : undefined;
      if (column && value !== undefined) item.cells[column.key] = value;
      else item.body.push(p.list ? { ...p, list: { ...p.list, level: p.list.level - 1 } } : p);
    }
    if (items.length === 0) return undefined;
    return items.map((item, index) => ({
      id: `${field.key}-w${index + 1}`,
      title: item.title.slice(0, LIST_TITLE_MAX_LENGTH),
      body: wordToRichText(item.body),
      ...item.cells,
    }));
  },
  // Numbered, like the form: each item's title in bold, its description, then its other fields.
  word: (field, value, vocabulary) => {
    const items = Array.isArray(value) ? (value as ListItem[]) : [];
    if (items.length === 0) return [];
    return [
      {
        type: "list",
        ordered: true,
        items: items.map((item) => [
          words(item.title ?? "", { bold: true }),
          ...richTextToWord(item.body),
          ...(field.itemFields ?? [])
            .map((column) => [column.title, cellWords(column, item, vocabulary)] as const)
            .filter(([, text]) => text !== "")
            .map(([title, text]) => ({ type: "paragraph" as const, runs: [{ text: `${title}: `, bold: true }, { text }] })),
        ]),
      },
    ];
  },
};
