/** Reads submitted ratings for the heatmap and year-on-year pages; drafts never count. */
import type { Executor } from "../../db/schema";
import { listAuthoritiesInRegions } from "../models/authority.server";
import { listCyclesOfRegion, previousCycle } from "../models/cycle.server";
import { listSubmittedParts } from "../models/section.server";
import type { TemplateDefinition } from "../template/definition";
import type { RatingGridValue } from "../template/values";
import { heatmapRows, publishedRatings, ratingCell, type RatingCell, type RatingsField } from "./ratings";

async function gridsOf(db: Executor, cycleIds: number[], published: RatingsField) {
  const parts = await listSubmittedParts(db, cycleIds, published.sectionKey, published.author);
  return parts.map((p) => ({ cycleId: p.cycleId, authorityId: p.authorityId, grid: (p.values[published.field.key] ?? {}) as RatingGridValue }));
}

export async function cycleHeatmap(db: Executor, cycle: { id: number; regionId: number; opensOn: string; template: TemplateDefinition }) {
  const published = publishedRatings(cycle.template);
  if (!published) return null;
  const before = await previousCycle(db, cycle);
  const grids = await gridsOf(db, before ? [cycle.id, before.id] : [cycle.id], published);
  const of = (cycleId: number) => new Map(grids.filter((g) => g.cycleId === cycleId).map((g) => [g.authorityId, g.grid]));
  const authorities = await listAuthoritiesInRegions(db, [cycle.regionId]);
  return {
    field: published.field,
    previousLabel: before ? (await listCyclesOfRegion(db, cycle.regionId)).find((c) => c.id === before.id)?.label ?? null : null,
    rows: heatmapRows(
      published.field,
      authorities.map((a) => ({ id: a.id, name: a.name, slug: a.slug })),
      of(cycle.id),
      before ? of(before.id) : new Map(),
    ),
  };
}

export interface TrendCycle {
  cycleId: number;
  label: string;
  submitted: boolean;
  cells: RatingCell[];
}

/** One authority's ratings in every cycle of its region, oldest first, each compared with the cycle before. */
export async function authorityTrend(db: Executor, regionId: number, authorityId: number, template: TemplateDefinition): Promise<{ field: RatingsField["field"]; cycles: TrendCycle[] } | null> {
  const published = publishedRatings(template);
  if (!published) return null;
  const cycles = (await listCyclesOfRegion(db, regionId)).reverse();
  const grids = (await gridsOf(db, cycles.map((c) => c.id), published)).filter((g) => g.authorityId === authorityId);
  let previous: RatingGridValue | undefined;
  const out: TrendCycle[] = [];
  for (const cycle of cycles) {
    const grid = grids.find((g) => g.cycleId === cycle.id)?.grid;
    out.push({
      cycleId: cycle.id,
      label: cycle.label,
      submitted: grid !== undefined,
      cells: grid === undefined ? [] : published.field.areas.map((area) => ratingCell(published.field, area.key, grid, previous)),
    });
    if (grid !== undefined) previous = grid;
  }
  return { field: published.field, cycles: out };
}
