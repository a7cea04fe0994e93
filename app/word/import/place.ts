/**
 * Where each part of an imported document belongs: the form's sections are found by their
 * headings ("Section 2: …", "SECTION 2", the section's title) and its fields by their titles,
 * their keys ("1a", "1a. Our story") or their prompts; what lies under a field's heading is
 * that field's. The form's own words (prompts, intros, "Not answered") are recognised and left
 * out; anything else that fits nowhere is listed, so nothing is dropped silently.
 */
import type { FieldDefinition, SectionDefinition, TemplateDefinition } from "../../template/definition";
import { answerFields } from "../../template/values";
import { blockSummary, normalise, paragraphText, type ReadBlock, type ReadParagraph } from "./blocks";

export interface PlacedField {
  section: SectionDefinition;
  field: FieldDefinition;
  blocks: ReadBlock[];
}

export interface Placement {
  fields: PlacedField[];
  /** What fitted nowhere, in the document's order, briefly. */
  unplaced: string[];
  /** What came before the first section: the cover page (title, authority, signatures). */
  cover: string[];
}

const KEY_PREFIX = /^(\d{1,2}[a-z])(?:[.):]|\s|$)\s*/i;

function looksLikeHeading(p: ReadParagraph): boolean {
  const text = paragraphText(p).trim();
  if (text === "" || text.length > 200) return false;
  return p.heading !== undefined || p.runs.every((r) => r.bold || r.text.trim() === "") || KEY_PREFIX.test(text);
}

function sectionOf(template: TemplateDefinition, text: string): SectionDefinition | undefined {
  const said = normalise(text);
  const numbered = /^section\s+(\d+)\b/.exec(said);
  return template.sections.find((section) => {
    const number = section.number ? normalise(section.number) : null;
    if (numbered) return number === `section ${numbered[1]}`;
    return normalise(section.title) === said && section.fields.some((f) => f.kind !== "signOff");
  });
}

function fieldMatches(field: FieldDefinition, text: string): boolean {
  const said = normalise(text);
  const key = KEY_PREFIX.exec(said);
  const rest = key ? normalise(said.slice(key[0].length)) : said;
  if (key && key[1]!.toLowerCase() === field.key.toLowerCase()) return rest === "" || rest === normalise(field.title) || normalise(field.prompt).startsWith(rest);
  if (key) return false;
  return said === normalise(field.title) || said === normalise(field.prompt);
}

export function placeBlocks(template: TemplateDefinition, blocks: ReadBlock[]): Placement {
  const placed = new Map<string, PlacedField>();
  const unplaced: string[] = [];
  const cover: string[] = [];
  let section: SectionDefinition | undefined;
  let current: PlacedField | undefined;
  const fieldsOf = (s: SectionDefinition) => answerFields(s).filter((f) => f.kind !== "signOff");

  for (const block of blocks) {
    if (block.type === "paragraph") {
      const text = paragraphText(block).trim();
      if (text === "") continue;
      if (looksLikeHeading(block)) {
        const startsSection = block.heading === undefined || block.heading <= 2 ? sectionOf(template, text) : undefined;
        if (startsSection) {
          section = startsSection;
          current = undefined;
          continue;
        }
        // A field of the section we are in, else of any section (a key such as "3b" says which).
        const candidates = section ? [...fieldsOf(section).map((f) => [section!, f] as const)] : [];
        const anywhere = template.sections.flatMap((s) => fieldsOf(s).map((f) => [s, f] as const));
        const match = candidates.find(([, f]) => fieldMatches(f, text)) ?? (KEY_PREFIX.test(text) || !section ? anywhere.find(([, f]) => fieldMatches(f, text)) : undefined);
        if (match) {
          section = match[0];
          current = placed.get(match[1].key) ?? { section: match[0], field: match[1], blocks: [] };
          placed.set(match[1].key, current);
          continue;
        }
        // A top-level heading the form does not have (an appendix, say) ends the answer above it.
        if (block.heading !== undefined && block.heading <= 1 && section) {
          current = undefined;
          unplaced.push(blockSummary(block));
          continue;
        }
      }
      // The form's own words are not answers.
      const said = normalise(text);
      if (current && (said === normalise(current.field.prompt) || said === "not answered")) continue;
      if (!current && section && section.intro && said === normalise(section.intro)) continue;
    }
    if (current) current.blocks.push(block);
    else if (!section) {
      if (!(block.type === "paragraph" && normalise(paragraphText(block)) === normalise(template.title))) cover.push(blockSummary(block));
    } else unplaced.push(blockSummary(block));
  }
  return { fields: [...placed.values()], unplaced: unplaced.filter((s) => s !== ""), cover: cover.filter((s) => s !== "") };
}
