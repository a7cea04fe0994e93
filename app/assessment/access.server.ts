import { z } from "zod";

import { getDb } from "../../db/connection.server";
import { requireActor, type Actor } from "../auth/actor.server";
import { loadAssessment, type AssessmentContext } from "../models/assessment.server";
import { assertCan, assessmentSubject, type Action } from "../permissions.server";
import { findSection, type SectionDefinition } from "../template/definition";
import { notFound } from "../utils/http.server";
import { parseId } from "../utils/ids";

const SectionKeySchema = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/);


/** Loads the assessment named in the URL, or 404. */
export async function findAssessment(params: { assessmentId?: string }): Promise<AssessmentContext> {
  const id = parseId(params.assessmentId);
  const assessment = id !== null ? await loadAssessment(getDb(), id) : undefined;
  if (!assessment) throw notFound();
  return assessment;
}

/**
 * Who is asking → may they do this to this assessment. Throws the sign-in redirect, a 404
 * (not theirs to see) or a 403 (theirs to see, not to do).
 */
export async function requireAssessment(
  request: Request,
  params: { assessmentId?: string },
  action: Action,
): Promise<{ actor: Actor; assessment: AssessmentContext }> {
  const actor = await requireActor(request);
  const assessment = await findAssessment(params);
  assertCan(actor, action, assessmentSubject(assessment));
  return { actor, assessment };
}

/** The section named in the URL, from the template this assessment's cycle opened with. */
export function requireSection(assessment: AssessmentContext, sectionKey: string | undefined): SectionDefinition {
  const key = SectionKeySchema.safeParse(sectionKey);
  const section = key.success ? findSection(assessment.cycle.template, key.data) : undefined;
  if (!section) throw notFound();
  return section;
}
