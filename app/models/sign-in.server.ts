import type { Kysely } from "kysely";

import type { Database, User } from "../../db/schema";
import { decoyPasswordHash, verifyPassword } from "../auth/password.server";
import { MINUTE, now } from "../utils/clock.server";
import { recordAudit } from "./audit.server";
import { findUserByEmail, normaliseEmail } from "./user.server";

export const LOCKOUT_WINDOW_MS = 5 * MINUTE;
/** Failures for one account, from anywhere, before it is locked for the rest of the window. */
export const MAX_FAILURES_IN_WINDOW = 10;
/** Failures from one address, whatever the accounts, before it is throttled (password spraying). */
export const MAX_FAILURES_FROM_ADDRESS = 30;

export type SignInOutcome =
  | { kind: "ok"; user: User }
  | { kind: "wrong" }
  | { kind: "disabled" }
  | { kind: "locked"; retryAfterSeconds: number; because: "account" | "address" };

/** Seconds until enough of the oldest failures age out of the window to let one more try in; null when not over the limit. */
function waitFor(failures: Array<{ at: number }>, limit: number, t: number): number | null {
  if (failures.length < limit) return null;
  const unlockAt = failures[failures.length - limit]!.at + LOCKOUT_WINDOW_MS;
  return Math.max(1, Math.ceil((unlockAt - t) / 1000));
}

/**
 * Checks an email and password. Unknown email and wrong password are one outcome, and both
 * count towards the lockout, so the answer tells nothing about which accounts exist. Failures
 * are throttled per account (from any address) and per client address (over any accounts).
 */
export async function attemptSignIn(db: Kysely<Database>, email: string, password: string, clientAddress = "unknown"): Promise<SignInOutcome> {
  const address = normaliseEmail(email);
  const t = now();
  const windowStart = t - LOCKOUT_WINDOW_MS;
  const recent = (column: "email" | "address", value: string) =>
    db.selectFrom("sign_in_failures").select("at").where(column, "=", value).where("at", ">", windowStart).where("at", "<=", t).orderBy("at", "asc").execute();
  const [forAccount, fromAddress] = await Promise.all([recent("email", address), recent("address", clientAddress)]);
  const accountWait = waitFor(forAccount, MAX_FAILURES_IN_WINDOW, t);
  if (accountWait !== null) return { kind: "locked", retryAfterSeconds: accountWait, because: "account" };
  const addressWait = waitFor(fromAddress, MAX_FAILURES_FROM_ADDRESS, t);
  if (addressWait !== null) return { kind: "locked", retryAfterSeconds: addressWait, because: "address" };

  const user = await findUserByEmail(db, address);
  const passwordMatches = await verifyPassword(user?.password_hash ?? (await decoyPasswordHash()), password);
  if (!user || !user.password_hash || !passwordMatches) {
    await db.insertInto("sign_in_failures").values({ email: address, address: clientAddress, at: t }).execute();
    // Nobody is known to have acted: the attempt is recorded against the account it named.
    await recordAudit(db, { actorUserId: null, action: "session.sign_in_failed", subjectType: user ? "user" : "email", subjectId: user?.id ?? address });
    await db.deleteFrom("sign_in_failures").where("at", "<=", windowStart).execute();
    return { kind: "wrong" };
  }
  if (user.disabled_at !== null) return { kind: "disabled" };
  await db.deleteFrom("sign_in_failures").where("email", "=", address).execute();
  return { kind: "ok", user };
}
