import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

import { startTestApp, type TestApp } from "./support/app";
import { Client, rawRequest } from "./support/client";
import { createMember, createWorld, disableUser, TEST_PASSWORD } from "./support/factories";

let app: TestApp;
let world: Awaited<ReturnType<typeof createWorld>>;

beforeAll(async () => {
  app = await startTestApp();
  world = await createWorld(app.db);
});
afterAll(() => app.close());
afterEach(() => {
  vi.useRealTimers();
});

const client = () => new Client(app.url);

async function pageText(response: Response) {
  return (await response.text()).replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
}

async function outboxLinks(email: string, kind: "reset-password" | "invitations") {
  const rows = await app.db.selectFrom("outbox").selectAll().where("to_address", "=", email).orderBy("id").execute();
  return rows.flatMap((r) => [...r.body_text.matchAll(new RegExp(`https?://[^\\s]+/${kind}/([A-Za-z0-9_-]+)`, "g"))].map((m) => m[1]!));
}

describe("transport security", () => {
  it("tells browsers to use HTTPS only, in production", async () => {
    const response = await client().get("/sign-in");
    expect(response.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
  });
});

describe("pages sent", () => {
  it("leave no timer behind holding their render (it kept every page in memory for five seconds)", async () => {
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
    const c = client();
    await c.signIn(world.editorA.email, TEST_PASSWORD);
    for (let i = 0; i < 5; i++) await (await c.get("/")).text();
    const before = timers();
    for (let i = 0; i < 40; i++) {
      const response = await c.get(i % 2 ? "/" : "/account/reminders");
      expect(response.status).toBe(200);
      await response.text();
    }
    // Forty pages later there are no more timers than before (a few may come and go).
    expect(timers() - before).toBeLessThan(5);
  });
});

describe("signing in and out", () => {
  it("signs in with a right password, sets a safe cookie, and shows the home page", async () => {
    const c = client();
    const response = await c.post("/sign-in", { email: world.editorA.email.toUpperCase(), password: TEST_PASSWORD });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/");
    const cookie = response.headers.get("set-cookie")!;
    expect(cookie).toMatch(/sli_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    // The cookie never outlives the session's 12 hours.
    expect(Number(/Max-Age=(\d+)/i.exec(cookie)?.[1])).toBe(12 * 60 * 60);
    const home = await c.get("/");
    expect(home.status).toBe(200);
    expect(await pageText(home)).toContain("Welcome, Edith Editor");
  });

  it("stores only a hash of the session token", async () => {
    const c = client();
    await c.signIn(world.dcsA.email, TEST_PASSWORD);
    const token = c.cookie("sli_session")!;
    const rows = await app.db.selectFrom("sessions").select("id").where("user_id", "=", world.dcsA.id).execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.id)).not.toContain(token);
  });

  it("goes back to the page asked for, but never to another site", async () => {
    const c = client();
    const ok = await c.post("/sign-in", { email: world.coordinator.email, password: TEST_PASSWORD, redirectTo: "/admin/people" });
    expect(ok.headers.get("location")).toBe("/admin/people");
    const evil = await client().post("/sign-in", { email: world.coordinator.email, password: TEST_PASSWORD, redirectTo: "//evil.example/x" });
    expect(evil.headers.get("location")).toBe("/");
  });

  it("gives a wrong password and an unknown email the same answer", async () => {
    const wrongPassword = await client().post("/sign-in", { email: world.editorB.email, password: "not the password" });
    const unknownEmail = await client().post("/sign-in", { email: "nobody@example.test", password: "not the password" });
    expect(wrongPassword.status).toBe(400);
    expect(unknownEmail.status).toBe(400);
    const a = await pageText(wrongPassword);
    const b = await pageText(unknownEmail);
    expect(a).toContain("The email address or password is not right");
    expect(a.replaceAll(world.editorB.email, "X")).toBe(b.replaceAll("nobody@example.test", "X"));
  });

  it("ends the session on the server when signing out", async () => {
    const c = client();
    await c.signIn(world.ceoA.email, TEST_PASSWORD);
    const token = c.cookie("sli_session")!;
    const out = await c.post("/sign-out");
    expect(out.status).toBe(302);
    expect(out.headers.get("location")).toBe("/sign-in?reason=signed-out");
    // Replaying the old cookie no longer works: the session is gone from the database.
    const replay = await fetch(`${app.url}/`, { headers: { Cookie: `sli_session=${token}` }, redirect: "manual" });
    expect(replay.status).toBe(302);
    expect(replay.headers.get("location")).toMatch(/^\/sign-in/);
  });

  it("gives a new session at sign-in: a token planted before it (session fixation), or one from an earlier sign-in, is useless after", async () => {
    const signInWith = (cookie: string) =>
      fetch(`${app.url}/sign-in`, {
        method: "POST",
        headers: { Origin: app.url, Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ email: world.memberA.email, password: TEST_PASSWORD }),
        redirect: "manual",
      });
    const issuedBy = (response: Response) => /^([^=]+)=([^;]+)/.exec(response.headers.getSetCookie().find((c) => /sli_session=[^;]/.test(c)) ?? "");
    // Learn the cookie's name (it is __Host- prefixed in production), then plant one of that name.
    const first = issuedBy(await signInWith(""))!;
    const name = first[1]!;
    const planted = "a".repeat(40);
    const signIn = await signInWith(`${name}=${planted}`);
    expect(signIn.status).toBe(302);
    const issued = issuedBy(signIn)![2]!;
    expect(issued).not.toBe(planted);
    const withPlanted = await fetch(`${app.url}/`, { headers: { Cookie: `${name}=${planted}` }, redirect: "manual" });
    expect(withPlanted.status).toBe(302);
    expect(withPlanted.headers.get("location")).toMatch(/^\/sign-in/);
    expect((await fetch(`${app.url}/`, { headers: { Cookie: `${name}=${issued}` }, redirect: "manual" })).status).toBe(200);
    // Signing in again in the same browser gives a new token, not the earlier one.
    const again = issuedBy(await signInWith(`${name}=${issued}`));
    expect(again?.[2]).not.toBe(issued);
  });

  it("refuses a disabled user, and ends their open sessions", async () => {
    const c = client();
    await c.signIn(world.disabled.email, TEST_PASSWORD);
    expect((await c.get("/")).status).toBe(200);
    const coordinator = client();
    await coordinator.signIn(world.coordinator.email, TEST_PASSWORD);
    const disable = await coordinator.post("/admin/people", { intent: "disable", userId: world.disabled.id });
    expect(disable.status).toBe(200);
    expect((await c.get("/")).status).toBe(302);
    const again = await client().post("/sign-in", { email: world.disabled.email, password: TEST_PASSWORD });
    expect(again.status).toBe(403);
    expect(await pageText(again)).toContain("This account has been disabled");
    await coordinator.post("/admin/people", { intent: "enable", userId: world.disabled.id });
  });

  it("ends the person's sessions when the coordinator changes their role; the same role again changes nothing", async () => {
    const person = await createMember(app.db, world.authorityA.id, "dcs", "Rory Rerole");
    const membership = await app.db.selectFrom("memberships").select("id").where("user_id", "=", person.id).executeTakeFirstOrThrow();
    const phone = client();
    const laptop = client();
    await phone.signIn(person.email, TEST_PASSWORD);
    await laptop.signIn(person.email, TEST_PASSWORD);
    const coordinator = client();
    await coordinator.signIn(world.coordinator.email, TEST_PASSWORD);
    expect((await coordinator.post("/admin/people", { intent: "change-role", membershipId: String(membership.id), role: "dcs" })).status).toBe(200);
    expect((await phone.get("/")).status).toBe(200);
    expect((await coordinator.post("/admin/people", { intent: "change-role", membershipId: String(membership.id), role: "editor" })).status).toBe(200);
    expect((await phone.get("/")).status).toBe(302);
    expect((await laptop.get("/")).status).toBe(302);
    const again = client();
    await again.signIn(person.email, TEST_PASSWORD);
    expect((await again.get("/")).status).toBe(200);
  });
});

describe("lockout", () => {
  it("answers 429 with Retry-After after 10 failures in 5 minutes, then lets the person in once the window passes", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-22T10:00:00Z"));
    const email = world.memberA.email;
    for (let i = 0; i < 10; i++) {
      const r = await client().post("/sign-in", { email, password: `wrong-${i}-password` });
      expect(r.status).toBe(400);
    }
    const locked = await client().post("/sign-in", { email, password: TEST_PASSWORD });
    expect(locked.status).toBe(429);
    const retryAfter = Number(locked.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(300);
    expect(await pageText(locked)).toContain("Too many failed attempts");
    // Another account is not affected.
    expect((await client().post("/sign-in", { email: world.dcsB.email, password: TEST_PASSWORD })).status).toBe(302);

    vi.setSystemTime(new Date(Date.now() + retryAfter * 1000 + 1000));
    expect((await client().post("/sign-in", { email, password: TEST_PASSWORD })).status).toBe(302);
  });

  it("throttles one address trying many accounts (password spraying) with Retry-After, whatever the accounts", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2020-01-01T10:00:00Z"));
    const answers: number[] = [];
    for (let i = 0; i < 33; i++) {
      const r = await client().post("/sign-in", { email: `sprayed-${i}@example.test`, password: "Winter2020!" });
      answers.push(r.status);
      if (r.status === 429) {
        expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
        expect(await pageText(r)).toContain("Too many failed attempts to sign in from your network");
      }
    }
    expect(answers.slice(0, 30).every((s) => s === 400)).toBe(true);
    expect(answers.slice(30)).toEqual([429, 429, 429]);
    // Even the right password waits: the address, not the account, is throttled.
    expect((await client().post("/sign-in", { email: world.dcsB.email, password: TEST_PASSWORD })).status).toBe(429);
    vi.setSystemTime(new Date("2020-01-01T10:06:00Z"));
    expect((await client().post("/sign-in", { email: world.dcsB.email, password: TEST_PASSWORD })).status).toBe(302);
  });
});

describe("session expiry", () => {
  it("ends a session after 30 idle minutes", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-23T09:00:00Z"));
    const c = client();
    await c.signIn(world.editorB.email, TEST_PASSWORD);
    vi.setSystemTime(new Date("2026-11-23T09:29:00Z"));
    expect((await c.get("/")).status).toBe(200);
    // Activity at 09:29 moved the idle limit to 09:59.
    vi.setSystemTime(new Date("2026-11-23T09:58:00Z"));
    expect((await c.get("/")).status).toBe(200);
    vi.setSystemTime(new Date("2026-11-23T10:28:30Z"));
    const expired = await c.get("/");
    expect(expired.status).toBe(302);
    expect(expired.headers.get("location")).toMatch(/^\/sign-in\?redirectTo=/);
  });

  it("ends a session 12 hours after sign-in however active the person is", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = new Date("2026-11-24T08:00:00Z").getTime();
    vi.setSystemTime(start);
    const c = client();
    await c.signIn(world.editorA.email, TEST_PASSWORD);
    for (let minutes = 20; minutes < 12 * 60; minutes += 20) {
      vi.setSystemTime(start + minutes * 60_000);
      expect((await c.get("/")).status).toBe(200);
    }
    vi.setSystemTime(start + 12 * 60 * 60_000 + 1000);
    expect((await c.get("/")).status).toBe(302);
  });

  it("extends the session when the person chooses to stay signed in", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-25T09:00:00Z"));
    const c = client();
    await c.signIn(world.dcsB.email, TEST_PASSWORD);
    vi.setSystemTime(new Date("2026-11-25T09:28:00Z"));
    const stay = await c.post("/session/keepalive");
    expect(stay.status).toBe(200);
    const { expiresAt } = (await stay.json()) as { expiresAt: number };
    expect(expiresAt).toBe(new Date("2026-11-25T09:58:00Z").getTime());
    vi.setSystemTime(new Date("2026-11-25T09:50:00Z"));
    expect((await c.get("/")).status).toBe(200);
    // Without a session the keepalive says so.
    expect((await client().post("/session/keepalive")).status).toBe(401);
  });
});

describe("changing a password", () => {
  it("ends the person's other sessions but keeps this one", async () => {
    const here = client();
    const elsewhere = client();
    await here.signIn(world.memberA.email, TEST_PASSWORD);
    await elsewhere.signIn(world.memberA.email, TEST_PASSWORD);
    const changed = await here.post("/account/password", {
      currentPassword: TEST_PASSWORD,
      password: "a brand new passphrase",
      confirmPassword: "a brand new passphrase",
    });
    expect(changed.status).toBe(200);
    expect((await here.get("/")).status).toBe(200);
    expect((await elsewhere.get("/")).status).toBe(302);
    // Put it back for other tests.
    await here.post("/account/password", { currentPassword: "a brand new passphrase", password: TEST_PASSWORD, confirmPassword: TEST_PASSWORD });
  });

  it("refuses common and short passwords", async () => {
    const c = client();
    await c.signIn(world.editorB.email, TEST_PASSWORD);
    const common = await c.post("/account/password", { currentPassword: TEST_PASSWORD, password: "password123", confirmPassword: "password123" });
    expect(common.status).toBe(400);
    expect(await pageText(common)).toContain("too common");
    const short = await c.post("/account/password", { currentPassword: TEST_PASSWORD, password: "short", confirmPassword: "short" });
    expect(short.status).toBe(400);
    expect(await pageText(short)).toContain("at least 8 characters");
  });
});

describe("cross-origin requests", () => {
  it("refuses a POST from another origin, or with no Origin at all", async () => {
    const c = client();
    await c.signIn(world.coordinator.email, TEST_PASSWORD);
    const before = await app.db.selectFrom("invitations").select(({ fn }) => fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    const fields = { email: "csrf@example.test", role: "editor", authority: world.authorityA.slug };
    expect((await c.withOrigin("http://evil.example").post("/admin/people/invite", fields)).status).toBe(403);
    expect((await c.withOrigin(null).post("/admin/people/invite", fields)).status).toBe(403);
    expect((await c.withOrigin("null").post("/sign-out")).status).toBe(403);
    const after = await app.db.selectFrom("invitations").select(({ fn }) => fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    // The same request from this site goes through.
    expect((await c.post("/admin/people/invite", fields)).status).toBe(200);
  });
});

describe("invitations", () => {
  it("a coordinator invites someone, who accepts once, gets the role and is signed in", async () => {
    const coordinator = client();
    await coordinator.signIn(world.coordinator.email, TEST_PASSWORD);
    const invite = await coordinator.post("/admin/people/invite", { email: "new.lead@example.test", role: "editor", authority: world.authorityB.slug });
    expect(invite.status).toBe(200);
    const [token] = await outboxLinks("new.lead@example.test", "invitations");
    expect(token).toBeTruthy();
    const stored = await app.db.selectFrom("invitations").select("token_hash").where("email", "=", "new.lead@example.test").executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toBe(token);

    const invitee = client();
    expect((await invitee.get(`/invitations/${token}`)).status).toBe(200);
    const accepted = await invitee.post(`/invitations/${token}`, { name: "Nina Newlead", password: "kinship care plans", confirmPassword: "kinship care plans" });
    expect(accepted.status).toBe(302);
    const authorityPage = await invitee.get(`/authorities/${world.authorityB.slug}`);
    expect(authorityPage.status).toBe(200);
    expect(await pageText(authorityPage)).toContain("Nina Newlead");

    // Single use: a second visit or accept changes nothing.
    const second = client();
    expect((await second.get(`/invitations/${token}`)).status).toBe(410);
    const reuse = await second.post(`/invitations/${token}`, { name: "Mallory", password: "another good phrase", confirmPassword: "another good phrase" });
    expect(reuse.status).toBe(410);
    const users = await app.db.selectFrom("users").select("name").where("email", "=", "new.lead@example.test").execute();
    expect(users).toEqual([{ name: "Nina Newlead" }]);
  });

  it("an invitation expires after 7 days", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-01T09:00:00Z"));
    const coordinator = client();
    await coordinator.signIn(world.coordinator.email, TEST_PASSWORD);
    await coordinator.post("/admin/people/invite", { email: "late.starter@example.test", role: "viewer", authority: world.authorityA.slug });
    const [token] = await outboxLinks("late.starter@example.test", "invitations");
    vi.setSystemTime(new Date("2026-12-08T09:00:01Z"));
    expect((await client().get(`/invitations/${token}`)).status).toBe(410);
    const late = await client().post(`/invitations/${token}`, { name: "Late", password: "fostering recruitment", confirmPassword: "fostering recruitment" });
    expect(late.status).toBe(410);
    expect(await app.db.selectFrom("users").selectAll().where("email", "=", "late.starter@example.test").execute()).toEqual([]);
  });

  it("someone who already has an account joins with their own password instead of making a new one", async () => {
    const coordinator = client();
    await coordinator.signIn(world.coordinator.email, TEST_PASSWORD);
    await coordinator.post("/admin/people/invite", { email: world.dcsB.email, role: "viewer", authority: world.authorityA.slug });
    const links = await outboxLinks(world.dcsB.email, "invitations");
    const token = links[links.length - 1]!;
    const page = await client().get(`/invitations/${token}`);
    expect(await pageText(page)).toContain("You already have an account");
    const wrong = await client().post(`/invitations/${token}`, { password: "not my password" });
    expect(wrong.status).toBe(400);
    const joined = client();
    expect((await joined.post(`/invitations/${token}`, { password: TEST_PASSWORD })).status).toBe(302);
    expect((await joined.get(`/authorities/${world.authorityA.slug}`)).status).toBe(200);
    const users = await app.db.selectFrom("users").select("id").where("email", "=", world.dcsB.email).execute();
    expect(users).toHaveLength(1);
  });

  it("an unknown invitation link is a 404", async () => {
    expect((await client().get("/invitations/not-a-real-token-at-all")).status).toBe(404);
  });
});

describe("forgotten password", () => {
  it("answers the same whether or not the address exists, and emails only real accounts", async () => {
    const known = await client().post("/forgot-password", { email: world.dcsB.email });
    const unknown = await client().post("/forgot-password", { email: "ghost@example.test" });
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    expect((await pageText(known)).replaceAll(world.dcsB.email, "X")).toBe((await pageText(unknown)).replaceAll("ghost@example.test", "X"));
    expect(await outboxLinks("ghost@example.test", "reset-password")).toEqual([]);
    expect(await outboxLinks(world.dcsB.email, "reset-password")).toHaveLength(1);
  });

  it("resets with a single-use link, ends old sessions, and the new password works", async () => {
    const old = client();
    await old.signIn(world.editorB.email, TEST_PASSWORD);
    await client().post("/forgot-password", { email: world.editorB.email });
    const links = await outboxLinks(world.editorB.email, "reset-password");
    const token = links[links.length - 1]!;
    expect((await client().get(`/reset-password/${token}`)).status).toBe(200);
    const reset = await client().post(`/reset-password/${token}`, { password: "early help front door", confirmPassword: "early help front door" });
    expect(reset.status).toBe(302);
    expect(reset.headers.get("location")).toBe("/sign-in?reason=reset");
    expect((await old.get("/")).status).toBe(302);
    expect((await client().post("/sign-in", { email: world.editorB.email, password: TEST_PASSWORD })).status).toBe(400);
    expect((await client().post("/sign-in", { email: world.editorB.email, password: "early help front door" })).status).toBe(302);
    // Used once: now refused.
    expect((await client().get(`/reset-password/${token}`)).status).toBe(410);
    const again = await client().post(`/reset-password/${token}`, { password: "someone else's try", confirmPassword: "someone else's try" });
    expect(again.status).toBe(410);
    expect((await client().post("/sign-in", { email: world.editorB.email, password: "early help front door" })).status).toBe(302);
  });

  it("a reset link expires after an hour", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-10T09:00:00Z"));
    await client().post("/forgot-password", { email: world.ceoA.email });
    const links = await outboxLinks(world.ceoA.email, "reset-password");
    vi.setSystemTime(new Date("2026-12-10T10:00:01Z"));
    const late = await client().post(`/reset-password/${links[links.length - 1]}`, { password: "too late for this", confirmPassword: "too late for this" });
    expect(late.status).toBe(410);
    expect((await client().post("/sign-in", { email: world.ceoA.email, password: TEST_PASSWORD })).status).toBe(302);
  });
});

describe("forgotten password: floods and forged hosts", () => {
  /** Every reset link emailed to this address, whole, oldest first. */
  async function resetLinksTo(email: string) {
    const rows = await app.db.selectFrom("outbox").select("body_text").where("to_address", "=", email).orderBy("id").execute();
    return rows.flatMap((r) => [...r.body_text.matchAll(/https?:\/\/\S+\/reset-password\/[A-Za-z0-9_-]+/g)].map((m) => m[0]));
  }

  it("twenty requests for one address send one email and answer alike; a request after five minutes sends a new link and voids the old one", async () => {
    const person = await createMember(app.db, world.authorityA.id, "editor", "Rhea Resetter");
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-11T09:00:00Z"));
    const answers = new Set<string>();
    const ask = async () => {
      const response = await client().post("/forgot-password", { email: person.email });
      answers.add(`${response.status} ${(await pageText(response)).replace(/nonce="[^"]+"/g, "")}`);
    };
    await Promise.all(Array.from({ length: 10 }, ask));
    for (let i = 0; i < 10; i++) await ask();
    expect(answers.size).toBe(1);
    expect([...answers][0]).toMatch(/^200 .*Check your email/);
    const first = await resetLinksTo(person.email);
    expect(first).toHaveLength(1);
    // Four minutes on: still nothing more.
    vi.setSystemTime(new Date("2026-12-11T09:04:00Z"));
    await ask();
    expect(await resetLinksTo(person.email)).toHaveLength(1);
    // Past five minutes: a new link, and only the newest works.
    vi.setSystemTime(new Date("2026-12-11T09:05:01Z"));
    await ask();
    const links = await resetLinksTo(person.email);
    expect(links).toHaveLength(2);
    const [older, newer] = links.map((link) => new URL(link).pathname);
    expect((await client().get(older!)).status).toBe(410);
    expect((await client().post(older!, { password: "fostering panel notes", confirmPassword: "fostering panel notes" })).status).toBe(410);
    expect((await client().get(newer!)).status).toBe(200);
    expect((await client().post(newer!, { password: "fostering panel notes", confirmPassword: "fostering panel notes" })).status).toBe(302);
  });

  it("the emailed link never takes the host from the request: Host and X-Forwarded-Host are ignored", async () => {
    const person = await createMember(app.db, world.authorityA.id, "editor", "Hal Hostile");
    // In tests (not production) emailed links start with APP_URL, or http://localhost:PORT without it.
    const base = process.env.APP_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
    const body = `email=${encodeURIComponent(person.email)}`;
    const form = { "Content-Type": "application/x-www-form-urlencoded" };
    const forged = await rawRequest(app.url, "POST", "/forgot-password", { ...form, Host: "evil.example", Origin: "http://evil.example" }, body);
    expect(forged.status).toBe(200);
    let links = await resetLinksTo(person.email);
    expect(links).toHaveLength(1);
    expect(links[0]!.startsWith(`${base}/reset-password/`), links[0]).toBe(true);

    // With APP_URL set, that is the base, whatever a request says, X-Forwarded-Host included.
    process.env.APP_URL = "https://sli.example.org";
    try {
      vi.useFakeTimers({ toFake: ["Date"] });
      vi.setSystemTime(Date.now() + 6 * 60_000);
      const proxied = await rawRequest(app.url, "POST", "/forgot-password", { ...form, Origin: app.url, "X-Forwarded-Host": "evil.example" }, body);
      expect(proxied.status).toBe(200);
      links = await resetLinksTo(person.email);
      expect(links).toHaveLength(2);
      expect(links[1]!.startsWith("https://sli.example.org/reset-password/"), links[1]).toBe(true);
      // The coordinator's invitations, too.
      const coordinator = client();
      await coordinator.signIn(world.coordinator.email, TEST_PASSWORD);
      const invite = await rawRequest(
        app.url,
        "POST",
        "/admin/people/invite",
        { ...form, Host: "evil.example", Origin: "http://evil.example", Cookie: coordinator.cookieHeader() },
        new URLSearchParams({ email: "hosted.invitee@example.test", role: "editor", authority: world.authorityA.slug }).toString(),
      );
      expect(invite.status).toBe(200);
      const mail = await app.db.selectFrom("outbox").select("body_text").where("to_address", "=", "hosted.invitee@example.test").executeTakeFirstOrThrow();
      expect(mail.body_text).toContain("https://sli.example.org/invitations/");
      expect(mail.body_text).not.toContain("evil.example");
    } finally {
      delete process.env.APP_URL;
    }
  });
});

describe("disabled account clean-up", () => {
  it("a disabled user's old cookie stops working immediately", async () => {
    const c = client();
    await c.signIn(world.memberA.email, TEST_PASSWORD);
    await disableUser(app.db, world.memberA.id);
    expect((await c.get("/")).status).toBe(302);
    await app.db.updateTable("users").set({ disabled_at: null }).where("id", "=", world.memberA.id).execute();
  });
});
