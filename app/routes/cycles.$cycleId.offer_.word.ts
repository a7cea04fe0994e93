import type { LoaderFunctionArgs } from "@remix-run/node";

import { getDb } from "../../db/connection.server";
import { recordAudit } from "~/models/audit.server";
import { findRegionName } from "~/models/authority.server";
import { boardExport, describeView } from "~/regional/board.server";
import { requireRegionalCycle } from "~/regional/cycle-access.server";
import { fileSlug } from "~/utils/format";
import { regionalOfferDocx } from "~/word/regional-offer-docx.server";

/** The board's filtered view as a Word document, grouped by theme: the same rows as the page and the CSV. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, cycle } = await requireRegionalCycle(request, params.cycleId);
  const db = getDb();
  const url = new URL(request.url);
  const { view, vocabulary, rows, themeLabel, supportLabel } = await boardExport(db, cycle, url.searchParams);
  const file = await regionalOfferDocx({
    regionName: (await findRegionName(db, cycle.regionId)) ?? "The",
    cycleLabel: cycle.label,
    viewDescription: describeView(view, vocabulary),
    rows,
    themeLabel,
    supportLabel,
  });
  await recordAudit(db, { actorUserId: actor.id, action: "regional_offer.exported", subjectType: "cycle", subjectId: cycle.id, details: { format: "docx", view: url.search } });
  return new Response(new Uint8Array(file), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "Content-Disposition": `attachment; filename="regional-offer-${fileSlug(cycle.label)}.docx"`,
      "Cache-Control": "private, no-store",
    },
  });
}
