import { richTextToPlainText } from "../richtext/render.server";
import type { FieldDefinition, OptionDefinition, SectionDefinition } from "../template/definition";
import { answerFields } from "../template/values";

function optionLabel(options: readonly OptionDefinition[], value: unknown): string {
  if (Array.isArray(value)) return value.map((v) => optionLabel(options, v)).join(", ");
  return options.find((o) => o.value === value)?.label ?? (value === undefined || value === null ? "" : String(value));
}

type Row = Record<string, unknown>;

function cellsText(columns: { key: string; title: string; kind: string; options?: readonly OptionDefinition[] }[], row: Row): string {
  return columns
    .map((c) => {
      const v = row[c.key];
      if (v === undefined || v === null || v === "") return null;
      return `${c.title}: ${c.kind === "choice" ? optionLabel(c.options ?? [], v) : String(v)}`;
    })
    .filter(Boolean)
    .join("; ");
}

/** A field's answer as plain text, for comparing versions and for search. Generated from the template. */
export function fieldPlainText(field: FieldDefinition, value: unknown): string {
  if (value === undefined || value === null) return "";
  switch (field.kind) {
    case "richText":
      return richTextToPlainText(value);
    case "table":
      return Array.isArray(value) ? value.map((row, i) => `${i + 1}. ${cellsText(field.columns, row as Row)}`).join("\n") : "";
    case "list":
      return Array.isArray(value)
        ? value
            .map((item: Row, i) => {
              const extra = field.itemFields ? cellsText(field.itemFields, item) : "";
              return [`${i + 1}. ${String(item.title ?? "")}`, richTextToPlainText(item.body), extra].filter(Boolean).join("\n");
            })
            .join("\n\n")
        : "";
    case "ratingGrid":
      return field.areas
        .map((area) => {
          const rating = (value as Record<string, { rating?: string; direction?: string } | undefined>)[area.key];
          if (!rating) return null;
          return `${area.title}: ${optionLabel(field.ratings, rating.rating)}${rating.direction ? `, ${optionLabel(field.directions, rating.direction)}` : ""}`;
        })
        .filter(Boolean)
        .join("\n");
    case "date":
      return String(value);
    case "signOff":
      return "";
  }
}

export function sectionPlainText(section: SectionDefinition, values: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(answerFields(section).map((f) => [f.key, fieldPlainText(f, values[f.key])]));
}
