import type { ExpressionBuilder } from "kysely";

import type { Database, Executor } from "../../db/schema";
import { atomically } from "../../db/transaction";
import { HOUR, MINUTE, now } from "../utils/clock.server";
import { newToken, sha256Hex } from "../utils/crypto.server";
import { recordAudit } from "./audit.server";
import { normaliseEmail, setPasswordHash } from "./user.server";

export const RESET_LIFETIME_MS = 1 * HOUR;
/** At most one reset email per account in this long, however often the form is sent. */
export const RESET_EMAIL_INTERVAL_MS = 5 * MINUTE;

/**
 * A reset token for an active account, or null when there is no such account or one was sent
 * in the last few minutes (the caller says the same either way, and sends nothing). Only the
 * newest token of a person works (`newest` below): a new one voids every earlier one.
 */
export async function createPasswordReset(
  db: Executor,
  email: string,
): Promise<{ token: string; userId: string; regionId: number | null } | null> {
  const t = now();
  // Finding the account and claiming its one email for the next few minutes are one statement:
  // requests at once (on PostgreSQL, the row lock) cannot both claim it, and an unknown
  // address costs the same one statement as a known one.
  const user = await db
    .updateTable("users")
    .set({ password_reset_sent_at: t })
    .where("email", "=", normaliseEmail(email))
    .where("disabled_at", "is", null)
    .where((eb) => eb.or([eb("password_reset_sent_at", "is", null), eb("password_reset_sent_at", "<=", t - RESET_EMAIL_INTERVAL_MS)]))
    .returning("id")
    .executeTakeFirst();
  if (!user) return null;
  const token = newToken();
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

/** No later token was made for the same person: an earlier link stops working once a new one is sent. */
function newest(eb: ExpressionBuilder<Database, "password_resets">) {
  return eb.not(
    eb.exists(
      eb
        .selectFrom("password_resets as newer")
        .select("newer.id")
        .whereRef("newer.user_id", "=", "password_resets.user_id")
        .whereRef("newer.id", ">", "password_resets.id"),
    ),
  );
}

export async function findUsableReset(db: Executor, token: string) {
  const reset = await db
    .selectFrom("password_resets")
    .selectAll()
    .where("token_hash", "=", sha256Hex(token))
    .where(newest)
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
      .where(newest)
      .returningAll()
      .executeTakeFirst();
    if (!reset) return null;
    await setPasswordHash(trx, reset.user_id, passwordHash);
    await recordAudit(trx, { actorUserId: reset.user_id, action: "password.reset", subjectType: "user", subjectId: reset.user_id });
    return reset.user_id;
  });
}
