/**
 * Authorship, signatures and the workflow from the template, through the real server: the
 * peers' sign-off with two signers, saves that void only the sign-offs covering what they
 * changed, re-signing, and the authority and a peer writing different columns of one table.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { assignPeer } from "../app/models/peer.server";
import { demoAssessment, doc } from "../scripts/demo-content";
import { startTestApp, type TestApp } from "./support/app";
import { Client } from "./support/client";
import { createAuthority, createMember, createWorld, disableUser, openTestCycle, TEST_PASSWORD } from "./support/factories";

let app: TestApp;
let world: Awaited<ReturnType<typeof createWorld>>;
let peerOne: Awaited<ReturnType<typeof createMember>>;
let peerTwo: Awaited<ReturnType<typeof createMember>>;
let peerTwoAuthorityId: number;
const as = {} as Record<"editorA" | "dcsA" | "ceoA" | "memberA" | "peerOne" | "peerTwo" | "dcsB" | "coordinator", Client>;

beforeAll(async () => {
  app = await startTestApp();
  world = await createWorld(app.db);
  // Betaford's director and a third authority's director challenge Alphaborough.
  peerOne = world.dcsB;
  const deltaville = await createAuthority(app.db, world.region.id, "Deltaville");
  peerTwoAuthorityId = deltaville.id;
  peerTwo = await createMember(app.db, deltaville.id, "dcs", "Dot Delta");
  const people = { editorA: world.editorA, dcsA: world.dcsA, ceoA: world.ceoA, memberA: world.memberA, peerOne, peerTwo, dcsB: world.dcsB, coordinator: world.coordinator };
  for (const [role, person] of Object.entries(people)) {
    as[role as keyof typeof as] = new Client(app.url);
    await as[role as keyof typeof as].signIn(person.email, TEST_PASSWORD);
  }
});
afterAll(() => app.close());

function save(client: Client, assessmentId: number, sectionKey: string, baseVersion: number, fields: Record<string, unknown>) {
  return client.request(`/api/assessments/${assessmentId}/sections/${sectionKey}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ intent: "save", baseVersion, fields }),
  });
}
const sign = (client: Client, id: number, signOff?: string) =>
  client.post(`/assessments/${id}/sign-off`, { intent: "sign", ...(signOff ? { signOff } : {}) });

const FULL = demoAssessment("Alphaborough", 3, 2026);
const KEY_POINTS = [
  { id: "kp1", keyPoint: "Caseloads in the front door are high.", peerAuthority: "Betaford", recommendation: "Review staffing.", outcome: "action" },
  { id: "kp2", keyPoint: "Care leavers praise their advisers.", peerAuthority: "Deltaville", recommendation: "Share the model.", outcome: "no_further_action" },
];

/** A complete, signed and submitted assessment of Alphaborough, with both peers assigned. */
async function submittedAssessment(): Promise<number> {
  const cycle = await openTestCycle(app.db, world.region.id);
  const id = cycle.assessmentOf(world.authorityA.id);
  for (const [sectionKey, fields] of Object.entries(FULL)) expect((await save(as.editorA, id, sectionKey, 0, fields)).status).toBe(200);
  for (const c of [as.dcsA, as.ceoA, as.memberA]) expect((await sign(c, id)).status).toBe(200);
  expect((await as.editorA.post(`/assessments/${id}/sign-off`, { intent: "submit" })).status).toBe(302);
  await assignPeer(app.db, { assessmentId: id, peerAuthorityId: world.authorityB.id, userId: peerOne.id, assignedBy: world.coordinator.id });
  await assignPeer(app.db, { assessmentId: id, peerAuthorityId: peerTwoAuthorityId, userId: peerTwo.id, assignedBy: world.coordinator.id });
  return id;
}

async function liveSignatures(id: number) {
  return app.db
    .selectFrom("signatures")
    .select(["sign_off_key", "role_key", "user_id"])
    .where("assessment_id", "=", id)
    .where("voided_at", "is", null)
    .where("replaced_at", "is", null)
    .orderBy("id")
    .execute();
}

async function status(id: number) {
  return (await app.db.selectFrom("assessments").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status;
}

/** Signature counts as the sign-off page shows them: only signatures over the content as it is now. */
async function signedOnPage(client: Client, id: number) {
  const html = await (await client.get(`/assessments/${id}/sign-off`)).text();
  return (html.match(/>Signed<\/span> by/g) ?? []).length;
}

describe("the peers' sign-off (two signers)", () => {
  it("both peer signatures stand, and the second completes the challenge", async () => {
    const id = await submittedAssessment();
    let response = await save(as.peerOne, id, "5", 0, { "5a": KEY_POINTS, "5b": "2027-02-14" });
    expect(response.status).toBe(200);
    expect(await status(id)).toBe("in_challenge");

    expect((await sign(as.peerOne, id, "5c")).status).toBe(200);
    expect(await status(id)).toBe("in_challenge");
    response = await sign(as.peerTwo, id, "5c");
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("The challenge is complete");
    const peers = (await liveSignatures(id)).filter((s) => s.sign_off_key === "5c");
    expect(peers.map((s) => s.user_id).sort()).toEqual([peerOne.id, peerTwo.id].sort());
    expect(await status(id)).toBe("complete");
    // Signed off: section 5 is locked for the peers until the coordinator reopens it.
    expect((await save(as.peerOne, id, "5", 1, { "5b": "2027-02-15" })).status).toBe(403);
  });

  it("re-signing replaces only one's own signature", async () => {
    const id = await submittedAssessment();
    expect((await save(as.peerOne, id, "5", 0, { "5a": KEY_POINTS, "5b": "2027-02-14" })).status).toBe(200);
    expect((await sign(as.peerOne, id, "5c")).status).toBe(200);
    expect((await sign(as.peerOne, id, "5c")).status).toBe(200);
    const peers = (await liveSignatures(id)).filter((s) => s.sign_off_key === "5c");
    expect(peers.map((s) => s.user_id)).toEqual([peerOne.id]);
    const replaced = await app.db.selectFrom("signatures").select("id").where("assessment_id", "=", id).where("replaced_at", "is not", null).execute();
    expect(replaced).toHaveLength(1);
    // The authority's three signatures were not touched by anyone else's signing.
    expect((await liveSignatures(id)).filter((s) => s.sign_off_key !== "5c")).toHaveLength(3);
    expect(await status(id)).toBe("in_challenge");
  });

  it("re-signing by one authority signatory leaves the others' signatures standing", async () => {
    const cycle = await openTestCycle(app.db, world.region.id);
    const id = cycle.assessmentOf(world.authorityA.id);
    for (const [sectionKey, fields] of Object.entries(FULL)) await save(as.editorA, id, sectionKey, 0, fields);
    for (const c of [as.dcsA, as.ceoA, as.dcsA]) expect((await sign(c, id)).status).toBe(200);
    const live = await liveSignatures(id);
    expect(live.map((s) => s.role_key).sort()).toEqual(["chief_executive", "dcs"]);
    expect(await signedOnPage(as.editorA, id)).toBe(2);
  });

  it("the coordinator can reopen a signed-off challenge, which voids both peer signatures and says so", async () => {
    const id = await submittedAssessment();
    await save(as.peerOne, id, "5", 0, { "5a": KEY_POINTS, "5b": "2027-02-14" });
    await sign(as.peerOne, id, "5c");
    await sign(as.peerTwo, id, "5c");
    expect((await as.editorA.post(`/assessments/${id}/sign-off`, { intent: "reopen" })).status).toBe(403);
    const reopened = await as.coordinator.post(`/assessments/${id}/sign-off`, { intent: "reopen" });
    expect(reopened.status).toBe(200);
    expect(await reopened.text()).toContain("2 peer signatures were");
    expect(await status(id)).toBe("in_challenge");
    expect((await liveSignatures(id)).filter((s) => s.sign_off_key === "5c")).toEqual([]);
    const page = await (await as.editorA.get(`/assessments/${id}/sign-off`)).text();
    expect(page).toContain("Cora Coordinator reopened the challenge");
    expect((await save(as.peerOne, id, "5", 1, { "5b": "2027-02-15" })).status).toBe(200);
  });
});

describe("emails about the challenge", () => {
  it("tells the peers when the assessment is submitted, and the authority and coordinator when the challenge is signed off, without a word of it", async () => {
    const cycle = await openTestCycle(app.db, world.region.id);
    const id = cycle.assessmentOf(world.authorityA.id);
    await disableUser(app.db, world.disabled.id);
    // Paired before submission, as the coordinator usually does.
    await assignPeer(app.db, { assessmentId: id, peerAuthorityId: world.authorityB.id, userId: peerOne.id, assignedBy: world.coordinator.id });
    await assignPeer(app.db, { assessmentId: id, peerAuthorityId: peerTwoAuthorityId, userId: peerTwo.id, assignedBy: world.coordinator.id });
    for (const [sectionKey, fields] of Object.entries(FULL)) await save(as.editorA, id, sectionKey, 0, fields);
    for (const c of [as.dcsA, as.ceoA, as.memberA]) await sign(c, id);
    const before = await app.db.selectFrom("outbox").select("id").orderBy("id", "desc").executeTakeFirst();
    expect((await as.editorA.post(`/assessments/${id}/sign-off`, { intent: "submit" })).status).toBe(302);
    await save(as.peerOne, id, "5", 0, { "5a": KEY_POINTS, "5b": "2027-02-14" });
    await sign(as.peerOne, id, "5c");
    await sign(as.peerTwo, id, "5c");
    const mails = await app.db.selectFrom("outbox").selectAll().where("id", ">", before?.id ?? 0).orderBy("id").execute();
    const to = (subject: string) => mails.filter((m) => m.subject.startsWith(subject)).map((m) => m.to_address).sort();
    expect(to("Ready for challenge")).toEqual([peerOne.email, peerTwo.email].sort());
    // The people who write for the authority (not a disabled account) and the coordinator.
    expect(to("Challenge signed off")).toEqual([world.editorA.email, world.dcsA.email, world.coordinator.email].sort());
    // Names, dates and links only: nothing anyone wrote in the assessment.
    const story = JSON.stringify(FULL["1"]!["1a"]).slice(40, 80);
    for (const mail of mails) {
      expect(mail.body_text).not.toContain("Caseloads in the front door");
      expect(mail.body_text).not.toContain(story);
      expect(mail.body_text).toContain(`/assessments/${id}`);
    }
  });
});

describe("a save voids only the sign-offs that cover what it changed", () => {
  it("an authority edit leaves the peers' signatures, and a peer edit leaves the authority's", async () => {
    const id = await submittedAssessment();
    expect((await save(as.peerOne, id, "5", 0, { "5a": KEY_POINTS, "5b": "2027-02-14" })).status).toBe(200);
    expect((await sign(as.peerOne, id, "5c")).status).toBe(200);
    // 3 authority signatures and 1 peer signature, all over the content as it is.
    expect(await signedOnPage(as.editorA, id)).toBe(4);

    // The authority writes its response column in the peers' section: the peer's signature stands.
    const response = await save(as.editorA, id, "5", 0, { "5a": [{ id: "kp1", response: "We have recruited four social workers." }] });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, voidedSignatures: 0 });
    expect(await signedOnPage(as.editorA, id)).toBe(4);

    // A peer changes the key points: the other peer's signature goes, the authority's three stand.
    const edit = await save(as.peerTwo, id, "5", 1, { "5b": "2027-02-21" });
    expect(edit.status).toBe(200);
    expect(await edit.json()).toMatchObject({ ok: true, voidedSignatures: 1 });
    const live = await liveSignatures(id);
    expect(live.filter((s) => s.sign_off_key === "5c")).toEqual([]);
    expect(live.filter((s) => s.sign_off_key !== "5c")).toHaveLength(3);
    expect(await signedOnPage(as.editorA, id)).toBe(3);
  });

  it("a draft edit voids the authority's sign-off but not peer signatures from before it was returned", async () => {
    const id = await submittedAssessment();
    await save(as.peerOne, id, "5", 0, { "5a": KEY_POINTS, "5b": "2027-02-14" });
    await sign(as.peerOne, id, "5c");
    expect((await as.coordinator.post(`/assessments/${id}/sign-off`, { intent: "return", reason: "Add the Ofsted visit." })).status).toBe(200);
    const edit = await save(as.editorA, id, "1", 1, { "1a": doc("Our story, with the Ofsted visit.") });
    expect(edit.status).toBe(200);
    expect(await edit.json()).toMatchObject({ voidedSignatures: 3 });
    expect((await liveSignatures(id)).map((s) => s.sign_off_key)).toEqual(["5c"]);
  });
});

describe("who writes what comes from the template's author", () => {
  it("the authority and a peer saving different columns of one table at the same moment both land", async () => {
    const id = await submittedAssessment();
    expect((await save(as.peerOne, id, "5", 0, { "5a": KEY_POINTS })).status).toBe(200);
    const [peer, authority] = await Promise.all([
      save(as.peerOne, id, "5", 1, { "5a": KEY_POINTS.map((row) => ({ ...row, recommendation: `${row.recommendation} By March.` })) }),
      save(as.editorA, id, "5", 0, { "5a": [{ id: "kp1", response: "Agreed: a staffing review is under way." }] }),
    ]);
    expect(peer.status).toBe(200);
    expect(authority.status).toBe(200);
    const page = await (await as.editorA.get(`/assessments/${id}/print`)).text();
    expect(page).toContain("Review staffing. By March.");
    expect(page).toContain("Agreed: a staffing review is under way.");
  });

  it("the section page gives each side its own columns: the peers the key points, the authority its responses", async () => {
    const id = await submittedAssessment();
    expect((await save(as.peerOne, id, "5", 0, { "5a": KEY_POINTS })).status).toBe(200);
    expect((await save(as.editorA, id, "5", 0, { "5a": [{ id: "kp1", response: "Recruiting now." }] })).status).toBe(200);
    const peerPage = (await (await as.peerOne.get(`/assessments/${id}/sections/5`)).text()).replace(/<!-- -->/g, "");
    expect(peerPage).toContain("Key point raised, row 1");
    expect(peerPage).not.toContain("Authority&#x27;s response, row 1");
    const authorityPage = (await (await as.editorA.get(`/assessments/${id}/sections/5`)).text()).replace(/<!-- -->/g, "");
    expect(authorityPage).toContain("Your responses");
    expect(authorityPage).toContain("Caseloads in the front door are high.");
    expect(authorityPage).toContain("Authority&#x27;s response");
    expect(authorityPage).toContain("Recruiting now.");
    expect(authorityPage).not.toContain("Key point raised, row 1");
    // Someone who only reads sees it all, and no editor.
    const reader = (await (await as.ceoA.get(`/assessments/${id}/sections/5`)).text()).replace(/<!-- -->/g, "");
    expect(reader).toContain("Recruiting now.");
    expect(reader).toContain("You can read this section but not change it.");
  });

  it("each side is refused the other's columns and sections by the server", async () => {
    const id = await submittedAssessment();
    // The authority may not write key points, recommendations or outcomes…
    const authorityRows = await save(as.editorA, id, "5", 0, { "5a": KEY_POINTS });
    expect(authorityRows.status).toBe(400);
    expect((await save(as.editorA, id, "5", 0, { "5b": "2027-01-01" })).status).toBe(400);
    // …and a peer may not write the authority's sections, nor its response (dropped from their rows).
    expect((await save(as.peerOne, id, "1", 1, { "1a": doc("A peer's story.") })).status).toBe(403);
    expect((await save(as.peerOne, id, "5", 0, { "5a": [{ ...KEY_POINTS[0], response: "Written by a peer" }] })).status).toBe(200);
    const page = await (await as.editorA.get(`/assessments/${id}/print`)).text();
    expect(page).not.toContain("Written by a peer");
    // A director of the region who is not assigned sees nothing; nor does a peer see a draft or the history.
    const cycle = await openTestCycle(app.db, world.region.id);
    const draft = cycle.assessmentOf(world.authorityA.id);
    await assignPeer(app.db, { assessmentId: draft, peerAuthorityId: world.authorityB.id, userId: peerOne.id, assignedBy: null });
    expect((await as.peerOne.get(`/assessments/${draft}`)).status).toBe(404);
    expect((await as.peerTwo.get(`/assessments/${draft}`)).status).toBe(404);
    expect((await as.peerOne.get(`/assessments/${id}`)).status).toBe(200);
    expect((await as.peerOne.get(`/assessments/${id}/sections/1/history`)).status).toBe(403);
  });
});
