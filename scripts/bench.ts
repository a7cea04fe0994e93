/**
 * Benchmark: server time of a section save and of rendering the full read-only view of an
 * assessment holding about 60,000 characters of text. Runs the real built server on loopback
 * against a fresh SQLite file. Usage: npm run bench  (builds first).
 */
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sli-bench-"));
process.env.DATABASE_URL = path.join(dir, "bench.sqlite");
process.env.NODE_ENV = "production";

const { loadServer } = await import("./build");
const { getDb, migrateToLatest, createApp, serverBuild, closeDatabases } = await loadServer();
const { hashPassword } = await import("../app/auth/password.server");
const { createUser } = await import("../app/models/user.server");
const { openCycle } = await import("../app/models/cycle.server");
const { saveSection } = await import("../app/assessment/workflow.server");
const { actorFor } = await import("../app/auth/actor.server");
const { loadAssessment } = await import("../app/models/assessment.server");
const { findSection } = await import("../app/template/definition");
const { richTextToPlainText } = await import("../app/richtext/render.server");
const { builtInTemplate } = await import("../app/template/built-in");
const { demoAssessment, doc } = await import("./demo-content");

const db = getDb();
await migrateToLatest(db);
const t = Date.now();
const region = await db.insertInto("regions").values({ name: "Bench", slug: "bench", created_at: t }).returning("id").executeTakeFirstOrThrow();
const authority = await db.insertInto("authorities").values({ region_id: region.id, name: "Benchshire", slug: "benchshire", ons_code: "E99000001", created_at: t }).returning("id").executeTakeFirstOrThrow();
const password = "bench marks are fun";
const editor = await createUser(db, { email: "bench@example.test", name: "Bench Editor", passwordHash: await hashPassword(password) });
await db.insertInto("memberships").values({ user_id: editor.id, authority_id: authority.id, role: "editor", created_at: t }).execute();
const cycleId = (await openCycle(db, { regionId: region.id, label: "Bench", opensOn: "2026-10-01", submissionDeadline: "2027-01-31", challengeDeadline: "2027-03-31", createdBy: null, template: builtInTemplate() }))!;
const { id: assessmentId } = await db.selectFrom("assessments").select("id").where("cycle_id", "=", cycleId).executeTakeFirstOrThrow();

// Fill every section, then pad the narrative answers until the assessment holds ~60,000 characters.
const content = demoAssessment("Benchshire", 1, 2026);
const filler = "Our practice model puts relationships with children and families first, and our audits test whether plans make a difference. ";
for (const key of ["2a", "2b", "2c", "3a", "3b", "3c", "4a", "4b", "4c"]) {
  const section = key[0]!;
  content[section]![key] = doc(...Array.from({ length: 4 }, () => filler.repeat(13)));
}
const actor = (await actorFor(db, editor.id))!;
const assessment = (await loadAssessment(db, assessmentId))!;
const saveAs = (sectionKey: string, baseVersion: number, fields: Record<string, unknown>) => {
  const section = findSection(assessment.cycle.template, sectionKey)!;
  return saveSection(db, { assessment, section, author: section.author, actor, baseVersion, fields });
};
let characters = 0;
for (const [sectionKey, fields] of Object.entries(content)) {
  await saveAs(sectionKey, 0, fields);
  for (const value of Object.values(fields)) characters += JSON.stringify(value).length > 0 ? countText(value) : 0;
}
function countText(value: unknown): number {
  if (value && typeof value === "object" && (value as { type?: string }).type === "doc") return richTextToPlainText(value).length;
  if (Array.isArray(value)) return value.reduce((n: number, item) => n + countText(item), 0);
  if (value && typeof value === "object") return Object.values(value).reduce((n: number, v) => n + countText(v), 0);
  return typeof value === "string" ? value.length : 0;
}

const server = createApp(serverBuild, "production").listen(0, "127.0.0.1");
await new Promise((resolve) => server.once("listening", resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const signIn = await fetch(`${base}/sign-in`, {
  method: "POST",
  headers: { Origin: base, "Content-Type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams({ email: "bench@example.test", password }),
  redirect: "manual",
});
const cookie = signIn.headers.getSetCookie()[0]!.split(";")[0]!;

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5).toFixed(2), p95: at(0.95).toFixed(2), max: sorted[sorted.length - 1]!.toFixed(2) };
}

// 1. A section save over HTTP (the autosave path): a ~6,000-character answer in section 2.
const saveTimes: number[] = [];
let version = (await db.selectFrom("assessment_sections").select("version").where("assessment_id", "=", assessmentId).where("section_key", "=", "2").executeTakeFirstOrThrow()).version;
for (let i = 0; i < 60; i++) {
  const body = JSON.stringify({ intent: "save", baseVersion: version, fields: { "2a": doc(...Array.from({ length: 4 }, () => filler.repeat(13)), `Edit ${i}`) } });
  const started = performance.now();
  const response = await fetch(`${base}/api/assessments/${assessmentId}/sections/2`, { method: "POST", headers: { Origin: base, Cookie: cookie, "Content-Type": "application/json" }, body });
  const result = (await response.json()) as { version: number };
  if (i >= 10) saveTimes.push(performance.now() - started);
  version = result.version;
}

// 2. The same save without HTTP: the model's transaction alone.
const modelTimes: number[] = [];
for (let i = 0; i < 60; i++) {
  const started = performance.now();
  const outcome = await saveAs("2", version, { "2a": doc(filler.repeat(44), `Model ${i}`) });
  if (i >= 10) modelTimes.push(performance.now() - started);
  if (outcome.ok) version = outcome.version;
}

// 3. The full read-only view of the whole assessment.
const renderTimes: number[] = [];
let bytes = 0;
for (let i = 0; i < 40; i++) {
  const started = performance.now();
  const response = await fetch(`${base}/assessments/${assessmentId}/print`, { headers: { Cookie: cookie } });
  const html = await response.text();
  if (i >= 5) renderTimes.push(performance.now() - started);
  bytes = html.length;
}

console.log(`Assessment text: ${characters.toLocaleString("en-GB")} characters across ${Object.keys(content).length} sections`);
console.log("Times in milliseconds, on loopback, after warm-up:");
console.table({
  "section save, HTTP round trip (50 saves)": stats(saveTimes),
  "section save, model transaction only (50)": stats(modelTimes),
  [`full read-only view, HTTP (35 renders, ${Math.round(bytes / 1024)} KiB)`]: stats(renderTimes),
});
server.close();
await closeDatabases();
fs.rmSync(dir, { recursive: true, force: true });
