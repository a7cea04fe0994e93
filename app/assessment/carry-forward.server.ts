/**
 * When a cycle opens, each authority's new draft receives the rows its template carries
 * forward from the authority's assessment of the previous cycle (last year's recommendations
 * that needed action, say), written as the first version of their section.
 */
import type { Executor } from "../../db/schema";
import { atomically } from "../../db/transaction";
import { loadAssessment } from "../models/assessment.server";
import { listAssessmentsOfCycle, openCycle, previousCycle, findCycle, type NewCycle } from "../models/cycle.server";
import { readPart, readParts, writePart } from "../models/section.server";
import { carriedRows } from "../template/carry-forward";
import type { TableField } from "../template/definition";
import { now } from "../utils/clock.server";
import { summariseSections } from "./progress.server";

/** Opens a cycle (a draft for every authority) and carries last cycle's rows into the drafts, in one transaction. */
export async function openCycleCarryingForward(db: Executor, input: NewCycle): Promise<number | null> {
  return atomically(db, async (trx) => {
    const cycleId = await openCycle(trx, input);
    if (cycleId !== null) await carryForward(trx, cycleId);
    return cycleId;
  });
}

/** Carries rows into the cycle's drafts; returns how many fields received rows. Never carries twice. */
export async function carryForward(db: Executor, cycleId: number): Promise<number> {
  return atomically(db, async (trx) => {
    const cycle = await findCycle(trx, cycleId);
    const before = cycle ? await previousCycle(trx, cycle) : undefined;
    if (!cycle || !before) return 0;
    const [current, previous] = await Promise.all([listAssessmentsOfCycle(trx, cycle.id), listAssessmentsOfCycle(trx, before.id)]);
    let carried = 0;
    for (const draft of current) {
      const earlier = previous.find((p) => p.authorityId === draft.authorityId);
      if (!earlier || earlier.status === "draft") continue;
      const [assessment, last] = await Promise.all([loadAssessment(trx, draft.id), loadAssessment(trx, earlier.id)]);
      if (!assessment || !last) continue;
      const lastSections = summariseSections(last.cycle.template, await readParts(trx, last.id));
      for (const section of assessment.cycle.template.sections) {
        for (const field of section.fields) {
          if (field.kind !== "table" || !field.carryForward) continue;
          const from = (field as TableField).carryForward!.from;
          const source = last.cycle.template.sections.find((s) => s.fields.some((f) => f.key === from));
          const rows = carriedRows(field, source ? lastSections[source.key]?.values[from] : undefined);
          if (rows.length === 0) continue;
          const part = await readPart(trx, draft.id, section.key, section.author);
          if (part.values[field.key] !== undefined) continue;
          await writePart(trx, {
            assessmentId: draft.id,
            sectionKey: section.key,
            author: section.author,
            fromVersion: part.version,
            values: { ...part.values, [field.key]: rows },
            changedFields: [field.key],
            actorId: null,
            at: now(),
          });
          carried++;
        }
      }
    }
    return carried;
  });
}
