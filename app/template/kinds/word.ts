/**
 * What a field kind hands the Word export: plain blocks (paragraphs with runs, nested lists,
 * tables), free of the docx library so the kinds stay light for the browser.
 * app/word/assessment-docx.server.ts turns them into a .docx.
 */
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
