import type { LoaderFunctionArgs } from "@remix-run/node";

import { getDb } from "../../db/connection.server";
import { recordAudit } from "~/models/audit.server";
import { requireRegionalCycle } from "~/regional/cycle-access.server";
import { toCsv } from "~/utils/csv";
import { fileSlug } from "~/utils/format";
import { PROGRESS_STAGE_LABELS, progressBoard, sortProgress } from "~/regional/progress-board.server";
import { parseProgressView } from "~/regional/progress-view";
import { now } from "~/utils/clock.server";

/** The progress board as CSV, in the page's order. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, cycle } = await requireRegionalCycle(request, params.cycleId, "region.manage");
  const view = parseProgressView(new URL(request.url).searchParams);
  const rows = sortProgress(await progressBoard(getDb(), cycle, now()), view.sort, view.dir === "desc");
  const csv = toCsv(
    ["Authority", "Stage", "Sections complete", "Sections in all", "Percent complete", "Days late", "Late for", "Last edited", "Cycle"],
    rows.map((r) => [
      r.authorityName,
      PROGRESS_STAGE_LABELS[r.stage],
      r.sectionsComplete,
      r.sectionsTotal,
      r.percent,
      r.daysLate,
      r.lateFor ?? "",
      new Date(r.lastEdited).toISOString(),
      cycle.label,
    ]),
  );
  await recordAudit(getDb(), { actorUserId: actor.id, action: "progress.exported", subjectType: "cycle", subjectId: cycle.id, details: { format: "csv", view: new URL(request.url).search } });
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="progress-${fileSlug(cycle.label)}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
