/**
 * What a person types in "Search offers and requests", made safe for full-text search. Nothing
 * they type is ever query syntax: only letters and digits survive, so `NEAR`, `AND`, `-`, `^`,
 * `:` and brackets are just words or nothing. Two things are kept because people expect them:
 * "a quoted phrase" and a trailing * on a word for "starts with". Words are all required (AND).
 */
import type { TextSearch } from "../../db/dialect.server";

const MAX_TERMS = 12;
const MAX_TERM_LENGTH = 60;

export interface SearchTerm {
  text: string;
  phrase: boolean;
  prefix: boolean;
}

function wordsOf(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** The words and phrases in a search box's text, at most a dozen. */
export function parseSearch(input: string): SearchTerm[] {
  const terms: SearchTerm[] = [];
  // Only balanced quotes make a phrase; a lone quote is ignored.
  const pattern = /"([^"]*)"|(\S+)/g;
  const quotes = (input.match(/"/g) ?? []).length;
  const text = quotes % 2 === 0 ? input : input.replace(/"/g, " ");
  for (const match of text.matchAll(pattern)) {
    if (match[1] !== undefined) {
      const words = wordsOf(match[1]);
      if (words.length > 0) terms.push({ text: words.join(" ").slice(0, MAX_TERM_LENGTH * 4), phrase: words.length > 1, prefix: false });
      continue;
    }
    const raw = match[2]!;
    const words = wordsOf(raw);
    words.forEach((word, index) => {
      const last = index === words.length - 1;
      terms.push({ text: word.slice(0, MAX_TERM_LENGTH), phrase: false, prefix: last && raw.endsWith("*") });
    });
  }
  return terms.slice(0, MAX_TERMS);
}

/**
 * The search a search box's text asks for (all its terms required), or null when there is
 * nothing to search for. db/dialect.server.ts turns it into SQLite's or PostgreSQL's query.
 */
export function searchOf(input: string): TextSearch | null {
  const terms = parseSearch(input);
  return terms.length === 0 ? null : { terms: terms.map((t) => ({ text: t.text, prefix: t.prefix })), join: "all" };
}

/** Marks the search's highlighting puts round matching words: private-use characters nobody types. */
export const MATCH_START = "\uE000";
export const MATCH_END = "\uE001";

/** Splits highlighted text into plain and matching pieces, for rendering as text and <mark>. */
export function highlightPieces(text: string): Array<{ text: string; match: boolean }> {
  const pieces: Array<{ text: string; match: boolean }> = [];
  const pattern = new RegExp(`${MATCH_START}([^${MATCH_END}]*)${MATCH_END}`, "g");
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    if (m.index! > last) pieces.push({ text: text.slice(last, m.index), match: false });
    pieces.push({ text: m[1]!, match: true });
    last = m.index! + m[0].length;
  }
  if (last < text.length) pieces.push({ text: text.slice(last), match: false });
  return pieces.map((p) => ({ ...p, text: p.text.replace(new RegExp(`[${MATCH_START}${MATCH_END}]`, "g"), "") }));
}
