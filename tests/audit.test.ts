/**
 * The audit trail through the real server: what people do is recorded with who, when and from
 * which address; the coordinator reads and filters their own region's events and downloads
 * them; another region's coordinator sees none of them; the database refuses to change them.
 */
import { parse } from "csv-parse/sync";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { doc } from "../scripts/demo-content";
import { startTestApp, type TestApp } from "./support/app";
import { Client } from "./support/client";
import { onPostgres } from "./support/database";
import { createWorld, openTestCycle, saveSectionAs, TEST_PASSWORD } from "./support/factories";

let app: TestApp;
let world: Awaited<ReturnType<typeof createWorld>>;
const text = async (response: Response) => (await response.text()).replace(/<!-- -->/g, "");
/** The rows of the audit table, without the filter's list of every kind of event. */
const tableOf = async (response: Response) => /<tbody>([\s\S]*?)<\/tbody>/.exec(await text(response))?.[1] ?? "";

beforeAll(async () => {
  app = await startTestApp();
  world = await createWorld(app.db);
});
afterAll(() => app.close());

describe("the audit trail", () => {
  it("records failed sign-ins, sign-ins and downloads with the address; the coordinator filters and downloads them; nobody else sees them", async () => {
    const cycle = await openTestCycle(app.db, world.region.id);
    const id = cycle.assessmentOf(world.authorityA.id);
    await saveSectionAs(app.db, world.editorA, id, "1", { "1a": doc("Our year.") });

    const stranger = new Client(app.url);
    expect((await stranger.post("/sign-in", { email: world.editorA.email, password: "not the password" })).status).toBe(400);
    const editor = new Client(app.url);
    await editor.signIn(world.editorA.email, TEST_PASSWORD);
    expect((await editor.get(`/assessments/${id}/word`)).status).toBe(200);

    const events = await app.db.selectFrom("audit_events").select(["action", "actor_user_id", "subject_id", "address"]).orderBy("id").execute();
    const failed = events.find((e) => e.action === "session.sign_in_failed")!;
    expect(failed).toMatchObject({ actor_user_id: null, subject_id: world.editorA.id });
    expect(failed.address).toMatch(/127\.0\.0\.1/);
    expect(events.find((e) => e.action === "assessment.exported")).toMatchObject({ actor_user_id: world.editorA.id, subject_id: String(id) });

    const coordinator = new Client(app.url);
    await coordinator.signIn(world.coordinator.email, TEST_PASSWORD);
    const all = await tableOf(await coordinator.get("/admin/audit"));
    expect(all).toContain("Failed sign-in");
    expect(all).toContain("Downloaded as Word");
    expect(all).toContain(`Edith Editor (${world.editorA.email})`);
    const failedOnly = await tableOf(await coordinator.get(`/admin/audit?action=session.sign_in_failed&person=${encodeURIComponent("edith")}`));
    expect(failedOnly).toContain("Failed sign-in");
    expect(failedOnly).toContain(`Edith Editor (${world.editorA.email})`);
    expect(failedOnly).not.toContain("Downloaded as Word");
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expect(await text(await coordinator.get(`/admin/audit?from=${tomorrow}`))).toContain("No events match.");

    const csv = parse(await text(await coordinator.get("/admin/audit/csv?action=assessment.exported")), { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(csv).toHaveLength(1);
    expect(csv[0]).toMatchObject({ Who: "Edith Editor", Email: world.editorA.email, What: "Downloaded as Word", Event: "assessment.exported", About: `assessment ${id}` });
    expect(csv[0]!["From address"]).toMatch(/127\.0\.0\.1/);

    const other = new Client(app.url);
    await other.signIn(world.otherCoordinator.email, TEST_PASSWORD);
    const theirs = await tableOf(await other.get("/admin/audit"));
    expect(theirs).not.toContain(world.editorA.email);
    expect(theirs).not.toContain("Downloaded as Word");
    expect((await editor.get("/admin/audit")).status).toBe(403);
  });

  it("cannot be changed or deleted, whatever asks", async () => {
    const before = await app.db.selectFrom("audit_events").selectAll().execute();
    expect(before.length).toBeGreaterThan(0);
    await expect(app.db.updateTable("audit_events").set({ action: "nothing.happened" }).execute()).rejects.toThrow(/The audit trail cannot be changed/);
    await expect(app.db.deleteFrom("audit_events").execute()).rejects.toThrow(/The audit trail cannot be changed/);
    // PostgreSQL can also empty a table without deleting rows one by one (SQLite has no TRUNCATE).
    if (onPostgres) await expect(sql`truncate audit_events`.execute(app.db)).rejects.toThrow(/The audit trail cannot be changed/);
    expect(await app.db.selectFrom("audit_events").selectAll().execute()).toEqual(before);
  });
});
