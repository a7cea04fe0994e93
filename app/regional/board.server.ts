/**
 * The regional offer board as a query: a view from the URL turned into the model's filter, and
 * the vocabulary its rows are read with. The page, its CSV and the tests all go through here,
 * so they find the same rows in the same order.
 */
import type { Executor } from "../../db/schema";
import { listAuthoritiesInRegions } from "../models/authority.server";
import { countBoard, listBoard, type BoardFilter, type BoardRow } from "../models/offer.server";
import { listRegionThemes } from "../models/theme.server";
import type { TemplateDefinition } from "../template/definition";
import { BOARD_PAGE_SIZE, parseBoardView, type BoardView } from "./board-filter";
import { searchOf } from "./search-query";

export interface BoardContext {
  cycle: { id: number; regionId: number; template: TemplateDefinition };
}

export async function boardVocabulary(db: Executor, cycle: BoardContext["cycle"]) {
  const [themes, authorities] = await Promise.all([listRegionThemes(db, cycle.regionId), listAuthoritiesInRegions(db, [cycle.regionId])]);
  return {
    themes: themes.map((t) => ({ value: t.key, label: t.label, retired: t.retired })),
    supportKinds: cycle.template.supportKinds.map((o) => ({ value: o.value, label: o.label })),
    authorities: authorities.map((a) => ({ id: a.id, slug: a.slug, name: a.name })),
  };
}

export type BoardVocabulary = Awaited<ReturnType<typeof boardVocabulary>>;

/** The model's filter for a view; an authority not in the region finds nothing. */
export function boardFilter(cycleId: number, view: BoardView, vocabulary: BoardVocabulary): BoardFilter {
  const authority = view.authority ? vocabulary.authorities.find((a) => a.slug === view.authority) : undefined;
  return {
    cycleId,
    kind: view.show === "all" ? undefined : view.show,
    theme: view.theme,
    supportKind: view.support,
    authorityId: view.authority ? (authority?.id ?? -1) : undefined,
    search: searchOf(view.q),
  };
}

/** One page of the board, with how many there are in all. */
export async function boardPage(db: Executor, filter: BoardFilter, page: number): Promise<{ total: number; pages: number; page: number; rows: BoardRow[] }> {
  const total = await countBoard(db, filter);
  const pages = Math.max(1, Math.ceil(total / BOARD_PAGE_SIZE));
  const current = Math.min(page, pages);
  const rows = await listBoard(db, filter, { limit: BOARD_PAGE_SIZE, offset: (current - 1) * BOARD_PAGE_SIZE });
  return { total, pages, page: current, rows };
}

/**
 * Every row a view finds, in the board's order, with the labels to read them by: what the CSV
 * and Word downloads are made from.
 */
export async function boardExport(db: Executor, cycle: BoardContext["cycle"], params: URLSearchParams) {
  const view = parseBoardView(params);
  const vocabulary = await boardVocabulary(db, cycle);
  const rows = await listBoard(db, boardFilter(cycle.id, view, vocabulary));
  return {
    view,
    vocabulary,
    rows,
    themeLabel: (key: string) => labelOf(vocabulary.themes, key),
    supportLabel: (key: string | null) => (key ? labelOf(vocabulary.supportKinds, key) : ""),
  };
}

function labelOf(list: Array<{ value: string; label: string }>, value: string): string {
  return list.find((o) => o.value === value)?.label ?? value;
}

/** A view in words, for the top of an exported document. */
export function describeView(view: BoardView, vocabulary: BoardVocabulary): string {
  const parts = [
    view.show === "offer" ? "Offers" : view.show === "request" ? "Requests" : "Offers and requests",
    view.theme ? `theme ${labelOf(vocabulary.themes, view.theme)}` : null,
    view.support ? `kind of support ${labelOf(vocabulary.supportKinds, view.support)}` : null,
    view.authority ? `from ${vocabulary.authorities.find((a) => a.slug === view.authority)?.name ?? view.authority}` : null,
    view.q ? `search “${view.q}”` : null,
  ];
  return parts.filter(Boolean).join(" · ");
}
