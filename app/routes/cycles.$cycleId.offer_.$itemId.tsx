import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { getDb } from "../../db/connection.server";
import { LINK_STAGES } from "../../db/schema";
import { ErrorSummary } from "~/components/forms";
import { LinkCard, SuggestionList } from "~/components/regional/links";
import { RegionalNav } from "~/components/regional/regional-nav";
import { SummaryList } from "~/components/summary-list";
import { addLinkNote, listLinksOfItem } from "~/models/offer-link.server";
import { findOfferItem } from "~/models/offer.server";
import { assertCan, can, type OfferLinkSubject } from "~/permissions.server";
import { boardVocabulary } from "~/regional/board.server";
import { linkOfItem, linkRequestToOffer, moveLink, NOTE_MAX_LENGTH, suggestionsFor } from "~/regional/brokering.server";
import { requireRegionalCycle } from "~/regional/cycle-access.server";
import { trendsHrefFor } from "~/regional/links.server";
import { formErrorResponse, formMessage, parseForm } from "~/utils/forms.server";
import { notFound } from "~/utils/http.server";
import { IdParam, parseId } from "~/utils/ids";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.item.title} — Regional offer — SLI Peer Challenge` : "Regional offer — SLI Peer Challenge" }];

async function requireItem(request: Request, params: LoaderFunctionArgs["params"]) {
  const { actor, cycle } = await requireRegionalCycle(request, params.cycleId);
  const id = parseId(params.itemId);
  const item = id !== null ? await findOfferItem(getDb(), cycle.id, id) : undefined;
  if (!item) throw notFound();
  return { actor, cycle, item };
}

function linkSubject(regionId: number, link: { request: { authorityId: number }; offer: { authorityId: number } }): OfferLinkSubject {
  return { type: "offerLink", regionId, authorityIds: [link.request.authorityId, link.offer.authorityId] };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, cycle, item } = await requireItem(request, params);
  const db = getDb();
  const vocabulary = await boardVocabulary(db, cycle);
  const themeLabel = (key: string) => vocabulary.themes.find((t) => t.value === key)?.label ?? key;
  const coordinator = can(actor, "region.manage", { type: "region", id: cycle.regionId });
  // Only the links this person may see: the coordinator's, and those involving their authority.
  const links = (await listLinksOfItem(db, item)).filter((link) => can(actor, "offerLink.view", linkSubject(cycle.regionId, link)));
  const suggestions = item.kind === "request" ? await suggestionsFor(db, cycle.id, item, themeLabel) : [];
  const linkedOffers = new Set(links.map((l) => l.offer.item?.id));
  return json({
    cycle: { id: cycle.id, label: cycle.label },
    item: {
      ...item,
      themes: item.themes.map(themeLabel),
      supportKind: vocabulary.supportKinds.find((k) => k.value === item.supportKind)?.label ?? null,
    },
    links: links.map((link) => ({
      ...link,
      canStage: can(actor, "offerLink.stage", linkSubject(cycle.regionId, link)),
      canNote: can(actor, "offerLink.view", linkSubject(cycle.regionId, link)),
    })),
    suggestions: suggestions.map((s) => ({ ...s, linked: linkedOffers.has(s.id) })),
    coordinator,
    trendsHref: trendsHrefFor(actor, cycle.regionId, vocabulary.authorities),
  });
}

const noteText = z
  .string({ error: "Write a note" })
  .trim()
  .min(1, "Write a note")
  .max(NOTE_MAX_LENGTH, `Notes can be up to ${NOTE_MAX_LENGTH} characters`);

const ActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("link"), offerId: IdParam }),
    z.object({
      intent: z.literal("stage"),
      linkId: IdParam,
      stage: z.enum(LINK_STAGES, { error: "Choose a stage" }),
      note: z.string().trim().max(NOTE_MAX_LENGTH, `Notes can be up to ${NOTE_MAX_LENGTH} characters`).optional().default(""),
    }),
    z.object({ intent: z.literal("note"), linkId: IdParam, body: noteText }),
  ],
  { error: "Choose what to do" },
);

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, cycle, item } = await requireItem(request, params);
  const db = getDb();
  const form = await parseForm(request, ActionSchema);
  if (!form.ok) return formErrorResponse(form.errors);
  const input = form.data;
  const here = `/cycles/${cycle.id}/offer/${item.id}`;
  if (input.intent === "link") {
    assertCan(actor, "region.manage", { type: "region", id: cycle.regionId });
    if (item.kind !== "request") return formErrorResponse(formMessage(form.formData, "Offers are linked from the request they answer."));
    const outcome = await linkRequestToOffer(db, { cycleId: cycle.id, request: item, offerId: input.offerId, actor });
    if (!outcome.ok) return formErrorResponse(formMessage(form.formData, outcome.message), 409);
    return redirect(`${here}#link-${outcome.linkId}`, 303);
  }
  const link = await linkOfItem(db, item, input.linkId);
  if (!link) throw notFound();
  const subject = linkSubject(cycle.regionId, link);
  if (input.intent === "stage") {
    assertCan(actor, "offerLink.stage", subject);
    await moveLink(db, { link, stage: input.stage, note: input.note, actor });
  } else {
    assertCan(actor, "offerLink.view", subject);
    await addLinkNote(db, link.id, actor.id, input.body);
  }
  return redirect(`${here}#link-${link.id}`, 303);
}

export default function OfferItemPage() {
  const { cycle, item, links, suggestions, coordinator, trendsHref } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData && "errors" in actionData ? actionData.errors : undefined;
  const noun = item.kind === "offer" ? "Offer" : "Request";
  return (
    <>
      <p>
        <Link to={`/cycles/${cycle.id}/offer`}>Back to the regional offer {cycle.label}</Link>
      </p>
      <RegionalNav cycleId={cycle.id} coordinator={coordinator} trendsHref={trendsHref} />
      <ErrorSummary errors={errors} />
      <span className="caption">
        {noun} from {item.authorityName}
      </span>
      <h1>{item.title}</h1>
      <SummaryList
        rows={[
          [item.kind === "offer" ? "Offered by" : "Requested by", item.authorityName],
          ["Themes", item.themes.length > 0 ? item.themes.join(", ") : "None given"],
          ["Kind of support", item.supportKind ?? "Not given"],
        ]}
      />
      <h2>Description</h2>
      {/* Rendered on the server from checked TipTap JSON at submission: escaped text, safe links. */}
      <div className="rich-text" dangerouslySetInnerHTML={{ __html: item.bodyHtml }} />
      <section aria-labelledby="links-heading">
        <h2 id="links-heading">{item.kind === "request" ? "Offers linked to this request" : "Requests linked to this offer"}</h2>
        {links.length === 0 ? <p>No links yet{coordinator && item.kind === "request" ? ": link a suggested offer below." : "."}</p> : null}
        {links.map((link) => (
          <LinkCard key={link.id} link={link} from={item.kind} cycleId={cycle.id} errors={errors} />
        ))}
      </section>
      {item.kind === "request" ? (
        <section aria-labelledby="suggestions-heading">
          <h2 id="suggestions-heading">Suggested offers</h2>
          <p className="hint">Offers from other authorities that share this request's themes or words, best first.</p>
          <SuggestionList cycleId={cycle.id} suggestions={suggestions} canLink={coordinator} />
        </section>
      ) : null}
    </>
  );
}
