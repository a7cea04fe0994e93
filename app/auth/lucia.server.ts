/**
 * The only module that imports Lucia. Lucia v3 is no longer developed; everything else in
 * the app talks to ./session.server.ts, so replacing Lucia with a hand-written session
 * module means rewriting this one file. See docs/decisions/002-sessions-wrap-lucia.md.
 */
import { Lucia, TimeSpan, type Adapter, type DatabaseSession, type DatabaseUser } from "lucia";

import { getDb } from "../../db/connection.server";
import { HOUR, MINUTE, now } from "../utils/clock.server";

export const IDLE_TIMEOUT_MS = 30 * MINUTE;
export const ABSOLUTE_TIMEOUT_MS = 12 * HOUR;
export const SECURE_COOKIE = process.env.NODE_ENV === "production";
/**
 * In production the cookie is a `__Host-` cookie: Secure, for this host only, on every path,
 * so no other site or subdomain can set or read it. Plain HTTP development keeps a plain name.
 */
export const SESSION_COOKIE_NAME = SECURE_COOKIE ? "__Host-sli_session" : "sli_session";

function toDatabaseSession(row: {
  id: string;
  user_id: string;
  expires_at: number;
  absolute_expires_at: number;
}): DatabaseSession {
  return {
    id: row.id,
    userId: row.user_id,
    expiresAt: new Date(Math.min(row.expires_at, row.absolute_expires_at)),
    attributes: { absolute_expires_at: row.absolute_expires_at },
  };
}

/** Sessions stored through Kysely. The session id Lucia sees is the SHA-256 of the cookie token. */
class KyselySessionAdapter implements Adapter {
  async getSessionAndUser(
    sessionId: string,
  ): Promise<[session: DatabaseSession | null, user: DatabaseUser | null]> {
    const row = await getDb()
      .selectFrom("sessions")
      .innerJoin("users", "users.id", "sessions.user_id")
      .select([
        "sessions.id",
        "sessions.user_id",
        "sessions.expires_at",
        "sessions.absolute_expires_at",
        "users.disabled_at",
      ])
      .where("sessions.id", "=", sessionId)
      .executeTakeFirst();
    if (!row || row.disabled_at !== null) return [null, null];
    return [toDatabaseSession(row), { id: row.user_id, attributes: {} }];
  }

  async getUserSessions(userId: string): Promise<DatabaseSession[]> {
    const rows = await getDb().selectFrom("sessions").selectAll().where("user_id", "=", userId).execute();
    return rows.map(toDatabaseSession);
  }

  async setSession(session: DatabaseSession): Promise<void> {
    await getDb()
      .insertInto("sessions")
      .values({
        id: session.id,
        user_id: session.userId,
        expires_at: Math.min(session.expiresAt.getTime(), session.attributes.absolute_expires_at),
        absolute_expires_at: session.attributes.absolute_expires_at,
        created_at: now(),
      })
      .execute();
  }

  async updateSessionExpiration(sessionId: string, expiresAt: Date): Promise<void> {
    await getDb()
      .updateTable("sessions")
      .set((eb) => ({
        // The earlier of the new idle limit and the absolute one (written so both databases read it).
        expires_at: eb.case().when("absolute_expires_at", "<", expiresAt.getTime()).then(eb.ref("absolute_expires_at")).else(expiresAt.getTime()).end(),
      }))
      .where("id", "=", sessionId)
      .execute();
  }

  async deleteSession(sessionId: string): Promise<void> {
    await getDb().deleteFrom("sessions").where("id", "=", sessionId).execute();
  }

  async deleteUserSessions(userId: string): Promise<void> {
    await getDb().deleteFrom("sessions").where("user_id", "=", userId).execute();
  }

  async deleteExpiredSessions(): Promise<void> {
    const t = now();
    await getDb()
      .deleteFrom("sessions")
      .where((eb) => eb.or([eb("expires_at", "<=", t), eb("absolute_expires_at", "<=", t)]))
      .execute();
  }
}

const adapter = new KyselySessionAdapter();

export const lucia = new Lucia(adapter, {
  sessionExpiresIn: new TimeSpan(IDLE_TIMEOUT_MS / MINUTE, "m"),
  sessionCookie: {
    name: SESSION_COOKIE_NAME,
    // Lucia would give a non-expiring cookie a Max-Age of 400 days: session.server.ts sets the
    // cookie's life to the session's absolute timeout instead; the server decides idle expiry.
    expires: false,
    attributes: { sameSite: "lax", secure: SECURE_COOKIE },
  },
  getSessionAttributes: (attributes) => ({ absoluteExpiresAt: attributes.absolute_expires_at }),
});

declare module "lucia" {
  interface Register {
    Lucia: typeof lucia;
    DatabaseSessionAttributes: { absolute_expires_at: number };
    DatabaseUserAttributes: Record<never, never>;
  }
}

/**
 * Lucia only extends a session once half its lifetime has passed; a 30-minute idle timeout
 * means each request moves expiry to a full 30 minutes ahead (never past the absolute limit).
 */
export async function slideIdleExpiry(sessionId: string): Promise<void> {
  await adapter.updateSessionExpiration(sessionId, new Date(now() + IDLE_TIMEOUT_MS));
}
