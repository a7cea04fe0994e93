/**
 * `npm run reminders`, run as cron would, twice: each reminder goes once, to the people who
 * still have work to do, never to someone who turned reminders off, and never with draft text.
 */
import { spawnSync } from "node:child_process";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { reminderDue } from "../app/challenge/reminders.server";
import { assignPeer } from "../app/models/peer.server";
import { doc } from "../scripts/demo-content";
import { startTestApp, type TestApp } from "./support/app";
import { Client } from "./support/client";
import { createWorld, disableUser, openTestCycle, saveSectionAs, TEST_PASSWORD } from "./support/factories";

let app: TestApp;
let world: Awaited<ReturnType<typeof createWorld>>;

beforeAll(async () => {
  app = await startTestApp();
  world = await createWorld(app.db);
});
afterAll(() => app.close());

const isoDaysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

function runReminders() {
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/reminders.ts"], {
    env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL, APP_URL: "https://sli.example.org" },
    encoding: "utf8",
    timeout: 60_000,
  });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

describe("reminders", () => {
  it("works out which reminder is due: the nearest day reached, none after the deadline", () => {
    const at = (iso: string) => Date.parse(`${iso}T09:00:00Z`);
    expect(reminderDue("2027-01-31", [14, 3], at("2027-01-10"))).toBeNull();
    expect(reminderDue("2027-01-31", [14, 3], at("2027-01-17"))).toBe(14);
    expect(reminderDue("2027-01-31", [14, 3], at("2027-01-29"))).toBe(3);
    expect(reminderDue("2027-01-31", [14, 3], at("2027-02-01"))).toBeNull();
  });

  it("reminds each person with work to do once, whoever runs the command how often, and never with draft text", async () => {
    const cycle = await openTestCycle(app.db, world.region.id);
    await app.db
      .updateTable("cycles")
      .set({ submission_deadline: isoDaysFromNow(2), challenge_deadline: isoDaysFromNow(10) })
      .where("id", "=", cycle.cycleId)
      .execute();
    const a = cycle.assessmentOf(world.authorityA.id);
    await saveSectionAs(app.db, world.editorA, a, "1", { "1a": doc("A very private draft sentence.") });
    // Betaford has submitted and is being challenged by Alphaborough's director.
    const b = cycle.assessmentOf(world.authorityB.id);
    await app.db.updateTable("assessments").set({ status: "submitted" }).where("id", "=", b).execute();
    await assignPeer(app.db, { assessmentId: b, peerAuthorityId: world.authorityA.id, userId: world.dcsA.id, assignedBy: null });
    await disableUser(app.db, world.disabled.id);
    // The chief executive turns reminders off on their account page.
    const ceo = new Client(app.url);
    await ceo.signIn(world.ceoA.email, TEST_PASSWORD);
    expect((await ceo.post("/account/reminders", { reminders: "off" })).status).toBe(200);

    expect(runReminders()).toMatch(/Sent \d+ reminders?\./);
    expect(runReminders()).toContain("Sent 0 reminders.");

    const mails = await app.db.selectFrom("outbox").selectAll().where("subject", "like", "Reminder:%").execute();
    const to = (kind: string) => mails.filter((m) => m.subject.includes(kind)).map((m) => m.to_address).sort();
    // Alphaborough's draft: its writers and its lead member, who has not signed; not the chief
    // executive (reminders off) nor a disabled account. Betaford's submitted one: no submission reminder.
    expect(to("self-assessment due")).toEqual([world.editorA.email, world.dcsA.email, world.memberA.email].sort());
    expect(to("peer challenge due")).toEqual([world.dcsA.email]);
    for (const mail of mails) {
      expect(mail.body_text).not.toContain("private draft");
      expect(mail.body_text).toContain("https://sli.example.org/assessments/");
    }
  });
});
