import type { LoaderFunctionArgs } from "@remix-run/node";

import { getDb } from "../../db/connection.server";
import { recordAudit } from "~/models/audit.server";
import { parseBoardView } from "~/regional/board-filter";
import { boardFilter, boardRows, boardVocabulary } from "~/regional/board.server";
import { requireRegionalCycle } from "~/regional/cycle-access.server";
import { fileSlug, toCsv } from "~/regional/csv";

/** The board's filtered list as CSV: the same view, the same rows in the same order, every page. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, cycle } = await requireRegionalCycle(request, params.cycleId);
  const db = getDb();
  const view = parseBoardView(new URL(request.url).searchParams);
  const vocabulary = await boardVocabulary(db, cycle);
  const rows = await boardRows(db, boardFilter(cycle.id, view, vocabulary));
  const label = (list: Array<{ value: string; label: string }>, value: string | null) => (value ? (list.find((o) => o.value === value)?.label ?? value) : "");
  const csv = toCsv(
    ["Authority", "Kind", "Title", "Themes", "Kind of support", "Description", "Cycle"],
    rows.map((r) => [
      r.authorityName,
      r.kind === "offer" ? "Offer" : "Request",
      r.title,
      r.themes.map((t) => label(vocabulary.themes, t)).join("; "),
      label(vocabulary.supportKinds, r.supportKind),
      r.bodyText,
      cycle.label,
    ]),
  );
  await recordAudit(getDb(), { actorUserId: actor.id, action: "regional_offer.exported", subjectType: "cycle", subjectId: cycle.id, details: { format: "csv", view: new URL(request.url).search } });
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="regional-offer-${fileSlug(cycle.label)}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
