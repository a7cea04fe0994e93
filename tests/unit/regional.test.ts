/** The regional offer's pure parts: search syntax, CSV, suggested matches, ratings and the theme vocabulary. */
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";

import { parseBoardView } from "../../app/regional/board-filter";
import { csvCell, toCsv } from "../../app/utils/csv";
import { keywords, suggestMatches } from "../../app/regional/matching";
import { cellWords, compactCell, disagreement, expandCell, heatmapRows, heatmapSvg, publishedRatings, ratingCell } from "../../app/regional/ratings";
import { fts5Expression, tsQueryText } from "../../db/dialect.server";
import { anyOfWords } from "../../app/regional/matching";
import { highlightPieces, MATCH_END, MATCH_START, parseSearch, searchOf } from "../../app/regional/search-query";
import { withRegionThemes } from "../../app/regional/vocabulary";
import { builtInTemplate } from "../../app/template/built-in";
import { findSection } from "../../app/template/definition";
import { fieldValueSchema } from "../../app/template/values";
import type { ListField, RatingGridField } from "../../app/template/definition";

/** The SQLite FTS5 expression for a search box's text, or null for nothing to search. */
const ftsQuery = (input: string) => {
  const search = searchOf(input);
  return search && fts5Expression(search);
};
/** The PostgreSQL to_tsquery text for it. */
const tsQuery = (input: string) => {
  const search = searchOf(input);
  return search && tsQueryText(search);
};

describe("search box text to FTS5 and to PostgreSQL's tsquery", () => {
  it("quotes every word, keeps a balanced phrase and a trailing *, and ANDs them", () => {
    expect(ftsQuery("kinship care")).toBe('"kinship" AND "care"');
    expect(ftsQuery('"edge of care" team')).toBe('"edge of care" AND "team"');
    expect(ftsQuery("foster*")).toBe('"foster"*');
    expect(ftsQuery("   ")).toBeNull();
  });

  it("turns FTS syntax people type into plain words or nothing", () => {
    expect(ftsQuery("kinship NEAR care")).toBe('"kinship" AND "NEAR" AND "care"');
    expect(ftsQuery("-care")).toBe('"care"');
    expect(ftsQuery('"unbalanced care')).toBe('"unbalanced" AND "care"');
    expect(ftsQuery("(care OR")).toBe('"care" AND "OR"');
    expect(ftsQuery("title:care ^x {a b}")).toBe('"title" AND "care" AND "x" AND "a" AND "b"');
    expect(ftsQuery("*")).toBeNull();
    expect(ftsQuery('""')).toBeNull();
  });

  it("gives PostgreSQL the same search: words ANDed, a phrase's words in order, * as a prefix, no operators", () => {
    expect(tsQuery("kinship care")).toBe("kinship & care");
    expect(tsQuery('"edge of care" team')).toBe("edge <-> of <-> care & team");
    expect(tsQuery("foster*")).toBe("foster:*");
    expect(tsQuery("kinship & !care | (x) <-> y:*")).toBe("kinship & care & x & y:*");
    expect(tsQuery("   ")).toBeNull();
    expect(tsQueryText(anyOfWords(["kinship", "carer"])!)).toBe("kinship:* | carer:*");
    expect(fts5Expression(anyOfWords(["kinship", "carer"])!)).toBe('"kinship"* OR "carer"*');
  });

  it("keeps at most a dozen terms of sensible length", () => {
    expect(parseSearch(Array.from({ length: 40 }, (_, i) => `w${i}`).join(" "))).toHaveLength(12);
    expect(parseSearch("x".repeat(500))[0]!.text).toHaveLength(60);
  });

  it("splits highlighted text into text and matches, dropping stray marks", () => {
    expect(highlightPieces(`a ${MATCH_START}kinship${MATCH_END} care`)).toEqual([
      { text: "a ", match: false },
      { text: "kinship", match: true },
      { text: " care", match: false },
    ]);
    expect(highlightPieces(`<b>${MATCH_START}x`)).toEqual([{ text: "<b>x", match: false }]);
  });
});

describe("the board's URL", () => {
  it("reads a view and falls back to everything for anything odd", () => {
    expect(parseBoardView(new URLSearchParams("show=request&theme=kinship_care&q=care&page=2"))).toEqual({
      show: "request",
      theme: "kinship_care",
      q: "care",
      page: 2,
    });
    const odd = parseBoardView(new URLSearchParams("show=all-of-it&theme=<script>&page=-4&authority=../x"));
    expect(odd).toEqual({ show: "all", theme: undefined, authority: undefined, q: "", page: 1 });
    expect(parseBoardView(new URLSearchParams(`q=${"a".repeat(300)}`)).q).toHaveLength(200);
  });
});

describe("CSV", () => {
  it("round-trips commas, quotes, newlines and non-ASCII through a CSV parser, with a BOM for Excel", () => {
    const awkward = ['Kinship, "care" and more', "Line one\nLine two\r\nLine three", "Ysgol Gymraeg — café naïve 😀", "plain"];
    const text = toCsv(["A", "B", "C", "D"], [awkward]);
    expect(text.startsWith("\uFEFF")).toBe(true);
    const rows = parse(text, { bom: true, relax_column_count: false }) as string[][];
    expect(rows).toEqual([["A", "B", "C", "D"], awkward]);
  });

  it("neutralises cells a spreadsheet would run as a formula, and keeps them as text", () => {
    const dangerous = ["=HYPERLINK(\"http://x\")", "+1+1", "-2", "@SUM(A1)", "\tTabbed", "\rReturn"];
    const rows = parse(toCsv(["x"], dangerous.map((d) => [d])), { bom: true }) as string[][];
    expect(rows.slice(1).map((r) => r[0])).toEqual(dangerous.map((d) => `'${d}`));
    expect(csvCell(-2)).toBe("-2");
    expect(csvCell("a-b")).toBe("a-b");
  });
});

describe("suggested matches", () => {
  const labels = (k: string) => ({ kinship_care: "Kinship care", edge_of_care: "Edge of care" })[k] ?? k;
  const request = { authorityId: 1, title: "Setting up a kinship care team", text: "We want to assess kinship carers faster.", themes: ["kinship_care"] };
  const offers = [
    { id: 10, authorityId: 2, title: "Kinship care assessment framework", text: "How our kinship team assesses carers.", themes: ["kinship_care", "edge_of_care"] },
    { id: 11, authorityId: 3, title: "Edge-of-care team", text: "Intensive work with families.", themes: ["edge_of_care"] },
    { id: 12, authorityId: 1, title: "Our own kinship offer", text: "Kinship care.", themes: ["kinship_care"] },
    { id: 13, authorityId: 4, title: "Attendance", text: "Schools.", themes: ["attendance"] },
  ];

  it("suggests other authorities' offers that share themes or words, best first, with the reason", () => {
    const found = suggestMatches(request, offers, labels);
    // 10 shares the theme and several words; 11 only "care" and "team"; 13 nothing.
    expect(found.map((s) => s.id)).toEqual([10, 11]);
    expect(found[1]!.reason).toBe("Words: care, team");
    expect(found[0]!.reason).toMatch(/^Shares themes: Kinship care; words: .*kinship/);
    expect(found[0]!.sharedWords).toEqual(expect.arrayContaining(["kinship", "care", "carer"]));
  });

  it("never suggests the requesting authority's own offers, and weighs themes above words", () => {
    const wordsOnly = { ...request, themes: ["edge_of_care"] };
    const found = suggestMatches(wordsOnly, offers, labels);
    expect(found.map((s) => s.id)).not.toContain(12);
    expect(found[0]!.id).toBe(10);
  });

  it("folds plurals and ignores words that say nothing", () => {
    expect([...keywords("Our carers support the carer")]).toEqual(["carer"]);
  });
});

describe("ratings", () => {
  const template = builtInTemplate();
  const published = publishedRatings(template)!;
  const field = published.field as RatingGridField;

  it("finds the grid the template publishes to the region", () => {
    expect(published.sectionKey).toBe("1");
    expect(field.key).toBe("1f");
  });

  it("marks the change from the last cycle and flags a direction the ratings contradict", () => {
    const worse = ratingCell(field, "leadership", { leadership: { rating: "further_development", direction: "improving" } }, { leadership: { rating: "good_practice" } });
    expect(worse.change).toBe("worse");
    expect(disagreement(field, worse)).toBe("Says improving, but the rating went down from “Area of good practice”");
    const better = ratingCell(field, "leadership", { leadership: { rating: "good_practice", direction: "declining" } }, { leadership: { rating: "priority_focus" } });
    expect(better.change).toBe("better");
    expect(disagreement(field, better)).toMatch(/^Says declining, but the rating went up/);
    const fits = ratingCell(field, "leadership", { leadership: { rating: "good_practice", direction: "improving" } }, { leadership: { rating: "improving_practice" } });
    expect(disagreement(field, fits)).toBeNull();
    const first = ratingCell(field, "leadership", { leadership: { rating: "good_practice", direction: "declining" } }, undefined);
    expect(first.change).toBe("new");
    expect(disagreement(field, first)).toBeNull();
  });

  it("sends heatmap cells as positions that turn back into exactly the same cells", () => {
    const ratings = [undefined, ...field.ratings.map((r) => r.value)];
    const directions = [undefined, ...field.directions.map((d) => d.value)];
    let checked = 0;
    for (const rating of ratings) {
      for (const direction of directions) {
        for (const before of ratings) {
          const cell = ratingCell(field, "leadership", rating ? { leadership: { rating, direction } } : undefined, before ? { leadership: { rating: before } } : undefined);
          const sent = compactCell(field, cell);
          expect(JSON.stringify(sent).length).toBeLessThan(40);
          expect(expandCell("leadership", JSON.parse(JSON.stringify(sent)), cellWords(field))).toEqual(cell);
          checked++;
        }
      }
    }
    expect(checked).toBe(ratings.length * directions.length * ratings.length);
  });

  it("shows nothing of an authority without a submitted assessment, and its name escaped in the SVG", () => {
    const rows = heatmapRows(field, [{ id: 1, name: "A <script> & Co", slug: "a" }, { id: 2, name: "B", slug: "b" }], new Map([[1, { leadership: { rating: "good_practice", direction: "stable" } }]]), new Map());
    expect(rows[1]).toEqual({ authority: { id: 2, name: "B", slug: "b" }, submitted: false, cells: [] });
    const svg = heatmapSvg("Heatmap", field, rows);
    expect(svg).toContain("A &lt;script&gt; &amp; Co");
    expect(svg).not.toContain("<script>");
    expect(svg).toContain("Not submitted");
    expect(svg).toContain("Area of good practice");
  });
});

describe("the region's theme vocabulary", () => {
  const template = builtInTemplate();
  const offers = findSection(template, "6")!.fields.find((f) => f.key === "6a") as ListField;
  const themes = [
    { key: "kinship_care", label: "Kinship and family care", retired: false },
    { key: "fostering", label: "Fostering", retired: true },
    { key: "youth_justice", label: "Youth justice", retired: false },
  ];

  it("gives every theme column the region's themes, renamed and retired ones included", () => {
    const used = withRegionThemes(template, themes);
    const column = (findSection(used, "6")!.fields.find((f) => f.key === "6a") as ListField).itemFields!.find((c) => c.key === "themes")!;
    expect(column.kind === "choice" && column.options).toEqual([
      { value: "kinship_care", label: "Kinship and family care" },
      { value: "fostering", label: "Fostering", retired: true },
      { value: "youth_justice", label: "Youth justice" },
    ]);
    expect(used.themes.map((t) => t.value)).toEqual(["kinship_care", "fostering", "youth_justice"]);
    // A retired theme is still a valid answer (old items keep it); an unknown one is not.
    const schema = fieldValueSchema((findSection(used, "6")!.fields.find((f) => f.key === "6a") as ListField));
    const item = { id: "o1", title: "T", body: { type: "doc", content: [] }, themes: ["fostering", "youth_justice"] };
    expect(schema.safeParse([item]).success).toBe(true);
    expect(schema.safeParse([{ ...item, themes: ["edge_of_care"] }]).success).toBe(false);
    // The template itself is untouched.
    expect(offers.itemFields!.find((c) => c.key === "themes")!.kind).toBe("choice");
  });
});
