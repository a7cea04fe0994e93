/**
 * Comments through the real server: both sides comment and reply on a submitted assessment,
 * authors edit or delete their own for 15 minutes, the coordinator reads, and nobody who may
 * not read the section ever receives a comment's words.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

import { assignPeer } from "../app/models/peer.server";
import { doc } from "../scripts/demo-content";
import { startTestApp, type TestApp } from "./support/app";
import { Client } from "./support/client";
import { createAuthority, createMember, createWorld, openTestCycle, TEST_PASSWORD } from "./support/factories";

let app: TestApp;
let world: Awaited<ReturnType<typeof createWorld>>;
const as = {} as Record<"editorA" | "ceoA" | "peer" | "otherPeer" | "editorB" | "coordinator" | "otherCoordinator", Client>;

beforeAll(async () => {
  app = await startTestApp();
  world = await createWorld(app.db);
  const delta = await createAuthority(app.db, world.region.id, "Deltaville");
  const otherPeer = await createMember(app.db, delta.id, "dcs", "Dot Delta");
  const people = { editorA: world.editorA, ceoA: world.ceoA, peer: world.dcsB, otherPeer, editorB: world.editorB, coordinator: world.coordinator, otherCoordinator: world.otherCoordinator };
  for (const [role, person] of Object.entries(people)) {
    as[role as keyof typeof as] = new Client(app.url);
    await as[role as keyof typeof as].signIn(person.email, TEST_PASSWORD);
  }
});
afterEach(() => vi.useRealTimers());
afterAll(() => app.close());

async function submittedAssessment() {
  const cycle = await openTestCycle(app.db, world.region.id);
  const id = cycle.assessmentOf(world.authorityA.id);
  await app.db.updateTable("assessments").set({ status: "submitted" }).where("id", "=", id).execute();
  await assignPeer(app.db, { assessmentId: id, peerAuthorityId: world.authorityB.id, userId: world.dcsB.id, assignedBy: null });
  return id;
}

const comment = (client: Client, id: number, section: string, text: string, extra: Record<string, string> = {}) =>
  client.post(`/assessments/${id}/sections/${section}`, { intent: "comment", form: "new", body: JSON.stringify(doc(text)), ...extra });

async function commentRows(id: number) {
  return app.db.selectFrom("comments").selectAll().where("assessment_id", "=", id).orderBy("id").execute();
}

const text = async (response: Response) => (await response.text()).replace(/<!-- -->/g, "");

describe("comments", () => {
  it("the peers and the authority comment and reply; everyone who reads the section sees them, with counts and in the print view", async () => {
    const id = await submittedAssessment();
    expect((await comment(as.peer, id, "2", "How do you know practice improved in the front door?")).status).toBe(200);
    const [first] = await commentRows(id);
    expect((await comment(as.editorA, id, "2", "Our audits of 40 cases show it.", { form: `reply-${first!.id}`, parentId: String(first!.id) })).status).toBe(200);
    expect((await comment(as.ceoA, id, "3", "The SEND board discussed this in May.")).status).toBe(200);
    const rows = await commentRows(id);
    expect(rows.map((r) => [r.section_key, r.parent_id])).toEqual([["2", null], ["2", first!.id], ["3", null]]);

    const page = await text(await as.coordinator.get(`/assessments/${id}/sections/2`));
    expect(page).toContain("How do you know practice improved in the front door?");
    expect(page).toContain("Our audits of 40 cases show it.");
    expect(page).toContain("Comments (2)");
    expect(page).not.toContain("Add a comment");
    const overview = await text(await as.editorA.get(`/assessments/${id}`));
    expect(overview).toContain("2 comments");
    expect(overview).toContain("1 comment");
    const print = await text(await as.peer.get(`/assessments/${id}/print`));
    expect(print).toContain("Our audits of 40 cases show it.");
    expect(print).toContain("The SEND board discussed this in May.");
  });

  it("refuses comments on a draft, from the coordinator, and hostile rich text; nothing is stored", async () => {
    const cycle = await openTestCycle(app.db, world.region.id);
    const draft = cycle.assessmentOf(world.authorityA.id);
    expect((await comment(as.editorA, draft, "2", "Too early.")).status).toBe(403);
    const id = await submittedAssessment();
    expect((await comment(as.coordinator, id, "2", "Coordinators read.")).status).toBe(403);
    const hostile = await as.peer.post(`/assessments/${id}/sections/2`, {
      intent: "comment",
      form: "new",
      body: JSON.stringify({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "x", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] }] }] }),
    });
    expect(hostile.status).toBe(400);
    expect((await as.peer.post(`/assessments/${id}/sections/2`, { intent: "comment", form: "new", body: "<script>alert(1)</script>" })).status).toBe(400);
    expect(await commentRows(draft)).toEqual([]);
    expect(await commentRows(id)).toEqual([]);
  });

  it("never sends a comment's words to someone who may not read the section", async () => {
    const id = await submittedAssessment();
    await comment(as.peer, id, "2", "A candid remark about Alphaborough's front door.");
    for (const client of [as.otherPeer, as.editorB, as.otherCoordinator]) {
      for (const path of [`/assessments/${id}/sections/2`, `/assessments/${id}/print`, `/assessments/${id}`, `/assessments/${id}/sections/2?_data=routes%2Fassessments.%24assessmentId.sections.%24sectionKey`]) {
        const response = await client.get(path);
        expect(response.status, path).toBe(404);
        expect(await response.text()).not.toContain("candid remark");
      }
      const posted = await comment(client, id, "2", "Sneaking in.");
      expect(posted.status).toBe(404);
    }
    expect((await commentRows(id)).map((r) => r.author_id)).toEqual([world.dcsB.id]);
  });
  it("lets authors edit or delete their own comment for 15 minutes, and nobody else's", async () => {
    // Moving the clock ends earlier sessions: this test signs its people in afresh, and runs last.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2027-02-01T10:00:00Z"));
    for (const [role, person] of [["peer", world.dcsB], ["editorA", world.editorA]] as const) {
      as[role] = new Client(app.url);
      await as[role].signIn(person.email, TEST_PASSWORD);
    }
    const id = await submittedAssessment();
    await comment(as.peer, id, "4", "First thoughts.");
    const [mine] = await commentRows(id);
    const edit = (client: Client, body: string) =>
      client.post(`/assessments/${id}/sections/4`, { intent: "edit-comment", form: `edit-${mine!.id}`, commentId: String(mine!.id), body: JSON.stringify(doc(body)) });
    expect((await edit(as.editorA, "Not mine to change.")).status).toBe(403);
    expect((await edit(as.peer, "Second thoughts.")).status).toBe(200);
    expect((await commentRows(id))[0]!.body).toContain("Second thoughts.");

    vi.setSystemTime(new Date("2027-02-01T10:16:00Z"));
    expect((await edit(as.peer, "Too late.")).status).toBe(403);
    expect((await as.peer.post(`/assessments/${id}/sections/4`, { intent: "delete-comment", commentId: String(mine!.id) })).status).toBe(403);
    expect((await commentRows(id))[0]!.body).toContain("Second thoughts.");

    await comment(as.editorA, id, "4", "A comment to take back.");
    const taken = (await commentRows(id))[1]!;
    expect((await as.editorA.post(`/assessments/${id}/sections/4`, { intent: "delete-comment", commentId: String(taken.id) })).status).toBe(200);
    const page = await text(await as.editorA.get(`/assessments/${id}/sections/4`));
    expect(page).toContain("This comment was deleted.");
    expect(page).not.toContain("A comment to take back.");
  });

});
