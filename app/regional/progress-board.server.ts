/**
 * The coordinator's progress board: every authority's stage in a cycle against its deadlines,
 * how complete each draft is (the sections the authority writes that are complete, "n of m"),
 * who is late and by how many days, and when each was last edited.
 */
import type { Executor } from "../../db/schema";
import type { AssessmentContext } from "../models/assessment.server";
import { listAssessmentsOfCycle, type CycleWithTemplate } from "../models/cycle.server";
import { DAY } from "../utils/clock.server";
import { assessmentProgress, isSignOffOnly } from "../assessment/progress.server";
import { isSignedOff, signOffsOf } from "../assessment/signing.server";
import type { ProgressView } from "./progress-view";

export const PROGRESS_STAGES = ["draft", "signed", "submitted", "in_challenge", "complete"] as const;
export type ProgressStage = (typeof PROGRESS_STAGES)[number];
export const PROGRESS_STAGE_LABELS: Record<ProgressStage, string> = {
  draft: "Draft",
  signed: "Signed, not submitted",
  submitted: "Submitted",
  in_challenge: "In challenge",
  complete: "Complete",
};

export interface ProgressRow {
  assessmentId: number;
  authorityName: string;
  stage: ProgressStage;
  sectionsComplete: number;
  sectionsTotal: number;
  percent: number;
  /** Days past the deadline that applies now (submission for drafts, the challenge's after that); 0 when not late. */
  daysLate: number;
  lateFor: "submission" | "challenge" | null;
  lastEdited: number;
}

function daysBetween(isoDeadline: string, today: number): number {
  // A deadline lasts to the end of its day.
  const end = Date.parse(`${isoDeadline}T23:59:59.999Z`);
  return today > end ? Math.ceil((today - end) / DAY) : 0;
}

/**
 * The cycle (with its template) is read once; each authority then costs the two queries its
 * completeness needs (its sections and its signatures).
 */
export async function progressBoard(db: Executor, cycle: CycleWithTemplate, today: number): Promise<ProgressRow[]> {
  const rows: ProgressRow[] = [];
  const template = cycle.template;
  for (const listed of await listAssessmentsOfCycle(db, cycle.id)) {
    const assessment: AssessmentContext = {
      id: listed.id,
      status: listed.status,
      submittedAt: null,
      returnedReason: null,
      returnedAt: null,
      authority: { id: listed.authorityId, name: listed.authorityName, slug: listed.authoritySlug, regionId: cycle.regionId },
      cycle,
    };
    const progress = await assessmentProgress(db, assessment);
    const own = template.sections.filter((s) => s.author === "authority" && !isSignOffOnly(s));
    const complete = own.filter((s) => progress.states[s.key] === "complete").length;
    const authoritySignOffs = signOffsOf(template).filter((e) => e.side === "authority");
    const signed = authoritySignOffs.length > 0 && authoritySignOffs.every((e) => isSignedOff(e, progress.valid[e.field.key] ?? []));
    const stage: ProgressStage = assessment.status === "draft" ? (signed ? "signed" : "draft") : assessment.status;
    const lateFor = assessment.status === "draft" ? "submission" : assessment.status === "complete" ? null : "challenge";
    const deadline = lateFor === "submission" ? assessment.cycle.submissionDeadline : lateFor === "challenge" ? assessment.cycle.challengeDeadline : null;
    const daysLate = deadline ? daysBetween(deadline, today) : 0;
    rows.push({
      assessmentId: assessment.id,
      authorityName: assessment.authority.name,
      stage,
      sectionsComplete: complete,
      sectionsTotal: own.length,
      percent: own.length === 0 ? 100 : Math.round((complete / own.length) * 100),
      daysLate,
      lateFor: daysLate > 0 ? lateFor : null,
      lastEdited: listed.updatedAt,
    });
  }
  return rows;
}

type ProgressSort = ProgressView["sort"];

export function sortProgress(rows: ProgressRow[], sort: ProgressSort, descending: boolean): ProgressRow[] {
  const key: Record<ProgressSort, (r: ProgressRow) => number | string> = {
    authority: (r) => r.authorityName,
    stage: (r) => PROGRESS_STAGES.indexOf(r.stage),
    complete: (r) => r.percent,
    late: (r) => r.daysLate,
    edited: (r) => r.lastEdited,
  };
  const by = key[sort];
  return [...rows].sort((a, b) => {
    const x = by(a);
    const y = by(b);
    const order = typeof x === "string" ? x.localeCompare(y as string) : x - (y as number);
    return (descending ? -order : order) || a.authorityName.localeCompare(b.authorityName);
  });
}
