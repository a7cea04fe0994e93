/**
 * Suggested matches: for a request, the offers of other authorities that share its themes or
 * its words, best first, each with the reason in words ("shares themes: Kinship care; words:
 * edge, care"). A shared theme weighs more than a shared word; words that say nothing (the, our,
 * support…) do not count.
 */
import type { TextSearch } from "../../db/dialect.server";

export interface MatchCandidate {
  id: number;
  authorityId: number;
  title: string;
  text: string;
  themes: string[];
}

export interface SuggestedMatch {
  id: number;
  score: number;
  sharedThemes: string[];
  sharedWords: string[];
  reason: string;
}

const THEME_WEIGHT = 3;
const TITLE_WORD_WEIGHT = 2;

const STOP_WORDS = new Set(
  [
    // Grammar.
    "a about after all also an and any are as at be been being but by can could do does for from had has have how if in into is it its",
    "more most much no not of on one or other our ours out over own so some such than that the their them then there these they this",
    "those through to too under up us very was we were what when where which while who why will with within would you your",
    // Words every offer and request uses, which say nothing about what it is.
    "help support like want need needs across work working using use better improve improving service services",
    "authority authorities local council practice new year years coming",
  ]
    .join(" ")
    .split(" "),
);

/** The meaningful words of a text, folded so "carers" meets "carer". */
export function keywords(text: string): Set<string> {
  const out = new Set<string>();
  for (const raw of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (raw.length < 3 || STOP_WORDS.has(raw)) continue;
    out.add(raw.length > 4 && raw.endsWith("s") && !raw.endsWith("ss") ? raw.slice(0, -1) : raw);
  }
  return out;
}

/** A search finding anything with one of these words (or its plural), for narrowing the candidates. */
export function anyOfWords(words: Iterable<string>, most = 16): TextSearch | null {
  const terms = [...words].slice(0, most).map((w) => ({ text: w, prefix: true }));
  return terms.length > 0 ? { terms, join: "any" } : null;
}

export function suggestMatches(
  request: { authorityId: number; title: string; text: string; themes: string[] },
  offers: readonly MatchCandidate[],
  themeLabel: (key: string) => string,
  limit = 5,
): SuggestedMatch[] {
  const requestWords = keywords(`${request.title} ${request.text}`);
  const requestTitleWords = keywords(request.title);
  const suggestions: SuggestedMatch[] = [];
  for (const offer of offers) {
    if (offer.authorityId === request.authorityId) continue;
    const sharedThemes = offer.themes.filter((t) => request.themes.includes(t));
    const offerWords = keywords(`${offer.title} ${offer.text}`);
    const sharedWords = [...requestWords].filter((w) => offerWords.has(w));
    if (sharedThemes.length === 0 && sharedWords.length === 0) continue;
    const score =
      sharedThemes.length * THEME_WEIGHT + sharedWords.reduce((n, w) => n + (requestTitleWords.has(w) ? TITLE_WORD_WEIGHT : 1), 0);
    const parts = [
      sharedThemes.length > 0 ? `shares themes: ${sharedThemes.map(themeLabel).join(", ")}` : null,
      sharedWords.length > 0 ? `words: ${sharedWords.slice(0, 6).join(", ")}` : null,
    ].filter(Boolean);
    suggestions.push({ id: offer.id, score, sharedThemes, sharedWords, reason: upperFirst(parts.join("; ")) });
  }
  return suggestions.sort((a, b) => b.score - a.score || a.id - b.id).slice(0, limit);
}

function upperFirst(text: string): string {
  return text ? text[0]!.toUpperCase() + text.slice(1) : text;
}
