/**
 * Emails about the challenge, through the outbox when no SMTP server is set. They name the
 * authority, the cycle and what happened, with a link; they never carry a word of the
 * assessment itself, so nothing written in a draft leaves the app by email.
 */
import type { Kysely } from "kysely";

import type { Database } from "../../db/schema";
import { sendMail } from "../mail.server";
import type { AssessmentContext } from "../models/assessment.server";
import { listAuthorityMembers } from "../models/authority.server";
import { listPeersOf } from "../models/peer.server";
import { listCoordinatorsOf } from "../models/user.server";
import { ROLE_CAPABILITIES } from "../utils/roles";

function uniqueEmails(people: Array<{ email: string }>): string[] {
  return [...new Set(people.map((p) => p.email))];
}

/** "Assessment submitted", to its assigned peer directors. */
export async function notifySubmitted(db: Kysely<Database>, assessment: AssessmentContext, baseUrl: string): Promise<number> {
  const peers = await listPeersOf(db, assessment.id);
  for (const to of uniqueEmails(peers)) {
    await sendMail({
      to,
      regionId: assessment.authority.regionId,
      subject: `Ready for challenge: ${assessment.authority.name}'s self-assessment ${assessment.cycle.label}`,
      text: [
        `${assessment.authority.name} has submitted its self-assessment for ${assessment.cycle.label}, and you are one of its peer directors.`,
        "",
        `Read it and record the challenge: ${baseUrl}/assessments/${assessment.id}`,
        `The challenge deadline is ${assessment.cycle.challengeDeadline}.`,
      ].join("\n"),
    });
  }
  return peers.length;
}

/** "Challenge signed off", to the authority's people who write for it and the region's coordinators. */
export async function notifyChallengeComplete(db: Kysely<Database>, assessment: AssessmentContext, baseUrl: string): Promise<number> {
  const [members, coordinators] = await Promise.all([
    listAuthorityMembers(db, assessment.authority.id),
    listCoordinatorsOf(db, assessment.authority.regionId),
  ]);
  const recipients = uniqueEmails([...members.filter((m) => !m.disabled && ROLE_CAPABILITIES[m.role].writes), ...coordinators]);
  for (const to of recipients) {
    await sendMail({
      to,
      regionId: assessment.authority.regionId,
      subject: `Challenge signed off: ${assessment.authority.name} ${assessment.cycle.label}`,
      text: [
        `Both peer directors have signed off the challenge of ${assessment.authority.name}'s self-assessment for ${assessment.cycle.label}.`,
        "",
        `Read their key points and recommendations, and add your responses: ${baseUrl}/assessments/${assessment.id}`,
      ].join("\n"),
    });
  }
  return recipients.length;
}
