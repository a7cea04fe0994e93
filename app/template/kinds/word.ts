/**
 * What a field kind hands the Word export: plain blocks (paragraphs with runs, nested lists,
 * tables), free of the docx library so the kinds stay light for the browser.
 * app/word/assessment-docx.server.ts turns them into a .docx.
 */
import type { ReadBlock, ReadParagraph, ReadTable } from "../../word/import/blocks";

export interface WordRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
  /** An address to link the run to (http, https or mailto only: the rich-text check ensures it). */
  link?: string;
}

export type WordBlock =
  | { type: "paragraph"; runs: WordRun[]; heading?: 3 | 4 }
  | { type: "list"; ordered: boolean; items: WordBlock[][] }
  | { type: "table"; header: string[]; rows: WordRun[][][] };

export const words = (text: string, style: Omit<WordRun, "text"> = {}): WordBlock => ({ type: "paragraph", runs: [{ text, ...style }] });

// ---------------------------------------------------------------------------
// Reading back (see app/word/import): helpers the kinds share.


export function paragraphsOf(blocks: ReadBlock[]): ReadParagraph[] {
  return blocks.filter((b): b is ReadParagraph => b.type === "paragraph");
}

export function firstTable(blocks: ReadBlock[]): ReadTable | undefined {
  return blocks.find((b): b is ReadTable => b.type === "table");
}

/** Lower case with single spaces and no symbols round it, for matching headers and labels. */
export function plainKey(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/\s+/g, " ")
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N})]+$/gu, "");
}
