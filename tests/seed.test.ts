/**
 * The demo region, as the README's first command seeds it: written through the real save,
 * sign-off and pairing paths, so a newcomer finds every stage of the workflow to look at.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { assessmentProgress } from "../app/assessment/progress.server";
import { loadAssessment } from "../app/models/assessment.server";
import { seedIfEmpty } from "../scripts/seed-data";
import { startTestApp, type TestApp } from "./support/app";
import { Client } from "./support/client";

let app: TestApp;
const PASSWORD = "demo password for tests";

beforeAll(async () => {
  app = await startTestApp();
  expect(await seedIfEmpty(app.db, PASSWORD)).toBe(true);
}, 120_000);
afterAll(() => app.close());

async function assessmentsOf(label: string) {
  return app.db
    .selectFrom("assessments")
    .innerJoin("cycles", "cycles.id", "assessments.cycle_id")
    .innerJoin("authorities", "authorities.id", "assessments.authority_id")
    .select(["assessments.id", "assessments.status", "authorities.slug"])
    .where("cycles.label", "=", label)
    .execute();
}

describe("the demo region", () => {
  it("has last year complete for all 12, each signed off by its authority and both its peer directors", async () => {
    const earlier = await assessmentsOf("2025–26");
    expect(earlier).toHaveLength(12);
    for (const a of earlier) {
      expect(a.status, a.slug).toBe("complete");
      const progress = await assessmentProgress(app.db, (await loadAssessment(app.db, a.id))!);
      expect(progress.missing, a.slug).toEqual([]);
      expect(progress.states["5"], a.slug).toBe("complete");
      expect(Object.values(progress.valid).flat(), a.slug).toHaveLength(5);
    }
  });

  it("fills the regional pages: every authority's offers and requests, and ratings over the cycles with a disagreement flagged", async () => {
    for (const label of ["2024–25", "2025–26"]) {
      const ids = (await assessmentsOf(label)).map((a) => a.id);
      expect((await assessmentsOf(label)).every((a) => a.status === "complete"), label).toBe(true);
      const items = await app.db.selectFrom("offer_items").select(["kind", "authority_id"]).where("assessment_id", "in", ids).execute();
      expect(items.filter((i) => i.kind === "offer"), label).toHaveLength(36);
      expect(items.filter((i) => i.kind === "request"), label).toHaveLength(24);
    }
    const themes = await app.db.selectFrom("offer_item_themes").select("theme").distinct().execute();
    expect(themes.map((t) => t.theme)).toEqual(expect.arrayContaining(["kinship_care", "edge_of_care", "family_time", "independent_travel", "adoption", "send_quality_assurance", "workforce"]));

    const member = new Client(app.url);
    await member.signIn("member@hartlepool.example", PASSWORD);
    let flagged = 0;
    for (const slug of ["darlington", "durham", "gateshead", "hartlepool", "middlesbrough", "newcastle"]) {
      const page = (await (await member.get(`/authorities/${slug}/trends`)).text()).replace(/<!-- -->/g, "");
      expect(page).toContain("2024–25");
      if (/Says (improving|declining), but the rating went/.test(page)) flagged++;
    }
    expect(flagged).toBeGreaterThan(0);
  });

  it("has Gateshead in challenge with Durham's and Sunderland's directors, one key point written; the rest paired drafts", async () => {
    const current = await assessmentsOf("2026–27");
    const gateshead = current.find((a) => a.slug === "gateshead")!;
    expect(gateshead.status).toBe("in_challenge");
    expect(current.filter((a) => a.slug !== "gateshead").every((a) => a.status === "draft")).toBe(true);
    const pairs = await app.db.selectFrom("peer_assignments").select("assessment_id").where("assessment_id", "in", current.map((a) => a.id)).execute();
    expect(pairs).toHaveLength(24);

    // Last year's recommendations that needed action are waiting in this year's drafts.
    const darlington = current.find((a) => a.slug === "darlington")!;
    const one = await app.db.selectFrom("assessment_sections").select("body").where("assessment_id", "=", darlington.id).where("section_key", "=", "1").executeTakeFirstOrThrow();
    const carried = (JSON.parse(one.body) as { "1g"?: Array<{ recommendation: string }> })["1g"] ?? [];
    expect(carried.length).toBeGreaterThan(0);

    const durham = new Client(app.url);
    await durham.signIn("dcs@durham.example", PASSWORD);
    const home = (await (await durham.get("/")).text()).replace(/<!-- -->/g, "");
    expect(home).toContain("Assessments you are challenging");
    expect(home).toContain(`href="/assessments/${gateshead.id}"`);
    const section = await (await durham.get(`/assessments/${gateshead.id}/sections/5`)).text();
    expect(section).toContain("Caseloads at the front door");
    expect(section).toContain("Key point raised, row 1");
    const sunderland = new Client(app.url);
    await sunderland.signIn("dcs@sunderland.example", PASSWORD);
    expect((await sunderland.get(`/assessments/${gateshead.id}`)).status).toBe(200);
    const newcastle = new Client(app.url);
    await newcastle.signIn("dcs@newcastle.example", PASSWORD);
    expect((await newcastle.get(`/assessments/${gateshead.id}`)).status).toBe(404);
  });
});
