/**
 * A Word document as the importer reads it: paragraphs (with their heading level and list
 * numbering) and tables, in order. The inverse of the export's blocks (app/template/kinds/word.ts),
 * flat so each field kind can read what lies under its heading. Shared by browser and server.
 */
import type { WordRun } from "../../template/kinds/word";

export interface ReadParagraph {
  type: "paragraph";
  runs: WordRun[];
  /** 1 to 6 for Word's Heading styles; 0 for the Title style. */
  heading?: number;
  /** In a bulleted or numbered list, at this depth (0 the outermost). */
  list?: { ordered: boolean; level: number };
}

export interface ReadTable {
  type: "table";
  /** Each row's cells, each cell's text (its paragraphs joined by new lines). */
  rows: string[][];
}

export type ReadBlock = ReadParagraph | ReadTable;

export function paragraphText(block: ReadParagraph): string {
  return block.runs.map((r) => r.text).join("");
}

/** Text for comparing: lower case, single spaces, no surrounding punctuation. */
export function normalise(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/\s+/g, " ")
    .replace(/^[\s.:–—-]+|[\s.:–—-]+$/g, "");
}

/** A short description of a block, for "could not place" lists. */
export function blockSummary(block: ReadBlock, max = 160): string {
  const text = block.type === "paragraph" ? paragraphText(block) : block.rows.map((row) => row.join(" | ")).join(" / ");
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
