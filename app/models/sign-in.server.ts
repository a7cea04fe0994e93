import type { Kysely } from "kysely";

import type { Database, User } from "../../db/schema";
import { decoyPasswordHash, verifyPassword } from "../auth/password.server";
import { MINUTE, now } from "../utils/clock.server";
import { findUserByEmail, normaliseEmail } from "./user.server";

export const LOCKOUT_WINDOW_MS = 5 * MINUTE;
export const MAX_FAILURES_IN_WINDOW = 10;

export type SignInOutcome =
  | { kind: "ok"; user: User }
  | { kind: "wrong" }
  | { kind: "disabled" }
  | { kind: "locked"; retryAfterSeconds: number };

/**
 * Checks an email and password. Unknown email and wrong password are one outcome, and both
 * count towards the lockout, so the answer tells nothing about which accounts exist.
 */
export async function attemptSignIn(db: Kysely<Database>, email: string, password: string): Promise<SignInOutcome> {
  const address = normaliseEmail(email);
  const t = now();
  const windowStart = t - LOCKOUT_WINDOW_MS;
  const failures = await db
    .selectFrom("sign_in_failures")
    .select("at")
    .where("email", "=", address)
    .where("at", ">", windowStart)
    .orderBy("at", "asc")
    .execute();
  if (failures.length >= MAX_FAILURES_IN_WINDOW) {
    // Unlocks when enough of the oldest failures have aged out of the window.
    const unlockAt = failures[failures.length - MAX_FAILURES_IN_WINDOW]!.at + LOCKOUT_WINDOW_MS;
    return { kind: "locked", retryAfterSeconds: Math.max(1, Math.ceil((unlockAt - t) / 1000)) };
  }

  const user = await findUserByEmail(db, address);
  const passwordMatches = await verifyPassword(user?.password_hash ?? (await decoyPasswordHash()), password);
  if (!user || !user.password_hash || !passwordMatches) {
    await db.insertInto("sign_in_failures").values({ email: address, at: t }).execute();
    await db.deleteFrom("sign_in_failures").where("at", "<=", windowStart).execute();
    return { kind: "wrong" };
  }
  if (user.disabled_at !== null) return { kind: "disabled" };
  await db.deleteFrom("sign_in_failures").where("email", "=", address).execute();
  return { kind: "ok", user };
}
