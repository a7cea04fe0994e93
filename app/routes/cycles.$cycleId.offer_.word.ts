import type { LoaderFunctionArgs } from "@remix-run/node";

import { getDb } from "../../db/connection.server";
import { recordAudit } from "~/models/audit.server";
import { findRegionName } from "~/models/authority.server";
import { parseBoardView } from "~/regional/board-filter";
import { boardFilter, boardRows, boardVocabulary, describeView } from "~/regional/board.server";
import { requireRegionalCycle } from "~/regional/cycle-access.server";
import { fileSlug } from "~/regional/csv";
import { regionalOfferDocx } from "~/word/regional-offer-docx.server";

/** The board's filtered view as a Word document, grouped by theme: the same rows as the page and the CSV. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, cycle } = await requireRegionalCycle(request, params.cycleId);
  const db = getDb();
  const view = parseBoardView(new URL(request.url).searchParams);
  const vocabulary = await boardVocabulary(db, cycle);
  const rows = await boardRows(db, boardFilter(cycle.id, view, vocabulary));
  const label = (list: Array<{ value: string; label: string }>, value: string | null) => (value ? (list.find((o) => o.value === value)?.label ?? value) : "");
  const regionName = (await findRegionName(db, cycle.regionId)) ?? "The";
  const file = await regionalOfferDocx({
    regionName,
    cycleLabel: cycle.label,
    viewDescription: describeView(view, vocabulary),
    rows,
    themeLabel: (key) => label(vocabulary.themes, key),
    supportLabel: (key) => label(vocabulary.supportKinds, key),
  });
  await recordAudit(getDb(), { actorUserId: actor.id, action: "regional_offer.exported", subjectType: "cycle", subjectId: cycle.id, details: { format: "docx", view: new URL(request.url).search } });
  return new Response(new Uint8Array(file), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "Content-Disposition": `attachment; filename="regional-offer-${fileSlug(cycle.label)}.docx"`,
      "Cache-Control": "private, no-store",
    },
  });
}
