/**
 * Benchmark: server time of a section save and of rendering the full read-only view of an
 * assessment holding about 60,000 characters of text; then the regional pages (offer board,
 * search, heatmap) on a generated region of 153 authorities × 5 cycles with 10 offers and
 * requests each, against the sign-in page in the same run. Runs the real built server on
 * loopback against a fresh SQLite file, or a fresh database on the PostgreSQL server that
 * BENCH_DATABASE_URL names (postgres://user@host:5432/postgres: databases are made and dropped
 * there). Usage: npm run bench  (builds first); npm run bench -- --quick for a small region and
 * fewer runs.
 */
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sli-bench-"));
const benchServer = process.env.BENCH_DATABASE_URL?.trim() || undefined;
const { createServerDatabase } = await import("./fresh-database");
const made: Array<{ url: string; drop(): Promise<void> }> = [];
/** A new, empty database for one part of the benchmark: a file in `dir`, or a database on the BENCH_DATABASE_URL server. */
async function benchDatabase(label: string): Promise<string> {
  if (!benchServer) return path.join(dir, `${label}.sqlite`);
  const database = await createServerDatabase(benchServer, `sli_bench_${label}`);
  made.push(database);
  return database.url;
}
process.env.DATABASE_URL = await benchDatabase("bench");
process.env.NODE_ENV = "production";
// Production requires the address emailed links start with; the benchmark sends no email.
process.env.APP_URL ??= "http://localhost:3000";
const databaseName = benchServer ? `PostgreSQL at ${new URL(benchServer).host}` : "SQLite";

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
const { afterBulkWrite, compactedSize, databaseSize } = await import("../db/dialect.server");

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
const { runLoad, signIn, concurrentPosts, startProductionServer } = await import("./bench-load");
const cookie = await signIn(base, "bench@example.test", password);

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

// 3b. Word: the whole assessment exported over HTTP, and the exported file read for import
// (the parse, placement and checks of every field) and uploaded to the preview over HTTP.
const { interpretBlocks, readDocxSafely } = await import("../app/word/import/import.server");
const exportTimes: number[] = [];
let docxBytes = new Uint8Array();
// Memory while exporting: the process's resident size sampled every few milliseconds, against before.
globalThis.gc?.();
const rssBefore = process.memoryUsage().rss;
let rssPeak = rssBefore;
const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 2);
for (let i = 0; i < 25; i++) {
  const started = performance.now();
  const response = await fetch(`${base}/assessments/${assessmentId}/word`, { headers: { Cookie: cookie } });
  docxBytes = new Uint8Array(await response.arrayBuffer());
  if (i >= 5) exportTimes.push(performance.now() - started);
}
clearInterval(sampler);
// The largest assessment the template allows: every rich-text answer at its limit.
const largestCycle = (await openCycle(db, { regionId: region.id, label: "Bench largest", opensOn: "2026-09-01", submissionDeadline: "2027-01-31", challengeDeadline: "2027-03-31", createdBy: null, template: builtInTemplate() }))!;
const largestId = (await db.selectFrom("assessments").select("id").where("cycle_id", "=", largestCycle).executeTakeFirstOrThrow()).id;
const largest = (await loadAssessment(db, largestId))!;
const largestContent = demoAssessment("Benchshire", 2, 2026);
let largestCharacters = 0;
for (const section of largest.cycle.template.sections) {
  if (section.author !== "authority") continue;
  for (const field of section.fields) {
    if (field.kind !== "richText") continue;
    const limit = field.maxChars ?? 50_000;
    const paragraph = filler.repeat(8).slice(0, 990);
    const count = Math.floor(limit / 1000);
    (largestContent[section.key] ??= {})[field.key] = doc(...Array.from({ length: count }, () => paragraph));
    largestCharacters += count * paragraph.length;
  }
}
for (const [sectionKey, fields] of Object.entries(largestContent)) {
  const section = findSection(largest.cycle.template, sectionKey)!;
  const saved = await saveSection(db, { assessment: largest, section, author: section.author, actor, baseVersion: 0, fields });
  if (!saved.ok) throw new Error(`Could not fill section ${sectionKey}`);
}
globalThis.gc?.();
const largestRssBefore = process.memoryUsage().rss;
let largestRssPeak = largestRssBefore;
const largestSampler = setInterval(() => (largestRssPeak = Math.max(largestRssPeak, process.memoryUsage().rss)), 2);
const largestTimes: number[] = [];
let largestBytes = 0;
for (let i = 0; i < 8; i++) {
  const started = performance.now();
  const response = await fetch(`${base}/assessments/${largestId}/word`, { headers: { Cookie: cookie } });
  largestBytes = (await response.arrayBuffer()).byteLength;
  if (i >= 2) largestTimes.push(performance.now() - started);
}
clearInterval(largestSampler);

const importTimes: number[] = [];
let fieldsFound = 0;
for (let i = 0; i < 25; i++) {
  const started = performance.now();
  // The bench's editor writes the authority's sections.
  fieldsFound = interpretBlocks(assessment.cycle.template, await readDocxSafely(docxBytes), "authority").fields.filter((f) => f.value !== undefined).length;
  if (i >= 5) importTimes.push(performance.now() - started);
}
const uploadTimes: number[] = [];
for (let i = 0; i < 15; i++) {
  const form = new FormData();
  form.append("document", new Blob([docxBytes as Uint8Array<ArrayBuffer>]), "bench.docx");
  const started = performance.now();
  const response = await fetch(`${base}/assessments/${assessmentId}/import`, { method: "POST", headers: { Origin: base, Cookie: cookie }, body: form, redirect: "manual" });
  if (response.status !== 303) throw new Error(`Upload answered ${response.status}`);
  if (i >= 5) uploadTimes.push(performance.now() - started);
}
const MiB = 1024 * 1024;

// 4. The regional pages on a generated region: 153 authorities × 5 cycles, every assessment
// submitted with its ratings and 10 offers and requests (5 of each) in the regional offer.
const quick = process.argv.includes("--quick");
const AUTHORITIES = quick ? 20 : 153;
const CYCLES = 5;
const { replaceOfferItems, countBoard, listBoard } = await import("../app/models/offer.server");
const { searchOf } = await import("../app/regional/search-query");
const { renderRichText } = await import("../app/richtext/render.server");
const template = builtInTemplate();
const generatedStarted = performance.now();
const gen = await db.insertInto("regions").values({ name: "Generated", slug: "generated", created_at: t }).returningAll().executeTakeFirstOrThrow();
const coordinator = await createUser(db, { email: "gen-coordinator@example.test", name: "Gen Coordinator", passwordHash: await hashPassword(password) });
await db.insertInto("coordinators").values({ user_id: coordinator.id, region_id: gen.id, created_at: t }).execute();
await db.transaction().execute(async (trx) => {
  for (let i = 0; i < AUTHORITIES; i++) {
    await trx.insertInto("authorities").values({ region_id: gen.id, name: `Authority ${String(i + 1).padStart(3, "0")}`, slug: `gen-${i + 1}`, ons_code: `E98${String(i).padStart(6, "0")}`, created_at: t }).execute();
  }
});
const PHRASES = [
  "kinship care assessment framework", "edge of care rapid response", "family time centre", "independent travel training", "regional adoption agency",
  "EHCP quality assurance panel", "social work recruitment campaign", "front door multi-agency huddle", "care leavers apprenticeships", "exploitation hub",
  "attendance support team", "performance insight dashboard", "domestic abuse practice model", "young inspectors", "foster carer recruitment",
];
const THEME_KEYS = template.themes.map((o) => o.value);
const SUPPORT = template.supportKinds.map((o) => o.value);
const AREA_KEYS = ["leadership", "performance", "outcomes", "voice", "commissioning", "resources", "partnership"];
const RATING_KEYS = ["good_practice", "improving_practice", "further_development", "priority_focus"];
const DIRECTION_KEYS = ["improving", "stable", "declining"];
let generatedCycle = 0;
for (let c = 0; c < CYCLES; c++) {
  const year = 2022 + c;
  generatedCycle = (await openCycle(db, { regionId: gen.id, label: `${year}–${String(year + 1).slice(2)}`, opensOn: `${year}-04-01`, submissionDeadline: `${year}-06-30`, challengeDeadline: `${year}-09-30`, createdBy: null, template }))!;
  const rows = await db.selectFrom("assessments").select(["id", "authority_id"]).where("cycle_id", "=", generatedCycle).execute();
  await db.transaction().execute(async (trx) => {
    for (const [n, a] of rows.entries()) {
      const ratings = Object.fromEntries(AREA_KEYS.map((area, k) => [area, { rating: RATING_KEYS[(n + k + c) % 4], direction: DIRECTION_KEYS[(n * 3 + k) % 3] }]));
      await trx.insertInto("assessment_sections").values({ assessment_id: a.id, section_key: "1", author: "authority", version: 1, body: JSON.stringify({ "1f": ratings }), updated_by: null, updated_at: t }).execute();
      await trx.updateTable("assessments").set({ status: "submitted", submitted_at: t }).where("id", "=", a.id).execute();
      const items = Array.from({ length: 10 }, (_, k) => {
        const phrase = PHRASES[(n * 7 + k * 3 + c) % PHRASES.length]!;
        const other = PHRASES[(n + k * 5 + 2) % PHRASES.length]!;
        const text = `Our ${phrase} has changed how we work with children and families. We can share materials, host visits and mentor managers; it links closely with our ${other}. ${filler}`;
        return {
          kind: (k < 5 ? "offer" : "request") as "offer" | "request",
          itemKey: `g${k}`,
          position: k,
          title: `${k < 5 ? "" : "Help with "}${phrase}`.replace(/^./, (ch) => ch.toUpperCase()),
          bodyText: text,
          bodyHtml: renderRichText(doc(text)),
          supportKind: SUPPORT[(n + k) % SUPPORT.length]!,
          themes: [THEME_KEYS[(n + k) % THEME_KEYS.length]!, THEME_KEYS[(n * 2 + k + 5) % THEME_KEYS.length]!],
        };
      });
      await replaceOfferItems(trx, { assessmentId: a.id, cycleId: generatedCycle, authorityId: a.authority_id, submittedAt: t }, items);
    }
  });
}
const generatedMs = performance.now() - generatedStarted;
const itemCount = Number((await db.selectFrom("offer_items").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
const genCookie = await signIn(base, "gen-coordinator@example.test", password);
async function timePage(path: string, runs: number, withCookie = true): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs + 10; i++) {
    const started = performance.now();
    const response = await fetch(`${base}${path}`, { headers: withCookie ? { Cookie: genCookie } : {} });
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
    await response.text();
    if (i >= 10) times.push(performance.now() - started);
  }
  return times;
}
const RUNS = quick ? 30 : 200;
const signInPage = await timePage("/sign-in", RUNS, false);
const boardPage = await timePage(`/cycles/${generatedCycle}/offer`, RUNS);
const searchPage = await timePage(`/cycles/${generatedCycle}/offer?q=kinship+care`, RUNS);
const filteredSearch = await timePage(`/cycles/${generatedCycle}/offer?q=travel*&show=request&theme=${THEME_KEYS[3]}`, RUNS);
const heatmapPage = await timePage(`/cycles/${generatedCycle}/heatmap`, RUNS);
const searchQuery: number[] = [];
for (let i = 0; i < RUNS + 10; i++) {
  const started = performance.now();
  const filter = { cycleId: generatedCycle, search: searchOf("kinship care") };
  await countBoard(db, filter);
  await listBoard(db, filter, { limit: 20, offset: 0 });
  if (i >= 10) searchQuery.push(performance.now() - started);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ratio = (xs: number[]) => (median(xs) / median(signInPage)).toFixed(1);

// 4b. Load: the production server as deployed, driven at 10 connections (scripts/bench-load.ts).
// Every generated assessment gets the bench assessment's ~60,000 characters; a "Live" cycle of
// drafts gives 10 editors in 10 authorities a section each to save; the bench assessment's
// sections get 200 history entries each, and section 3 gets 5,000 (500 with --quick).
const { sql } = await import("kysely");
const loadStarted = performance.now();
const liveCycle = (await openCycle(db, { regionId: gen.id, label: "Live", opensOn: "2026-10-01", submissionDeadline: "2027-06-30", challengeDeadline: "2027-09-30", createdBy: null, template }))!;
await sql`insert into assessment_sections (assessment_id, section_key, author, version, body, updated_by, updated_at)
  select a.id, s.section_key, s.author, 1, s.body, null, ${t}
  from assessments a join cycles c on c.id = a.cycle_id, assessment_sections s
  where c.region_id = ${gen.id} and s.assessment_id = ${assessmentId} and s.section_key <> '1'
  on conflict do nothing`.execute(db);
const HISTORY_PER_SECTION = 200;
const LONG_HISTORY = quick ? 500 : 5000;
const benchParts = await db.selectFrom("assessment_sections").select(["section_key", "author", "version", "body"]).where("assessment_id", "=", assessmentId).execute();
const topVersion = Math.max(...(await db.selectFrom("section_versions").select("version").where("assessment_id", "=", assessmentId).execute()).map((v) => v.version), 0);
await db.transaction().execute(async (trx) => {
  for (const part of benchParts) {
    const count = part.section_key === "3" && part.author === "authority" ? LONG_HISTORY : HISTORY_PER_SECTION;
    for (let from = 0; from < count; from += 500) {
      const batch = Array.from({ length: Math.min(500, count - from) }, (_, i) => ({
        assessment_id: assessmentId,
        section_key: part.section_key,
        author: part.author,
        version: topVersion + 1 + from + i,
        body: part.body,
        changed_fields: JSON.stringify(Object.keys(JSON.parse(part.body) as object).slice(0, 1)),
        restored_from: null,
        author_id: editor.id,
        created_at: t - (count - from - i) * 60_000,
        note: null,
      }));
      await trx.insertInto("section_versions").values(batch).execute();
    }
    await trx.updateTable("assessment_sections").set({ version: topVersion + count + 1 }).where("assessment_id", "=", assessmentId).where("section_key", "=", part.section_key).where("author", "=", part.author).execute();
  }
});
const liveDrafts = await db.selectFrom("assessments").select(["id", "authority_id"]).where("cycle_id", "=", liveCycle).orderBy("id").limit(10).execute();
const liveEditors: Array<{ email: string; assessmentId: number }> = [];
for (const [i, draft] of liveDrafts.entries()) {
  const person = await createUser(db, { email: `live-editor-${i + 1}@example.test`, name: `Live Editor ${i + 1}`, passwordHash: await hashPassword(password) });
  await db.insertInto("memberships").values({ user_id: person.id, authority_id: draft.authority_id, role: "editor", created_at: t }).execute();
  liveEditors.push({ email: person.email, assessmentId: draft.id });
}
await afterBulkWrite(db);
const loadPrepMs = performance.now() - loadStarted;
const load = await runLoad({
  databaseUrl: process.env.DATABASE_URL!,
  seconds: quick ? 1 : 8,
  targets: async (server) => {
    const editorCookie = await signIn(server, "bench@example.test", password);
    const coordinatorCookie = await signIn(server, "gen-coordinator@example.test", password);
    return [
      { name: "sign-in page (the baseline)", path: "/sign-in" },
      { name: "home, signed in", path: "/", cookie: editorCookie },
      { name: "assessment overview", path: `/assessments/${assessmentId}`, cookie: editorCookie },
      { name: "section 2 editor page", path: `/assessments/${assessmentId}/sections/2`, cookie: editorCookie },
      { name: "full read-only view", path: `/assessments/${assessmentId}/print`, cookie: editorCookie },
      { name: `history page (${LONG_HISTORY.toLocaleString("en-GB")} versions)`, path: `/assessments/${assessmentId}/sections/3/history`, cookie: editorCookie },
      { name: "regional offer board", path: `/cycles/${generatedCycle}/offer`, cookie: coordinatorCookie },
      { name: "board searched: kinship care", path: `/cycles/${generatedCycle}/offer?q=kinship+care`, cookie: coordinatorCookie },
      { name: "ratings heatmap", path: `/cycles/${generatedCycle}/heatmap`, cookie: coordinatorCookie },
      { name: "Word export", path: `/assessments/${assessmentId}/word`, cookie: editorCookie },
    ];
  },
  editors: async (server) =>
    Promise.all(
      liveEditors.map(async (e) => ({
        cookie: await signIn(server, e.email, password),
        assessmentId: e.assessmentId,
        sectionKey: "2",
        fieldKey: "2a",
        version: 1,
      })),
    ),
  saveText: (n) => doc(...Array.from({ length: 4 }, () => filler.repeat(13)), `Save ${n}`),
  extra: async (server) => {
    const uploader = await signIn(server, "bench@example.test", password);
    return [
      await concurrentPosts("Word import: upload to preview", quick ? 1 : 8, () => {
        const form = new FormData();
        form.append("document", new Blob([docxBytes as Uint8Array<ArrayBuffer>]), "bench.docx");
        return fetch(`${server}/assessments/${assessmentId}/import`, { method: "POST", headers: { Origin: server, Cookie: uploader }, body: form, redirect: "manual" });
      }, 303),
    ];
  },
});
const databaseBytes = await databaseSize(db);

// 5. History: a simulated working day of one person typing, an autosave every 20 seconds,
// moving to the next answer every 15 minutes, into a fresh database each: with every save kept
// as its own history entry (the old behaviour), and with saves minutes apart folded into one.
const { openDatabase, databaseFromEnv } = await import("../db/connection.server");

// 6. What the browser downloads (gzipped JavaScript of a page: the entry, the root and the
// page's own modules with their imports), and a cold start: a fresh process migrating an empty
// database until /healthz answers.
const zlib = await import("node:zlib");
function gzippedJs(routeId: string): number {
  const assets = serverBuild.assets;
  // The route manifest is a file of its own, loaded by every page.
  const files = new Set<string>([assets.url, assets.entry.module, ...assets.entry.imports]);
  for (const id of ["root", routeId]) {
    const route = assets.routes[id]!;
    files.add(route.module);
    for (const more of route.imports ?? []) files.add(more);
  }
  let total = 0;
  for (const file of files) total += zlib.gzipSync(fs.readFileSync(path.join("public", file))).length;
  return total;
}
const editorJsKiB = gzippedJs("routes/assessments.$assessmentId.sections.$sectionKey") / 1024;
const plainJsKiB = gzippedJs("routes/_index") / 1024;
const coldStarted = performance.now();
const cold = await startProductionServer(await benchDatabase("cold"));
const coldStartMs = performance.now() - coldStarted;
await cold.stop();

// 7. A 200 MB chunked body to the production server, signed out and signed in (issue 19, F1).
const { hugeBodyFigures } = await import("./bench-bodies");
const hugeBodies = await hugeBodyFigures(process.env.DATABASE_URL!, { email: "bench@example.test", password, assessmentId, sectionKey: "2" });
async function simulatedDay(foldSeconds: number) {
  process.env.HISTORY_FOLD_SECONDS = String(foldSeconds);
  const dayDb = openDatabase(databaseFromEnv({ DATABASE_URL: await benchDatabase(`day_${foldSeconds}`) }));
  await migrateToLatest(dayDb);
  const r = await dayDb.insertInto("regions").values({ name: "Day", slug: "day", created_at: t }).returning("id").executeTakeFirstOrThrow();
  const a = await dayDb.insertInto("authorities").values({ region_id: r.id, name: "Dayshire", slug: "dayshire", ons_code: "E97000001", created_at: t }).returning("id").executeTakeFirstOrThrow();
  const typist = await createUser(dayDb, { email: "typist@example.test", name: "Tess Typist", passwordHash: "not used" });
  await dayDb.insertInto("memberships").values({ user_id: typist.id, authority_id: a.id, role: "editor", created_at: t }).execute();
  const dayCycle = (await openCycle(dayDb, { regionId: r.id, label: "Day", opensOn: "2026-10-01", submissionDeadline: "2027-01-31", challengeDeadline: "2027-03-31", createdBy: null, template: builtInTemplate() }))!;
  const dayAssessment = (await loadAssessment(dayDb, (await dayDb.selectFrom("assessments").select("id").where("cycle_id", "=", dayCycle).executeTakeFirstOrThrow()).id))!;
  const dayActor = (await actorFor(dayDb, typist.id))!;
  const fields = dayAssessment.cycle.template.sections.filter((s) => s.author === "authority").flatMap((s) => s.fields.filter((f) => f.kind === "richText").map((f) => ({ section: s, field: f })));
  const realNow = Date.now;
  let clock = Date.parse("2026-11-24T09:00:00Z");
  Date.now = () => clock;
  const texts = new Map<string, string[]>();
  let saves = 0;
  try {
    for (let second = 0; second < (quick ? 2 : 8) * 3600; second += 20) {
      clock += 20_000;
      const { section, field } = fields[Math.floor(second / 900) % fields.length]!;
      const sentences = texts.get(field.key) ?? [];
      sentences.push(`At ${second} seconds we added a sentence about what our audits show and what we will do next.`);
      texts.set(field.key, sentences);
      const version = (await readPart(dayDb, dayAssessment.id, section.key, "authority")).version;
      const outcome = await saveSection(dayDb, { assessment: dayAssessment, section, author: "authority", actor: dayActor, baseVersion: version, fields: { [field.key]: doc(...sentences) } });
      if (!outcome.ok) throw new Error("simulated save conflicted");
      saves++;
    }
  } finally {
    Date.now = realNow;
  }
  const entries = Number((await dayDb.selectFrom("section_versions").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
  const bytes = await compactedSize(dayDb);
  await dayDb.destroy();
  return { saves, entries, bytes };
}
const { readPart } = await import("../app/models/section.server");
const everySave = await simulatedDay(0);
const folded = await simulatedDay(300);
delete process.env.HISTORY_FOLD_SECONDS;

console.log(`Database: ${databaseName}.`);
console.log(`Assessment text: ${characters.toLocaleString("en-GB")} characters across ${Object.keys(content).length} sections`);
console.log("Times in milliseconds, on loopback, after warm-up:");
console.table({
  "section save, HTTP round trip (50 saves)": stats(saveTimes),
  "section save, model transaction only (50)": stats(modelTimes),
  [`full read-only view, HTTP (35 renders, ${Math.round(bytes / 1024)} KiB)`]: stats(renderTimes),
});
console.log(`Word: the assessment above as .docx (${Math.round(docxBytes.length / 1024)} KiB); ${fieldsFound} fields read back from it. Memory while exporting (the whole process: server, app and benchmark): ${(rssBefore / MiB).toFixed(0)} MiB before, ${(rssPeak / MiB).toFixed(0)} MiB at most, so the export needs about ${((rssPeak - rssBefore) / MiB).toFixed(0)} MiB.`);
console.log(
  `The largest assessment (every rich-text answer at its limit, ${largestCharacters.toLocaleString("en-GB")} characters, ${Math.round(largestBytes / 1024)} KiB as .docx): ${(largestRssBefore / MiB).toFixed(0)} MiB before, ${(largestRssPeak / MiB).toFixed(0)} MiB at most while exporting (about ${((largestRssPeak - largestRssBefore) / MiB).toFixed(0)} MiB for the export).`,
);
console.table({
  "export to Word, HTTP (20 downloads)": stats(exportTimes),
  "export of the largest assessment, HTTP (6)": stats(largestTimes),
  "import: read (in a worker), place and check the .docx (20)": stats(importTimes),
  "import: upload to preview, HTTP (10)": stats(uploadTimes),
});
console.log("Targets: export < 1.5 s and < 300 MB.");
console.log(
  `Regional pages: ${AUTHORITIES} authorities × ${CYCLES} cycles, ${itemCount.toLocaleString("en-GB")} offers and requests (generated in ${(generatedMs / 1000).toFixed(1)} s); ${RUNS} requests each, one cycle's pages:`,
);
console.table({
  "sign-in page (the baseline)": { ...stats(signInPage), "× sign-in": "1.0" },
  "regional offer board, page 1": { ...stats(boardPage), "× sign-in": ratio(boardPage) },
  "board searched: kinship care": { ...stats(searchPage), "× sign-in": ratio(searchPage) },
  "board searched and filtered": { ...stats(filteredSearch), "× sign-in": ratio(filteredSearch) },
  "ratings heatmap": { ...stats(heatmapPage), "× sign-in": ratio(heatmapPage) },
  "search query alone (count + page)": { ...stats(searchQuery), "× sign-in": ratio(searchQuery) },
});
console.log("Targets: board p50 < 60 ms, search p50 < 15 ms.");
console.log(
  `JavaScript, gzipped: the section editor page ${editorJsKiB.toFixed(0)} KiB, a plain page (home) ${plainJsKiB.toFixed(0)} KiB. Cold start (migrate an empty database, answer /healthz): ${coldStartMs.toFixed(0)} ms.`,
);
console.log(`History after a simulated ${quick ? "two hours" : "day"} of one person typing (${everySave.saves} autosaves across every answer):`);
console.table({
  "every save its own entry (before)": { "history entries": everySave.entries, "database size": `${(everySave.bytes / 1024 / 1024).toFixed(1)} MiB` },
  "saves minutes apart folded (now)": { "history entries": folded.entries, "database size": `${(folded.bytes / 1024 / 1024).toFixed(1)} MiB` },
});

console.log(
  `Load: the production server alone (${load.serverProcess}), autocannon with 10 connections for ${quick ? 1 : 8} s per page after warm-up; ` +
    `${AUTHORITIES} authorities × ${CYCLES + 1} cycles, each assessment ~${Math.round(characters / 1000)},000 characters (prepared in ${(loadPrepMs / 1000).toFixed(1)} s). ` +
    "Ratio: requests per second against the sign-in page's in this run.",
);
console.table(
  Object.fromEntries(
    load.rows.map((r) => [
      r.name,
      { "p50 ms": r.p50.toFixed(1), "p99 ms": r.p99.toFixed(1), "req/s": Math.round(r.requestsPerSecond), "× sign-in": r.ratio === null ? "" : r.ratio.toFixed(2), requests: r.requests, "server MiB": Math.round(r.rssPeakMiB ?? 0) },
    ]),
  ),
);
console.log(
  `Server resident memory: ${load.rssAtRestMiB.toFixed(0)} MiB at rest, ${load.rssPeakMiB.toFixed(0)} MiB at most under load, ${load.rssEndMiB.toFixed(0)} MiB at the end. Database: ${(databaseBytes / MiB).toFixed(0)} MiB.`,
);
console.log("Targets: overview ≥ 0.6, editor page ≥ 0.4, full view ≥ 0.3 × sign-in; save p50 < 15 ms, p99 < 60 ms; history p50 < 50 ms; memory < 250 MB; editor JS < 250 KB, plain < 100 KB gzipped; cold start < 3 s.");
console.log("Huge request bodies: the server stops reading at its limit (64 KB signed out, 2 MB signed in) and answers at once; memory of the server process:");
console.table(
  Object.fromEntries(
    hugeBodies.map((r) => [
      r.name,
      { status: r.status ?? "none", "MiB sent": r.sentMiB.toFixed(1), "answer ms": r.answerMs.toFixed(0), "server MiB before": Math.round(r.rssBeforeMiB), "server MiB at most": Math.round(r.rssPeakMiB) },
    ]),
  ),
);

// The same figures as JSON, kept (git-ignored) so runs can be compared.
const record = {
  at: new Date().toISOString(),
  quick,
  database: benchServer ? "postgres" : "sqlite",
  node: process.version,
  save: { http: stats(saveTimes), model: stats(modelTimes) },
  fullView: { ...stats(renderTimes), kib: Math.round(bytes / 1024) },
  word: {
    export: stats(exportTimes),
    exportLargest: { ...stats(largestTimes), characters: largestCharacters, extraMiB: Math.round((largestRssPeak - largestRssBefore) / MiB) },
    importRead: stats(importTimes),
    importUpload: stats(uploadTimes),
  },
  regional: {
    authorities: AUTHORITIES,
    items: itemCount,
    signIn: stats(signInPage),
    board: { ...stats(boardPage), ratio: ratio(boardPage) },
    search: { ...stats(searchPage), ratio: ratio(searchPage) },
    searchFiltered: { ...stats(filteredSearch), ratio: ratio(filteredSearch) },
    heatmap: { ...stats(heatmapPage), ratio: ratio(heatmapPage) },
    searchQuery: stats(searchQuery),
  },
  history: { everySave, folded },
  javascriptKiB: { editor: Math.round(editorJsKiB), plain: Math.round(plainJsKiB) },
  coldStartMs: Math.round(coldStartMs),
  load: { ...load, databaseMiB: Math.round(databaseBytes / MiB), seconds: quick ? 1 : 8 },
  hugeBodies,
};
const resultsDir = path.join(process.cwd(), "bench-results");
fs.mkdirSync(resultsDir, { recursive: true });
const resultFile = path.join(resultsDir, `${record.at.replace(/[:.]/g, "-")}${benchServer ? "-postgres" : ""}${quick ? "-quick" : ""}.json`);
fs.writeFileSync(resultFile, JSON.stringify(record, null, 2));
console.log(`Written to ${path.relative(process.cwd(), resultFile)}`);

server.close();
await closeDatabases();
// BENCH_KEEP=1 keeps the generated database to look into afterwards.
if (process.env.BENCH_KEEP === "1") console.log(`Kept ${benchServer ? made.map((d) => d.url).join(", ") : dir}`);
else {
  fs.rmSync(dir, { recursive: true, force: true });
  for (const database of made) await database.drop();
}
