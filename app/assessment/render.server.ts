/**
 * HTML of every rich-text answer in a section, rendered on the server from the stored
 * TipTap JSON with the shared extensions: what the editor shows before it starts, and what
 * the print view and history pages show.
 */
import { renderRichText } from "../richtext/render.server";
import type { SectionDefinition } from "../template/definition";
import { richTextInSection, type FieldValue } from "../template/values";
import { escapeForLog } from "../utils/log.server";

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
      // The message may quote stored text: escaped, so it cannot start a log line of its own.
      console.error(escapeForLog(`Section ${section.key}, ${key}: ${error instanceof Error ? error.message : String(error)}`));
      html[key] = UNREADABLE;
    }
  }
  return html;
}
