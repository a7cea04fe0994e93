/**
 * Pairing peer directors through the real server: the coordinator's page, its warnings and
 * refusals, the email, an invited director's account, and access that ends with the pairing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startTestApp, type TestApp } from "./support/app";
import { Client } from "./support/client";
import { createAuthority, createMember, createWorld, openTestCycle, TEST_PASSWORD } from "./support/factories";

let app: TestApp;
let world: Awaited<ReturnType<typeof createWorld>>;
let coordinator: Client;
let deltaDcs: Awaited<ReturnType<typeof createMember>>;
let deltaId: number;

beforeAll(async () => {
  app = await startTestApp();
  world = await createWorld(app.db);
  const delta = await createAuthority(app.db, world.region.id, "Deltaville");
  deltaId = delta.id;
  deltaDcs = await createMember(app.db, delta.id, "dcs", "Dot Delta");
  coordinator = new Client(app.url);
  await coordinator.signIn(world.coordinator.email, TEST_PASSWORD);
});
afterAll(() => app.close());

const pairing = (cycleId: number) => `/cycles/${cycleId}/peer-challenge`;
const pair = (cycleId: number, assessmentId: number, authorityId: number, userId: string) =>
  coordinator.post(pairing(cycleId), { intent: "pair", assessmentId: String(assessmentId), director: `${authorityId}:${userId}` });

/** A page's text as a person reads it: no tags, React's text separators or entities. */
async function textOf(response: Response) {
  return (await response.text()).replace(/<!-- -->/g, "").replace(/&#x27;/g, "'");
}

async function outboxTo(email: string) {
  return app.db.selectFrom("outbox").selectAll().where("to_address", "=", email).orderBy("id").execute();
}

async function pairingsOf(assessmentId: number) {
  return app.db.selectFrom("peer_assignments").select(["peer_authority_id", "user_id"]).where("assessment_id", "=", assessmentId).execute();
}

async function signedIn(email: string) {
  const c = new Client(app.url);
  await c.signIn(email, TEST_PASSWORD);
  return c;
}

describe("pairing peer directors", () => {
  it("pairs a director, emails them, and lets them in only once the assessment is submitted", async () => {
    const cycle = await openTestCycle(app.db, world.region.id);
    const a = cycle.assessmentOf(world.authorityA.id);
    const page = await textOf(await coordinator.get(pairing(cycle.cycleId)));
    expect(page).toContain("Peer director for Alphaborough");
    expect(page).toContain("Bo Director — Betaford (director of children's services)");

    const response = await pair(cycle.cycleId, a, world.authorityB.id, world.dcsB.id);
    expect(response.status).toBe(200);
    expect(await pairingsOf(a)).toEqual([{ peer_authority_id: world.authorityB.id, user_id: world.dcsB.id }]);
    const [mail] = await outboxTo(world.dcsB.email);
    expect(mail!.subject).toContain("Alphaborough");
    expect(mail!.body_text).toContain("once the authority has submitted it");

    const peer = await signedIn(world.dcsB.email);
    const home = await (await peer.get("/")).text();
    expect(home).toContain("Assessments you are challenging");
    expect(home).toContain("Not submitted yet");
    expect((await peer.get(`/assessments/${a}`)).status).toBe(404);
    await app.db.updateTable("assessments").set({ status: "submitted" }).where("id", "=", a).execute();
    expect((await peer.get(`/assessments/${a}`)).status).toBe(200);
    expect((await peer.get(`/assessments/${a}/print`)).status).toBe(200);
    // Nothing else of that authority: not its page, not its people.
    expect((await peer.get(`/authorities/${world.authorityA.slug}`)).status).toBe(403);
  });

  it("refuses an authority paired with itself, and a third peer, changing nothing", async () => {
    const cycle = await openTestCycle(app.db, world.region.id);
    const a = cycle.assessmentOf(world.authorityA.id);
    const self = await pair(cycle.cycleId, a, world.authorityA.id, world.dcsA.id);
    expect(self.status).toBe(400);
    expect(await self.text()).toContain("cannot challenge its own self-assessment");
    expect(await pairingsOf(a)).toEqual([]);

    expect((await pair(cycle.cycleId, a, world.authorityB.id, world.dcsB.id)).status).toBe(200);
    expect((await pair(cycle.cycleId, a, deltaId, deltaDcs.id)).status).toBe(200);
    const third = await pair(cycle.cycleId, a, world.authorityB.id, world.editorB.id);
    expect(third.status).toBe(400);
    expect(await pairingsOf(a)).toHaveLength(2);
    // A director named for an authority they are not in is refused too.
    const other = await openTestCycle(app.db, world.region.id);
    const tampered = await pair(other.cycleId, other.assessmentOf(world.authorityA.id), deltaId, world.dcsB.id);
    expect(tampered.status).toBe(400);
  });

  it("warns about reciprocal pairs, pairs repeated from last cycle and overloaded directors, without blocking", async () => {
    const last = await openTestCycle(app.db, world.region.id, { label: "2024–25" });
    await app.db.updateTable("cycles").set({ opens_on: "2024-04-01" }).where("id", "=", last.cycleId).execute();
    expect((await pair(last.cycleId, last.assessmentOf(world.authorityA.id), world.authorityB.id, world.dcsB.id)).status).toBe(200);

    const cycle = await openTestCycle(app.db, world.region.id, { label: "2025–26 (warnings)" });
    await app.db.updateTable("cycles").set({ opens_on: "2025-04-01" }).where("id", "=", cycle.cycleId).execute();
    expect((await pair(cycle.cycleId, cycle.assessmentOf(world.authorityA.id), world.authorityB.id, world.dcsB.id)).status).toBe(200);
    expect((await pair(cycle.cycleId, cycle.assessmentOf(world.authorityB.id), world.authorityA.id, world.dcsA.id)).status).toBe(200);
    expect((await pair(cycle.cycleId, cycle.assessmentOf(deltaId), world.authorityB.id, world.dcsB.id)).status).toBe(200);
    const page = await textOf(await coordinator.get(pairing(cycle.cycleId)));
    expect(page).toContain("Alphaborough and Betaford challenge each other.");
    expect(page).toContain("Betaford also challenged Alphaborough last cycle.");
    expect(page).toContain("Bo Director has 2 challenges; a fair share is 1.");
    expect(page).toMatch(/Bo Director: 2 challenges/);
  });

  it("invites a director without an account, whose new account can do that challenge and nothing else", async () => {
    const cycle = await openTestCycle(app.db, world.region.id);
    const a = cycle.assessmentOf(world.authorityA.id);
    const invited = await coordinator.post(pairing(cycle.cycleId), {
      intent: "invite",
      assessmentId: String(a),
      peerAuthorityId: String(deltaId),
      email: "new.director@deltaville.example",
    });
    expect(invited.status).toBe(200);
    const [mail] = await outboxTo("new.director@deltaville.example");
    const token = mail!.body_text.match(/\/invitations\/([A-Za-z0-9_-]+)/)![1]!;
    const invitee = new Client(app.url);
    expect(await (await invitee.get(`/invitations/${token}`)).text()).toContain("as a peer director");
    const accepted = await invitee.post(`/invitations/${token}`, { name: "Nell Newdirector", password: "fostering first", confirmPassword: "fostering first" });
    expect(accepted.status).toBe(302);
    const user = await app.db.selectFrom("users").select("id").where("email", "=", "new.director@deltaville.example").executeTakeFirstOrThrow();
    expect(await app.db.selectFrom("memberships").select("id").where("user_id", "=", user.id).execute()).toEqual([]);
    expect(await pairingsOf(a)).toEqual([{ peer_authority_id: deltaId, user_id: user.id }]);
    await app.db.updateTable("assessments").set({ status: "submitted" }).where("id", "=", a).execute();
    expect((await invitee.get(`/assessments/${a}`)).status).toBe(200);
    expect((await invitee.get(`/assessments/${cycle.assessmentOf(world.authorityB.id)}`)).status).toBe(404);
  });

  it("removing a pairing ends the director's access at once", async () => {
    const cycle = await openTestCycle(app.db, world.region.id);
    const a = cycle.assessmentOf(world.authorityA.id);
    await pair(cycle.cycleId, a, deltaId, deltaDcs.id);
    await app.db.updateTable("assessments").set({ status: "submitted" }).where("id", "=", a).execute();
    const peer = await signedIn(deltaDcs.email);
    expect((await peer.get(`/assessments/${a}`)).status).toBe(200);
    const row = await app.db.selectFrom("peer_assignments").select("id").where("assessment_id", "=", a).executeTakeFirstOrThrow();
    const removed = await coordinator.post(pairing(cycle.cycleId), { intent: "remove", pairingId: String(row.id) });
    expect(removed.status).toBe(200);
    expect((await peer.get(`/assessments/${a}`)).status).toBe(404);
  });

  it("is the coordinator's page only, and another region's cycle does not exist for them", async () => {
    const cycle = await openTestCycle(app.db, world.region.id);
    expect((await (await signedIn(world.editorA.email)).get(pairing(cycle.cycleId))).status).toBe(403);
    expect((await (await signedIn(world.otherCoordinator.email)).get(pairing(cycle.cycleId))).status).toBe(404);
  });
});
