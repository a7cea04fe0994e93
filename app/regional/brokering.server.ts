/**
 * Brokering: the coordinator links a request to offers from other authorities, suggested best
 * first, and moves each link through its stages; the two authorities add notes. Permission is
 * asked by the route; these check that the things named belong together and return outcomes.
 */
import type { Executor, LinkStage } from "../../db/schema";
import type { Actor } from "../auth/actor.server";
import { recordAudit } from "../models/audit.server";
import { atomically } from "../../db/transaction";
import { createLink, findLink, setLinkStage, type OfferLink } from "../models/offer-link.server";
import { findOfferItem, listCandidateOffers, type BoardRow } from "../models/offer.server";
import { anyOfWords, keywords, suggestMatches, type SuggestedMatch } from "./matching";

export const LINK_STAGE_LABELS: Record<LinkStage, string> = {
  proposed: "Proposed",
  agreed: "Agreed",
  under_way: "Under way",
  done: "Done",
  declined: "Declined",
};

export const NOTE_MAX_LENGTH = 2000;

/** Offers of other authorities that share the request's themes or words, best first. */
export async function suggestionsFor(
  db: Executor,
  cycleId: number,
  request: BoardRow,
  themeLabel: (key: string) => string,
): Promise<Array<SuggestedMatch & { title: string; authorityName: string }>> {
  const offers = await listCandidateOffers(db, cycleId, { themes: request.themes, words: anyOfWords(keywords(`${request.title} ${request.bodyText}`)) });
  const suggestions = suggestMatches({ authorityId: request.authorityId, title: request.title, text: request.bodyText, themes: request.themes }, offers, themeLabel);
  if (suggestions.length === 0) return [];
  const authorityIds = [...new Set(offers.filter((o) => suggestions.some((s) => s.id === o.id)).map((o) => o.authorityId))];
  const names = new Map((await db.selectFrom("authorities").select(["id", "name"]).where("id", "in", authorityIds).execute()).map((a) => [a.id, a.name]));
  return suggestions.map((s) => {
    const offer = offers.find((o) => o.id === s.id)!;
    return { ...s, title: offer.title, authorityName: names.get(offer.authorityId) ?? "" };
  });
}

export type LinkOutcome = { ok: true; linkId: number } | { ok: false; message: string };

/** Links a request to an offer of another authority in the same cycle. */
export async function linkRequestToOffer(db: Executor, input: { cycleId: number; request: BoardRow; offerId: number; actor: Actor }): Promise<LinkOutcome> {
  const offer = await findOfferItem(db, input.cycleId, input.offerId);
  if (!offer || offer.kind !== "offer") return { ok: false, message: "That offer is not in this cycle's regional offer." };
  if (offer.authorityId === input.request.authorityId) return { ok: false, message: "Link the request to an offer from another authority." };
  const linkId = await createLink(db, {
    cycleId: input.cycleId,
    request: { assessmentId: input.request.assessmentId, itemKey: input.request.itemKey },
    offer: { assessmentId: offer.assessmentId, itemKey: offer.itemKey },
    actorId: input.actor.id,
    note: `${input.actor.name} linked “${input.request.title}” to “${offer.title}”.`,
  });
  if (linkId === null) return { ok: false, message: "This request is already linked to that offer." };
  await recordAudit(db, { actorUserId: input.actor.id, action: "offer_link.created", subjectType: "offer_link", subjectId: linkId, details: { request: input.request.id, offer: offer.id } });
  return { ok: true, linkId };
}

/** Moves a link to a stage with a dated note (the person's words, or what they did), and records it. */
export async function moveLink(db: Executor, input: { link: OfferLink; stage: LinkStage; note: string; actor: Actor }): Promise<void> {
  await atomically(db, async (trx) => {
    const note = input.note || `${input.actor.name} moved this to ${LINK_STAGE_LABELS[input.stage].toLowerCase()}.`;
    await setLinkStage(trx, input.link.id, input.stage, input.actor.id, note);
    await recordAudit(trx, { actorUserId: input.actor.id, action: "offer_link.stage_changed", subjectType: "offer_link", subjectId: input.link.id, details: { stage: input.stage } });
  });
}

/** A link of this item (as its request or its offer), or undefined: links are only acted on from their own items' pages. */
export async function linkOfItem(db: Executor, item: BoardRow, linkId: number): Promise<OfferLink | undefined> {
  const link = await findLink(db, linkId);
  if (!link) return undefined;
  const end = item.kind === "request" ? link.request : link.offer;
  return end.assessmentId === item.assessmentId && end.itemKey === item.itemKey ? link : undefined;
}
