import type { Executor, MembershipRole, User } from "../../db/schema";
import { verifyPassword } from "../auth/password.server";
import { now } from "../utils/clock.server";
import { newId } from "../utils/crypto.server";

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function findUserByEmail(db: Executor, email: string): Promise<User | undefined> {
  return db.selectFrom("users").selectAll().where("email", "=", normaliseEmail(email)).executeTakeFirst();
}

export function findUserById(db: Executor, id: string): Promise<User | undefined> {
  return db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
}

/** True when `password` is this person's password (people invited but not yet joined have none). */
export async function passwordMatches(db: Executor, userId: string, password: string | undefined): Promise<boolean> {
  if (!password) return false;
  const user = await findUserById(db, userId);
  return Boolean(user?.password_hash && (await verifyPassword(user.password_hash, password)));
}

export async function createUser(
  db: Executor,
  input: { email: string; name: string; passwordHash: string | null },
): Promise<User> {
  const t = now();
  const user: User = {
    id: newId(),
    email: normaliseEmail(input.email),
    name: input.name,
    password_hash: input.passwordHash,
    disabled_at: null,
    reminders_off: 0,
    created_at: t,
    updated_at: t,
    totp_secret: null,
    totp_pending_secret: null,
    totp_enabled_at: null,
    totp_last_step: null,
    password_reset_sent_at: null,
  };
  await db.insertInto("users").values(user).execute();
  return user;
}

export async function setPasswordHash(db: Executor, userId: string, passwordHash: string): Promise<void> {
  await db
    .updateTable("users")
    .set({ password_hash: passwordHash, updated_at: now() })
    .where("id", "=", userId)
    .execute();
}

export interface ActorMembership {
  authorityId: number;
  authoritySlug: string;
  authorityName: string;
  regionId: number;
  role: MembershipRole;
}

export function listMembershipsOf(db: Executor, userId: string): Promise<ActorMembership[]> {
  return db
    .selectFrom("memberships")
    .innerJoin("authorities", "authorities.id", "memberships.authority_id")
    .select([
      "authorities.id as authorityId",
      "authorities.slug as authoritySlug",
      "authorities.name as authorityName",
      "authorities.region_id as regionId",
      "memberships.role as role",
    ])
    .where("memberships.user_id", "=", userId)
    .orderBy("authorities.name")
    .execute();
}

export async function listCoordinatedRegionIds(db: Executor, userId: string): Promise<number[]> {
  return (await listCoordinatorRoles(db, userId)).map((r) => r.region_id);
}

/** The regions this person coordinates, and since when (two-step sign-in's deadline counts from it). */
export function listCoordinatorRoles(db: Executor, userId: string): Promise<Array<{ region_id: number; created_at: number }>> {
  return db.selectFrom("coordinators").select(["region_id", "created_at"]).where("user_id", "=", userId).orderBy("created_at").execute();
}

/** The region's coordinators with working accounts. */
export async function listCoordinatorsOf(db: Executor, regionId: number) {
  return db
    .selectFrom("coordinators")
    .innerJoin("users", "users.id", "coordinators.user_id")
    .select(["users.id", "users.name", "users.email"])
    .where("coordinators.region_id", "=", regionId)
    .where("users.disabled_at", "is", null)
    .execute();
}

export async function remindersOff(db: Executor, userId: string): Promise<boolean> {
  const row = await db.selectFrom("users").select("reminders_off").where("id", "=", userId).executeTakeFirst();
  return row?.reminders_off === 1;
}

export async function setRemindersOff(db: Executor, userId: string, off: boolean): Promise<void> {
  await db.updateTable("users").set({ reminders_off: off ? 1 : 0, updated_at: now() }).where("id", "=", userId).execute();
}
