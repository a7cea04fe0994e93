import type { LoaderFunctionArgs } from "@remix-run/node";

import { getDb } from "../../db/connection.server";
import { recordAudit } from "~/models/audit.server";
import { boardExport } from "~/regional/board.server";
import { requireRegionalCycle } from "~/regional/cycle-access.server";
import { toCsv } from "~/utils/csv";
import { fileSlug } from "~/utils/format";

/** The board's filtered list as CSV: the same view, the same rows in the same order, every page. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, cycle } = await requireRegionalCycle(request, params.cycleId);
  const db = getDb();
  const url = new URL(request.url);
  const { rows, themeLabel, supportLabel } = await boardExport(db, cycle, url.searchParams);
  const csv = toCsv(
    ["Authority", "Kind", "Title", "Themes", "Kind of support", "Description", "Cycle"],
    rows.map((r) => [r.authorityName, r.kind === "offer" ? "Offer" : "Request", r.title, r.themes.map(themeLabel).join("; "), supportLabel(r.supportKind), r.bodyText, cycle.label]),
  );
  await recordAudit(db, { actorUserId: actor.id, action: "regional_offer.exported", subjectType: "cycle", subjectId: cycle.id, details: { format: "csv", view: url.search } });
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="regional-offer-${fileSlug(cycle.label)}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
