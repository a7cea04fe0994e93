/**
 * A section's answers, read only, laid out like the familiar Word form: for the print view,
 * the history pages, people who may only read, and "their version" in a conflict.
 *
 * Rich text is shown from HTML the server rendered from validated TipTap JSON (or, in a
 * conflict, HTML generated in the browser from the same JSON) — never HTML a person typed.
 */
import type {
  ColumnDefinition,
  FieldDefinition,
  ListField,
  OptionDefinition,
  RatingGridField,
  SectionDefinition,
  TableField,
} from "~/template/definition";
import { richTextHasText } from "~/richtext/doc";
import { answerFields, deriveComparison } from "~/template/values";
import { formatIsoDate } from "~/utils/format";

import { formatNumber, optionText } from "./field-parts";
import { asGrid, asItems, asRows } from "./field-values";

export interface SectionViewProps {
  section: SectionDefinition;
  values: Record<string, unknown>;
  /** Server-rendered HTML of each rich-text value, by path ("1a", "1d/0/body"). */
  html: Record<string, string>;
  themes: OptionDefinition[];
  supportKinds: OptionDefinition[];
}

export function SectionView({ section, values, html, themes, supportKinds }: SectionViewProps) {
  const fields = answerFields(section);
  return (
    <div className="section-view">
      {fields.map((field) => (
        <div className="section-view__field" key={field.key} id={`answer-${field.key}`}>
          <h3 className="section-view__prompt">{field.prompt}</h3>
          <FieldAnswer field={field} value={values[field.key]} htmlAt={(path) => html[path]} themes={themes} supportKinds={supportKinds} />
        </div>
      ))}
    </div>
  );
}

export interface FieldAnswerProps {
  field: FieldDefinition;
  value: unknown;
  /** HTML of the rich text at `path`, given its document. */
  htmlAt: (path: string, doc: unknown) => string | undefined;
  themes: OptionDefinition[];
  supportKinds: OptionDefinition[];
}

/** One field's answer, read only. */
export function FieldAnswer({ field, value, htmlAt, themes, supportKinds }: FieldAnswerProps) {
  const vocabulary = [...themes, ...supportKinds];
  switch (field.kind) {
    case "richText":
      return <RichTextAnswer doc={value} html={htmlAt(field.key, value)} />;
    case "table":
      return <TableAnswer field={field} value={value} vocabulary={vocabulary} />;
    case "list":
      return <ListAnswer field={field} value={value} htmlAt={htmlAt} vocabulary={vocabulary} />;
    case "ratingGrid":
      return <RatingGridAnswer field={field} value={value} />;
    case "date":
      return typeof value === "string" && value ? <p>{readableDate(value)}</p> : <NotAnswered />;
    case "signOff":
      return null;
  }
}

export function NotAnswered({ children = "Not answered" }: { children?: string }) {
  return <p className="not-answered">{children}</p>;
}

function readableDate(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? formatIsoDate(iso) : iso;
}

function RichTextAnswer({ doc, html, empty }: { doc: unknown; html: string | undefined; empty?: string }) {
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
  if (value === "due") return "Due";
  const match = /^(\d{4})-(\d{2})$/.exec(value);
  if (!match) return value;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
  return date.toLocaleDateString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
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
  }
}

function Cell({ text }: { text: string }) {
  return text ? <span className="answer-cell">{text}</span> : <span className="not-answered">Not given</span>;
}

function TableAnswer({ field, value, vocabulary }: { field: TableField; value: unknown; vocabulary: OptionDefinition[] }) {
  const rows = asRows(value).filter((row) => field.columns.some((column) => cellText(column, row) !== ""));
  if (rows.length === 0) return <NotAnswered />;
  return (
    <table className="table answer-table">
      <caption className="visually-hidden">{field.title}</caption>
      <thead>
        <tr>
          {field.columns.map((column) => (
            <th scope="col" key={column.key}>
              {column.title}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id}>
            {field.columns.map((column) => (
              <td key={column.key}>
                <Cell text={cellText(column, row, vocabulary)} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ListAnswer({
  field,
  value,
  htmlAt,
  vocabulary,
}: {
  field: ListField;
  value: unknown;
  htmlAt: FieldAnswerProps["htmlAt"];
  vocabulary: OptionDefinition[];
}) {
  const items = asItems(value);
  if (items.length === 0) return <NotAnswered />;
  return (
    <ol className="answer-list">
      {items.map((item, index) => (
        <li className="answer-list__item" key={item.id}>
          <p className="answer-list__title">{item.title?.trim() ? item.title : <span className="not-answered">No title</span>}</p>
          <RichTextAnswer doc={item.body} html={htmlAt(`${field.key}/${index}/body`, item.body)} empty="No description" />
          {(field.itemFields ?? []).length > 0 ? (
            <dl className="answer-list__details">
              {(field.itemFields ?? []).map((column) => (
                <div className="answer-list__detail" key={column.key}>
                  <dt>{column.title}</dt>
                  <dd>
                    <Cell text={cellText(column, item, vocabulary)} />
                  </dd>
                </div>
              ))}
            </dl>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

function RatingGridAnswer({ field, value }: { field: RatingGridField; value: unknown }) {
  const grid = asGrid(value);
  const started = field.areas.some((area) => grid[area.key]?.rating || grid[area.key]?.direction);
  if (!started) return <NotAnswered />;
  const label = (options: OptionDefinition[], chosen: string | undefined) => {
    const option = options.find((o) => o.value === chosen);
    return option ? optionText(option) : "";
  };
  return (
    <table className="table answer-table">
      <caption className="visually-hidden">{field.title}</caption>
      <thead>
        <tr>
          <th scope="col">Area</th>
          <th scope="col">Rating</th>
          <th scope="col">Direction of travel</th>
        </tr>
      </thead>
      <tbody>
        {field.areas.map((area) => (
          <tr key={area.key}>
            <th scope="row">{area.title}</th>
            <td>
              <Cell text={label(field.ratings, grid[area.key]?.rating)} />
            </td>
            <td>
              <Cell text={label(field.directions, grid[area.key]?.direction)} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
