/**
 * Two-step sign-in's records: a person's authenticator secret, their recovery codes and the
 * short-lived challenge between a right password and a right code. Returns outcomes; the
 * routes decide what the person sees.
 */
import type { Executor } from "../../db/schema";
import { atomically } from "../../db/transaction";
import { matchTotp, newTotpSecret } from "../two-step/totp.server";
import { hashRecoveryCode, looksLikeRecoveryCode, newRecoveryCodes } from "../two-step/recovery-codes.server";
import { newToken, sha256Hex } from "../utils/crypto.server";
import { recordAudit } from "./audit.server";
import { MINUTE, now } from "../utils/clock.server";

/** How long the code page waits after the right password; then the person starts again. */
export const CHALLENGE_TTL_MS = 5 * MINUTE;
/** Wrong codes on one challenge before it ends (the account's sign-in throttle counts them too). */
export const CHALLENGE_MAX_FAILURES = 5;

export interface TwoStepSummary {
  enabledAt: number | null;
  pendingSecret: string | null;
  recoveryCodesLeft: number;
}

export async function readTwoStep(db: Executor, userId: string): Promise<TwoStepSummary> {
  const [user, left] = await Promise.all([
    db.selectFrom("users").select(["totp_enabled_at", "totp_pending_secret"]).where("id", "=", userId).executeTakeFirstOrThrow(),
    countUnusedRecoveryCodes(db, userId),
  ]);
  return { enabledAt: user.totp_enabled_at, pendingSecret: user.totp_pending_secret, recoveryCodesLeft: left };
}

async function countUnusedRecoveryCodes(db: Executor, userId: string): Promise<number> {
  const row = await db
    .selectFrom("recovery_codes")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", userId)
    .where("used_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A new secret to show as a QR code; it replaces any earlier unconfirmed one. */
export async function beginSetUp(db: Executor, userId: string): Promise<string> {
  const secret = newTotpSecret();
  await db.updateTable("users").set({ totp_pending_secret: secret, updated_at: now() }).where("id", "=", userId).execute();
  return secret;
}

export type ConfirmOutcome = { kind: "enabled"; recoveryCodes: string[] } | { kind: "wrong-code" } | { kind: "not-started" };

/**
 * Turns two-step sign-in on once a code from the app proves it holds the pending secret
 * (moving to a new phone works the same way: the new secret replaces the old one only now).
 */
export function confirmSetUp(db: Executor, userId: string, code: string): Promise<ConfirmOutcome> {
  return atomically(db, async (trx) => {
    const user = await trx.selectFrom("users").select("totp_pending_secret").where("id", "=", userId).executeTakeFirstOrThrow();
    if (!user.totp_pending_secret) return { kind: "not-started" };
    const t = now();
    const step = matchTotp(user.totp_pending_secret, code, t, null);
    if (step === null) return { kind: "wrong-code" };
    await trx
      .updateTable("users")
      .set({ totp_secret: user.totp_pending_secret, totp_pending_secret: null, totp_enabled_at: t, totp_last_step: step, updated_at: t })
      .where("id", "=", userId)
      .execute();
    return { kind: "enabled", recoveryCodes: await replaceRecoveryCodes(trx, userId) };
  });
}

/** Ten new recovery codes; every earlier one stops working. Returns the codes to show once. */
export async function replaceRecoveryCodes(db: Executor, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  const t = now();
  await db.deleteFrom("recovery_codes").where("user_id", "=", userId).execute();
  await db
    .insertInto("recovery_codes")
    .values(codes.map((code) => ({ user_id: userId, code_hash: hashRecoveryCode(code), used_at: null, created_at: t })))
    .execute();
  return codes;
}

export async function turnOff(db: Executor, userId: string): Promise<void> {
  await atomically(db, async (trx) => {
    await trx
      .updateTable("users")
      .set({ totp_secret: null, totp_pending_secret: null, totp_enabled_at: null, totp_last_step: null, updated_at: now() })
      .where("id", "=", userId)
      .execute();
    await trx.deleteFrom("recovery_codes").where("user_id", "=", userId).execute();
  });
}

/**
 * For someone who has lost their phone and their recovery codes: the coordinator turns their
 * two-step sign-in off and ends their sessions; they sign in with their password and set it up
 * again (a coordinator must, at once: their fortnight has long passed).
 */
export async function resetByCoordinator(db: Executor, coordinatorId: string, userId: string): Promise<void> {
  await atomically(db, async (trx) => {
    await turnOff(trx, userId);
    await trx.deleteFrom("sessions").where("user_id", "=", userId).execute();
    await recordAudit(trx, { actorUserId: coordinatorId, action: "two_step.reset", subjectType: "user", subjectId: userId });
  });
}

export type CodeCheck = { kind: "app" } | { kind: "recovery"; left: number } | { kind: "wrong" };

/**
 * Checks a code from the app, or a recovery code, for someone with two-step sign-in on. An
 * accepted app code moves the last-used step on, so it cannot be replayed; an accepted
 * recovery code is spent.
 */
export function checkCode(db: Executor, userId: string, typed: string): Promise<CodeCheck> {
  return atomically(db, async (trx) => {
    const t = now();
    const code = typed.replace(/\s/g, "");
    const user = await trx.selectFrom("users").select(["totp_secret", "totp_last_step"]).where("id", "=", userId).executeTakeFirstOrThrow();
    if (!user.totp_secret) return { kind: "wrong" };
    const step = matchTotp(user.totp_secret, code, t, user.totp_last_step);
    if (step !== null) {
      // Only moves forward, so two requests racing with the same code cannot both win.
      const moved = await trx
        .updateTable("users")
        .set({ totp_last_step: step })
        .where("id", "=", userId)
        .where((eb) => eb.or([eb("totp_last_step", "is", null), eb("totp_last_step", "<", step)]))
        .executeTakeFirst();
      return moved.numUpdatedRows > 0n ? { kind: "app" } : { kind: "wrong" };
    }
    if (!looksLikeRecoveryCode(code)) return { kind: "wrong" };
    const spent = await trx
      .updateTable("recovery_codes")
      .set({ used_at: t })
      .where("user_id", "=", userId)
      .where("code_hash", "=", hashRecoveryCode(code))
      .where("used_at", "is", null)
      .executeTakeFirst();
    if (spent.numUpdatedRows === 0n) return { kind: "wrong" };
    return { kind: "recovery", left: await countUnusedRecoveryCodes(trx, userId) };
  });
}

// ---------------------------------------------------------------------------
// The challenge between the password and the code.

/** Starts the second step; returns the token for the browser's short-lived cookie. */
export async function createChallenge(db: Executor, userId: string): Promise<string> {
  const token = newToken();
  const t = now();
  await db.deleteFrom("sign_in_challenges").where("expires_at", "<=", t).execute();
  await db.insertInto("sign_in_challenges").values({ id: sha256Hex(token), user_id: userId, expires_at: t + CHALLENGE_TTL_MS, created_at: t }).execute();
  return token;
}

/** The person a live challenge belongs to, or null when the token is unknown, spent or stale. */
export async function findChallenge(db: Executor, token: string): Promise<{ userId: string; email: string } | null> {
  const row = await db
    .selectFrom("sign_in_challenges")
    .innerJoin("users", "users.id", "sign_in_challenges.user_id")
    .select(["sign_in_challenges.user_id", "users.email", "users.disabled_at", "sign_in_challenges.expires_at", "sign_in_challenges.failures"])
    .where("sign_in_challenges.id", "=", sha256Hex(token))
    .executeTakeFirst();
  if (!row || row.disabled_at !== null || row.expires_at <= now() || row.failures >= CHALLENGE_MAX_FAILURES) return null;
  return { userId: row.user_id, email: row.email };
}

/** Counts a wrong code against the challenge; true when it has now had too many. */
export async function failChallenge(db: Executor, token: string): Promise<boolean> {
  const row = await db
    .updateTable("sign_in_challenges")
    .set((eb) => ({ failures: eb("failures", "+", 1) }))
    .where("id", "=", sha256Hex(token))
    .returning("failures")
    .executeTakeFirst();
  return !row || row.failures >= CHALLENGE_MAX_FAILURES;
}

export async function endChallenge(db: Executor, token: string): Promise<void> {
  await db.deleteFrom("sign_in_challenges").where("id", "=", sha256Hex(token)).execute();
}
