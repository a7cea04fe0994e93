import type { Executor, Invitation, MembershipRole, User } from "../../db/schema";
import { atomically } from "../../db/transaction";
import { DAY, now } from "../utils/clock.server";
import { newToken, sha256Hex } from "../utils/crypto.server";
import { PEER_DIRECTOR, type InvitableRole } from "../utils/roles";
import { takeUpInvitedPairings } from "./peer.server";
import { recordAudit } from "./audit.server";
import { createUser, findUserByEmail, normaliseEmail } from "./user.server";

export const INVITATION_LIFETIME_MS = 7 * DAY;

export async function createInvitation(
  db: Executor,
  input: { email: string; role: InvitableRole | typeof PEER_DIRECTOR; authorityId: number | null; regionId: number; invitedBy: string },
): Promise<{ invitation: Invitation; token: string }> {
  const token = newToken();
  const t = now();
  const invitation = await db
    .insertInto("invitations")
    .values({
      token_hash: sha256Hex(token),
      email: normaliseEmail(input.email),
      role: input.role,
      authority_id: input.role === "coordinator" ? null : input.authorityId,
      region_id: input.regionId,
      invited_by: input.invitedBy,
      created_at: t,
      expires_at: t + INVITATION_LIFETIME_MS,
      accepted_at: null,
      accepted_user_id: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(db, {
    actorUserId: input.invitedBy,
    action: "invitation.created",
    subjectType: "invitation",
    subjectId: invitation.id,
    details: { email: invitation.email, role: invitation.role, authorityId: invitation.authority_id },
  });
  return { invitation, token };
}

export type InvitationLookup =
  | { state: "valid"; invitation: Invitation & { authority_name: string | null }; existingUser: User | undefined }
  | { state: "expired" | "used" | "unknown" };

export async function lookUpInvitation(db: Executor, token: string): Promise<InvitationLookup> {
  const invitation = await db
    .selectFrom("invitations")
    .leftJoin("authorities", "authorities.id", "invitations.authority_id")
    .selectAll("invitations")
    .select("authorities.name as authority_name")
    .where("token_hash", "=", sha256Hex(token))
    .executeTakeFirst();
  if (!invitation) return { state: "unknown" };
  if (invitation.accepted_at !== null) return { state: "used" };
  if (invitation.expires_at <= now()) return { state: "expired" };
  return { state: "valid", invitation, existingUser: await findUserByEmail(db, invitation.email) };
}

/**
 * Accepts a valid invitation: creates the account (or joins an existing one) and grants the
 * role. Single use: the invitation is claimed inside the same transaction, so a second
 * accept of the same link changes nothing.
 */
export async function acceptInvitation(
  db: Executor,
  invitationId: number,
  account: { kind: "new"; name: string; passwordHash: string } | { kind: "existing"; userId: string },
): Promise<string | null> {
  return atomically(db, async (trx) => {
    const t = now();
    const claimed = await trx
      .updateTable("invitations")
      .set({ accepted_at: t })
      .where("id", "=", invitationId)
      .where("accepted_at", "is", null)
      .where("expires_at", ">", t)
      .returningAll()
      .executeTakeFirst();
    if (!claimed) return null;

    const userId =
      account.kind === "existing"
        ? account.userId
        : (await createUser(trx, { email: claimed.email, name: account.name, passwordHash: account.passwordHash })).id;

    if (claimed.role === PEER_DIRECTOR) {
      // A peer director joins no authority: their account takes up the challenges they were invited to.
      await takeUpInvitedPairings(trx, claimed.id, userId);
    } else if (claimed.role === "coordinator") {
      await trx
        .insertInto("coordinators")
        .values({ user_id: userId, region_id: claimed.region_id, created_at: t })
        .onConflict((oc) => oc.doNothing())
        .execute();
    } else if (claimed.authority_id !== null) {
      await trx
        .insertInto("memberships")
        .values({ user_id: userId, authority_id: claimed.authority_id, role: claimed.role as MembershipRole, created_at: t })
        .onConflict((oc) => oc.columns(["user_id", "authority_id"]).doUpdateSet({ role: claimed.role as MembershipRole }))
        .execute();
    }
    await trx.updateTable("invitations").set({ accepted_user_id: userId }).where("id", "=", claimed.id).execute();
    await recordAudit(trx, {
      actorUserId: userId,
      action: "invitation.accepted",
      subjectType: "invitation",
      subjectId: claimed.id,
    });
    return userId;
  });
}
