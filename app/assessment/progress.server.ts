import type { Kysely } from "kysely";

import type { Database, SignatoryRole } from "../../db/schema";
import { markSubmitted, readSections, validSignatureRoles, type AssessmentContext, type StoredSection } from "../models/assessment.server";
import type { SectionDefinition } from "../template/definition";
import { missingItems, sectionState, type MissingItem, type SectionState, type SectionValues } from "../template/values";

export function sectionHref(assessmentId: number, sectionKey: string, fieldKey?: string): string {
  if (sectionKey === "sign-off") return `/assessments/${assessmentId}/sign-off`;
  return `/assessments/${assessmentId}/sections/${sectionKey}${fieldKey ? `#field-${fieldKey}` : ""}`;
}

function signOffField(section: SectionDefinition) {
  return section.fields.find((f) => f.kind === "signOff");
}

export interface AssessmentProgress {
  sections: Record<string, StoredSection>;
  signedRoles: Set<SignatoryRole>;
  states: Record<string, SectionState>;
  missing: MissingItem[];
}

/**
 * Where an assessment stands: each section's state and everything still stopping submission
 * (the signatures count only when they cover the content exactly as it is now).
 */
export async function assessmentProgress(db: Kysely<Database>, assessment: AssessmentContext): Promise<AssessmentProgress> {
  const sections = await readSections(db, assessment.id);
  const signedRoles = await validSignatureRoles(db, assessment, sections);
  const valuesBySection: Record<string, SectionValues> = {};
  for (const section of assessment.cycle.template.sections) {
    const values: SectionValues = { ...(sections[section.key]?.values ?? {}) };
    // The authority's own sign-off counts its signatories; the peers' sign-off (section 5) is theirs alone.
    const signOff = section.author === "authority" ? signOffField(section) : undefined;
    if (signOff) values[signOff.key] = [...signedRoles];
    valuesBySection[section.key] = values;
  }
  const states: Record<string, SectionState> = {};
  for (const section of assessment.cycle.template.sections) states[section.key] = sectionState(section, valuesBySection[section.key]);
  const missing = missingItems(assessment.cycle.template, valuesBySection, (s, f) => sectionHref(assessment.id, s, f));
  return { sections, signedRoles, states, missing };
}

/**
 * Submits the assessment if nothing is missing and every signature covers the content as it
 * is, checked and marked in one transaction so no save can slip in between.
 */
export async function submitIfComplete(
  db: Kysely<Database>,
  assessment: AssessmentContext,
  actorId: string,
): Promise<{ submitted: true } | { submitted: false; missing: MissingItem[] }> {
  return db.transaction().execute(async (trx) => {
    const { missing } = await assessmentProgress(trx, assessment);
    if (missing.length > 0) return { submitted: false as const, missing };
    if (!(await markSubmitted(trx, assessment.id, actorId))) throw new Response("Already submitted", { status: 409 });
    return { submitted: true as const };
  });
}
