/**
 * Tampered requests: every form and API of the app, sent with changed ids, authority, status,
 * role, version, hidden fields or section key, by people inside and outside the authority.
 * Each is refused (4xx) and the database is exactly as it was: a dump of every table that holds
 * the product's data is compared before and after.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createLink } from "../app/models/offer-link.server";
import { replaceOfferItems } from "../app/models/offer.server";
import { assignPeer } from "../app/models/peer.server";
import { demoAssessment, doc } from "../scripts/demo-content";
import { startTestApp, type TestApp } from "./support/app";
import { Client } from "./support/client";
import { createAuthority, createMember, createWorld, openTestCycle, saveSectionAs, TEST_PASSWORD } from "./support/factories";

let app: TestApp;
let world: Awaited<ReturnType<typeof createWorld>>;
const as = {} as Record<"editorA" | "dcsA" | "memberA" | "editorB" | "coordinator" | "otherCoordinator" | "peer", Client>;
const ids = { draftA: 0, draftB: 0, submittedA: 0, cycle: 0, earlier: 0, requestA: 0, offerB: 0, linkId: 0, membershipA: 0, themeId: 0, otherTheme: 0 };

/** Tables whose rows are the product's data (sessions, throttling and the audit trail change on any visit). */
const DATA_TABLES = [
  "regions", "authorities", "users", "memberships", "coordinators", "invitations", "password_resets", "outbox", "cycles", "assessments",
  "assessment_sections", "section_versions", "signatures", "peer_assignments", "comments", "reminders_sent", "region_themes", "offer_items",
  "offer_item_themes", "offer_links", "offer_link_notes", "word_imports", "recovery_codes",
] as const;

async function dump(): Promise<string> {
  const out: Record<string, unknown[]> = {};
  for (const table of DATA_TABLES) out[table] = await app.db.selectFrom(table).selectAll().execute();
  return JSON.stringify(out);
}

beforeAll(async () => {
  app = await startTestApp();
  world = await createWorld(app.db);
  const delta = await createAuthority(app.db, world.region.id, "Deltaville");
  const peer = await createMember(app.db, delta.id, "dcs", "Pat Peer");
  const current = await openTestCycle(app.db, world.region.id);
  ids.cycle = current.cycleId;
  ids.draftA = current.assessmentOf(world.authorityA.id);
  ids.draftB = current.assessmentOf(world.authorityB.id);
  for (const [key, fields] of Object.entries(demoAssessment("Alphaborough", 1, 2026))) await saveSectionAs(app.db, world.editorA, ids.draftA, key, fields);
  const earlier = await openTestCycle(app.db, world.region.id);
  ids.earlier = earlier.cycleId;
  ids.submittedA = earlier.assessmentOf(world.authorityA.id);
  const submittedB = earlier.assessmentOf(world.authorityB.id);
  await app.db.updateTable("assessments").set({ status: "submitted", submitted_at: Date.now() }).where("id", "in", [ids.submittedA, submittedB]).execute();
  await assignPeer(app.db, { assessmentId: ids.submittedA, peerAuthorityId: delta.id, userId: peer.id, assignedBy: null });
  const item = (kind: "offer" | "request", key: string) => ({ kind, itemKey: key, position: 0, title: `${kind} ${key}`, bodyText: "x", bodyHtml: "<p>x</p>", supportKind: "mentoring", themes: ["kinship_care"] });
  await replaceOfferItems(app.db, { assessmentId: ids.submittedA, cycleId: ids.earlier, authorityId: world.authorityA.id, submittedAt: 1 }, [item("request", "r1")]);
  await replaceOfferItems(app.db, { assessmentId: submittedB, cycleId: ids.earlier, authorityId: world.authorityB.id, submittedAt: 1 }, [item("offer", "o1")]);
  const items = await app.db.selectFrom("offer_items").select(["id", "kind"]).execute();
  ids.requestA = items.find((i) => i.kind === "request")!.id;
  ids.offerB = items.find((i) => i.kind === "offer")!.id;
  ids.linkId = (await createLink(app.db, { cycleId: ids.earlier, request: { assessmentId: ids.submittedA, itemKey: "r1" }, offer: { assessmentId: submittedB, itemKey: "o1" }, actorId: world.coordinator.id, note: "Linked." }))!;
  ids.membershipA = (await app.db.selectFrom("memberships").select("id").where("user_id", "=", world.editorA.id).executeTakeFirstOrThrow()).id;
  ids.themeId = (await app.db.selectFrom("region_themes").select("id").where("region_id", "=", world.region.id).executeTakeFirstOrThrow()).id;
  await openTestCycle(app.db, world.otherRegion.id);
  ids.otherTheme = (await app.db.selectFrom("region_themes").select("id").where("region_id", "=", world.otherRegion.id).executeTakeFirstOrThrow()).id;

  const people = { editorA: world.editorA, dcsA: world.dcsA, memberA: world.memberA, editorB: world.editorB, coordinator: world.coordinator, otherCoordinator: world.otherCoordinator, peer };
  for (const [role, person] of Object.entries(people)) {
    as[role as keyof typeof as] = new Client(app.url);
    await as[role as keyof typeof as].signIn(person.email, TEST_PASSWORD);
  }
}, 120_000);
afterAll(() => app.close());

type Who = keyof typeof as;
interface Tamper {
  what: string;
  who: Who;
  path: () => string;
  form?: () => Record<string, string | string[]>;
  json?: () => unknown;
}

const save = (sectionKey: string, baseVersion: unknown, fields: unknown) => () => ({ intent: "save", baseVersion, fields, sectionKey });

const TAMPERS: Tamper[] = [
  // The save API.
  { what: "save to another authority's draft", who: "editorB", path: () => `/api/assessments/${ids.draftA}/sections/2`, json: save("2", 1, { "2a": doc("Hijack") }) },
  { what: "save with a version from the future", who: "editorA", path: () => `/api/assessments/${ids.draftA}/sections/2`, json: save("2", 999, { "2a": doc("Future") }) },
  { what: "save with a negative version", who: "editorA", path: () => `/api/assessments/${ids.draftA}/sections/2`, json: save("2", -1, { "2a": doc("Negative") }) },
  { what: "save a field of another section", who: "editorA", path: () => `/api/assessments/${ids.draftA}/sections/2`, json: save("2", 1, { "3a": doc("Wrong section") }) },
  { what: "save an unknown section", who: "editorA", path: () => `/api/assessments/${ids.draftA}/sections/9z`, json: save("9z", 0, { "9a": doc("Nowhere") }) },
  { what: "save the peers' section as the authority", who: "editorA", path: () => `/api/assessments/${ids.submittedA}/sections/5`, json: save("5", 0, { "5b": "2027-01-01" }) },
  { what: "save the authority's section as its peer", who: "peer", path: () => `/api/assessments/${ids.submittedA}/sections/1`, json: save("1", 0, { "1a": doc("Peer rewrite") }) },
  { what: "save a submitted assessment", who: "editorA", path: () => `/api/assessments/${ids.submittedA}/sections/2`, json: save("2", 0, { "2a": doc("Late edit") }) },
  { what: "save as a reader", who: "memberA", path: () => `/api/assessments/${ids.draftA}/sections/2`, json: save("2", 1, { "2a": doc("Reader") }) },
  { what: "save with a status field slipped in", who: "editorA", path: () => `/api/assessments/${ids.draftA}/sections/2`, json: () => ({ intent: "save", baseVersion: 1, fields: { "2a": doc("x") }, status: "complete" }) },
  { what: "save with __proto__ in the fields", who: "editorA", path: () => `/api/assessments/${ids.draftA}/sections/2`, json: () => JSON.parse('{"intent":"save","baseVersion":1,"fields":{"__proto__":{"admin":true}}}') },
  // Sign-off, submission and the coordinator's steps.
  { what: "sign another authority's draft", who: "editorB", path: () => `/assessments/${ids.draftA}/sign-off`, form: () => ({ intent: "sign" }) },
  { what: "sign the peers' sign-off as the authority", who: "dcsA", path: () => `/assessments/${ids.submittedA}/sign-off`, form: () => ({ intent: "sign", signOff: "5c" }) },
  { what: "sign an unknown sign-off", who: "dcsA", path: () => `/assessments/${ids.draftA}/sign-off`, form: () => ({ intent: "sign", signOff: "no-such-sign-off" }) },
  { what: "submit another authority's draft", who: "editorB", path: () => `/assessments/${ids.draftA}/sign-off`, form: () => ({ intent: "submit" }) },
  { what: "submit an unsigned draft", who: "editorA", path: () => `/assessments/${ids.draftA}/sign-off`, form: () => ({ intent: "submit" }) },
  { what: "return to draft as the authority", who: "editorA", path: () => `/assessments/${ids.submittedA}/sign-off`, form: () => ({ intent: "return", reason: "Mine" }) },
  { what: "return to draft as another region's coordinator", who: "otherCoordinator", path: () => `/assessments/${ids.submittedA}/sign-off`, form: () => ({ intent: "return", reason: "Theirs" }) },
  { what: "reopen a challenge that is not complete", who: "coordinator", path: () => `/assessments/${ids.submittedA}/sign-off`, form: () => ({ intent: "reopen" }) },
  // Comments and history.
  { what: "comment on a draft", who: "editorA", path: () => `/assessments/${ids.draftA}/sections/2`, form: () => ({ intent: "comment", form: "new", body: JSON.stringify(doc("On a draft")) }) },
  { what: "comment on another authority's assessment", who: "editorB", path: () => `/assessments/${ids.submittedA}/sections/2`, form: () => ({ intent: "comment", form: "new", body: JSON.stringify(doc("Outsider")) }) },
  { what: "delete a comment that does not exist", who: "editorA", path: () => `/assessments/${ids.submittedA}/sections/2`, form: () => ({ intent: "delete-comment", commentId: "999999" }) },
  { what: "restore in another authority's draft", who: "editorB", path: () => `/assessments/${ids.draftA}/sections/1/history/1` },
  { what: "restore a version that does not exist", who: "editorA", path: () => `/assessments/${ids.draftA}/sections/1/history/999` },
  { what: "restore as a reader", who: "memberA", path: () => `/assessments/${ids.draftA}/sections/1/history/1` },
  // Import.
  { what: "apply someone else's import", who: "editorA", path: () => `/assessments/${ids.draftA}/import/999999`, form: () => ({ field: "1a" }) },
  { what: "upload to another authority's draft", who: "editorB", path: () => `/assessments/${ids.draftA}/import` },
  // Brokering and themes.
  { what: "link as an authority", who: "editorA", path: () => `/cycles/${ids.earlier}/offer/${ids.requestA}`, form: () => ({ intent: "link", offerId: String(ids.offerB) }) },
  { what: "link to an item that is not an offer", who: "coordinator", path: () => `/cycles/${ids.earlier}/offer/${ids.requestA}`, form: () => ({ intent: "link", offerId: String(ids.requestA) }) },
  { what: "move a link as an authority", who: "editorA", path: () => `/cycles/${ids.earlier}/offer/${ids.requestA}`, form: () => ({ intent: "stage", linkId: String(ids.linkId), stage: "done" }) },
  { what: "move a link to a stage that does not exist", who: "coordinator", path: () => `/cycles/${ids.earlier}/offer/${ids.requestA}`, form: () => ({ intent: "stage", linkId: String(ids.linkId), stage: "paid" }) },
  { what: "note a link from the wrong cycle", who: "coordinator", path: () => `/cycles/${ids.cycle}/offer/${ids.requestA}`, form: () => ({ intent: "note", linkId: String(ids.linkId), body: "Wrong cycle" }) },
  { what: "note a link that does not involve you", who: "peer", path: () => `/cycles/${ids.earlier}/offer/${ids.requestA}`, form: () => ({ intent: "note", linkId: String(ids.linkId), body: "Not mine" }) },
  { what: "rename a theme as an authority", who: "editorA", path: () => "/admin/themes", form: () => ({ intent: "rename", regionId: String(world.region.id), themeId: String(ids.themeId), label: "Hijacked" }) },
  { what: "rename another region's theme", who: "coordinator", path: () => "/admin/themes", form: () => ({ intent: "rename", regionId: String(world.region.id), themeId: String(ids.otherTheme), label: "Hijacked" }) },
  { what: "rename a theme of another region as its coordinator", who: "otherCoordinator", path: () => "/admin/themes", form: () => ({ intent: "rename", regionId: String(world.region.id), themeId: String(ids.themeId), label: "Hijacked" }) },
  // People and cycles.
  { what: "make oneself coordinator", who: "editorA", path: () => "/admin/people", form: () => ({ intent: "change-role", membershipId: String(ids.membershipA), role: "coordinator" }) },
  { what: "change a role in another region", who: "otherCoordinator", path: () => "/admin/people", form: () => ({ intent: "change-role", membershipId: String(ids.membershipA), role: "viewer" }) },
  { what: "change a role to one that does not exist", who: "coordinator", path: () => "/admin/people", form: () => ({ intent: "change-role", membershipId: String(ids.membershipA), role: "admin" }) },
  { what: "disable someone in another region", who: "otherCoordinator", path: () => "/admin/people", form: () => ({ intent: "disable", userId: world.editorA.id }) },
  { what: "reset two-step sign-in of someone in another region", who: "otherCoordinator", path: () => "/admin/people", form: () => ({ intent: "reset-two-step", userId: world.editorA.id }) },
  { what: "reset the coordinator's two-step sign-in as an authority", who: "editorA", path: () => "/admin/people", form: () => ({ intent: "reset-two-step", userId: world.coordinator.id }) },
  { what: "turn off two-step sign-in as a coordinator", who: "coordinator", path: () => "/account/two-step", form: () => ({ intent: "turn-off", password: "correct horse battery" }) },
  { what: "turn on two-step sign-in with no secret set up and a guessed code", who: "editorA", path: () => "/account/two-step", form: () => ({ intent: "confirm", code: "123456" }) },
  { what: "open a cycle as an authority", who: "editorA", path: () => "/cycles/new", form: () => ({ label: "Mine", opensOn: "2027-04-01", submissionDeadline: "2027-06-30", challengeDeadline: "2027-09-30" }) },
  { what: "pair a director in another region's cycle", who: "otherCoordinator", path: () => `/cycles/${ids.cycle}/peer-challenge`, form: () => ({ intent: "pair", assessmentId: String(ids.draftA), director: `${world.authorityB.id}:${world.editorB.id}` }) },
  { what: "pair an assessment of another cycle", who: "coordinator", path: () => `/cycles/${ids.cycle}/peer-challenge`, form: () => ({ intent: "pair", assessmentId: String(ids.submittedA), director: `${world.authorityB.id}:${world.editorB.id}` }) },
];

describe("tampered requests", () => {
  it("are each refused, and leave every table of the product's data exactly as it was", async () => {
    const before = await dump();
    const answers: string[] = [];
    for (const t of TAMPERS) {
      const client = as[t.who];
      const response = t.json
        ? await client.request(t.path(), { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(t.json()) })
        : await client.post(t.path(), t.form?.() ?? {});
      answers.push(`${response.status} ${t.what}`);
      expect(response.status, `${t.who}: ${t.what}`).toBeGreaterThanOrEqual(400);
      expect(response.status, `${t.who}: ${t.what}`).toBeLessThan(500);
    }
    expect(answers).toHaveLength(TAMPERS.length);
    expect(await dump()).toBe(before);
  });
});
