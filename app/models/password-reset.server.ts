import { lockingRows } from "../../db/dialect.server";
import type { Executor } from "../../db/schema";
import { atomically } from "../../db/transaction";
import { HOUR, MINUTE, now } from "../utils/clock.server";
import { newToken, sha256Hex } from "../utils/crypto.server";
import { recordAudit } from "./audit.server";
import { findUserByEmail, setPasswordHash } from "./user.server";

export const RESET_LIFETIME_MS = 1 * HOUR;
/** At most one reset email per account in this long, however often the form is sent. */
export const RESET_EMAIL_INTERVAL_MS = 5 * MINUTE;

/**
 * A reset token for an active account, or null when there is no such account or one was sent
 * in the last few minutes (the caller says the same either way, and sends nothing). A new
 * token voids every earlier one, so only the latest email's link works.
 */
export async function createPasswordReset(
  db: Executor,
  email: string,
): Promise<{ token: string; userId: string; regionId: number | null } | null> {
  const user = await findUserByEmail(db, email);
  if (!user || user.disabled_at !== null) return null;
  const issued = await atomically(db, async (trx) => {
    // One request at a time per account, on PostgreSQL too: twenty at once still send one email.
    await lockingRows(trx, trx.selectFrom("users").select("id").where("id", "=", user.id)).execute();
    const t = now();
    const recent = await trx
      .selectFrom("password_resets")
      .select("id")
      .where("user_id", "=", user.id)
      .where("created_at", ">", t - RESET_EMAIL_INTERVAL_MS)
      .executeTakeFirst();
    if (recent) return null;
    await trx.updateTable("password_resets").set({ expires_at: t }).where("user_id", "=", user.id).where("used_at", "is", null).where("expires_at", ">", t).execute();
    const token = newToken();
    await trx
      .insertInto("password_resets")
      .values({ token_hash: sha256Hex(token), user_id: user.id, created_at: t, expires_at: t + RESET_LIFETIME_MS, used_at: null })
      .execute();
    return token;
  });
  if (!issued) return null;
  const region =
    (await db
      .selectFrom("memberships")
      .innerJoin("authorities", "authorities.id", "memberships.authority_id")
      .select("authorities.region_id as regionId")
      .where("memberships.user_id", "=", user.id)
      .executeTakeFirst()) ??
    (await db.selectFrom("coordinators").select("region_id as regionId").where("user_id", "=", user.id).executeTakeFirst());
  return { token: issued, userId: user.id, regionId: region?.regionId ?? null };
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
