/**
 * The region's ratings: the heatmap of one cycle (authorities × areas, with the change from the
 * previous cycle) and one authority's year on year, flagging a claimed direction of travel that
 * the ratings contradict. Pure: the route reads submitted ratings and passes them in. Ratings
 * are listed best first in the template, so a lower index is better.
 */
import type { RatingGridField, TemplateDefinition } from "../template/definition";
import type { RatingGridValue } from "../template/values";

export interface RatingsField {
  sectionKey: string;
  author: "authority" | "peers";
  field: RatingGridField;
}

/** The rating grid the template publishes to the region, if it has one. */
export function publishedRatings(template: TemplateDefinition): RatingsField | undefined {
  for (const section of template.sections) {
    for (const field of section.fields) {
      if (field.kind === "ratingGrid" && field.regionalRatings) return { sectionKey: section.key, author: section.author, field };
    }
  }
  return undefined;
}

export type Change = "better" | "worse" | "same" | "new";

export interface RatingCell {
  area: string;
  /** Index in the template's ratings (0 is best), or null when not rated. */
  level: number | null;
  label: string;
  direction: { value: string; label: string; symbol: string } | null;
  previous: { level: number; label: string } | null;
  change: Change | null;
}

export interface HeatmapRow {
  authority: { id: number; name: string; slug: string };
  /** False while the authority's assessment for the cycle is not submitted: nothing of it is shown. */
  submitted: boolean;
  cells: RatingCell[];
}

function levelOf(field: RatingGridField, value: string | undefined): number | null {
  const index = field.ratings.findIndex((r) => r.value === value);
  return index === -1 ? null : index;
}

export function ratingCell(field: RatingGridField, area: string, grid: RatingGridValue | undefined, previousGrid: RatingGridValue | undefined): RatingCell {
  const level = levelOf(field, grid?.[area]?.rating);
  const direction = field.directions.find((d) => d.value === grid?.[area]?.direction);
  const previousLevel = levelOf(field, previousGrid?.[area]?.rating);
  const previous = previousLevel === null ? null : { level: previousLevel, label: field.ratings[previousLevel]!.label };
  let change: Change | null = null;
  if (level !== null) change = previous === null ? "new" : level < previous.level ? "better" : level > previous.level ? "worse" : "same";
  return {
    area,
    level,
    label: level === null ? "Not rated" : field.ratings[level]!.label,
    direction: direction ? { value: direction.value, label: direction.label, symbol: direction.symbol ?? "" } : null,
    previous,
    change,
  };
}

/**
 * A cell as the heatmap page sends it: positions instead of words (the page has the ratings'
 * and directions' words once), so 1,000 cells do not carry 1,000 copies of the same labels.
 */
export interface CompactCell {
  /** Rating position, or null when not rated. */
  l: number | null;
  /** Direction of travel's position, or null. */
  d: number | null;
  /** Last cycle's rating position, or null. */
  p: number | null;
  c: Change | null;
}

export function compactCell(field: RatingGridField, cell: RatingCell): CompactCell {
  const d = cell.direction ? field.directions.findIndex((x) => x.value === cell.direction!.value) : -1;
  return { l: cell.level, d: d < 0 ? null : d, p: cell.previous?.level ?? null, c: cell.change };
}

export interface CellWords {
  ratings: string[];
  directions: Array<{ value: string; label: string; symbol: string }>;
}

export function cellWords(field: RatingGridField): CellWords {
  return { ratings: field.ratings.map((r) => r.label), directions: field.directions.map((d) => ({ value: d.value, label: d.label, symbol: d.symbol ?? "" })) };
}

export function expandCell(area: string, cell: CompactCell, words: CellWords): RatingCell {
  return {
    area,
    level: cell.l,
    label: cell.l === null ? "Not rated" : words.ratings[cell.l] ?? "",
    direction: cell.d === null ? null : words.directions[cell.d] ?? null,
    previous: cell.p === null ? null : { level: cell.p, label: words.ratings[cell.p] ?? "" },
    change: cell.c,
  };
}

export function heatmapRows(
  field: RatingGridField,
  authorities: Array<{ id: number; name: string; slug: string }>,
  current: Map<number, RatingGridValue>,
  previous: Map<number, RatingGridValue>,
): HeatmapRow[] {
  return authorities.map((authority) => {
    const grid = current.get(authority.id);
    return {
      authority,
      submitted: grid !== undefined,
      cells: grid === undefined ? [] : field.areas.map((area) => ratingCell(field, area.key, grid, previous.get(authority.id))),
    };
  });
}

export const CHANGE_WORDS: Record<Change, string> = {
  better: "up from last cycle",
  worse: "down from last cycle",
  same: "same as last cycle",
  new: "no rating last cycle",
};
export const CHANGE_MARKS: Record<Change, string> = { better: "▲", worse: "▼", same: "=", new: "•" };

/** Whether a claimed direction of travel disagrees with how the rating moved, in words; null when it does not. */
export function disagreement(field: RatingGridField, cell: RatingCell): string | null {
  const claims = field.regionalRatings;
  if (!claims || !cell.direction || cell.change === null || cell.change === "new" || !cell.previous) return null;
  const claimed = cell.direction.value;
  if (claimed === claims.improving && cell.change === "worse") return `Says ${cell.direction.label.toLowerCase()}, but the rating went down from “${cell.previous.label}”`;
  if (claimed === claims.declining && cell.change === "better") return `Says ${cell.direction.label.toLowerCase()}, but the rating went up from “${cell.previous.label}”`;
  return null;
}

// ---------------------------------------------------------------------------
// SVG

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!);
}

export const RATING_FILLS = ["#cce2d8", "#e6f0c2", "#fff7bf", "#f4cdc6"];
const NONE_FILL = "#f3f2f1";

/** The heatmap as a standalone SVG file: colour and a short text in every cell, a legend, a title. */
export function heatmapSvg(title: string, field: RatingGridField, rows: HeatmapRow[]): string {
  const nameWidth = 190;
  const cellWidth = 120;
  const cellHeight = 34;
  const headerHeight = 70;
  const legendHeight = 30 + field.ratings.length * 22;
  const width = nameWidth + cellWidth * field.areas.length + 20;
  const height = headerHeight + cellHeight * rows.length + legendHeight + 20;
  const shortLabel = (label: string) => (label.length > 16 ? `${label.slice(0, 15)}…` : label);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="t">`);
  out.push(`<title id="t">${escapeXml(title)}</title>`);
  out.push(`<style>text{font-family:Arial,sans-serif;font-size:12px;fill:#0b0c0c}.h{font-weight:bold}</style>`);
  out.push(`<text x="10" y="20" class="h" font-size="14">${escapeXml(title)}</text>`);
  field.areas.forEach((area, i) => {
    const x = nameWidth + i * cellWidth + 4;
    const words = area.title.split(" ");
    const lines = [words.slice(0, Math.ceil(words.length / 2)).join(" "), words.slice(Math.ceil(words.length / 2)).join(" ")];
    lines.forEach((line, j) => out.push(`<text x="${x}" y="${42 + j * 14}" class="h">${escapeXml(shortLabel(line))}</text>`));
  });
  rows.forEach((row, r) => {
    const y = headerHeight + r * cellHeight;
    out.push(`<text x="10" y="${y + 21}">${escapeXml(row.authority.name)}</text>`);
    field.areas.forEach((area, i) => {
      const x = nameWidth + i * cellWidth;
      const cell = row.cells.find((c) => c.area === area.key);
      const fill = cell && cell.level !== null ? RATING_FILLS[cell.level % RATING_FILLS.length] : NONE_FILL;
      const text = !row.submitted ? "Not submitted" : cell && cell.level !== null ? `${shortLabel(cell.label.replace(/^Area (of|requiring) /, ""))} ${cell.direction?.symbol ?? ""}` : "Not rated";
      out.push(`<rect x="${x}" y="${y}" width="${cellWidth - 2}" height="${cellHeight - 2}" fill="${fill}" stroke="#b1b4b6"/>`);
      out.push(`<text x="${x + 5}" y="${y + 20}">${escapeXml(text)}${cell?.change && cell.change !== "new" ? ` ${CHANGE_MARKS[cell.change]}` : ""}</text>`);
    });
  });
  const legendY = headerHeight + rows.length * cellHeight + 20;
  out.push(`<text x="10" y="${legendY}" class="h">Key</text>`);
  field.ratings.forEach((rating, i) => {
    const y = legendY + 10 + i * 22;
    out.push(`<rect x="10" y="${y}" width="18" height="16" fill="${RATING_FILLS[i % RATING_FILLS.length]}" stroke="#b1b4b6"/>`);
    out.push(`<text x="34" y="${y + 12}">${escapeXml(rating.label)}</text>`);
  });
  out.push(`<text x="330" y="${legendY + 22}">▲ better than last cycle · ▼ worse · = the same · arrows after a rating are its direction of travel</text>`);
  out.push(`</svg>`);
  return out.join("\n");
}
