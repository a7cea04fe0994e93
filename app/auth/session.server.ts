import { lucia, slideIdleExpiry, ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS, SESSION_COOKIE_NAME } from "./lucia.server";
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
