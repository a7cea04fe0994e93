import type { LoaderFunctionArgs } from "@remix-run/node";

import { getDb } from "../../db/connection.server";
import { actionLabel, parseAuditView } from "~/audit/audit-view";
import { auditFilter } from "~/audit/trail.server";
import { requireActor } from "~/auth/actor.server";
import { listAuditEvents, recordAudit } from "~/models/audit.server";
import { assertCoordinator } from "~/permissions.server";
import { toCsv } from "~/utils/csv";

/** The filtered audit trail as CSV, newest first, every page. */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const regionIds = assertCoordinator(actor);
  const db = getDb();
  const view = parseAuditView(new URL(request.url).searchParams);
  const rows = await listAuditEvents(db, auditFilter(regionIds, view));
  await recordAudit(db, { actorUserId: actor.id, action: "audit.exported", subjectType: "region", subjectId: regionIds[0]!, details: { view: new URL(request.url).search } });
  const csv = toCsv(
    ["When (UTC)", "Who", "Email", "What", "Event", "About", "Details", "From address"],
    rows.map((r) => [new Date(r.at).toISOString(), r.actorName ?? "", r.actorEmail ?? "", actionLabel(r.action), r.action, r.subjectName ? `${r.subjectName} (${r.subjectEmail})` : `${r.subjectType} ${r.subjectId}`, r.details ?? "", r.address ?? ""]),
  );
  return new Response(csv, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="audit-trail.csv"', "Cache-Control": "private, no-store" },
  });
}
