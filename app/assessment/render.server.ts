/**
 * HTML of every rich-text answer in a section, rendered on the server from the stored
 * TipTap JSON with the shared extensions: what the editor shows before it starts, and what
 * the print view and history pages show.
 */
import { renderRichText } from "../richtext/render.server";
import type { SectionDefinition } from "../template/definition";
import { richTextInSection, type FieldValue } from "../template/values";

/** Shown in place of an answer whose stored JSON fails the check (a bug or tampering, never a person's typing). */
const UNREADABLE = "<p><em>This answer could not be shown. Ask your regional coordinator to look at the section history.</em></p>";

/**
 * Path → HTML for each rich-text value: "1a" for a rich-text field, "1d/0/body" for the
 * description of item 0 of a list. Values that are missing are left out.
 */
export function renderSectionHtml(section: SectionDefinition, values: Record<string, unknown>): Record<string, string> {
  const html: Record<string, string> = {};
  const found = richTextInSection(section, values as Partial<Record<string, FieldValue>>);
  for (const { path, doc } of found) {
    if (doc === undefined || doc === null) continue;
    const key = path.join("/");
    try {
      html[key] = renderRichText(doc);
    } catch (error) {
      console.error(`Section ${section.key}, ${key}: ${error instanceof Error ? error.message : String(error)}`);
      html[key] = UNREADABLE;
    }
  }
  return html;
}

/** Stands in for an answer sent as HTML: it has words, so the view shows the HTML rather than "Not answered". */
const SENT_AS_HTML = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "…" }] }] };

/**
 * The values a read-only page needs in the browser when every rich-text answer goes as HTML:
 * each document that has HTML is replaced by a small stand-in, so the page does not carry
 * every answer twice (once as HTML, once as JSON in the page's data).
 */
export function valuesForReading(section: SectionDefinition, values: Record<string, unknown>, html: Record<string, string>): Record<string, unknown> {
  let copy: Record<string, unknown> | null = null;
  for (const { path, doc } of richTextInSection(section, values as Partial<Record<string, FieldValue>>)) {
    if (doc === undefined || doc === null || html[path.join("/")] === undefined) continue;
    copy ??= { ...values };
    // Copy along the path only, then swap the document at its end.
    let into: Record<string | number, unknown> = copy;
    for (const step of path.slice(0, -1)) {
      const next = into[step];
      const cloned = Array.isArray(next) ? [...next] : { ...(next as object) };
      into[step] = cloned;
      into = cloned as Record<string | number, unknown>;
    }
    into[path[path.length - 1]!] = SENT_AS_HTML;
  }
  return copy ?? values;
}
