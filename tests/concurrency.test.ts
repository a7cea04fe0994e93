/**
 * Workflow steps that check something and then write (a save's version check, submission's
 * completeness check, pairing's limit of two peers) sent at the same moment, through the real
 * server. On SQLite one writer makes them take turns; on PostgreSQL, where the pool runs them
 * side by side, the assessment's row lock does (app/models/assessment.server.ts:
 * lockAssessment). Either way the result is one of the orders they could have run in.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { submit, type SubmitOutcome } from "../app/assessment/workflow.server";
import { actorFor } from "../app/auth/actor.server";
import { loadAssessment, lockAssessment } from "../app/models/assessment.server";
import { readPart, writePart } from "../app/models/section.server";
import { demoAssessment, doc } from "../scripts/demo-content";
import { startTestApp, type TestApp } from "./support/app";
import { Client } from "./support/client";
import { createAuthority, createMember, createWorld, openTestCycle, TEST_PASSWORD } from "./support/factories";

let app: TestApp;
let world: Awaited<ReturnType<typeof createWorld>>;
const as = {} as Record<"editorA" | "dcsA" | "ceoA" | "memberA" | "coordinator", Client>;

beforeAll(async () => {
  app = await startTestApp();
  world = await createWorld(app.db);
  const people = { editorA: world.editorA, dcsA: world.dcsA, ceoA: world.ceoA, memberA: world.memberA, coordinator: world.coordinator };
  for (const [role, person] of Object.entries(people)) {
    as[role as keyof typeof as] = new Client(app.url);
    await as[role as keyof typeof as].signIn(person.email, TEST_PASSWORD);
  }
});
afterAll(() => app.close());

const save = (client: Client, id: number, sectionKey: string, baseVersion: number, fields: Record<string, unknown>) =>
  client.request(`/api/assessments/${id}/sections/${sectionKey}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ intent: "save", baseVersion, fields }),
  });

const FULL = demoAssessment("Alphaborough", 3, 2026);

async function partVersion(id: number, sectionKey: string) {
  const row = await app.db
    .selectFrom("assessment_sections")
    .select("version")
    .where("assessment_id", "=", id)
    .where("section_key", "=", sectionKey)
    .where("author", "=", "authority")
    .executeTakeFirst();
  return row?.version ?? 0;
}

describe("at the same moment", () => {
  it("submission and a save that empties an answer: never a submitted assessment with a gap", async () => {
    for (let round = 0; round < 6; round++) {
      const cycle = await openTestCycle(app.db, world.region.id);
      const id = cycle.assessmentOf(world.authorityA.id);
      for (const [sectionKey, fields] of Object.entries(FULL)) expect((await save(as.editorA, id, sectionKey, 0, fields)).status).toBe(200);
      for (const c of [as.dcsA, as.ceoA, as.memberA]) expect((await c.post(`/assessments/${id}/sign-off`, { intent: "sign" })).status).toBe(200);

      const base = await partVersion(id, "2");
      const [submitted, emptied] = await Promise.all([
        as.editorA.post(`/assessments/${id}/sign-off`, { intent: "submit" }),
        save(as.editorA, id, "2", base, { "2a": doc("") }),
      ]);
      const { status } = await app.db.selectFrom("assessments").select("status").where("id", "=", id).executeTakeFirstOrThrow();
      const stored = JSON.parse(
        (await app.db.selectFrom("assessment_sections").select("body").where("assessment_id", "=", id).where("section_key", "=", "2").executeTakeFirstOrThrow()).body,
      ) as Record<string, unknown>;
      if (status === "submitted") {
        // Submission went first: the save was refused and the answer is still there.
        expect(submitted.status, `round ${round}`).toBe(302);
        expect(emptied.status, `round ${round}`).toBeGreaterThanOrEqual(400);
        expect(JSON.stringify(stored["2a"])).toContain("text");
      } else {
        // The save went first: it voided the signatures, so submission found work missing.
        expect(status, `round ${round}`).toBe("draft");
        expect(emptied.status, `round ${round}`).toBe(200);
        expect(submitted.status, `round ${round}`).not.toBe(302);
      }
    }
  });

  it("submission waits for a change the assessment's lock is held for, and sees it", async () => {
    const cycle = await openTestCycle(app.db, world.region.id);
    const id = cycle.assessmentOf(world.authorityA.id);
    for (const [sectionKey, fields] of Object.entries(FULL)) expect((await save(as.editorA, id, sectionKey, 0, fields)).status).toBe(200);
    for (const c of [as.dcsA, as.ceoA, as.memberA]) expect((await c.post(`/assessments/${id}/sign-off`, { intent: "sign" })).status).toBe(200);
    const assessment = (await loadAssessment(app.db, id))!;
    const actor = (await actorFor(app.db, world.editorA.id))!;

    // A change in progress: the lock taken, then, while submission has been asked for, an answer emptied.
    let submission: Promise<SubmitOutcome> | undefined;
    await app.db.transaction().execute(async (trx) => {
      await lockAssessment(trx, id);
      submission = submit(app.db, { assessment, actor });
      await new Promise((resolve) => setTimeout(resolve, 300));
      const part = await readPart(trx, id, "2", "authority");
      await writePart(trx, { assessmentId: id, sectionKey: "2", author: "authority", fromVersion: part.version, values: { ...part.values, "2a": doc("") }, changedFields: ["2a"], actorId: world.editorA.id, at: Date.now() });
    });
    // Without the lock (on PostgreSQL) submission read the answers before the change was committed and went through.
    const outcome = await submission!;
    expect(outcome.submitted).toBe(false);
    expect((await app.db.selectFrom("assessments").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status).toBe("draft");
  });

  it("three pairings of one assessment: two peers at most", async () => {
    const directors = [{ authorityId: world.authorityB.id, userId: world.dcsB.id }];
    for (const name of ["Deltaville", "Epsilonshire"]) {
      const authority = await createAuthority(app.db, world.region.id, name);
      directors.push({ authorityId: authority.id, userId: (await createMember(app.db, authority.id, "dcs", `${name} Director`)).id });
    }
    const cycle = await openTestCycle(app.db, world.region.id);
    const id = cycle.assessmentOf(world.authorityA.id);
    const responses = await Promise.all(
      directors.map((d) =>
        as.coordinator.post(`/cycles/${cycle.cycleId}/peer-challenge`, { intent: "pair", assessmentId: String(id), director: `${d.authorityId}:${d.userId}` }),
      ),
    );
    const texts = await Promise.all(responses.map(async (r) => `${r.status} ${(await r.clone().text()).slice(0, 300)}`));
    expect(await app.db.selectFrom("peer_assignments").select("id").where("assessment_id", "=", id).execute(), texts.join("\n")).toHaveLength(2);
    expect(responses.filter((r) => r.status === 200)).toHaveLength(2);
    expect(responses.filter((r) => r.status === 400)).toHaveLength(1);
  });
});
