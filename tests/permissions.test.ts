/**
 * Every role against every route, through the real server. When a route is added to the app
 * without a row here, the first test fails: each new page must state who may use it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { loadServer } from "../scripts/build";
import { startTestApp, type TestApp } from "./support/app";
import { Client } from "./support/client";
import { doc } from "../scripts/demo-content";
import { assignPeer, removePeer } from "../app/models/peer.server";
import { createLink } from "../app/models/offer-link.server";
import { replaceOfferItems } from "../app/models/offer.server";
import { createAuthority, createMember, createWorld, disableUser, openTestCycle, saveSectionAs, TEST_PASSWORD } from "./support/factories";

type BaseRole = "anonymous" | "editorA" | "dcsA" | "editorB" | "coordinator" | "otherCoordinator" | "disabled";
/**
 * Directors of other authorities in the region: assigned to challenge Alphaborough's submitted
 * assessment; assigned to challenge another authority's; and assigned to Alphaborough's, then removed.
 */
type PeerRole = "peerAssigned" | "peerElsewhere" | "peerRemoved";
type Role = BaseRole | PeerRole;
type World = Awaited<ReturnType<typeof createWorld>> & {
  editorBMembershipId: number;
  cycleId: number;
  assessmentA: number;
  submittedA: number;
  /** Last year's cycle, with Alphaborough's request linked to Betaford's offer. */
  earlierCycleId: number;
  requestA: number;
  offerB: number;
  linkId: number;
  themeId: number;
};

interface Probe {
  method: "GET" | "POST";
  path: (w: World) => string;
  body?: (w: World) => Record<string, string>;
  /** Send this as a JSON body instead of a form. */
  json?: unknown;
  /**
   * Expected status per role; 302 for "signed-out people are sent to sign in". A peer role
   * left out expects what editorB gets: a peer director is, first, a person of another authority.
   */
  expect: Record<BaseRole, number> & Partial<Record<PeerRole, number>>;
}

const PEER_ROLES: PeerRole[] = ["peerAssigned", "peerElsewhere", "peerRemoved"];
const expected = (probe: Probe, role: Role): number => (probe.expect as Partial<Record<Role, number>>)[role] ?? probe.expect.editorB;


const SIGNED_IN_ONLY = { anonymous: 302, editorA: 200, dcsA: 200, editorB: 200, coordinator: 200, otherCoordinator: 200, disabled: 302 };
const COORDINATOR_ONLY = { anonymous: 302, editorA: 403, dcsA: 403, editorB: 403, coordinator: 200, otherCoordinator: 200, disabled: 302 };
/** An authority's draft: its own people and the region's coordinator; 404 for everyone else. */
const DRAFT_READERS = { anonymous: 302, editorA: 200, dcsA: 200, editorB: 404, coordinator: 200, otherCoordinator: 404, disabled: 302 };
/** A submitted assessment: its people, the coordinator and its assigned peers; 404 for everyone else (a removed peer at once). */
const SUBMITTED_READERS = { ...DRAFT_READERS, peerAssigned: 200, peerElsewhere: 404, peerRemoved: 404 };
/** The region's shared pages: everyone in the region (the peers are Deltaville's directors, in it too); 404 outside it. */
const REGION = { ...SIGNED_IN_ONLY, otherCoordinator: 404 };
/** A brokered link: the coordinator and the two authorities it involves (A and B); 404 for anyone else. */
const LINK_PARTIES = { ...REGION, peerAssigned: 404, peerElsewhere: 404, peerRemoved: 404 };
const EVERYONE = (status: number) =>
  ({ anonymous: status, editorA: status, dcsA: status, editorB: status, coordinator: status, otherCoordinator: status, disabled: status, peerAssigned: status, peerElsewhere: status, peerRemoved: status });

export const ROUTE_TABLE: Record<string, Probe[]> = {
  "routes/_index": [{ method: "GET", path: () => "/", expect: SIGNED_IN_ONLY }],
  "routes/healthz": [{ method: "GET", path: () => "/healthz", expect: EVERYONE(200) }],
  "routes/sign-in": [
    // Someone already signed in is sent home.
    { method: "GET", path: () => "/sign-in", expect: { ...EVERYONE(302), anonymous: 200, disabled: 200 } },
    // A bad form is a 400; someone already signed in is sent home before the form is shown again.
    { method: "POST", path: () => "/sign-in", body: () => ({ email: "", password: "" }), expect: { ...EVERYONE(302), anonymous: 400, disabled: 400 } },
  ],
  // Without a right password first there is no challenge: everyone is sent back to sign in.
  "routes/sign-in_.code": [
    { method: "GET", path: () => "/sign-in/code", expect: EVERYONE(302) },
    { method: "POST", path: () => "/sign-in/code", body: () => ({ code: "123456" }), expect: EVERYONE(302) },
  ],
  "routes/account.two-step": [
    { method: "GET", path: () => "/account/two-step", expect: SIGNED_IN_ONLY },
    // An empty form: the person gets the form's error.
    { method: "POST", path: () => "/account/two-step", expect: { ...SIGNED_IN_ONLY, editorA: 400, dcsA: 400, editorB: 400, coordinator: 400, otherCoordinator: 400 } },
  ],
  "routes/sign-out": [
    { method: "GET", path: () => "/sign-out", expect: EVERYONE(302) },
    { method: "POST", path: () => "/sign-out", expect: EVERYONE(302) },
  ],
  "routes/session.keepalive": [
    { method: "POST", path: () => "/session/keepalive", expect: { ...EVERYONE(200), anonymous: 401, disabled: 401 } },
    { method: "GET", path: () => "/session/keepalive", expect: EVERYONE(405) },
  ],
  "routes/account.reminders": [
    { method: "GET", path: () => "/account/reminders", expect: SIGNED_IN_ONLY },
    // An empty form: the person gets the form's error.
    { method: "POST", path: () => "/account/reminders", expect: { ...SIGNED_IN_ONLY, editorA: 400, dcsA: 400, editorB: 400, coordinator: 400, otherCoordinator: 400 } },
  ],
  "routes/forgot-password": [{ method: "GET", path: () => "/forgot-password", expect: EVERYONE(200) }],
  "routes/reset-password.$token": [{ method: "GET", path: () => "/reset-password/no-such-reset-token", expect: EVERYONE(410) }],
  "routes/invitations.$token": [{ method: "GET", path: () => "/invitations/no-such-invitation-token", expect: EVERYONE(404) }],
  "routes/account.password": [
    { method: "GET", path: () => "/account/password", expect: SIGNED_IN_ONLY },
    {
      method: "POST",
      path: () => "/account/password",
      body: () => ({ currentPassword: "", password: "", confirmPassword: "" }),
      expect: { ...SIGNED_IN_ONLY, editorA: 400, dcsA: 400, editorB: 400, coordinator: 400, otherCoordinator: 400 },
    },
  ],
  "routes/authorities.$slug": [
    {
      method: "GET",
      path: (w) => `/authorities/${w.authorityA.slug}`,
      expect: { anonymous: 302, editorA: 200, dcsA: 200, editorB: 403, coordinator: 200, otherCoordinator: 403, disabled: 302 },
    },
    { method: "GET", path: () => "/authorities/no-such-authority", expect: { ...EVERYONE(404), anonymous: 302, disabled: 302 } },
  ],
  "routes/admin.people._index": [
    { method: "GET", path: () => "/admin/people", expect: COORDINATOR_ONLY },
    {
      method: "POST",
      path: () => "/admin/people",
      body: (w) => ({ intent: "change-role", membershipId: String(w.editorBMembershipId), role: "editor" }),
      // The other region's coordinator may not touch this region's people.
      expect: { ...COORDINATOR_ONLY, otherCoordinator: 403 },
    },
  ],
  "routes/admin.people.invite": [
    { method: "GET", path: () => "/admin/people/invite", expect: COORDINATOR_ONLY },
    {
      method: "POST",
      path: () => "/admin/people/invite",
      body: (w) => ({ email: "probe@example.test", role: "viewer", authority: w.authorityA.slug }),
      // The other region's coordinator cannot see authority A in their list: a field error, nothing written.
      expect: { ...COORDINATOR_ONLY, otherCoordinator: 400 },
    },
  ],
  "routes/admin.audit": [{ method: "GET", path: () => "/admin/audit?action=session.signed_in", expect: COORDINATOR_ONLY }],
  "routes/admin.audit_.csv": [{ method: "GET", path: () => "/admin/audit/csv", expect: COORDINATOR_ONLY }],
  "routes/admin.outbox": [{ method: "GET", path: () => "/admin/outbox", expect: COORDINATOR_ONLY }],
  "routes/cycles._index": [{ method: "GET", path: () => "/cycles", expect: COORDINATOR_ONLY }],
  "routes/cycles.new": [
    { method: "GET", path: () => "/cycles/new", expect: COORDINATOR_ONLY },
    // An empty form: coordinators get the form's errors, everyone else is refused first.
    { method: "POST", path: () => "/cycles/new", body: () => ({}), expect: { ...COORDINATOR_ONLY, coordinator: 400, otherCoordinator: 400 } },
  ],
  "routes/cycles.$cycleId.peer-challenge": [
    { method: "GET", path: (w) => `/cycles/${w.cycleId}/peer-challenge`, expect: { ...COORDINATOR_ONLY, otherCoordinator: 404 } },
    // An empty form: the coordinator gets the form's errors; another region's coordinator finds no such cycle.
    { method: "POST", path: (w) => `/cycles/${w.cycleId}/peer-challenge`, body: () => ({}), expect: { ...COORDINATOR_ONLY, coordinator: 400, otherCoordinator: 404 } },
    { method: "GET", path: () => "/cycles/999999/peer-challenge", expect: { ...COORDINATOR_ONLY, coordinator: 404, otherCoordinator: 404 } },
  ],
  "routes/cycles.$cycleId.offer": [
    { method: "GET", path: (w) => `/cycles/${w.earlierCycleId}/offer?q=kinship&show=request`, expect: REGION },
    { method: "GET", path: () => "/cycles/999999/offer", expect: { ...EVERYONE(404), anonymous: 302, disabled: 302 } },
  ],
  "routes/cycles.$cycleId.offer_.word": [{ method: "GET", path: (w) => `/cycles/${w.earlierCycleId}/offer/word?show=offer`, expect: REGION }],
  "routes/cycles.$cycleId.offer_.csv": [{ method: "GET", path: (w) => `/cycles/${w.earlierCycleId}/offer/csv`, expect: REGION }],
  "routes/cycles.$cycleId.offer_.$itemId": [
    { method: "GET", path: (w) => `/cycles/${w.earlierCycleId}/offer/${w.requestA}`, expect: REGION },
    // Linking is the coordinator's: this offer does not exist, so the coordinator gets the form's refusal.
    { method: "POST", path: (w) => `/cycles/${w.earlierCycleId}/offer/${w.requestA}`, body: () => ({ intent: "link", offerId: "999999" }), expect: { ...REGION, editorA: 403, dcsA: 403, editorB: 403, coordinator: 409 } },
    // Notes: the coordinator and both authorities; the link is not there for anyone else.
    {
      method: "POST",
      path: (w) => `/cycles/${w.earlierCycleId}/offer/${w.requestA}`,
      body: (w) => ({ intent: "note", linkId: String(w.linkId), body: "A note from a probe." }),
      expect: { ...LINK_PARTIES, editorA: 303, dcsA: 303, editorB: 303, coordinator: 303 },
    },
    // Stages: the coordinator only.
    {
      method: "POST",
      path: (w) => `/cycles/${w.earlierCycleId}/offer/${w.offerB}`,
      body: (w) => ({ intent: "stage", linkId: String(w.linkId), stage: "agreed" }),
      expect: { ...LINK_PARTIES, editorA: 403, dcsA: 403, editorB: 403, coordinator: 303 },
    },
  ],
  "routes/cycles.$cycleId.heatmap": [{ method: "GET", path: (w) => `/cycles/${w.earlierCycleId}/heatmap`, expect: REGION }],
  "routes/cycles.$cycleId.heatmap_.svg": [{ method: "GET", path: (w) => `/cycles/${w.earlierCycleId}/heatmap/svg`, expect: REGION }],
  "routes/authorities.$slug_.trends": [
    { method: "GET", path: (w) => `/authorities/${w.authorityB.slug}/trends`, expect: REGION },
    { method: "GET", path: () => "/authorities/no-such-authority/trends", expect: { ...EVERYONE(404), anonymous: 302, disabled: 302 } },
  ],
  "routes/cycles.$cycleId.progress": [{ method: "GET", path: (w) => `/cycles/${w.cycleId}/progress`, expect: { ...COORDINATOR_ONLY, otherCoordinator: 404 } }],
  "routes/cycles.$cycleId.progress_.csv": [{ method: "GET", path: (w) => `/cycles/${w.cycleId}/progress/csv`, expect: { ...COORDINATOR_ONLY, otherCoordinator: 404 } }],
  "routes/admin.themes": [
    { method: "GET", path: () => "/admin/themes", expect: COORDINATOR_ONLY },
    {
      method: "POST",
      path: () => "/admin/themes",
      body: (w) => ({ intent: "rename", regionId: String(w.region.id), themeId: String(w.themeId), label: "Kinship care" }),
      // Another region's coordinator may not rename this region's themes.
      expect: { ...COORDINATOR_ONLY, coordinator: 303, otherCoordinator: 403 },
    },
  ],
  "routes/assessments.$assessmentId._index": [
    // A peer assigned to the draft sees nothing of it until it is submitted.
    { method: "GET", path: (w) => `/assessments/${w.assessmentA}`, expect: { ...DRAFT_READERS, peerAssigned: 404 } },
    { method: "GET", path: (w) => `/assessments/${w.submittedA}`, expect: SUBMITTED_READERS },
    { method: "GET", path: () => "/assessments/999999", expect: { ...EVERYONE(404), anonymous: 302, disabled: 302 } },
  ],
  "routes/assessments.$assessmentId.word": [
    { method: "GET", path: (w) => `/assessments/${w.assessmentA}/word`, expect: DRAFT_READERS },
    { method: "GET", path: (w) => `/assessments/${w.submittedA}/word`, expect: SUBMITTED_READERS },
  ],
  "routes/assessments.$assessmentId.import": [
    // The authority's lead and director, on a draft; everyone else who may read it is refused.
    { method: "GET", path: (w) => `/assessments/${w.assessmentA}/import`, expect: { ...DRAFT_READERS, coordinator: 403 } },
    // No file sent: the importers get the form's message.
    { method: "POST", path: (w) => `/assessments/${w.assessmentA}/import`, expect: { ...DRAFT_READERS, editorA: 400, dcsA: 400, coordinator: 403 } },
    // Submitted: nobody imports.
    { method: "GET", path: (w) => `/assessments/${w.submittedA}/import`, expect: { ...SUBMITTED_READERS, editorA: 403, dcsA: 403, coordinator: 403, peerAssigned: 403 } },
  ],
  "routes/assessments.$assessmentId.import_.$importId": [
    // No such import of theirs: a 404 for the importers, the same refusals as above for the rest.
    { method: "GET", path: (w) => `/assessments/${w.assessmentA}/import/999999`, expect: { ...DRAFT_READERS, editorA: 404, dcsA: 404, coordinator: 403 } },
    { method: "POST", path: (w) => `/assessments/${w.assessmentA}/import/999999`, body: () => ({ field: "1a" }), expect: { ...DRAFT_READERS, editorA: 404, dcsA: 404, coordinator: 403 } },
  ],
  "routes/assessments.$assessmentId.print": [
    { method: "GET", path: (w) => `/assessments/${w.assessmentA}/print`, expect: DRAFT_READERS },
    { method: "GET", path: (w) => `/assessments/${w.submittedA}/print`, expect: SUBMITTED_READERS },
  ],
  "routes/assessments.$assessmentId.sign-off": [
    { method: "GET", path: (w) => `/assessments/${w.assessmentA}/sign-off`, expect: DRAFT_READERS },
    {
      method: "POST",
      path: (w) => `/assessments/${w.assessmentA}/sign-off`,
      body: () => ({ intent: "sign" }),
      // Only the signatories sign; the editor and the coordinator may see it but not sign.
      expect: { ...DRAFT_READERS, editorA: 403, coordinator: 403 },
    },
    { method: "GET", path: (w) => `/assessments/${w.submittedA}/sign-off`, expect: SUBMITTED_READERS },
    {
      method: "POST",
      path: (w) => `/assessments/${w.submittedA}/sign-off`,
      body: () => ({ intent: "sign", signOff: "5c" }),
      // Only the assigned peers sign the challenge.
      expect: { ...SUBMITTED_READERS, editorA: 403, dcsA: 403, coordinator: 403 },
    },
    {
      method: "POST",
      path: (w) => `/assessments/${w.submittedA}/sign-off`,
      body: () => ({ intent: "reopen" }),
      // Only the coordinator reopens, and only a signed-off challenge: this one is still open.
      expect: { ...SUBMITTED_READERS, editorA: 403, dcsA: 403, coordinator: 403, peerAssigned: 403 },
    },
  ],
  "routes/assessments.$assessmentId.sections.$sectionKey": [
    { method: "GET", path: (w) => `/assessments/${w.assessmentA}/sections/1`, expect: DRAFT_READERS },
    { method: "GET", path: (w) => `/assessments/${w.submittedA}/sections/5`, expect: SUBMITTED_READERS },
    // Comments: an empty one from someone who may comment is a 400; the coordinator reads but does not comment.
    {
      method: "POST",
      path: (w) => `/assessments/${w.submittedA}/sections/2`,
      body: () => ({ intent: "comment", form: "new", body: "" }),
      expect: { ...SUBMITTED_READERS, editorA: 400, dcsA: 400, coordinator: 403, peerAssigned: 400 },
    },
    // No comments on a draft.
    {
      method: "POST",
      path: (w) => `/assessments/${w.assessmentA}/sections/2`,
      body: () => ({ intent: "comment", form: "new", body: "" }),
      expect: { ...DRAFT_READERS, editorA: 403, dcsA: 403, coordinator: 403 },
    },
    { method: "GET", path: (w) => `/assessments/${w.assessmentA}/sections/no-such-section`, expect: { ...DRAFT_READERS, editorA: 404, dcsA: 404, coordinator: 404 } },
  ],
  "routes/assessments.$assessmentId.sections.$sectionKey_.history._index": [
    { method: "GET", path: (w) => `/assessments/${w.assessmentA}/sections/1/history`, expect: DRAFT_READERS },
    // Peers read the submitted assessment, not how it was written.
    { method: "GET", path: (w) => `/assessments/${w.submittedA}/sections/1/history`, expect: { ...SUBMITTED_READERS, peerAssigned: 403 } },
  ],
  "routes/assessments.$assessmentId.sections.$sectionKey_.history.$version": [
    { method: "GET", path: (w) => `/assessments/${w.assessmentA}/sections/1/history/1`, expect: DRAFT_READERS },
    // Restoring is editing: the coordinator reads but does not write.
    { method: "POST", path: (w) => `/assessments/${w.assessmentA}/sections/1/history/1`, expect: { ...DRAFT_READERS, editorA: 302, dcsA: 302, coordinator: 403 } },
  ],
  "routes/api.assessments.$assessmentId.sections.$sectionKey": [
    {
      method: "POST",
      path: (w) => `/api/assessments/${w.assessmentA}/sections/1`,
      json: { intent: "save" },
      // Signed-out saves get 401 (the editor keeps the text); a malformed save from an editor is a 400.
      expect: { anonymous: 401, editorA: 400, dcsA: 400, editorB: 404, coordinator: 403, otherCoordinator: 404, disabled: 401 },
    },
    {
      method: "POST",
      path: (w) => `/api/assessments/${w.submittedA}/sections/1`,
      json: { intent: "save" },
      // Submitted: nobody writes the authority's sections.
      expect: { anonymous: 401, editorA: 403, dcsA: 403, editorB: 404, coordinator: 403, otherCoordinator: 404, disabled: 401, peerAssigned: 403 },
    },
    {
      method: "POST",
      path: (w) => `/api/assessments/${w.submittedA}/sections/5`,
      json: { intent: "save" },
      // The peers write section 5 and the authority its responses there: both get past the permission to the malformed body.
      expect: { anonymous: 401, editorA: 400, dcsA: 400, editorB: 404, coordinator: 403, otherCoordinator: 404, disabled: 401, peerAssigned: 400 },
    },
    { method: "GET", path: (w) => `/api/assessments/${w.assessmentA}/sections/1`, expect: EVERYONE(405) },
  ],
};

let app: TestApp;
let world: World;
const clients = {} as Record<Role, Client>;

beforeAll(async () => {
  app = await startTestApp();
  const w = await createWorld(app.db);
  const membership = await app.db.selectFrom("memberships").select("id").where("user_id", "=", w.editorB.id).executeTakeFirstOrThrow();
  const cycle = await openTestCycle(app.db, w.region.id);
  const assessmentA = cycle.assessmentOf(w.authorityA.id);
  await saveSectionAs(app.db, w.editorA, assessmentA, "1", { "1a": doc("Alphaborough's private draft.") });
  // Last year's assessments: Alphaborough's and Betaford's submitted, each with peers assigned.
  const earlier = await openTestCycle(app.db, w.region.id);
  const submittedA = earlier.assessmentOf(w.authorityA.id);
  const submittedB = earlier.assessmentOf(w.authorityB.id);
  await app.db.updateTable("assessments").set({ status: "submitted" }).where("id", "in", [submittedA, submittedB]).execute();
  const delta = await createAuthority(app.db, w.region.id, "Deltaville");
  const peers = {
    peerAssigned: await createMember(app.db, delta.id, "dcs", "Pat Peer"),
    peerElsewhere: await createMember(app.db, delta.id, "dcs", "Els Where"),
    peerRemoved: await createMember(app.db, delta.id, "dcs", "Rem Oved"),
  };
  await assignPeer(app.db, { assessmentId: submittedA, peerAuthorityId: delta.id, userId: peers.peerAssigned.id, assignedBy: null });
  await assignPeer(app.db, { assessmentId: submittedB, peerAuthorityId: delta.id, userId: peers.peerElsewhere.id, assignedBy: null });
  await assignPeer(app.db, { assessmentId: submittedA, peerAuthorityId: w.authorityB.id, userId: peers.peerRemoved.id, assignedBy: null });
  // The regional offer of last year: A's request and B's offer, brokered.
  const item = (kind: "offer" | "request", itemKey: string, title: string) => ({
    kind,
    itemKey,
    position: 0,
    title,
    bodyText: `${title}.`,
    bodyHtml: `<p>${title}.</p>`,
    supportKind: "mentoring",
    themes: ["kinship_care"],
  });
  const submittedAt = Date.now();
  await replaceOfferItems(app.db, { assessmentId: submittedA, cycleId: earlier.cycleId, authorityId: w.authorityA.id, submittedAt }, [item("request", "r1", "Kinship care help")]);
  await replaceOfferItems(app.db, { assessmentId: submittedB, cycleId: earlier.cycleId, authorityId: w.authorityB.id, submittedAt }, [item("offer", "o1", "Kinship care framework")]);
  const itemId = async (assessmentId: number) => (await app.db.selectFrom("offer_items").select("id").where("assessment_id", "=", assessmentId).executeTakeFirstOrThrow()).id;
  const linkId = (await createLink(app.db, {
    cycleId: earlier.cycleId,
    request: { assessmentId: submittedA, itemKey: "r1" },
    offer: { assessmentId: submittedB, itemKey: "o1" },
    actorId: w.coordinator.id,
    note: "Linked.",
  }))!;
  const theme = await app.db.selectFrom("region_themes").select("id").where("region_id", "=", w.region.id).where("key", "=", "kinship_care").executeTakeFirstOrThrow();
  world = {
    ...w,
    editorBMembershipId: membership.id,
    cycleId: cycle.cycleId,
    assessmentA,
    submittedA,
    earlierCycleId: earlier.cycleId,
    requestA: await itemId(submittedA),
    offerB: await itemId(submittedB),
    linkId,
    themeId: theme.id,
  };
  clients.anonymous = new Client(app.url);
  const people: [Role, string][] = [
    ["editorA", w.editorA.email],
    ["dcsA", w.dcsA.email],
    ["editorB", w.editorB.email],
    ["coordinator", w.coordinator.email],
    ["otherCoordinator", w.otherCoordinator.email],
    ["disabled", w.disabled.email],
    ...Object.entries(peers).map(([role, person]) => [role as Role, person.email] as [Role, string]),
  ];
  for (const [role, email] of people) {
    clients[role] = new Client(app.url);
    await clients[role].signIn(email, TEST_PASSWORD);
  }
  // Disabled after signing in: their cookie must stop working.
  await disableUser(app.db, w.disabled.id);
  // Removed while signed in: access ends at once.
  await removePeer(app.db, submittedA, peers.peerRemoved.id);
});
afterAll(() => app.close());

describe("permissions table", () => {
  it("has a row for every route the app has", async () => {
    const { serverBuild } = await loadServer();
    const routeIds = Object.keys(serverBuild.routes).filter((id) => id !== "root").sort();
    expect(Object.keys(ROUTE_TABLE).sort()).toEqual(routeIds);
  });

  const cases = Object.entries(ROUTE_TABLE).flatMap(([routeId, probes]) =>
    probes.flatMap((probe) =>
      [...(Object.keys(probe.expect) as BaseRole[]), ...PEER_ROLES.filter((r) => !(r in probe.expect))].map((role) => ({ routeId, probe, role })),
    ),
  );

  // Sign-out is probed last: it ends the session the other probes use.
  const ordered = [...cases.filter((c) => c.routeId !== "routes/sign-out"), ...cases.filter((c) => c.routeId === "routes/sign-out")];

  it.each(ordered.map((c) => [c.routeId, c.probe.method, c.role, c] as const))("%s %s as %s", async (_id, _m, role, c) => {
    const client = clients[role];
    const path = c.probe.path(world);
    const response =
      c.probe.method === "GET"
        ? await client.get(path)
        : c.probe.json !== undefined
          ? await client.request(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(c.probe.json) })
          : await client.post(path, c.probe.body?.(world) ?? {});
    expect(response.status, `${c.probe.method} ${path} as ${role}`).toBe(expected(c.probe, role));
    if (response.status === 302 && (role === "anonymous" || role === "disabled") && c.routeId !== "routes/sign-out" && !c.routeId.startsWith("routes/sign-in")) {
      expect(response.headers.get("location")).toMatch(/^\/sign-in\?redirectTo=/);
    }
    if (response.status === 403 || response.status === 404) {
      const html = await response.text();
      // A denial never carries the denied authority's data: none of its members' names or addresses.
      const viewer = { editorA: world.editorA, dcsA: world.dcsA }[role as "editorA" | "dcsA"];
      for (const person of [world.editorA, world.dcsA, world.ceoA, world.memberA].filter((p) => p.id !== viewer?.id)) {
        expect(html).not.toContain(person.name);
        expect(html).not.toContain(person.email);
      }
      expect(html).not.toContain("Alphaborough's private draft");
    }
  });
});
