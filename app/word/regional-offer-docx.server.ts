/**
 * The regional offer as a Word document: the board's filtered view, grouped by theme (an item
 * with two themes is under both), each offer and request with its authority, kind of support
 * and description. Headings use Word's Heading styles, so the navigation pane lists the themes.
 */
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from "docx";

import type { BoardRow } from "../models/offer.server";
import { wordSafe as clean } from "./xml-text";
import { heavyWork } from "../utils/heavy-work.server";

export interface RegionalOfferInput {
  regionName: string;
  cycleLabel: string;
  /** What the view is, in words: "Requests · theme Kinship care · search “kinship”". */
  viewDescription: string;
  rows: BoardRow[];
  themeLabel: (key: string) => string;
  supportLabel: (key: string | null) => string;
}

export function regionalOfferDocx(input: RegionalOfferInput): Promise<Buffer> {
  return heavyWork(() => buildRegionalOfferDocx(input));
}

async function buildRegionalOfferDocx(input: RegionalOfferInput): Promise<Buffer> {
  const groups = new Map<string, BoardRow[]>();
  for (const row of input.rows) {
    for (const theme of row.themes.length > 0 ? row.themes : [""]) {
      const label = theme ? input.themeLabel(theme) : "No theme given";
      groups.set(label, [...(groups.get(label) ?? []), row]);
    }
  }
  const themes = [...groups.keys()].sort((a, b) => (a === "No theme given" ? 1 : b === "No theme given" ? -1 : a.localeCompare(b)));
  const children: Paragraph[] = [
    new Paragraph({ text: clean(`${input.regionName} regional offer ${input.cycleLabel}`), heading: HeadingLevel.TITLE }),
    new Paragraph({ children: [new TextRun({ text: clean(input.viewDescription), italics: true })] }),
    new Paragraph({ text: `${input.rows.length} ${input.rows.length === 1 ? "offer or request" : "offers and requests"} from submitted self-assessments, grouped by theme.` }),
  ];
  if (input.rows.length === 0) children.push(new Paragraph({ text: "Nothing matches this view." }));
  for (const theme of themes) {
    children.push(new Paragraph({ text: clean(theme), heading: HeadingLevel.HEADING_1 }));
    for (const row of groups.get(theme)!) {
      children.push(new Paragraph({ text: clean(row.title), heading: HeadingLevel.HEADING_2 }));
      const support = input.supportLabel(row.supportKind);
      children.push(
        new Paragraph({
          children: [
            new TextRun({ text: row.kind === "offer" ? "Offer from " : "Request from ", bold: true }),
            new TextRun({ text: clean(row.authorityName), bold: true }),
            ...(support ? [new TextRun({ text: clean(` · ${support}`) })] : []),
            ...(row.themes.length > 1 ? [new TextRun({ text: clean(` · themes: ${row.themes.map(input.themeLabel).join(", ")}`) })] : []),
          ],
        }),
      );
      for (const paragraph of row.bodyText.split(/\n{2,}/)) {
        if (paragraph.trim()) children.push(new Paragraph({ text: clean(paragraph) }));
      }
    }
  }
  const doc = new Document({
    title: `${input.regionName} regional offer ${input.cycleLabel}`,
    creator: `${input.regionName} regional alliance`,
    description: "Offers of good practice and requests for support",
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}
