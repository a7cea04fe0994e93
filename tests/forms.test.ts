/**
 * Bad input on every form: missing, too long, the wrong type. Each gets a 400 with the message
 * beside the field it concerns, an error summary, and nothing is written to the database.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startTestApp, type TestApp } from "./support/app";
import { Client } from "./support/client";
import { createWorld, TEST_PASSWORD } from "./support/factories";

let app: TestApp;
let world: Awaited<ReturnType<typeof createWorld>>;
let coordinator: Client;
let editor: Client;
let resetToken: string;
let invitationToken: string;

const TABLES = ["users", "memberships", "coordinators", "invitations", "password_resets", "outbox", "audit_events", "sign_in_failures"] as const;

/** What the app holds; with `attempts: false`, leaving out the record of failed sign-in attempts (a wrong password is one, and counts in the throttle). */
async function snapshot(options: { attempts: boolean } = { attempts: true }) {
  const counts: Record<string, number> = {};
  for (const table of TABLES.filter((t) => options.attempts || (t !== "sign_in_failures" && t !== "audit_events"))) {
    const row = await app.db.selectFrom(table).select(({ fn }) => fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  const roles = await app.db.selectFrom("memberships").select(["id", "role"]).orderBy("id").execute();
  const users = await app.db.selectFrom("users").select(["id", "password_hash", "name", "disabled_at"]).orderBy("id").execute();
  return JSON.stringify({ counts, roles, users });
}

beforeAll(async () => {
  app = await startTestApp();
  world = await createWorld(app.db);
  coordinator = new Client(app.url);
  await coordinator.signIn(world.coordinator.email, TEST_PASSWORD);
  editor = new Client(app.url);
  await editor.signIn(world.editorA.email, TEST_PASSWORD);
  await new Client(app.url).post("/forgot-password", { email: world.dcsA.email });
  await coordinator.post("/admin/people/invite", { email: "form.tester@example.test", role: "editor", authority: world.authorityA.slug });
  const mails = await app.db.selectFrom("outbox").select("body_text").execute();
  resetToken = mails.map((m) => /reset-password\/([\w-]+)/.exec(m.body_text)?.[1]).find(Boolean)!;
  invitationToken = mails.map((m) => /invitations\/([\w-]+)/.exec(m.body_text)?.[1]).find(Boolean)!;
});
afterAll(() => app.close());

const LONG = (n: number) => "x".repeat(n);

interface BadInput {
  form: string;
  as: () => Client;
  path: () => string;
  fields: () => Record<string, string | string[]>;
  field: string;
  message: string;
  /** A wrong password: recorded as one failed attempt (throttle and audit trail), and nothing else changes. */
  failedAttempt?: true;
}

const anonymous = () => new Client(app.url);

const CASES: BadInput[] = [
  // Sign in
  { form: "sign in: missing email", as: anonymous, path: () => "/sign-in", fields: () => ({ password: "whatever123" }), field: "email", message: "Enter your email address" },
  { form: "sign in: too long email", as: anonymous, path: () => "/sign-in", fields: () => ({ email: `${LONG(250)}@example.test`, password: "whatever123" }), field: "email", message: "254 characters or fewer" },
  { form: "sign in: not an email", as: anonymous, path: () => "/sign-in", fields: () => ({ email: "not-an-email", password: "whatever123" }), field: "email", message: "correct format" },
  { form: "sign in: missing password", as: anonymous, path: () => "/sign-in", fields: () => ({ email: "a@example.test" }), field: "password", message: "Enter your password" },
  { form: "sign in: too long password", as: anonymous, path: () => "/sign-in", fields: () => ({ email: "a@example.test", password: LONG(1025) }), field: "password", message: "1,024 characters or fewer" },
  { form: "sign in: email sent twice (wrong type)", as: anonymous, path: () => "/sign-in", fields: () => ({ email: ["a@example.test", "b@example.test"], password: "whatever123" }), field: "email", message: "Enter your email address" },
  // Forgotten password
  { form: "forgotten password: missing", as: anonymous, path: () => "/forgot-password", fields: () => ({}), field: "email", message: "Enter your email address" },
  { form: "forgotten password: too long", as: anonymous, path: () => "/forgot-password", fields: () => ({ email: `${LONG(300)}@example.test` }), field: "email", message: "254 characters or fewer" },
  { form: "forgotten password: wrong type", as: anonymous, path: () => "/forgot-password", fields: () => ({ email: "12345" }), field: "email", message: "correct format" },
  // Reset password
  { form: "reset: missing password", as: anonymous, path: () => `/reset-password/${resetToken}`, fields: () => ({ confirmPassword: "x" }), field: "password", message: "Enter a password" },
  { form: "reset: too long password", as: anonymous, path: () => `/reset-password/${resetToken}`, fields: () => ({ password: LONG(129), confirmPassword: LONG(129) }), field: "password", message: "128 characters or fewer" },
  { form: "reset: passwords differ", as: anonymous, path: () => `/reset-password/${resetToken}`, fields: () => ({ password: "fostering panel dates", confirmPassword: "something else entirely" }), field: "confirmPassword", message: "do not match" },
  // Accept invitation
  { form: "invitation: missing name", as: anonymous, path: () => `/invitations/${invitationToken}`, fields: () => ({ password: "edge of care work", confirmPassword: "edge of care work" }), field: "name", message: "Enter your full name" },
  { form: "invitation: too long name", as: anonymous, path: () => `/invitations/${invitationToken}`, fields: () => ({ name: LONG(121), password: "edge of care work", confirmPassword: "edge of care work" }), field: "name", message: "120 characters or fewer" },
  { form: "invitation: common password", as: anonymous, path: () => `/invitations/${invitationToken}`, fields: () => ({ name: "Fiona Form", password: "password123", confirmPassword: "password123" }), field: "password", message: "too common" },
  { form: "invitation: short password", as: anonymous, path: () => `/invitations/${invitationToken}`, fields: () => ({ name: "Fiona Form", password: "short", confirmPassword: "short" }), field: "password", message: "at least 8 characters" },
  // Change password
  { form: "change password: missing current", as: () => editor, path: () => "/account/password", fields: () => ({ password: "edge of care work", confirmPassword: "edge of care work" }), field: "currentPassword", message: "Enter your current password" },
  { form: "change password: too long new", as: () => editor, path: () => "/account/password", fields: () => ({ currentPassword: TEST_PASSWORD, password: LONG(200), confirmPassword: LONG(200) }), field: "password", message: "128 characters or fewer" },
  { form: "change password: wrong current", as: () => editor, path: () => "/account/password", fields: () => ({ currentPassword: "not my password", password: "edge of care work", confirmPassword: "edge of care work" }), field: "currentPassword", message: "not right", failedAttempt: true },
  // People: change role
  { form: "people: role not in the list", as: () => coordinator, path: () => "/admin/people", fields: () => ({ intent: "change-role", membershipId: "1", role: "emperor" }), field: "role-1", message: "Choose a role from the list" },
  { form: "people: membership id of the wrong type", as: () => coordinator, path: () => "/admin/people", fields: () => ({ intent: "change-role", membershipId: "abc", role: "editor" }), field: "membershipId", message: "" },
  { form: "people: missing intent", as: () => coordinator, path: () => "/admin/people", fields: () => ({ membershipId: "1", role: "editor" }), field: "intent", message: "" },
  // Invite
  { form: "invite: missing email", as: () => coordinator, path: () => "/admin/people/invite", fields: () => ({ role: "editor", authority: world.authorityA.slug }), field: "email", message: "Enter an email address" },
  { form: "invite: too long email", as: () => coordinator, path: () => "/admin/people/invite", fields: () => ({ email: `${LONG(260)}@example.test`, role: "editor", authority: world.authorityA.slug }), field: "email", message: "254 characters or fewer" },
  { form: "invite: unknown role", as: () => coordinator, path: () => "/admin/people/invite", fields: () => ({ email: "x@example.test", role: "overlord", authority: world.authorityA.slug }), field: "role", message: "Choose a role from the list" },
  { form: "invite: missing authority", as: () => coordinator, path: () => "/admin/people/invite", fields: () => ({ email: "x@example.test", role: "editor", authority: "" }), field: "authority", message: "Choose the authority" },
  { form: "invite: authority not in the region", as: () => coordinator, path: () => "/admin/people/invite", fields: () => ({ email: "x@example.test", role: "editor", authority: world.authorityC.slug }), field: "authority", message: "Choose an authority from the list" },
];

describe("bad input on every form", () => {
  it.each(CASES.map((c) => [c.form, c] as const))("%s", async (_name, c) => {
    const attempts = !c.failedAttempt;
    const before = await snapshot({ attempts });
    const failuresBefore = await app.db.selectFrom("sign_in_failures").select(({ fn }) => fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    const response = await c.as().post(c.path(), c.fields());
    expect(response.status).toBe(400);
    const html = await response.text();
    // The error summary, and the message beside its field, which is marked invalid.
    expect(html).toContain("There is a problem");
    const fieldError = new RegExp(`id="${c.field}-error"[^>]*>(.*?)</p>`).exec(html);
    if (["membershipId", "intent"].includes(c.field)) {
      // Hidden fields have no visible control: their message is in the summary.
      expect(html).toMatch(/error-summary__list/);
    } else {
      expect(fieldError, `no message beside ${c.field}`).not.toBeNull();
      expect(fieldError![1]).toContain(c.message);
      expect(html).toMatch(new RegExp(`id="${c.field}"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="${c.field}"`));
    }
    expect(await snapshot({ attempts })).toBe(before);
    if (c.failedAttempt) {
      const failuresAfter = await app.db.selectFrom("sign_in_failures").select(({ fn }) => fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
      expect(Number(failuresAfter.n)).toBe(Number(failuresBefore.n) + 1);
    }
  });

  it("keeps what was typed after a failed submit (but never a password)", async () => {
    const response = await coordinator.post("/admin/people/invite", { email: "kept@example.test", role: "overlord", authority: world.authorityA.slug });
    const html = await response.text();
    expect(html).toMatch(/id="email"[^>]*value="kept@example.test"|value="kept@example.test"[^>]*id="email"/);
    const signIn = await anonymous().post("/sign-in", { email: "kept@example.test", password: "" });
    expect(await signIn.text()).not.toMatch(/name="password"[^>]*value=/);
  });
});
