import { lucia, slideIdleExpiry, ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS, SECURE_COOKIE, SESSION_COOKIE_NAME } from "./lucia.server";
import { newToken, sha256Hex } from "../utils/crypto.server";
import { now } from "../utils/clock.server";

export { ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS, SESSION_COOKIE_NAME };

export interface ActiveSession {
  id: string;
  userId: string;
  /** When the session ends if the person does nothing more (unix ms). */
  expiresAt: number;
  absoluteExpiresAt: number;
}

function tokenFromRequest(request: Request): string | null {
  return lucia.readSessionCookie(request.headers.get("Cookie") ?? "");
}

/** Starts a session and returns the Set-Cookie header value that carries its token. */
export async function startSession(userId: string): Promise<string> {
  const token = newToken();
  await lucia.createSession(
    userId,
    { absolute_expires_at: now() + ABSOLUTE_TIMEOUT_MS },
    { sessionId: sha256Hex(token) },
  );
  const cookie = lucia.createSessionCookie(token);
  // The cookie never outlives its session: at most the absolute timeout (12 hours).
  cookie.attributes.maxAge = Math.floor(ABSOLUTE_TIMEOUT_MS / 1000);
  return cookie.serialize();
}

/** The request's live session, with its idle expiry moved forward; null when there is none. */
export async function readSession(request: Request): Promise<ActiveSession | null> {
  const token = tokenFromRequest(request);
  if (!token) return null;
  const { session } = await lucia.validateSession(sha256Hex(token));
  if (!session) return null;
  const idleLimit = Math.min(now() + IDLE_TIMEOUT_MS, session.absoluteExpiresAt);
  // Write the new expiry at most once a minute, not on every request.
  if (idleLimit - session.expiresAt.getTime() > SLIDE_EVERY_MS) await slideIdleExpiry(session.id);
  return { id: session.id, userId: session.userId, expiresAt: idleLimit, absoluteExpiresAt: session.absoluteExpiresAt };
}

const SLIDE_EVERY_MS = 60_000;

/**
 * Whether a Cookie header carries a live session's token. The server asks before any route runs,
 * to decide how large a request body it will read (scripts/request-guards.ts): someone signed
 * out gets a small allowance.
 */
export async function carriesLiveSession(cookieHeader: string | undefined): Promise<boolean> {
  const token = lucia.readSessionCookie(cookieHeader ?? "");
  if (!token) return false;
  const { session } = await lucia.validateSession(sha256Hex(token));
  return session !== null;
}

/** Ends the request's session on the server; returns the Set-Cookie value that clears it. */
export async function endSession(request: Request): Promise<string> {
  const token = tokenFromRequest(request);
  if (token) await lucia.invalidateSession(sha256Hex(token));
  return lucia.createBlankSessionCookie().serialize();
}

export async function endAllSessionsOf(userId: string): Promise<void> {
  await lucia.invalidateUserSessions(userId);
}

/** Ends every session of the user except the one given (after a password change). */
export async function endOtherSessionsOf(userId: string, keepSessionId: string): Promise<void> {
  const sessions = await lucia.getUserSessions(userId);
  await Promise.all(
    sessions.filter((s) => s.id !== keepSessionId).map((s) => lucia.invalidateSession(s.id)),
  );
}

// ---------------------------------------------------------------------------
// The second step of a two-step sign-in: after the right password, a short-lived cookie holds
// the challenge's token (only its hash is stored) until the right code turns it into a session.

const CHALLENGE_COOKIE_NAME = SECURE_COOKIE ? "__Host-sli_two_step" : "sli_two_step";

function challengeCookieWith(value: string, maxAgeSeconds: number): string {
  return [`${CHALLENGE_COOKIE_NAME}=${value}`, "Path=/", `Max-Age=${maxAgeSeconds}`, "HttpOnly", "SameSite=Lax", ...(SECURE_COOKIE ? ["Secure"] : [])].join("; ");
}

export function challengeCookie(token: string, lifetimeMs: number): string {
  return challengeCookieWith(token, Math.floor(lifetimeMs / 1000));
}

export function clearChallengeCookie(): string {
  return challengeCookieWith("", 0);
}

export function readChallengeToken(request: Request): string | null {
  for (const part of (request.headers.get("Cookie") ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === CHALLENGE_COOKIE_NAME) {
      const value = part.slice(eq + 1).trim();
      return /^[A-Za-z0-9_-]{10,100}$/.test(value) ? value : null;
    }
  }
  return null;
}
