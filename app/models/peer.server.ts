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

/** Assigns a director of a peer authority; returns false when that authority or person is already assigned. */
export async function assignPeer(
  db: Executor,
  input: { assessmentId: number; peerAuthorityId: number; userId: string; assignedBy: string | null },
): Promise<boolean> {
  const result = await db
    .insertInto("peer_assignments")
    .values({
      assessment_id: input.assessmentId,
      peer_authority_id: input.peerAuthorityId,
      user_id: input.userId,
      invitation_id: null,
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
