/**
 * The last steps of signing in, shared by the password page and the code page: a session
 * begun and recorded, and the second step's check of a code against its challenge. Returns
 * outcomes; the routes decide what the person sees.
 */
import type { Kysely } from "kysely";

import type { Database } from "../../db/schema";
import { recordAudit } from "../models/audit.server";
import { clearSignInFailures, lockoutFor, recordSignInFailure, type Lockout } from "../models/sign-in.server";
import { checkCode, endChallenge, failChallenge, findChallenge } from "../models/two-step.server";
import { startSession } from "./session.server";

/** Starts the person's session and records the sign-in; returns the Set-Cookie value. */
export async function completeSignIn(db: Kysely<Database>, userId: string, details?: Record<string, unknown>): Promise<string> {
  const cookie = await startSession(userId);
  await recordAudit(db, { actorUserId: userId, action: "session.signed_in", subjectType: "user", subjectId: userId, details });
  return cookie;
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
