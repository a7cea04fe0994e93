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
  | { kind: "code-needed"; user: User }
  | { kind: "wrong" }
  | { kind: "disabled" }
  | { kind: "locked"; retryAfterSeconds: number; because: "account" | "address" };

/** Seconds until enough of the oldest failures age out of the window to let one more try in; null when not over the limit. */
function waitFor(failures: Array<{ at: number }>, limit: number, t: number): number | null {
  if (failures.length < limit) return null;
  const unlockAt = failures[failures.length - limit]!.at + LOCKOUT_WINDOW_MS;
  return Math.max(1, Math.ceil((unlockAt - t) / 1000));
}

export type Lockout = { retryAfterSeconds: number; because: "account" | "address" };

/** What the person is told when throttled. */
export function lockoutMessage(lockout: Lockout): string {
  const minutes = Math.ceil(lockout.retryAfterSeconds / 60);
  return lockout.because === "account"
    ? `Too many failed attempts to sign in to this account. Wait ${minutes} minutes, then try again.`
    : `Too many failed attempts to sign in from your network. Wait ${minutes} minutes, then try again.`;
}

/**
 * Whether sign-in to this account, or from this address, is throttled now. Wrong passwords and
 * wrong two-step codes count alike, so the second step is no easier to guess than the first.
 */
export async function lockoutFor(db: Kysely<Database>, email: string, clientAddress: string): Promise<Lockout | null> {
  const t = now();
  const windowStart = t - LOCKOUT_WINDOW_MS;
  const recent = (column: "email" | "address", value: string) =>
    db.selectFrom("sign_in_failures").select("at").where(column, "=", value).where("at", ">", windowStart).where("at", "<=", t).orderBy("at", "asc").execute();
  const [forAccount, fromAddress] = await Promise.all([recent("email", normaliseEmail(email)), recent("address", clientAddress)]);
  const accountWait = waitFor(forAccount, MAX_FAILURES_IN_WINDOW, t);
  if (accountWait !== null) return { retryAfterSeconds: accountWait, because: "account" };
  const addressWait = waitFor(fromAddress, MAX_FAILURES_FROM_ADDRESS, t);
  if (addressWait !== null) return { retryAfterSeconds: addressWait, because: "address" };
  return null;
}

/** Counts one failed try (a wrong password or code) for the account and the address. */
export async function recordSignInFailure(db: Kysely<Database>, email: string, clientAddress: string): Promise<void> {
  const t = now();
  await db.insertInto("sign_in_failures").values({ email: normaliseEmail(email), address: clientAddress, at: t }).execute();
  await db.deleteFrom("sign_in_failures").where("at", "<=", t - LOCKOUT_WINDOW_MS).execute();
}

/** A right password or code: the account's failures are forgotten. */
export async function clearSignInFailures(db: Kysely<Database>, email: string): Promise<void> {
  await db.deleteFrom("sign_in_failures").where("email", "=", normaliseEmail(email)).execute();
}

/**
 * Checks an email and password. Unknown email and wrong password are one outcome, and both
 * count towards the lockout, so the answer tells nothing about which accounts exist. Failures
 * are throttled per account (from any address) and per client address (over any accounts).
 * A right password for someone with two-step sign-in on is not yet a sign-in: the outcome
 * says a code is needed.
 */
export async function attemptSignIn(db: Kysely<Database>, email: string, password: string, clientAddress = "unknown"): Promise<SignInOutcome> {
  const address = normaliseEmail(email);
  const lockout = await lockoutFor(db, address, clientAddress);
  if (lockout) return { kind: "locked", ...lockout };

  const user = await findUserByEmail(db, address);
  const passwordMatches = await verifyPassword(user?.password_hash ?? (await decoyPasswordHash()), password);
  if (!user || !user.password_hash || !passwordMatches) {
    await recordSignInFailure(db, address, clientAddress);
    // Nobody is known to have acted: the attempt is recorded against the account it named.
    await recordAudit(db, { actorUserId: null, action: "session.sign_in_failed", subjectType: user ? "user" : "email", subjectId: user?.id ?? address });
    return { kind: "wrong" };
  }
  if (user.disabled_at !== null) return { kind: "disabled" };
  // With two-step sign-in on, the failures are forgotten only after the right code: else the
  // password alone would reset the count of wrong codes.
  if (user.totp_enabled_at !== null) return { kind: "code-needed", user };
  await clearSignInFailures(db, address);
  return { kind: "ok", user };
}
