/**
 * The coordinator pairs each authority's assessment with peer directors from other
 * authorities in the region. Pairing is allowed before submission; the permissions module
 * lets the peers in only once the assessment is submitted. Removing a pairing ends the
 * director's access at once (the actor is read again on every request).
 */
import type { Kysely } from "kysely";

import type { Database } from "../../db/schema";
import type { Actor } from "../auth/actor.server";
import { listAssessmentsOfCycle, previousCycle } from "../models/cycle.server";
import { lockAssessment } from "../models/assessment.server";
import { recordAudit } from "../models/audit.server";
import { createInvitation } from "../models/invitation.server";
import {
  assignPeer,
  countPairingsOf,
  deletePairing,
  findPairing,
  listDirectorCandidates,
  listPairingsOfCycle,
  type PairingRow,
} from "../models/peer.server";
import { findUserByEmail, normaliseEmail } from "../models/user.server";
import { PEERS_PER_CHALLENGE } from "../template/definition";
import { PEER_DIRECTOR } from "../utils/roles";
import { directorLoads, pairingWarnings, type Pairing } from "./pairing";

export type PairingRefusal = "self" | "full" | "already_paired" | "not_in_region" | "unknown_assessment";

export class PairingError extends Error {
  constructor(readonly code: PairingRefusal) {
    super(code);
    this.name = "PairingError";
  }
}

interface CycleRef {
  id: number;
  regionId: number;
  opensOn: string;
}

const asPairing = (row: PairingRow): Pairing => ({
  authorityId: row.authorityId,
  peerAuthorityId: row.peerAuthorityId,
  director: row.userId ?? `invited:${row.invitedEmail ?? row.id}`,
});

/** Everything the pairing page shows: each authority with its peers, the candidates, loads and warnings. */
export async function pairingBoard(db: Kysely<Database>, cycle: CycleRef) {
  const [assessments, pairings, candidates, before] = await Promise.all([
    listAssessmentsOfCycle(db, cycle.id),
    listPairingsOfCycle(db, cycle.id),
    listDirectorCandidates(db, cycle.regionId),
    previousCycle(db, cycle),
  ]);
  const previous = before ? await listPairingsOfCycle(db, before.id) : [];
  const current = pairings.map(asPairing);
  const warnings = pairingWarnings(current, previous.map(asPairing), assessments.length);
  const loads = directorLoads(current);
  return { assessments, pairings, candidates, warnings, loads };
}

/**
 * Names a director of another authority in the region to challenge an assessment: an
 * existing person, or someone invited by email (the invitation makes an account that can do
 * this challenge and nothing else). Returns the pairing and, for a new person, the invitation
 * token to put in their email.
 */
export async function pairDirector(
  db: Kysely<Database>,
  input: {
    cycle: CycleRef;
    assessmentId: number;
    peerAuthorityId: number;
    director: { userId: string } | { email: string };
    actor: Actor;
  },
): Promise<{ invitationToken: string | null; email: string; userId: string | null }> {
  return db.transaction().execute(async (trx) => {
    const assessments = await listAssessmentsOfCycle(trx, input.cycle.id);
    const assessment = assessments.find((a) => a.id === input.assessmentId);
    if (!assessment) throw new PairingError("unknown_assessment");
    // Two coordinators pairing the same assessment at once cannot make three peers.
    await lockAssessment(trx, assessment.id);
    if (assessment.authorityId === input.peerAuthorityId) throw new PairingError("self");
    if (!assessments.some((a) => a.authorityId === input.peerAuthorityId)) throw new PairingError("not_in_region");
    if ((await countPairingsOf(trx, assessment.id)) >= PEERS_PER_CHALLENGE) throw new PairingError("full");

    let userId: string | null = null;
    let email: string;
    let invitationToken: string | null = null;
    if ("userId" in input.director) {
      const candidate = (await listDirectorCandidates(trx, input.cycle.regionId)).find(
        (c) => c.userId === (input.director as { userId: string }).userId && c.authorityId === input.peerAuthorityId,
      );
      if (!candidate) throw new PairingError("not_in_region");
      userId = candidate.userId;
      email = candidate.email;
    } else {
      email = normaliseEmail(input.director.email);
      const existing = await findUserByEmail(trx, email);
      if (existing) userId = existing.id;
    }

    if (userId) {
      if (!(await assignPeer(trx, { assessmentId: assessment.id, peerAuthorityId: input.peerAuthorityId, userId, assignedBy: input.actor.id }))) {
        throw new PairingError("already_paired");
      }
    } else {
      const { invitation, token } = await createInvitation(trx, {
        email,
        role: PEER_DIRECTOR,
        authorityId: input.peerAuthorityId,
        regionId: input.cycle.regionId,
        invitedBy: input.actor.id,
      });
      invitationToken = token;
      const assigned = await assignPeer(trx, {
        assessmentId: assessment.id,
        peerAuthorityId: input.peerAuthorityId,
        invitationId: invitation.id,
        assignedBy: input.actor.id,
      });
      if (!assigned) throw new PairingError("already_paired");
    }
    await recordAudit(trx, {
      actorUserId: input.actor.id,
      action: "peer.paired",
      subjectType: "assessment",
      subjectId: assessment.id,
      details: { peerAuthorityId: input.peerAuthorityId, userId, invited: invitationToken !== null },
    });
    return { invitationToken, email, userId };
  });
}

/** Removes a pairing of the cycle; the director loses access to the assessment at once. */
export async function unpair(db: Kysely<Database>, input: { cycleId: number; pairingId: number; actor: Actor }): Promise<PairingRow> {
  return db.transaction().execute(async (trx) => {
    const pairing = await findPairing(trx, input.pairingId);
    const inCycle = pairing && (await listPairingsOfCycle(trx, input.cycleId)).some((p) => p.id === pairing.id);
    if (!pairing || !inCycle) throw new PairingError("unknown_assessment");
    await deletePairing(trx, pairing.id);
    await recordAudit(trx, {
      actorUserId: input.actor.id,
      action: "peer.unpaired",
      subjectType: "assessment",
      subjectId: pairing.assessmentId,
      details: { peerAuthorityId: pairing.peerAuthorityId, userId: pairing.userId },
    });
    return pairing;
  });
}
