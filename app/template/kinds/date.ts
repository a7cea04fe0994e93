/** A single date, such as the date of the challenge meeting. */
import { z } from "zod";

import { fieldBase } from "../schema-parts";
import { dateFromWords, readableDate } from "../columns";
import type { FieldKindModule } from "./types";
import { paragraphsOf, words } from "./word";

export const dateDefinition = z.strictObject({ ...fieldBase, kind: z.literal("date") });
export type DateField = z.infer<typeof dateDefinition>;

export const dateKind: FieldKindModule<DateField> = {
  definition: dateDefinition,
  check: () => {},
  valueSchema: (field) => z.iso.date(`${field.title} must be a real date`),
  progress: () => ({ started: true, problems: [] }),
  notStarted: () => "enter the date",
  plainText: (_field, value) => (typeof value === "string" ? value : ""),
  richText: () => [],
  rows: () => null,
  word: (_field, value) => (typeof value === "string" && value ? [words(readableDate(value))] : []),
  fromWord: (_field, blocks) => {
    for (const p of paragraphsOf(blocks)) {
      const date = dateFromWords(p.runs.map((r) => r.text).join(""));
      if (date) return date;
    }
    return undefined;
  },
};
