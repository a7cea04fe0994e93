import type { Executor } from "../../db/schema";
import { atomically } from "../../db/transaction";
import { HOUR, now } from "../utils/clock.server";
import { newToken, sha256Hex } from "../utils/crypto.server";
import { recordAudit } from "./audit.server";
import { findUserByEmail, setPasswordHash } from "./user.server";

export const RESET_LIFETIME_MS = 1 * HOUR;

/** A reset token for an active account, or null when there is no such account (the caller says the same either way). */
export async function createPasswordReset(
  db: Executor,
  email: string,
): Promise<{ token: string; userId: string; regionId: number | null } | null> {
  const user = await findUserByEmail(db, email);
  if (!user || user.disabled_at !== null) return null;
  const token = newToken();
  const t = now();
  await db
    .insertInto("password_resets")
    .values({ token_hash: sha256Hex(token), user_id: user.id, created_at: t, expires_at: t + RESET_LIFETIME_MS, used_at: null })
    .execute();
  const region =
    (await db
      .selectFrom("memberships")
      .innerJoin("authorities", "authorities.id", "memberships.authority_id")
      .select("authorities.region_id as regionId")
      .where("memberships.user_id", "=", user.id)
      .executeTakeFirst()) ??
    (await db.selectFrom("coordinators").select("region_id as regionId").where("user_id", "=", user.id).executeTakeFirst());
  return { token, userId: user.id, regionId: region?.regionId ?? null };
}

export async function findUsableReset(db: Executor, token: string) {
  const reset = await db
    .selectFrom("password_resets")
    .selectAll()
    .where("token_hash", "=", sha256Hex(token))
    .executeTakeFirst();
  if (!reset || reset.used_at !== null || reset.expires_at <= now()) return null;
  return reset;
}

/** Uses the token once: sets the new password. Returns the user id, or null if the link is no longer valid. */
export async function completePasswordReset(
  db: Executor,
  token: string,
  passwordHash: string,
): Promise<string | null> {
  return atomically(db, async (trx) => {
    const t = now();
    const reset = await trx
      .updateTable("password_resets")
      .set({ used_at: t })
      .where("token_hash", "=", sha256Hex(token))
      .where("used_at", "is", null)
      .where("expires_at", ">", t)
      .returningAll()
      .executeTakeFirst();
    if (!reset) return null;
    await setPasswordHash(trx, reset.user_id, passwordHash);
    await recordAudit(trx, { actorUserId: reset.user_id, action: "password.reset", subjectType: "user", subjectId: reset.user_id });
    return reset.user_id;
  });
}
