/** The signatures of success: for each area, one rating and a direction of travel. */
import { z } from "zod";

import { enumOf, unknownKeys } from "../columns";
import { checkOptions, checkUnique, fieldBase, keySchema, optionSchema, templateError, wording, type OptionDefinition } from "../schema-parts";
import type { FieldKindModule } from "./types";
import { firstTable, plainKey } from "./word";

const areaSchema = z.strictObject({
  key: keySchema,
  title: wording,
  /** What good looks like in this area. */
  guidance: wording,
});

export const ratingGridDefinition = z.strictObject({
  ...fieldBase,
  kind: z.literal("ratingGrid"),
  areas: z.array(areaSchema).min(1, "needs at least one area"),
  ratings: z.array(optionSchema).min(1, "needs at least one rating"),
  directions: z.array(optionSchema).min(1, "needs at least one direction of travel"),
  /**
   * These ratings are what the region's heatmap and year-on-year pages show. Ratings are listed
   * best first; `improving` and `declining` name the directions that claim a change.
   */
  regionalRatings: z.strictObject({ improving: keySchema, declining: keySchema }).optional(),
});
export type RatingGridField = z.infer<typeof ratingGridDefinition>;

export interface AreaRating {
  rating?: string;
  direction?: string;
}

/** Area key → rating and direction of travel. */
export type RatingGridValue = Partial<Record<string, AreaRating>>;

function ratingGridSchema(field: RatingGridField): z.ZodType<RatingGridValue> {
  const rating = enumOf(
    field.ratings.map((option) => option.value),
    `Choose one of the ${field.ratings.length} ratings`,
  );
  const direction = enumOf(
    field.directions.map((option) => option.value),
    `Choose one of the ${field.directions.length} directions of travel`,
  );
  const area = z.strictObject({ rating: rating.optional(), direction: direction.optional() }, { error: unknownKeys("A rating") });
  return z.strictObject(Object.fromEntries(field.areas.map((a) => [a.key, area.optional()])), {
    error: (issue) => (issue.code === "unrecognized_keys" ? "Only the areas in the template can be rated" : `${field.title} must be a set of ratings`),
  }) as unknown as z.ZodType<RatingGridValue>;
}

function label(options: readonly OptionDefinition[], value: unknown): string {
  return options.find((o) => o.value === value)?.label ?? (value === undefined || value === null ? "" : String(value));
}

export const ratingGridKind: FieldKindModule<RatingGridField> = {
  definition: ratingGridDefinition,
  check: (field, where) => {
    checkUnique(
      field.areas.map((area) => area.key),
      (key) => `${where} area "${key}"`,
    );
    checkOptions(field.ratings, `${where} ratings`);
    checkOptions(field.directions, `${where} directions`);
    for (const claim of ["improving", "declining"] as const) {
      const value = field.regionalRatings?.[claim];
      if (value !== undefined && !field.directions.some((d) => d.value === value)) {
        templateError(`${where} regionalRatings.${claim} "${value}" is not one of its directions`);
      }
    }
  },
  valueSchema: ratingGridSchema,
  progress: (field, value) => {
    const grid = value as RatingGridValue;
    const started = field.areas.some((area) => grid[area.key]?.rating || grid[area.key]?.direction);
    if (!started) return { started: false, problems: field.required ? [ratingGridKind.notStarted(field)] : [] };
    const unfinished = field.areas.filter((area) => !grid[area.key]?.rating || !grid[area.key]?.direction);
    return {
      started: true,
      problems: unfinished.length > 0 ? [`${unfinished.length} of ${field.areas.length} areas still need a rating and a direction of travel`] : [],
    };
  },
  notStarted: () => "rate each area and give its direction of travel",
  plainText: (field, value) => {
    if (!value || typeof value !== "object") return "";
    const grid = value as RatingGridValue;
    return field.areas
      .map((area) => {
        const rating = grid[area.key];
        if (!rating) return null;
        return `${area.title}: ${label(field.ratings, rating.rating)}${rating.direction ? `, ${label(field.directions, rating.direction)}` : ""}`;
      })
      .filter(Boolean)
      .join("\n");
  },
  richText: () => [],
  rows: () => null,
  // Back from the form's grid: the area by its title, the rating by the column with a mark in
  // it (☒, ✓, X), the direction by its words or its arrow.
  fromWord: (field, blocks) => {
    const table = firstTable(blocks);
    if (!table || table.rows.length < 2) return undefined;
    const [header, ...rows] = table.rows;
    const ratingAt = header!.map((title) => field.ratings.find((r) => plainKey(r.label) === plainKey(title))?.value);
    const directionAt = header!.findIndex((title) => /direction/i.test(title));
    const grid: RatingGridValue = {};
    for (const cells of rows) {
      const name = plainKey(cells[0] ?? "");
      const area = field.areas.find((a) => plainKey(a.title) === name || (name.length > 8 && plainKey(a.title).startsWith(name)));
      if (!area) continue;
      const marked = cells.findIndex((text, i) => ratingAt[i] !== undefined && /[☒✓✔xX■●]/.test(text));
      const words = directionAt >= 0 ? (cells[directionAt] ?? "").trim() : "";
      const direction = field.directions.find((d) => plainKey(words) === plainKey(d.label) || (d.symbol !== undefined && words.startsWith(d.symbol)));
      const rating = marked >= 0 ? ratingAt[marked] : undefined;
      if (rating || direction) grid[area.key] = { ...(rating ? { rating } : {}), ...(direction ? { direction: direction.value } : {}) };
    }
    return Object.keys(grid).length > 0 ? grid : undefined;
  },
  // A grid like the form's: a ☒ in the chosen rating's column, the direction of travel with its arrow.
  word: (field, value) => {
    const grid = (value && typeof value === "object" ? value : {}) as RatingGridValue;
    const direction = (area: string) => {
      const chosen = field.directions.find((d) => d.value === grid[area]?.direction);
      return chosen ? `${chosen.symbol ? `${chosen.symbol} ` : ""}${chosen.label}` : "";
    };
    return [
      {
        type: "table",
        header: ["Area", ...field.ratings.map((r) => r.label), "Direction of travel"],
        rows: field.areas.map((area) => [
          [{ text: area.title, bold: true }],
          ...field.ratings.map((r) => [{ text: grid[area.key]?.rating === r.value ? "☒" : "☐" }]),
          [{ text: direction(area.key) }],
        ]),
      },
    ];
  },
};
