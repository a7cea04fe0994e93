/**
 * The regional offer's items: each offer and request of a submitted assessment, copied out of
 * its section at submission with its themes and a full-text index entry, all in the caller's
 * transaction. Queries only; app/regional/publish.server.ts decides what is copied.
 */
import type { SelectQueryBuilder } from "kysely";

import { offerHighlights, offerMatches, refillOfferIndex, type TextSearch } from "../../db/dialect.server";
import type { Database, Executor, OfferKind } from "../../db/schema";
import { atomically } from "../../db/transaction";
import { MATCH_END, MATCH_START } from "../regional/search-query";

export interface OfferItemInput {
  kind: OfferKind;
  itemKey: string;
  position: number;
  title: string;
  bodyText: string;
  bodyHtml: string;
  supportKind: string | null;
  themes: string[];
}

/** Takes an assessment's items out of the regional offer (and its search index). */
export async function removeOfferItems(db: Executor, assessmentId: number): Promise<void> {
  await atomically(db, async (trx) => {
    const ids = trx.selectFrom("offer_items").select("id").where("assessment_id", "=", assessmentId);
    await trx.deleteFrom("offer_items_fts").where("rowid", "in", ids).execute();
    await trx.deleteFrom("offer_item_themes").where("item_id", "in", ids).execute();
    await trx.deleteFrom("offer_items").where("assessment_id", "=", assessmentId).execute();
  });
}

/** Puts an assessment's items into the regional offer, replacing any it had. */
export async function replaceOfferItems(
  db: Executor,
  owner: { assessmentId: number; cycleId: number; authorityId: number; submittedAt: number },
  items: readonly OfferItemInput[],
): Promise<void> {
  await atomically(db, async (trx) => {
    await removeOfferItems(trx, owner.assessmentId);
    for (const item of items) {
      const row = await trx
        .insertInto("offer_items")
        .values({
          cycle_id: owner.cycleId,
          assessment_id: owner.assessmentId,
          authority_id: owner.authorityId,
          kind: item.kind,
          item_key: item.itemKey,
          position: item.position,
          title: item.title,
          body_text: item.bodyText,
          body_html: item.bodyHtml,
          support_kind: item.supportKind,
          submitted_at: owner.submittedAt,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      if (item.themes.length > 0) {
        await trx
          .insertInto("offer_item_themes")
          .values([...new Set(item.themes)].map((theme) => ({ item_id: row.id, theme })))
          .execute();
      }
      await trx.insertInto("offer_items_fts").values({ rowid: row.id, title: item.title, body: item.bodyText }).execute();
    }
  });
}

/** Rebuilds the search index from the items (the items are the truth; the index only finds them). */
export async function rebuildOfferIndex(db: Executor): Promise<number> {
  return atomically(db, async (trx) => {
    await trx.deleteFrom("offer_items_fts").execute();
    await refillOfferIndex(trx);
    const { n } = await trx.selectFrom("offer_items").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    return Number(n);
  });
}

// ---------------------------------------------------------------------------
// The board

export interface BoardFilter {
  cycleId: number;
  kind?: OfferKind;
  theme?: string;
  supportKind?: string;
  authorityId?: number;
  /** Words to search for (app/regional/search-query.ts: searchOf), never raw user text. */
  search?: TextSearch | null;
  itemId?: number;
}

export interface BoardRow {
  id: number;
  kind: OfferKind;
  itemKey: string;
  assessmentId: number;
  title: string;
  /** The title with matching words between MATCH_START and MATCH_END, when searching. */
  titleMatch: string | null;
  /** A few words round the match in the description, marked the same way. */
  snippet: string | null;
  bodyHtml: string;
  bodyText: string;
  supportKind: string | null;
  authorityId: number;
  authorityName: string;
  authoritySlug: string;
  themes: string[];
}

type BoardDb = Database & { i: Database["offer_items"]; a: Database["authorities"]; m: { fid: number; score: number } };
type BoardQuery = SelectQueryBuilder<BoardDb, "i" | "a" | "m", object>;

/**
 * The filtered items. A search runs the full-text query once, materialised with each match's
 * score, and joins the items to it: left to itself SQLite would loop over the cycle's items
 * and run the full-text query again for every one.
 */
function filtered(db: Executor, filter: BoardFilter): BoardQuery {
  let query: BoardQuery;
  if (filter.search) {
    const search = filter.search;
    query = db
      .with(
        (cte) => cte("m").materialized(),
        () => offerMatches(db, search, filter.cycleId),
      )
      .selectFrom("m")
      .innerJoin("offer_items as i", "i.id", "m.fid")
      .innerJoin("authorities as a", "a.id", "i.authority_id") as unknown as BoardQuery;
  } else {
    query = db.selectFrom("offer_items as i").innerJoin("authorities as a", "a.id", "i.authority_id") as unknown as BoardQuery;
  }
  query = query.where("i.cycle_id", "=", filter.cycleId);
  if (filter.itemId !== undefined) query = query.where("i.id", "=", filter.itemId);
  if (filter.kind) query = query.where("i.kind", "=", filter.kind);
  if (filter.supportKind) query = query.where("i.support_kind", "=", filter.supportKind);
  if (filter.authorityId !== undefined) query = query.where("i.authority_id", "=", filter.authorityId);
  if (filter.theme) {
    const theme = filter.theme;
    query = query.where((eb) =>
      eb.exists(eb.selectFrom("offer_item_themes as t").select("t.item_id").whereRef("t.item_id", "=", "i.id").where("t.theme", "=", theme)),
    );
  }
  return query;
}

/** How many items the filter finds. */
export async function countBoard(db: Executor, filter: BoardFilter): Promise<number> {
  const row = await filtered(db, filter)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The items the filter finds, in the board's order: best match first when searching (titles
 * weigh more than descriptions), else by authority, offers before requests, in the form's order.
 */
export async function listBoard(db: Executor, filter: BoardFilter, page?: { limit: number; offset: number }): Promise<BoardRow[]> {
  let query = filtered(db, filter).select([
    "i.id",
    "i.kind",
    "i.item_key as itemKey",
    "i.assessment_id as assessmentId",
    "i.title",
    "i.body_html as bodyHtml",
    "i.body_text as bodyText",
    "i.support_kind as supportKind",
    "a.id as authorityId",
    "a.name as authorityName",
    "a.slug as authoritySlug",
  ]);
  query = filter.search ? query.orderBy("m.score").orderBy("i.id") : query.orderBy("a.name").orderBy("i.kind").orderBy("i.position").orderBy("i.id");
  if (page) query = query.limit(page.limit).offset(page.offset);
  const rows = (await query.execute()) as Array<Omit<BoardRow, "themes" | "titleMatch" | "snippet">>;
  const ids = rows.map((r) => r.id);
  const [themes, marks] = await Promise.all([themesOfItems(db, ids), filter.search ? highlights(db, filter.search, ids) : new Map<number, { titleMatch: string; snippet: string }>()]);
  return rows.map((r) => {
    const mark = marks.get(r.id);
    return {
      ...r,
      titleMatch: mark?.titleMatch ?? null,
      snippet: mark && mark.snippet.includes(MATCH_START) ? mark.snippet : null,
      themes: themes.get(r.id) ?? [],
    };
  });
}

/** The matching words marked in the titles and descriptions of the rows shown (only those: marking is the costly part). */
async function highlights(db: Executor, search: TextSearch, ids: number[]): Promise<Map<number, { titleMatch: string; snippet: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await offerHighlights(db, search, ids, { start: MATCH_START, end: MATCH_END });
  return new Map(rows.map((r) => [r.id, { titleMatch: r.titleMatch, snippet: r.snippet }]));
}

async function themesOfItems(db: Executor, ids: number[]): Promise<Map<number, string[]>> {
  const map = new Map<number, string[]>();
  if (ids.length === 0) return map;
  const rows = await db.selectFrom("offer_item_themes").select(["item_id", "theme"]).where("item_id", "in", ids).orderBy("item_id").orderBy("theme").execute();
  for (const row of rows) {
    const list = map.get(row.item_id) ?? [];
    list.push(row.theme);
    map.set(row.item_id, list);
  }
  return map;
}

/** One item of a cycle's board. */
export async function findOfferItem(db: Executor, cycleId: number, id: number): Promise<BoardRow | undefined> {
  const [row] = await listBoard(db, { cycleId, itemId: id });
  return row;
}

/** The item of an assessment with this key, if that assessment is in the offer now. */
export async function findOfferItemByKey(db: Executor, assessmentId: number, kind: OfferKind, itemKey: string) {
  return db
    .selectFrom("offer_items")
    .select(["id", "title", "authority_id as authorityId"])
    .where("assessment_id", "=", assessmentId)
    .where("kind", "=", kind)
    .where("item_key", "=", itemKey)
    .executeTakeFirst();
}

/**
 * The offers of a cycle that could answer a request: those sharing one of its themes or found
 * by the full-text search `words`. What suggestions are chosen from, so a request's page never
 * reads the whole cycle.
 */
export async function listCandidateOffers(db: Executor, cycleId: number, near: { themes: string[]; words: TextSearch | null }) {
  if (near.themes.length === 0 && !near.words) return [];
  const words = near.words;
  const rows = await db
    .selectFrom("offer_items as i")
    .select(["i.id", "i.authority_id as authorityId", "i.title", "i.body_text as text"])
    .where("i.cycle_id", "=", cycleId)
    .where("i.kind", "=", "offer")
    .where((eb) =>
      eb.or([
        ...(near.themes.length > 0
          ? [eb.exists(eb.selectFrom("offer_item_themes as t").select("t.item_id").whereRef("t.item_id", "=", "i.id").where("t.theme", "in", near.themes))]
          : []),
        ...(words ? [eb("i.id", "in", offerMatches(db, words, cycleId).clearSelect().select("rowid"))] : []),
      ]),
    )
    .execute();
  const themes = await themesOfItems(db, rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, themes: themes.get(r.id) ?? [] }));
}
