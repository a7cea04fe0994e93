import type { LoaderFunctionArgs } from "@remix-run/node";

import { getDb } from "../../db/connection.server";
import { requireAssessment } from "~/assessment/access.server";
import { assessmentProgress } from "~/assessment/progress.server";
import { recordAudit } from "~/models/audit.server";
import { assessmentDocx, assessmentFileName } from "~/word/assessment-docx.server";

/** The assessment as a Word document, for anyone who may read it (the same refusals as reading it). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, assessment } = await requireAssessment(request, params, "assessment.view");
  const db = getDb();
  const docx = await assessmentDocx(assessment, await assessmentProgress(db, assessment));
  await recordAudit(db, { actorUserId: actor.id, action: "assessment.exported", subjectType: "assessment", subjectId: assessment.id, details: { format: "docx" } });
  return new Response(new Uint8Array(docx), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "Content-Disposition": `attachment; filename="${assessmentFileName(assessment)}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
