/**
 * Reminders before each deadline, sent by `npm run reminders` (safe to run every hour). For
 * each open cycle and each of its deadlines, the reminder due is the nearest of the cycle's
 * reminder days that has been reached (14 and 3 days before, by default); each person gets it
 * once for each assessment, deadline and day, recorded in `reminders_sent` in the same
 * transaction that decides to send it. Who has work to do:
 * - before the submission deadline, for a draft: the authority's people who write it, and its
 *   signatories who have not signed the content as it is;
 * - before the challenge deadline, for a submitted assessment in challenge: the assigned peer
 *   directors who have not signed the challenge off.
 * Nobody who turned reminders off, or whose account is disabled, is reminded. No reminder
 * carries a word of the assessment.
 */
import type { Kysely } from "kysely";
import { z } from "zod";

import type { Database } from "../../db/schema";
import { assessmentProgress } from "../assessment/progress.server";
import { signOffsOf } from "../assessment/signing.server";
import { sendMail } from "../mail.server";
import { loadAssessment, type AssessmentContext } from "../models/assessment.server";
import { listAuthorityMembers } from "../models/authority.server";
import { listPeersOf } from "../models/peer.server";
import { DAY } from "../utils/clock.server";
import { formatIsoDate } from "../utils/format";
import { ROLE_CAPABILITIES } from "../utils/roles";

const ReminderDaysSchema = z.array(z.int().min(0).max(365)).max(10).catch([14, 3]);

type Deadline = "submission" | "challenge";

/** The reminder due today for a deadline, as days before it, or null when none is. */
export function reminderDue(deadline: string, reminderDays: number[], today: number): number | null {
  const due = Date.parse(`${deadline}T23:59:59Z`);
  if (today > due) return null;
  const daysLeft = Math.floor((due - today) / DAY);
  const reached = reminderDays.filter((d) => daysLeft <= d);
  return reached.length > 0 ? Math.min(...reached) : null;
}

interface Person {
  id: string;
  name: string;
  email: string;
}

async function peopleWithWork(db: Kysely<Database>, assessment: AssessmentContext, deadline: Deadline): Promise<Person[]> {
  const progress = await assessmentProgress(db, assessment);
  const signedBy = new Set(Object.values(progress.valid).flat().map((s) => s.userId));
  if (deadline === "challenge") {
    return (await listPeersOf(db, assessment.id)).filter((peer) => !signedBy.has(peer.id));
  }
  const signers = new Set(
    signOffsOf(assessment.cycle.template)
      .filter((entry) => entry.side === "authority")
      .flatMap((entry) => entry.field.roles.map((role) => role.signedBy)),
  );
  const members = await listAuthorityMembers(db, assessment.authority.id);
  return members
    .filter((m) => !m.disabled && (ROLE_CAPABILITIES[m.role].writes || (signers.has(m.role) && !signedBy.has(m.userId))))
    .map((m) => ({ id: m.userId, name: m.name, email: m.email }));
}

/** Sends the reminders due at `today`; returns how many went. */
export async function sendDueReminders(db: Kysely<Database>, today: number, baseUrl: string): Promise<number> {
  const cycles = await db.selectFrom("cycles").select(["id", "submission_deadline", "challenge_deadline", "reminder_days"]).execute();
  let sent = 0;
  for (const cycle of cycles) {
    const days = ReminderDaysSchema.parse(JSON.parse(cycle.reminder_days));
    const due: Array<[Deadline, string, number | null]> = [
      ["submission", cycle.submission_deadline, reminderDue(cycle.submission_deadline, days, today)],
      ["challenge", cycle.challenge_deadline, reminderDue(cycle.challenge_deadline, days, today)],
    ];
    for (const [deadline, date, daysBefore] of due) {
      if (daysBefore === null) continue;
      const stages = deadline === "submission" ? (["draft"] as const) : (["submitted", "in_challenge"] as const);
      const assessments = await db.selectFrom("assessments").select("id").where("cycle_id", "=", cycle.id).where("status", "in", stages).execute();
      for (const { id } of assessments) {
        const assessment = (await loadAssessment(db, id))!;
        for (const person of await peopleWithWork(db, assessment, deadline)) {
          if (await remind(db, { person, assessment, deadline, date, daysBefore, today, baseUrl })) sent++;
        }
      }
    }
  }
  return sent;
}

async function remind(
  db: Kysely<Database>,
  input: { person: Person; assessment: AssessmentContext; deadline: Deadline; date: string; daysBefore: number; today: number; baseUrl: string },
): Promise<boolean> {
  const { person, assessment } = input;
  const claimed = await db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom("users").select(["reminders_off", "disabled_at"]).where("id", "=", person.id).executeTakeFirst();
    if (!user || user.reminders_off === 1 || user.disabled_at !== null) return false;
    const inserted = await trx
      .insertInto("reminders_sent")
      .values({ user_id: person.id, assessment_id: assessment.id, deadline: input.deadline, days_before: input.daysBefore, sent_at: input.today })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1;
  });
  if (!claimed) return false;
  const what =
    input.deadline === "submission"
      ? `${assessment.authority.name}'s self-assessment for ${assessment.cycle.label} is due by ${formatIsoDate(input.date)}.`
      : `The peer challenge of ${assessment.authority.name}'s self-assessment for ${assessment.cycle.label} is due to be signed off by ${formatIsoDate(input.date)}.`;
  await sendMail({
    to: person.email,
    regionId: assessment.authority.regionId,
    subject: `Reminder: ${input.deadline === "submission" ? "self-assessment" : "peer challenge"} due ${formatIsoDate(input.date)} — ${assessment.authority.name}`,
    text: [
      `Dear ${person.name},`,
      "",
      what,
      `Open it here: ${input.baseUrl}/assessments/${assessment.id}`,
      "",
      `You can turn these reminders off on your account page: ${input.baseUrl}/account/reminders`,
    ].join("\n"),
  });
  return true;
}
