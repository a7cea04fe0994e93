/**
 * The last steps of signing in, shared by the password page and the code page: a session
 * begun and recorded, and the second step's check of a code against its challenge. Returns
 * outcomes; the routes decide what the person sees.
 */
import type { Kysely } from "kysely";

import type { Database } from "../../db/schema";
import { recordAudit } from "../models/audit.server";
import { clearSignInFailures, lockoutFor, recordSignInFailure, type Lockout } from "../models/sign-in.server";
import { CHALLENGE_TTL_MS, checkCode, createChallenge, endChallenge, failChallenge, findChallenge, type CodeCheck } from "../models/two-step.server";
import { passwordMatches } from "../models/user.server";
import { challengeCookie, startSession } from "./session.server";

/** Starts the person's session and records the sign-in; returns the Set-Cookie value. */
export async function completeSignIn(db: Kysely<Database>, userId: string, details?: Record<string, unknown>): Promise<string> {
  const cookie = await startSession(userId);
  await recordAudit(db, { actorUserId: userId, action: "session.signed_in", subjectType: "user", subjectId: userId, details });
  return cookie;
}

/** The right password for someone with two-step sign-in on: the code comes next. Returns the challenge's Set-Cookie value. */
export async function beginSecondStep(db: Kysely<Database>, userId: string): Promise<string> {
  return challengeCookie(await createChallenge(db, userId), CHALLENGE_TTL_MS);
}

export type SecondStepOutcome =
  | { kind: "start-again" }
  | { kind: "locked"; lockout: Lockout }
  | { kind: "wrong" }
  | { kind: "signed-in"; cookie: string; recoveryCodesLeft: number | null };

/**
 * Checks a code (from the app, or a recovery code) against a live challenge. Wrong codes count
 * in the sign-in throttle like wrong passwords; five on one challenge end it. A right code ends
 * the challenge, forgets the account's failures and starts the session.
 */
export async function completeSecondStep(db: Kysely<Database>, input: { token: string; code: string; clientAddress: string }): Promise<SecondStepOutcome> {
  const challenge = await findChallenge(db, input.token);
  if (!challenge) return { kind: "start-again" };
  const lockout = await lockoutFor(db, challenge.email, input.clientAddress);
  if (lockout) return { kind: "locked", lockout };

  const check = await checkCode(db, challenge.userId, input.code);
  if (check.kind === "wrong") {
    await recordSignInFailure(db, challenge.email, input.clientAddress);
    await recordAudit(db, { actorUserId: null, action: "session.code_failed", subjectType: "user", subjectId: challenge.userId });
    return (await failChallenge(db, input.token)) ? { kind: "start-again" } : { kind: "wrong" };
  }
  await endChallenge(db, input.token);
  await clearSignInFailures(db, challenge.email);
  if (check.kind === "recovery") {
    await recordAudit(db, { actorUserId: challenge.userId, action: "two_step.recovery_code_used", subjectType: "user", subjectId: challenge.userId, details: { left: check.left } });
  }
  const cookie = await completeSignIn(db, challenge.userId, { twoStep: check.kind });
  return { kind: "signed-in", cookie, recoveryCodesLeft: check.kind === "recovery" ? check.left : null };
}

// ---------------------------------------------------------------------------
// A signed-in person proving again who they are, before a change that needs it (a new
// password, two-step sign-in on a new phone or off, new recovery codes).

export type Recheck<T> = { kind: "ok"; value: T } | { kind: "wrong" } | { kind: "locked"; lockout: Lockout };
type Who = { userId: string; email: string; clientAddress: string };

/**
 * Wrong answers count in the sign-in throttle, as they do at sign-in, so a stolen session
 * cannot be used to guess the password or the app's codes; a right one clears nothing.
 */
async function recheck<T>(db: Kysely<Database>, who: Who, failure: string, check: () => Promise<T | null>): Promise<Recheck<T>> {
  const lockout = await lockoutFor(db, who.email, who.clientAddress);
  if (lockout) return { kind: "locked", lockout };
  const value = await check();
  if (value !== null) return { kind: "ok", value };
  await recordSignInFailure(db, who.email, who.clientAddress);
  await recordAudit(db, { actorUserId: who.userId, action: failure, subjectType: "user", subjectId: who.userId });
  return { kind: "wrong" };
}

export function recheckPassword(db: Kysely<Database>, who: Who, password: string | undefined): Promise<Recheck<true>> {
  return recheck(db, who, "account.password_failed", async () => ((await passwordMatches(db, who.userId, password)) ? true : null));
}

export function recheckCode(db: Kysely<Database>, who: Who, code: string): Promise<Recheck<Exclude<CodeCheck, { kind: "wrong" }>>> {
  return recheck(db, who, "session.code_failed", async () => {
    const check = await checkCode(db, who.userId, code);
    return check.kind === "wrong" ? null : check;
  });
}
