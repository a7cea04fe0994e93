/**
 * Two-step sign-in through the real server: setting it up with an authenticator app's code,
 * signing in with a code or a recovery code, throttling, and coordinators having to use it.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

import { startTestApp, type TestApp } from "./support/app";
import { Client } from "./support/client";
import { createAuthority, createCoordinator, createMember, createRegion, TEST_PASSWORD } from "./support/factories";
import { totp } from "../app/two-step/totp.server";
import { MAX_FAILURES_IN_WINDOW } from "../app/models/sign-in.server";
import { createInvitation } from "../app/models/invitation.server";

let app: TestApp;
let authorityId: number;
let regionId: number;

beforeAll(async () => {
  app = await startTestApp();
  const region = await createRegion(app.db, "Two-step Region");
  regionId = region.id;
  authorityId = (await createAuthority(app.db, region.id, "Twoshire")).id;
});
afterAll(() => app.close());
afterEach(() => {
  vi.useRealTimers();
});

const text = async (response: Response) => (await response.text()).replace(/<[^>]+>/g, " ").replace(/&#x27;|&#39;/g, "'").replace(/\s+/g, " ");

/** Signs in, sets two-step sign-in up as a person would, and returns the secret and recovery codes. */
async function turnOn(c: Client): Promise<{ secret: string; recoveryCodes: string[] }> {
  const start = await c.post("/account/two-step", { intent: "start" });
  expect(start.status).toBe(302);
  const page = await c.get("/account/two-step");
  const html = await page.text();
  expect(html).toContain("<svg");
  const secret = /class="secret-key">([A-Z2-7 ]+)</.exec(html)![1]!.replace(/ /g, "");
  // A wrong code leaves it off.
  const wrong = await c.post("/account/two-step", { intent: "confirm", code: totp(secret, Date.now() - 10 * 60_000) });
  expect(wrong.status).toBe(400);
  expect(await text(wrong)).toContain("That code is not right");
  const confirm = await c.post("/account/two-step", { intent: "confirm", code: totp(secret, Date.now()) });
  expect(confirm.status).toBe(200);
  const shown = await confirm.text();
  const recoveryCodes = [...shown.matchAll(/<code>([a-z2-9]{5}-[a-z2-9]{5})<\/code>/g)].map((m) => m[1]!);
  expect(recoveryCodes).toHaveLength(10);
  return { secret, recoveryCodes };
}

const challengeCookieName = (c: Client) => ["sli_two_step", "__Host-sli_two_step"].find((name) => c.cookie(name) !== undefined);

let people = 0;
async function person(role: "editor" | "dcs" = "editor") {
  people++;
  return createMember(app.db, authorityId, role, `Person ${"abcdefghijklmnopqrstuvwxyz"[people % 26]}`);
}

/** Someone with two-step sign-in already on: their secret and recovery codes. */
async function personWithTwoStep() {
  const user = await person();
  const setUp = new Client(app.url);
  await setUp.signIn(user.email, TEST_PASSWORD);
  return { user, ...(await turnOn(setUp)) };
}

const auditActions = async (userId: string) =>
  (await app.db.selectFrom("audit_events").select("action").where("actor_user_id", "=", userId).execute()).map((e) => e.action);

describe("setting up two-step sign-in", () => {
  it("shows a QR code and key, turns on only with a right code, and gives ten recovery codes", async () => {
    const user = await person();
    const c = new Client(app.url);
    await c.signIn(user.email, TEST_PASSWORD);
    const before = await c.get("/account/two-step");
    expect(await text(before)).toContain("Two-step sign-in is off");
    const { recoveryCodes } = await turnOn(c);
    const row = await app.db.selectFrom("users").select(["totp_secret", "totp_enabled_at"]).where("id", "=", user.id).executeTakeFirstOrThrow();
    expect(row.totp_enabled_at).not.toBeNull();
    // Only hashes of the recovery codes are kept.
    const stored = await app.db.selectFrom("recovery_codes").select("code_hash").where("user_id", "=", user.id).execute();
    expect(stored).toHaveLength(10);
    for (const code of recoveryCodes) expect(stored.map((s) => s.code_hash)).not.toContain(code);
    const after = await c.get("/account/two-step");
    expect(await text(after)).toMatch(/Two-step sign-in is on since .* You have 10 unused recovery codes/);
    // Moving to a new phone needs the password: a stolen session alone cannot swap the app.
    const noPassword = await c.post("/account/two-step", { intent: "start" });
    expect(noPassword.status).toBe(400);
    expect(await text(noPassword)).toContain("Enter your password to set up two-step sign-in on a new phone");
    expect((await c.post("/account/two-step", { intent: "start", currentPassword: "not it" })).status).toBe(400);
    expect((await c.post("/account/two-step", { intent: "start", currentPassword: TEST_PASSWORD })).status).toBe(302);
    const pending = await app.db.selectFrom("users").select(["totp_secret", "totp_pending_secret"]).where("id", "=", user.id).executeTakeFirstOrThrow();
    // The old app keeps working until the new one is confirmed.
    expect(pending.totp_secret).toBe(row.totp_secret);
    expect(pending.totp_pending_secret).not.toBe(row.totp_secret);
    expect(await auditActions(user.id)).toContain("two_step.enabled");
  });

  it("refuses a form without an intent or with a code that is not six digits, with a message", async () => {
    const user = await person();
    const c = new Client(app.url);
    await c.signIn(user.email, TEST_PASSWORD);
    expect((await c.post("/account/two-step", {})).status).toBe(400);
    await c.post("/account/two-step", { intent: "start" });
    const bad = await c.post("/account/two-step", { intent: "confirm", code: "12ab" });
    expect(bad.status).toBe(400);
    expect(await text(bad)).toContain("Enter the 6 digits your app shows");
  });
});

describe("signing in with two-step sign-in on", () => {
  it("asks for a code after the right password, and only the code starts a session", async () => {
    const { user, secret } = await personWithTwoStep();

    const c = new Client(app.url);
    const password = await c.post("/sign-in", { email: user.email, password: TEST_PASSWORD, redirectTo: "/account/reminders" });
    expect(password.status).toBe(302);
    expect(password.headers.get("location")).toBe("/sign-in/code?redirectTo=%2Faccount%2Freminders");
    expect(c.cookie("sli_session") ?? c.cookie("__Host-sli_session")).toBeUndefined();
    const cookieName = challengeCookieName(c)!;
    expect(password.headers.get("set-cookie")).toMatch(/HttpOnly/i);
    // The right password alone reaches no page.
    expect((await c.get("/")).status).toBe(302);
    const form = await c.get("/sign-in/code");
    expect(form.status).toBe(200);
    expect(await text(form)).toContain("Enter your code");

    const wrong = await c.post("/sign-in/code", { code: "000000", redirectTo: "/account/reminders" });
    expect(wrong.status).toBe(400);
    expect(await text(wrong)).toContain("That code is not right");

    // Vitest's clock moves the server's too: a fresh step, so the set-up code is not a replay.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(Date.now() + 60_000));
    const code = totp(secret, Date.now());
    const right = await c.post("/sign-in/code", { code, redirectTo: "/account/reminders" });
    expect(right.status).toBe(302);
    expect(right.headers.get("location")).toBe("/account/reminders");
    expect(c.cookie(cookieName)).toBeUndefined();
    expect((await c.get("/")).status).toBe(200);

    // The same code cannot sign anyone in again.
    const again = new Client(app.url);
    await again.post("/sign-in", { email: user.email, password: TEST_PASSWORD });
    const replay = await again.post("/sign-in/code", { code });
    expect(replay.status).toBe(400);
    // The challenge token is stored only as a hash.
    const token = again.cookie(challengeCookieName(again)!)!;
    const ids = (await app.db.selectFrom("sign_in_challenges").select("id").execute()).map((r) => r.id);
    expect(ids).not.toContain(token);
  });

  it("takes each recovery code once, and says how many are left", async () => {
    const { user, recoveryCodes } = await personWithTwoStep();
    const c = new Client(app.url);
    await c.post("/sign-in", { email: user.email, password: TEST_PASSWORD });
    const used = await c.post("/sign-in/code", { code: recoveryCodes[3]!.toUpperCase() });
    expect(used.status).toBe(302);
    expect(used.headers.get("location")).toBe("/account/two-step?recovery-used=9");
    expect(await text(await c.get("/account/two-step?recovery-used=9"))).toContain("You have 9 left");
    const d = new Client(app.url);
    await d.post("/sign-in", { email: user.email, password: TEST_PASSWORD });
    expect((await d.post("/sign-in/code", { code: recoveryCodes[3]! })).status).toBe(400);
    expect(await auditActions(user.id)).toContain("two_step.recovery_code_used");
  });

  it("sends the person back to the password after five wrong codes on one try, or after five minutes", async () => {
    const { user } = await personWithTwoStep();
    const c = new Client(app.url);
    await c.post("/sign-in", { email: user.email, password: TEST_PASSWORD });
    for (let i = 0; i < 4; i++) expect((await c.post("/sign-in/code", { code: "111111" })).status).toBe(400);
    const fifth = await c.post("/sign-in/code", { code: "111111" });
    expect(fifth.status).toBe(302);
    expect(fifth.headers.get("location")).toBe("/sign-in?reason=code-expired");
    expect((await c.get("/sign-in/code")).status).toBe(302);

    vi.useFakeTimers({ toFake: ["Date"] });
    const late = new Client(app.url);
    await late.post("/sign-in", { email: user.email, password: TEST_PASSWORD });
    vi.setSystemTime(new Date(Date.now() + 6 * 60_000));
    const expired = await late.get("/sign-in/code");
    expect(expired.status).toBe(302);
    expect(expired.headers.get("location")).toBe("/sign-in?reason=code-expired");
  });

  it("throttles wrong codes like wrong passwords: locked with Retry-After, even for the right code, whatever the password says", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-01T09:00:00Z"));
    const { user, secret } = await personWithTwoStep();
    let wrongs = 0;
    let c = new Client(app.url);
    let locked: Response | null = null;
    while (!locked && wrongs < 20) {
      // A right password again does not wipe the count of wrong codes.
      if (!challengeCookieName(c)) {
        c = new Client(app.url);
        const password = await c.post("/sign-in", { email: user.email, password: TEST_PASSWORD });
        if (password.status === 429) locked = password;
        if (locked) break;
      }
      const wrong = await c.post("/sign-in/code", { code: "222222" });
      if (wrong.status === 429) locked = wrong;
      else wrongs++;
    }
    expect(wrongs).toBe(MAX_FAILURES_IN_WINDOW);
    expect(locked!.status).toBe(429);
    expect(Number(locked!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await text(locked!)).toContain("Too many failed attempts to sign in to this account");
    // The right code is refused too while locked.
    vi.setSystemTime(new Date(Date.now() + 31_000));
    const d = new Client(app.url);
    const password = await d.post("/sign-in", { email: user.email, password: TEST_PASSWORD });
    expect(password.status).toBe(429);
  });
});

describe("turning it off", () => {
  it("needs the password, and is refused to a coordinator, who must use it", async () => {
    const user = await person();
    const c = new Client(app.url);
    await c.signIn(user.email, TEST_PASSWORD);
    await turnOn(c);
    expect((await c.post("/account/two-step", { intent: "turn-off", password: "not it" })).status).toBe(400);
    const off = await c.post("/account/two-step", { intent: "turn-off", password: TEST_PASSWORD });
    expect(off.status).toBe(200);
    expect(await text(off)).toContain("Two-step sign-in is off");
    expect((await new Client(app.url).post("/sign-in", { email: user.email, password: TEST_PASSWORD })).headers.get("location")).toBe("/");

    const region = await createRegion(app.db, "Coordinated");
    const coordinator = await createCoordinator(app.db, region.id, "Cory Coordinates");
    const k = new Client(app.url);
    await k.signIn(coordinator.email, TEST_PASSWORD);
    await turnOn(k);
    const page = await text(await k.get("/account/two-step"));
    expect(page).toContain("cannot be turned off");
    const refused = await k.post("/account/two-step", { intent: "turn-off", password: TEST_PASSWORD });
    expect(refused.status).toBe(403);
    const row = await app.db.selectFrom("users").select("totp_enabled_at").where("id", "=", coordinator.id).executeTakeFirstOrThrow();
    expect(row.totp_enabled_at).not.toBeNull();
  });
});

describe("a stolen session", () => {
  it("cannot be used to guess the password or the app's codes: wrong ones on account pages count in the sign-in throttle", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-02T09:00:00Z"));
    const user = await person();
    const c = new Client(app.url);
    await c.signIn(user.email, TEST_PASSWORD);
    const { secret } = await turnOn(c);
    const codesBefore = await app.db.selectFrom("recovery_codes").select("code_hash").where("user_id", "=", user.id).orderBy("code_hash").execute();
    const guesses = [
      () => c.post("/account/two-step", { intent: "new-codes", code: totp(secret, Date.now() - 10 * 60_000) }),
      () => c.post("/account/password", { currentPassword: "a guess", password: "a new long password 1", confirmPassword: "a new long password 1" }),
      () => c.post("/account/two-step", { intent: "turn-off", password: "another guess" }),
      () => c.post("/account/two-step", { intent: "start", currentPassword: "a third guess" }),
    ];
    for (let i = 0; i < MAX_FAILURES_IN_WINDOW; i++) expect((await guesses[i % guesses.length]!()).status, `guess ${i}`).toBe(400);

    // Locked now, even for the right answers, with a time to come back.
    vi.setSystemTime(new Date(Date.now() + 31_000));
    const renew = await c.post("/account/two-step", { intent: "new-codes", code: totp(secret, Date.now()) });
    expect(renew.status).toBe(429);
    expect(Number(renew.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await text(renew)).toContain("Too many failed attempts");
    expect((await c.post("/account/password", { currentPassword: TEST_PASSWORD, password: "a new long password 1", confirmPassword: "a new long password 1" })).status).toBe(429);
    expect((await c.post("/account/two-step", { intent: "turn-off", password: TEST_PASSWORD })).status).toBe(429);
    expect((await new Client(app.url).post("/sign-in", { email: user.email, password: TEST_PASSWORD })).status).toBe(429);
    // Nothing changed: the same recovery codes, the same password, two-step still on.
    expect(await app.db.selectFrom("recovery_codes").select("code_hash").where("user_id", "=", user.id).orderBy("code_hash").execute()).toEqual(codesBefore);
    const row = await app.db.selectFrom("users").select("totp_enabled_at").where("id", "=", user.id).executeTakeFirstOrThrow();
    expect(row.totp_enabled_at).not.toBeNull();
    expect(await auditActions(user.id)).toEqual(expect.arrayContaining(["session.code_failed", "account.password_failed"]));
  });
});

describe("an invitation to someone who has an account", () => {
  it("takes their password as sign-in does: the code still comes next, and wrong passwords count in the throttle", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-03T09:00:00Z"));
    const { user, secret } = await personWithTwoStep();
    const other = await createAuthority(app.db, regionId, "Invitedshire");
    const { token } = await createInvitation(app.db, { email: user.email, role: "viewer", authorityId: other.id, regionId, invitedBy: user.id });

    const c = new Client(app.url);
    const accepted = await c.post(`/invitations/${token}`, { password: TEST_PASSWORD });
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get("location")).toBe("/sign-in/code");
    // The invitation is taken up, but the password alone is no session.
    expect(await app.db.selectFrom("memberships").select("role").where("user_id", "=", user.id).where("authority_id", "=", other.id).execute()).toEqual([{ role: "viewer" }]);
    expect((await c.get("/")).status).toBe(302);
    // (The next 30-second step: the set-up used this one's code, and no code works twice.)
    vi.setSystemTime(new Date(Date.now() + 30_000));
    const signedIn = await c.post("/sign-in/code", { code: totp(secret, Date.now()) });
    expect(signedIn.status).toBe(302);
    expect((await c.get(`/authorities/${other.slug}`)).status).toBe(200);

    // Guessing someone's password through an invitation link is throttled like the sign-in page.
    const { token: second } = await createInvitation(app.db, { email: user.email, role: "viewer", authorityId: authorityId, regionId, invitedBy: user.id });
    for (let i = 0; i < MAX_FAILURES_IN_WINDOW; i++) expect((await new Client(app.url).post(`/invitations/${second}`, { password: `guess ${i}` })).status).toBe(400);
    const locked = await new Client(app.url).post(`/invitations/${second}`, { password: TEST_PASSWORD });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

describe("a lost phone", () => {
  it("the region's coordinator resets the person's two-step sign-in and signs them out; no other region's coordinator can", async () => {
    const user = await person();
    const c = new Client(app.url);
    await c.signIn(user.email, TEST_PASSWORD);
    await turnOn(c);
    const region = await app.db.selectFrom("authorities").select("region_id").where("id", "=", authorityId).executeTakeFirstOrThrow();
    const elsewhere = await createCoordinator(app.db, (await createRegion(app.db, "Elsewhere")).id, "Elsa Elsewhere");
    const outsider = new Client(app.url);
    await outsider.signIn(elsewhere.email, TEST_PASSWORD);
    expect((await outsider.post("/admin/people", { intent: "reset-two-step", userId: user.id })).status).toBe(403);
    expect((await c.get("/")).status).toBe(200);

    const coordinator = await createCoordinator(app.db, region.region_id, "Rita Resetter");
    const k = new Client(app.url);
    await k.signIn(coordinator.email, TEST_PASSWORD);
    const people = await text(await k.get("/admin/people"));
    expect(people).toContain("Reset two-step sign-in of");
    const reset = await k.post("/admin/people", { intent: "reset-two-step", userId: user.id });
    expect(reset.status).toBe(200);
    expect((await c.get("/")).status).toBe(302);
    expect((await new Client(app.url).post("/sign-in", { email: user.email, password: TEST_PASSWORD })).headers.get("location")).toBe("/");
    const events = await app.db.selectFrom("audit_events").select(["action", "subject_id"]).where("actor_user_id", "=", coordinator.id).execute();
    expect(events).toContainEqual({ action: "two_step.reset", subject_id: user.id });
  });
});

describe("coordinators", () => {
  it("are reminded for a fortnight, then sent to set it up before any other page, and let through once it is on", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-01T09:00:00Z"));
    const region = await createRegion(app.db, "Enforced");
    const coordinator = await createCoordinator(app.db, region.id, "Enid Enforced");
    const c = new Client(app.url);
    await c.signIn(coordinator.email, TEST_PASSWORD);
    const home = await c.get("/");
    expect(home.status).toBe(200);
    expect(await text(home)).toContain("Regional coordinators must use two-step sign-in. Set it up by 15 December 2026");

    vi.setSystemTime(new Date("2026-12-15T09:00:01Z"));
    // The first session has long ended: signing in again still works, but leads only to the set-up.
    await c.signIn(coordinator.email, TEST_PASSWORD);
    for (const path of ["/", "/admin/people", "/cycles", "/admin/audit"]) {
      const response = await c.get(path);
      expect(response.status, path).toBe(302);
      expect(response.headers.get("location")).toBe("/account/two-step?required=1");
    }
    // The save API answers in its own JSON, not with a redirect.
    const save = await c.request("/api/assessments/1/sections/1", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ intent: "save", baseVersion: 0, fields: {} }) });
    expect(save.status).toBe(403);
    expect(await save.json()).toMatchObject({ ok: false, error: "forbidden", message: expect.stringContaining("two-step sign-in") });
    const setUpPage = await c.get("/account/two-step?required=1");
    expect(setUpPage.status).toBe(200);
    expect(await text(setUpPage)).toContain("Set it up to carry on");
    await turnOn(c);
    expect((await c.get("/admin/people")).status).toBe(200);
  });

  it("nobody else is made to use it", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2027-06-01T09:00:00Z"));
    const user = await person("dcs");
    const c = new Client(app.url);
    await c.signIn(user.email, TEST_PASSWORD);
    const home = await c.get("/");
    expect(home.status).toBe(200);
    expect(await text(home)).not.toContain("must use two-step sign-in");
  });
});
