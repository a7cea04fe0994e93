/**
 * Peer directors assigned to challenge an assessment. The pairing page, invitations and
 * notifications build on these queries.
 */
import type { Executor } from "../../db/schema";
import { now } from "../utils/clock.server";

export interface PeerAssignment {
  assessmentId: number;
  /** The peer's own authority, whose name goes in "raised by". */
  peerAuthorityId: number;
}

/** The assessments a person is assigned to challenge. */
export async function listPeerAssignmentsOf(db: Executor, userId: string): Promise<PeerAssignment[]> {
  const rows = await db
    .selectFrom("peer_assignments")
    .select(["assessment_id", "peer_authority_id"])
    .where("user_id", "=", userId)
    .execute();
  return rows.map((row) => ({ assessmentId: row.assessment_id, peerAuthorityId: row.peer_authority_id }));
}

/**
 * Assigns a director of a peer authority: a person, or someone invited who has no account yet
 * (their account takes the pairing up when they accept). False when that authority or person
 * is already assigned to the assessment.
 */
export async function assignPeer(
  db: Executor,
  input: { assessmentId: number; peerAuthorityId: number; assignedBy: string | null } & ({ userId: string } | { invitationId: number }),
): Promise<boolean> {
  const result = await db
    .insertInto("peer_assignments")
    .values({
      assessment_id: input.assessmentId,
      peer_authority_id: input.peerAuthorityId,
      user_id: "userId" in input ? input.userId : null,
      invitation_id: "invitationId" in input ? input.invitationId : null,
      assigned_by: input.assignedBy,
      created_at: now(),
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export async function removePeer(db: Executor, assessmentId: number, userId: string): Promise<void> {
  await db.deleteFrom("peer_assignments").where("assessment_id", "=", assessmentId).where("user_id", "=", userId).execute();
}

/** The challenges a person is assigned to, newest cycle first: their home page as a peer director. */
export async function listChallengesOf(db: Executor, userId: string) {
  return db
    .selectFrom("peer_assignments")
    .innerJoin("assessments", "assessments.id", "peer_assignments.assessment_id")
    .innerJoin("authorities", "authorities.id", "assessments.authority_id")
    .innerJoin("cycles", "cycles.id", "assessments.cycle_id")
    .select([
      "assessments.id",
      "assessments.status",
      "authorities.name as authorityName",
      "cycles.label as cycleLabel",
      "cycles.challenge_deadline as challengeDeadline",
    ])
    .where("peer_assignments.user_id", "=", userId)
    .orderBy("cycles.opens_on", "desc")
    .orderBy("authorities.name")
    .execute();
}

export interface PairingRow {
  id: number;
  assessmentId: number;
  /** The authority being challenged. */
  authorityId: number;
  peerAuthorityId: number;
  peerAuthorityName: string;
  userId: string | null;
  directorName: string | null;
  /** The invited director's address while they have no account. */
  invitedEmail: string | null;
}

function pairingRows(db: Executor) {
  return db
    .selectFrom("peer_assignments")
    .innerJoin("assessments", "assessments.id", "peer_assignments.assessment_id")
    .innerJoin("authorities as peer", "peer.id", "peer_assignments.peer_authority_id")
    .leftJoin("users", "users.id", "peer_assignments.user_id")
    .leftJoin("invitations", "invitations.id", "peer_assignments.invitation_id")
    .select([
      "peer_assignments.id",
      "peer_assignments.assessment_id as assessmentId",
      "assessments.authority_id as authorityId",
      "peer_assignments.peer_authority_id as peerAuthorityId",
      "peer.name as peerAuthorityName",
      "peer_assignments.user_id as userId",
      "users.name as directorName",
      "invitations.email as invitedEmail",
    ])
    .orderBy("peer_assignments.id");
}

/** Every pairing in a cycle, in the order they were made. */
export async function listPairingsOfCycle(db: Executor, cycleId: number): Promise<PairingRow[]> {
  return pairingRows(db).where("assessments.cycle_id", "=", cycleId).execute();
}

export async function findPairing(db: Executor, id: number): Promise<PairingRow | undefined> {
  return pairingRows(db).where("peer_assignments.id", "=", id).executeTakeFirst();
}

/** The invited director's new account takes up the challenges they were invited to. */
export async function takeUpInvitedPairings(db: Executor, invitationId: number, userId: string): Promise<void> {
  await db.updateTable("peer_assignments").set({ user_id: userId }).where("invitation_id", "=", invitationId).where("user_id", "is", null).execute();
}

export async function deletePairing(db: Executor, id: number): Promise<void> {
  await db.deleteFrom("peer_assignments").where("id", "=", id).execute();
}

export async function countPairingsOf(db: Executor, assessmentId: number): Promise<number> {
  const row = await db
    .selectFrom("peer_assignments")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("assessment_id", "=", assessmentId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** People who can be named as a peer director: every member of the region's authorities who may write for it. */
export async function listDirectorCandidates(db: Executor, regionId: number) {
  return db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .innerJoin("authorities", "authorities.id", "memberships.authority_id")
    .select(["users.id as userId", "users.name", "users.email", "memberships.role", "authorities.id as authorityId", "authorities.name as authorityName"])
    .where("authorities.region_id", "=", regionId)
    .where("users.disabled_at", "is", null)
    .orderBy("authorities.name")
    .orderBy("users.name")
    .execute();
}

/** The peer directors with accounts assigned to an assessment, for their emails. */
export async function listPeersOf(db: Executor, assessmentId: number) {
  return db
    .selectFrom("peer_assignments")
    .innerJoin("users", "users.id", "peer_assignments.user_id")
    .select(["users.id", "users.name", "users.email"])
    .where("peer_assignments.assessment_id", "=", assessmentId)
    .where("users.disabled_at", "is", null)
    .execute();
}
