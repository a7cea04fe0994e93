/**
 * Brokered links between a request and an offer, and their dated notes. A link names its two
 * items by assessment and the list item's own key, so it outlives a return to draft; the item
 * it shows is whatever that assessment has in the regional offer now (nothing while it is back
 * in draft). Queries only: routes ask the permissions module first.
 */
import type { Executor, LinkStage } from "../../db/schema";
import { atomically } from "../../db/transaction";
import { now } from "../utils/clock.server";

export interface LinkEnd {
  assessmentId: number;
  itemKey: string;
  authorityId: number;
  authorityName: string;
  /** The item as it is in the offer now, or null while its assessment is back in draft. */
  item: { id: number; title: string } | null;
}

export interface LinkNote {
  id: number;
  stage: LinkStage | null;
  body: string;
  authorName: string | null;
  createdAt: number;
}

export interface OfferLink {
  id: number;
  cycleId: number;
  regionId: number;
  stage: LinkStage;
  createdAt: number;
  updatedAt: number;
  request: LinkEnd;
  offer: LinkEnd;
  notes: LinkNote[];
}

/** Links a request to an offer, proposed; null when those two are linked already. */
export async function createLink(
  db: Executor,
  input: { cycleId: number; request: { assessmentId: number; itemKey: string }; offer: { assessmentId: number; itemKey: string }; actorId: string; note: string },
): Promise<number | null> {
  return atomically(db, async (trx) => {
    const existing = await trx
      .selectFrom("offer_links")
      .select("id")
      .where("request_assessment_id", "=", input.request.assessmentId)
      .where("request_key", "=", input.request.itemKey)
      .where("offer_assessment_id", "=", input.offer.assessmentId)
      .where("offer_key", "=", input.offer.itemKey)
      .executeTakeFirst();
    if (existing) return null;
    const t = now();
    const link = await trx
      .insertInto("offer_links")
      .values({
        cycle_id: input.cycleId,
        request_assessment_id: input.request.assessmentId,
        request_key: input.request.itemKey,
        offer_assessment_id: input.offer.assessmentId,
        offer_key: input.offer.itemKey,
        stage: "proposed",
        created_by: input.actorId,
        created_at: t,
        updated_at: t,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx.insertInto("offer_link_notes").values({ link_id: link.id, author_id: input.actorId, stage: "proposed", body: input.note, created_at: t }).execute();
    return link.id;
  });
}

/** Moves a link to a stage, recording who and when, with an optional note. */
export async function setLinkStage(db: Executor, linkId: number, stage: LinkStage, actorId: string, note: string): Promise<void> {
  await atomically(db, async (trx) => {
    const t = now();
    await trx.updateTable("offer_links").set({ stage, updated_at: t }).where("id", "=", linkId).execute();
    await trx.insertInto("offer_link_notes").values({ link_id: linkId, author_id: actorId, stage, body: note, created_at: t }).execute();
  });
}

export async function addLinkNote(db: Executor, linkId: number, actorId: string, body: string): Promise<void> {
  await atomically(db, async (trx) => {
    const t = now();
    await trx.insertInto("offer_link_notes").values({ link_id: linkId, author_id: actorId, stage: null, body, created_at: t }).execute();
    await trx.updateTable("offer_links").set({ updated_at: t }).where("id", "=", linkId).execute();
  });
}

function linkRows(db: Executor) {
  return db
    .selectFrom("offer_links as l")
    .innerJoin("cycles as c", "c.id", "l.cycle_id")
    .innerJoin("assessments as ra", "ra.id", "l.request_assessment_id")
    .innerJoin("authorities as rau", "rau.id", "ra.authority_id")
    .innerJoin("assessments as oa", "oa.id", "l.offer_assessment_id")
    .innerJoin("authorities as oau", "oau.id", "oa.authority_id")
    .leftJoin("offer_items as ri", (join) =>
      join.onRef("ri.assessment_id", "=", "l.request_assessment_id").onRef("ri.item_key", "=", "l.request_key").on("ri.kind", "=", "request"),
    )
    .leftJoin("offer_items as oi", (join) =>
      join.onRef("oi.assessment_id", "=", "l.offer_assessment_id").onRef("oi.item_key", "=", "l.offer_key").on("oi.kind", "=", "offer"),
    )
    .select([
      "l.id",
      "l.cycle_id as cycleId",
      "c.region_id as regionId",
      "l.stage",
      "l.created_at as createdAt",
      "l.updated_at as updatedAt",
      "l.request_assessment_id as requestAssessmentId",
      "l.request_key as requestKey",
      "rau.id as requestAuthorityId",
      "rau.name as requestAuthorityName",
      "ri.id as requestItemId",
      "ri.title as requestTitle",
      "l.offer_assessment_id as offerAssessmentId",
      "l.offer_key as offerKey",
      "oau.id as offerAuthorityId",
      "oau.name as offerAuthorityName",
      "oi.id as offerItemId",
      "oi.title as offerTitle",
    ]);
}

type LinkRow = Awaited<ReturnType<ReturnType<typeof linkRows>["execute"]>>[number];

async function withNotes(db: Executor, rows: LinkRow[]): Promise<OfferLink[]> {
  if (rows.length === 0) return [];
  const notes = await db
    .selectFrom("offer_link_notes as n")
    .leftJoin("users as u", "u.id", "n.author_id")
    .select(["n.id", "n.link_id", "n.stage", "n.body", "u.name as authorName", "n.created_at as createdAt"])
    .where(
      "n.link_id",
      "in",
      rows.map((r) => r.id),
    )
    .orderBy("n.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    cycleId: r.cycleId,
    regionId: r.regionId,
    stage: r.stage,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    request: {
      assessmentId: r.requestAssessmentId,
      itemKey: r.requestKey,
      authorityId: r.requestAuthorityId,
      authorityName: r.requestAuthorityName,
      item: r.requestItemId === null || r.requestTitle === null ? null : { id: r.requestItemId, title: r.requestTitle },
    },
    offer: {
      assessmentId: r.offerAssessmentId,
      itemKey: r.offerKey,
      authorityId: r.offerAuthorityId,
      authorityName: r.offerAuthorityName,
      item: r.offerItemId === null || r.offerTitle === null ? null : { id: r.offerItemId, title: r.offerTitle },
    },
    notes: notes
      .filter((n) => n.link_id === r.id)
      .map((n) => ({ id: n.id, stage: n.stage, body: n.body, authorName: n.authorName, createdAt: n.createdAt })),
  }));
}

export async function findLink(db: Executor, linkId: number): Promise<OfferLink | undefined> {
  const [link] = await withNotes(db, await linkRows(db).where("l.id", "=", linkId).execute());
  return link;
}

/** The links of one item (as the request, or as the offer), oldest first. */
export async function listLinksOfItem(db: Executor, item: { assessmentId: number; kind: "offer" | "request"; itemKey: string }): Promise<OfferLink[]> {
  const side = item.kind === "request" ? { a: "l.request_assessment_id", k: "l.request_key" } : { a: "l.offer_assessment_id", k: "l.offer_key" };
  const rows = await linkRows(db)
    .where(side.a as "l.request_assessment_id", "=", item.assessmentId)
    .where(side.k as "l.request_key", "=", item.itemKey)
    .orderBy("l.id")
    .execute();
  return withNotes(db, rows);
}

/** Every link of a cycle, for the coordinator's overview. */
export async function listLinksOfCycle(db: Executor, cycleId: number): Promise<OfferLink[]> {
  return withNotes(db, await linkRows(db).where("l.cycle_id", "=", cycleId).orderBy("l.updated_at", "desc").execute());
}
