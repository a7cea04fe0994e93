/**
 * Carry-forward through the real server: last cycle's recommendations that needed action appear
 * in the new cycle's draft, fixed and read only; the authority writes what it did; completeness
 * and the print view include them; a tampered save cannot add, drop or rewrite a carried row.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { assignPeer } from "../app/models/peer.server";
import { demoAssessment } from "../scripts/demo-content";
import { startTestApp, type TestApp } from "./support/app";
import { Client } from "./support/client";
import { createAuthority, createMember, createWorld, openTestCycle, TEST_PASSWORD } from "./support/factories";

let app: TestApp;
let world: Awaited<ReturnType<typeof createWorld>>;
const as = {} as Record<"editorA" | "dcsA" | "ceoA" | "memberA" | "peerOne" | "peerTwo" | "coordinator", Client>;
let peerTwoAuthority: number;

beforeAll(async () => {
  app = await startTestApp();
  world = await createWorld(app.db);
  const delta = await createAuthority(app.db, world.region.id, "Deltaville");
  peerTwoAuthority = delta.id;
  const peerTwo = await createMember(app.db, delta.id, "dcs", "Dot Delta");
  const people = { editorA: world.editorA, dcsA: world.dcsA, ceoA: world.ceoA, memberA: world.memberA, peerOne: world.dcsB, peerTwo, coordinator: world.coordinator };
  for (const [role, person] of Object.entries(people)) {
    as[role as keyof typeof as] = new Client(app.url);
    await as[role as keyof typeof as].signIn(person.email, TEST_PASSWORD);
  }
  // Last cycle, complete: three key points, two of them needing action.
  const last = await openTestCycle(app.db, world.region.id, { label: "2025–26" });
  await app.db.updateTable("cycles").set({ opens_on: "2025-04-01" }).where("id", "=", last.cycleId).execute();
  const id = last.assessmentOf(world.authorityA.id);
  for (const [key, fields] of Object.entries(demoAssessment("Alphaborough", 2, 2025))) expect((await save(as.editorA, id, key, 0, fields)).status).toBe(200);
  for (const c of [as.dcsA, as.ceoA, as.memberA]) await c.post(`/assessments/${id}/sign-off`, { intent: "sign" });
  expect((await as.editorA.post(`/assessments/${id}/sign-off`, { intent: "submit" })).status).toBe(302);
  await assignPeer(app.db, { assessmentId: id, peerAuthorityId: world.authorityB.id, userId: world.dcsB.id, assignedBy: null });
  await assignPeer(app.db, { assessmentId: id, peerAuthorityId: peerTwoAuthority, userId: peerTwo.id, assignedBy: null });
  const keyPoints = [
    { id: "k1", keyPoint: "Front door caseloads are high.", peerAuthority: "Betaford", recommendation: "Set a caseload ceiling.", outcome: "action" },
    { id: "k2", keyPoint: "Care leavers are well supported.", peerAuthority: "Deltaville", recommendation: "Share the model.", outcome: "no_further_action" },
    { id: "k3", keyPoint: "EHC plans are late.", peerAuthority: "Deltaville", recommendation: "Agree a timeliness trajectory.", outcome: "action" },
  ];
  expect((await save(as.peerOne, id, "5", 0, { "5a": keyPoints, "5b": "2025-09-10" })).status).toBe(200);
  for (const c of [as.peerOne, as.peerTwo]) await c.post(`/assessments/${id}/sign-off`, { intent: "sign", signOff: "5c" });
  expect((await app.db.selectFrom("assessments").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status).toBe("complete");
});
afterAll(() => app.close());

function save(client: Client, assessmentId: number, sectionKey: string, baseVersion: number, fields: Record<string, unknown>) {
  return client.request(`/api/assessments/${assessmentId}/sections/${sectionKey}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ intent: "save", baseVersion, fields }),
  });
}

async function sectionOne(id: number) {
  const row = await app.db.selectFrom("assessment_sections").selectAll().where("assessment_id", "=", id).where("section_key", "=", "1").executeTakeFirstOrThrow();
  return { version: row.version, values: JSON.parse(row.body) as Record<string, Array<Record<string, string>>> };
}

describe("carry-forward", () => {
  it("puts last cycle's recommendations that needed action into the new draft, for the authority to say what it did", async () => {
    const opened = await as.coordinator.post("/cycles/new", {
      region: String(world.region.id),
      label: "2026–27",
      opensOn: "2026-10-01",
      submissionDeadline: "2027-01-31",
      challengeDeadline: "2027-03-31",
    });
    expect(opened.status).toBe(302);
    const draft = (await app.db
      .selectFrom("assessments")
      .innerJoin("cycles", "cycles.id", "assessments.cycle_id")
      .select("assessments.id")
      .where("cycles.label", "=", "2026–27")
      .where("assessments.authority_id", "=", world.authorityA.id)
      .executeTakeFirstOrThrow()).id;
    const one = await sectionOne(draft);
    expect(one.values["1g"]).toEqual([
      { id: "carried-k1", recommendation: "Set a caseload ceiling.", raisedBy: "Betaford" },
      { id: "carried-k3", recommendation: "Agree a timeliness trajectory.", raisedBy: "Deltaville" },
    ]);
    // Betaford had no assessment last cycle: nothing carried.
    const page = (await (await as.editorA.get(`/assessments/${draft}/sections/1`)).text()).replace(/<!-- -->/g, "");
    expect(page).toContain("Set a caseload ceiling.");
    expect(page).toContain("What we did, row 1");
    expect(page).not.toContain("Recommendation, row 1");

    // Not yet answered: it stops submission like any other field.
    let refused = await (await as.editorA.post(`/assessments/${draft}/sign-off`, { intent: "submit" })).text();
    expect(refused).toContain("Recommendation 1 needs “What we did”");

    // A tampered save: a made-up row, a rewritten recommendation, one row dropped. Only "what we did" lands.
    const tampered = await save(as.editorA, draft, "1", one.version, {
      "1g": [
        { id: "carried-k1", recommendation: "Something easier.", raisedBy: "Betaford", whatWeDid: "Set a ceiling of 18 cases in March." },
        { id: "made-up", recommendation: "Invented", whatWeDid: "Nothing" },
      ],
    });
    expect(tampered.status).toBe(200);
    const after = await sectionOne(draft);
    expect(after.values["1g"]).toEqual([
      { id: "carried-k1", recommendation: "Set a caseload ceiling.", raisedBy: "Betaford", whatWeDid: "Set a ceiling of 18 cases in March." },
      { id: "carried-k3", recommendation: "Agree a timeliness trajectory.", raisedBy: "Deltaville" },
    ]);
    refused = await (await as.editorA.post(`/assessments/${draft}/sign-off`, { intent: "submit" })).text();
    expect(refused).toContain("Recommendation 2 needs “What we did”");
    expect(refused).not.toContain("Recommendation 1 needs");
    const print = (await (await as.editorA.get(`/assessments/${draft}/print`)).text()).replace(/<!-- -->/g, "");
    expect(print).toContain("Set a ceiling of 18 cases in March.");
  });
});
