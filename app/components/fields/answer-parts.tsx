/**
 * Pieces every kind's read-only view uses: "not answered", rich text from server HTML, and
 * cells as words (the derived comparison with England included, as in plain text).
 */
import type { ColumnDefinition, OptionDefinition } from "~/template/definition";
import { richTextHasText } from "~/richtext/doc";
import { deriveComparison } from "~/template/shape";
import { formatIsoDate, formatMonthYear } from "~/utils/format";

import { formatNumber, optionText } from "../assessment/field-parts";

export function NotAnswered({ children = "Not answered" }: { children?: string }) {
  return <p className="not-answered">{children}</p>;
}

export function readableDate(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? formatIsoDate(iso) : iso;
}

export function RichTextAnswer({ doc, html, empty }: { doc: unknown; html: string | undefined; empty?: string }) {
  if (!richTextHasText(doc)) return <NotAnswered>{empty}</NotAnswered>;
  if (html) return <div className="rich-text-view" dangerouslySetInnerHTML={{ __html: html }} />;
  // No HTML to hand (should not happen): show the words without formatting.
  return <div className="rich-text-view rich-text-view--plain">{plainText(doc)}</div>;
}

/** The words of a document, one block a line. */
export function plainText(doc: unknown): string {
  const lines: string[] = [];
  const walk = (node: unknown): string => {
    if (!node || typeof node !== "object") return "";
    const { text, content, type } = node as { text?: unknown; content?: unknown; type?: unknown };
    if (typeof text === "string") return text;
    if (type === "hardBreak") return "\n";
    const inner = Array.isArray(content) ? content.map(walk).join("") : "";
    if (type === "paragraph" || type === "heading") {
      lines.push(inner);
      return "";
    }
    return inner;
  };
  walk(doc);
  return lines.filter((line) => line.trim()).join("\n");
}

function monthYearText(value: string): string {
  return value === "due" ? "Due" : formatMonthYear(value);
}

function labelOf(value: string, options: OptionDefinition[], vocabulary: OptionDefinition[]): string {
  const option = options.find((o) => o.value === value) ?? vocabulary.find((o) => o.value === value);
  return option ? optionText(option) : value;
}

/** A cell's value as words, or "" when empty. */
export function cellText(column: ColumnDefinition, row: Record<string, unknown>, vocabulary: OptionDefinition[] = []): string {
  const value = column.kind === "choice" && column.derived === "comparisonWithEngland" ? deriveComparison(row) : row[column.key];
  if (value === undefined || value === null || value === "") return "";
  switch (column.kind) {
    case "text":
      return String(value);
    case "number":
      return typeof value === "number" ? formatNumber(value) : String(value);
    case "choice":
      if (Array.isArray(value)) return value.map((v) => labelOf(String(v), column.options, vocabulary)).join(", ");
      return labelOf(String(value), column.options, vocabulary);
    case "monthYear":
      return monthYearText(String(value));
    case "date":
      return readableDate(String(value));
    default:
      return column satisfies never;
  }
}

export function Cell({ text }: { text: string }) {
  return text ? <span className="answer-cell">{text}</span> : <span className="not-answered">Not given</span>;
}

