import { lockingRows } from "../../db/dialect.server";
import type { AssessmentStatus, Executor } from "../../db/schema";
import type { TemplateDefinition } from "../template/definition";
import { regionalTemplate } from "./cycle.server";

export interface AssessmentContext {
  id: number;
  status: AssessmentStatus;
  submittedAt: number | null;
  returnedReason: string | null;
  returnedAt: number | null;
  authority: { id: number; name: string; slug: string; regionId: number };
  cycle: {
    id: number;
    label: string;
    opensOn: string;
    submissionDeadline: string;
    challengeDeadline: string;
    template: TemplateDefinition;
  };
}


export async function loadAssessment(db: Executor, id: number): Promise<AssessmentContext | undefined> {
  const row = await db
    .selectFrom("assessments")
    .innerJoin("authorities", "authorities.id", "assessments.authority_id")
    .innerJoin("cycles", "cycles.id", "assessments.cycle_id")
    .select([
      "assessments.id",
      "assessments.status",
      "assessments.submitted_at",
      "assessments.returned_reason",
      "assessments.returned_at",
      "authorities.id as authorityId",
      "authorities.name as authorityName",
      "authorities.slug as authoritySlug",
      "authorities.region_id as regionId",
      "cycles.id as cycleId",
      "cycles.label",
      "cycles.opens_on",
      "cycles.submission_deadline",
      "cycles.challenge_deadline",
    ])
    .where("assessments.id", "=", id)
    .executeTakeFirst();
  if (!row) return undefined;
  // The cycle's template, with the region's theme vocabulary as it stands today.
  const template = await regionalTemplate(db, row.cycleId, row.regionId);
  return {
    id: row.id,
    status: row.status,
    submittedAt: row.submitted_at,
    returnedReason: row.returned_reason,
    returnedAt: row.returned_at,
    authority: { id: row.authorityId, name: row.authorityName, slug: row.authoritySlug, regionId: row.regionId },
    cycle: {
      id: row.cycleId,
      label: row.label,
      opensOn: row.opens_on,
      submissionDeadline: row.submission_deadline,
      challengeDeadline: row.challenge_deadline,
      template,
    },
  };
}

/** Moves an assessment from one stage to the next, only if it is still at `from`; false when it was not. */
export async function setStatus(
  db: Executor,
  assessmentId: number,
  from: readonly AssessmentStatus[],
  to: AssessmentStatus,
  at: number,
  extra: { submittedBy?: string; returnedReason?: string } = {},
): Promise<boolean> {
  const result = await db
    .updateTable("assessments")
    .set({
      status: to,
      updated_at: at,
      ...(extra.submittedBy !== undefined ? { submitted_at: at, submitted_by: extra.submittedBy } : {}),
      ...(extra.returnedReason !== undefined ? { returned_reason: extra.returnedReason, returned_at: at } : {}),
    })
    .where("id", "=", assessmentId)
    .where("status", "in", from)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/**
 * The assessment's stage, with its row locked until the transaction ends: every workflow step
 * on one assessment (a save's version check, submission's completeness check, signing,
 * pairing) runs alone, on PostgreSQL as on SQLite's single writer.
 */
export async function lockAssessment(db: Executor, assessmentId: number): Promise<AssessmentStatus | undefined> {
  const row = await lockingRows(db, db.selectFrom("assessments").select("status").where("id", "=", assessmentId)).executeTakeFirst();
  return row?.status;
}

export async function touchAssessment(db: Executor, assessmentId: number, at: number): Promise<void> {
  await db.updateTable("assessments").set({ updated_at: at }).where("id", "=", assessmentId).execute();
}

/** Every assessment of the given authorities, newest cycle first: what their people see on the home page. */
export async function listAssessmentsOfAuthorities(db: Executor, authorityIds: number[]) {
  if (authorityIds.length === 0) return [];
  return db
    .selectFrom("assessments")
    .innerJoin("cycles", "cycles.id", "assessments.cycle_id")
    .select([
      "assessments.id",
      "assessments.status",
      "assessments.authority_id as authorityId",
      "cycles.label as cycleLabel",
      "cycles.submission_deadline as submissionDeadline",
    ])
    .where("assessments.authority_id", "in", authorityIds)
    .orderBy("cycles.opens_on", "desc")
    .execute();
}
