import type { Executor, MembershipRole } from "../../db/schema";
import { atomically } from "../../db/transaction";
import { now } from "../utils/clock.server";
import { recordAudit } from "./audit.server";

export interface PersonRow {
  userId: string;
  name: string;
  email: string;
  disabled: boolean;
  /** Whether the person signs in with a code from an authenticator app too. */
  twoStep: boolean;
  /** One row per membership; coordinators appear with role "coordinator" and no authority. */
  membershipId: number | null;
  authorityName: string | null;
  authorityId: number | null;
  role: MembershipRole | "coordinator";
}

/** Everyone with a role in the given regions, authority by authority. */
export async function listPeopleInRegions(db: Executor, regionIds: number[]): Promise<PersonRow[]> {
  if (regionIds.length === 0) return [];
  const members = await db
    .selectFrom("memberships")
    .innerJoin("authorities", "authorities.id", "memberships.authority_id")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select([
      "users.id as userId",
      "users.name",
      "users.email",
      "users.disabled_at",
      "users.totp_enabled_at",
      "memberships.id as membershipId",
      "authorities.name as authorityName",
      "authorities.id as authorityId",
      "memberships.role",
    ])
    .where("authorities.region_id", "in", regionIds)
    .orderBy("authorities.name")
    .orderBy("users.name")
    .execute();
  const coordinators = await db
    .selectFrom("coordinators")
    .innerJoin("users", "users.id", "coordinators.user_id")
    .select(["users.id as userId", "users.name", "users.email", "users.disabled_at", "users.totp_enabled_at"])
    .where("coordinators.region_id", "in", regionIds)
    .orderBy("users.name")
    .execute();
  return [
    ...coordinators.map((c) => ({
      userId: c.userId,
      name: c.name,
      email: c.email,
      disabled: c.disabled_at !== null,
      twoStep: c.totp_enabled_at !== null,
      membershipId: null,
      authorityName: null,
      authorityId: null,
      role: "coordinator" as const,
    })),
    ...members.map((m) => ({
      userId: m.userId,
      name: m.name,
      email: m.email,
      disabled: m.disabled_at !== null,
      twoStep: m.totp_enabled_at !== null,
      membershipId: m.membershipId,
      authorityName: m.authorityName,
      authorityId: m.authorityId,
      role: m.role,
    })),
  ];
}

export function findMembership(db: Executor, membershipId: number) {
  return db
    .selectFrom("memberships")
    .innerJoin("authorities", "authorities.id", "memberships.authority_id")
    .select(["memberships.id", "memberships.user_id", "memberships.role", "authorities.id as authorityId", "authorities.region_id as regionId"])
    .where("memberships.id", "=", membershipId)
    .executeTakeFirst();
}

/** Changes one membership's role (a no-op when it is already that role) and signs the person out. */
export async function changeMembershipRole(
  db: Executor,
  actorUserId: string,
  membershipId: number,
  role: MembershipRole,
): Promise<void> {
  await atomically(db, async (trx) => {
    const before = await trx.selectFrom("memberships").select(["role", "user_id"]).where("id", "=", membershipId).executeTakeFirst();
    if (!before || before.role === role) return;
    await trx.updateTable("memberships").set({ role }).where("id", "=", membershipId).execute();
    // A changed role takes effect everywhere at once: the person's open sessions end, and they
    // sign in again into pages that show what the new role allows.
    await trx.deleteFrom("sessions").where("user_id", "=", before.user_id).execute();
    await recordAudit(trx, { actorUserId, action: "membership.role_changed", subjectType: "membership", subjectId: membershipId, details: { role, from: before.role } });
  });
}

/** The regions in which a user has any role: a coordinator may manage them only there. */
export async function regionsOfUser(db: Executor, userId: string): Promise<number[]> {
  const viaMembership = await db
    .selectFrom("memberships")
    .innerJoin("authorities", "authorities.id", "memberships.authority_id")
    .select("authorities.region_id as regionId")
    .where("memberships.user_id", "=", userId)
    .execute();
  const viaCoordinator = await db.selectFrom("coordinators").select("region_id as regionId").where("user_id", "=", userId).execute();
  return [...new Set([...viaMembership, ...viaCoordinator].map((r) => r.regionId))];
}

export async function setUserDisabled(
  db: Executor,
  actorUserId: string,
  userId: string,
  disabled: boolean,
): Promise<void> {
  await atomically(db, async (trx) => {
    await trx.updateTable("users").set({ disabled_at: disabled ? now() : null, updated_at: now() }).where("id", "=", userId).execute();
    if (disabled) await trx.deleteFrom("sessions").where("user_id", "=", userId).execute();
    await recordAudit(trx, { actorUserId, action: disabled ? "user.disabled" : "user.enabled", subjectType: "user", subjectId: userId });
  });
}
