/**
 * The regional offer, heatmap, year on year and progress board through the real server: only
 * submitted work is ever shown (a canary in a draft is searched for on every output, for every
 * role), the board's pages and its CSV agree, search survives any syntax, CSV round-trips, and
 * brokering is the coordinator's with notes from the two authorities involved.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";

import { parse } from "csv-parse/sync";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { demoAssessment, doc } from "../scripts/demo-content";
import { startTestApp, type TestApp } from "./support/app";
import { Client } from "./support/client";
import { createAuthority, createMember, createWorld, openTestCycle, TEST_PASSWORD } from "./support/factories";

const CANARY = "Zqxcanary";

let app: TestApp;
let world: Awaited<ReturnType<typeof createWorld>>;
let cycleId: number;
const assessments = {} as Record<"A" | "B" | "E" | "D", number>;
const slugs = {} as Record<"A" | "B" | "E" | "D", string>;
type Who = "coordinator" | "editorA" | "dcsA" | "editorB" | "editorE" | "editorD" | "memberD" | "otherCoordinator";
const as = {} as Record<Who, Client>;
const signers = {} as Record<"A" | "B" | "E" | "D", Client[]>;

const OFFER_TITLES = [
  "Kinship care assessment framework",
  "Edge-of-care rapid response team",
  "Family time centre",
  "Independent travel training",
  "EHCP quality assurance panel",
  "Social work academy",
  "Front door daily huddle",
  "Care leavers' apprenticeships",
  "Exploitation hub",
  "Young inspectors",
  "Attendance support team",
  "Adoption support partnership",
  "Fostering recruitment campaign",
  "Performance insight dashboard",
  "Domestic abuse practice model",
];
const THEMES = ["kinship_care", "edge_of_care", "family_time", "independent_travel", "send_quality_assurance", "workforce", "front_door", "care_leavers", "exploitation", "voice_of_children", "attendance", "adoption", "fostering", "performance_data", "domestic_abuse"];

/** Five offers and five requests, different for each authority; `extra` replaces the first of each. */
function sectionSix(n: number, extra: { offer?: Record<string, unknown>; request?: Record<string, unknown> } = {}) {
  const offers = [0, 1, 2, 3, 4].map((i) => {
    const k = (n * 5 + i) % OFFER_TITLES.length;
    return { id: `o${n}-${i}`, title: OFFER_TITLES[k]!, body: doc(`We can share how our ${OFFER_TITLES[k]!.toLowerCase()} works for children and families.`), supportKind: "shared_practice", themes: [THEMES[k]!] };
  });
  const requests = [0, 1, 2, 3, 4].map((i) => {
    const k = (n * 5 + i + 7) % OFFER_TITLES.length;
    return { id: `r${n}-${i}`, title: `Help with ${OFFER_TITLES[k]!.toLowerCase()}`, body: doc(`We would like mentoring on ${THEMES[k]!.replace(/_/g, " ")} and care planning.`), supportKind: "mentoring", themes: [THEMES[k]!] };
  });
  if (extra.offer) offers[0] = { ...offers[0]!, ...extra.offer };
  if (extra.request) requests[0] = { ...requests[0]!, ...extra.request };
  return { "6a": offers, "6b": requests };
}

const AWKWARD_TITLE = '=SUM(A1), "quoted" — café';
const AWKWARD_BODY = ["First line, with a comma", 'Second "line" — naïve Ysgol Gymraeg'];

async function save(client: Client, assessmentId: number, sectionKey: string, fields: Record<string, unknown>) {
  const response = await client.request(`/api/assessments/${assessmentId}/sections/${sectionKey}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ intent: "save", baseVersion: 0, fields }),
  });
  expect(response.status, await response.clone().text()).toBe(200);
}

/** Writes every section through the save API, signs with every signatory and submits. */
async function fillAndSubmit(key: "A" | "B" | "E" | "D", editor: Client, content: Record<string, Record<string, unknown>>, submitIt = true) {
  for (const [sectionKey, fields] of Object.entries(content)) await save(editor, assessments[key], sectionKey, fields);
  if (!submitIt) return;
  for (const signer of signers[key]) expect((await signer.post(`/assessments/${assessments[key]}/sign-off`, { intent: "sign" })).status).toBe(200);
  expect((await editor.post(`/assessments/${assessments[key]}/sign-off`, { intent: "submit" })).status).toBe(302);
}

async function client(email: string) {
  const c = new Client(app.url);
  await c.signIn(email, TEST_PASSWORD);
  return c;
}

beforeAll(async () => {
  app = await startTestApp();
  world = await createWorld(app.db);
  const epsilon = await createAuthority(app.db, world.region.id, "Epsilon");
  const delta = await createAuthority(app.db, world.region.id, "Deltaville");
  const people = {
    ceoB: await createMember(app.db, world.authorityB.id, "chief_executive"),
    memberB: await createMember(app.db, world.authorityB.id, "lead_member"),
    editorE: await createMember(app.db, epsilon.id, "editor", "Eve Epsilon"),
    dcsE: await createMember(app.db, epsilon.id, "dcs"),
    ceoE: await createMember(app.db, epsilon.id, "chief_executive"),
    memberE: await createMember(app.db, epsilon.id, "lead_member"),
    editorD: await createMember(app.db, delta.id, "editor", "Dee Delta"),
    memberD: await createMember(app.db, delta.id, "lead_member"),
  };
  const cycle = await openTestCycle(app.db, world.region.id, { label: "2026–27" });
  cycleId = cycle.cycleId;
  assessments.A = cycle.assessmentOf(world.authorityA.id);
  assessments.B = cycle.assessmentOf(world.authorityB.id);
  assessments.E = cycle.assessmentOf(epsilon.id);
  assessments.D = cycle.assessmentOf(delta.id);
  slugs.A = world.authorityA.slug;
  slugs.B = world.authorityB.slug;
  slugs.E = epsilon.slug;
  slugs.D = delta.slug;
  as.coordinator = await client(world.coordinator.email);
  as.otherCoordinator = await client(world.otherCoordinator.email);
  as.editorA = await client(world.editorA.email);
  as.dcsA = await client(world.dcsA.email);
  as.editorB = await client(world.editorB.email);
  as.editorE = await client(people.editorE.email);
  as.editorD = await client(people.editorD.email);
  as.memberD = await client(people.memberD.email);
  signers.A = [as.dcsA, await client(world.ceoA.email), await client(world.memberA.email)];
  signers.B = [await client(world.dcsB.email), await client(people.ceoB.email), await client(people.memberB.email)];
  signers.E = [await client(people.dcsE.email), await client(people.ceoE.email), await client(people.memberE.email)];

  const full = (name: string, n: number, six: Record<string, unknown>): Record<string, Record<string, unknown>> => ({ ...demoAssessment(name, n, 2026), "6": six });
  await fillAndSubmit("A", as.editorA, full("Alphaborough", 1, sectionSix(0, { offer: { title: AWKWARD_TITLE, body: doc(...AWKWARD_BODY) } })));
  await fillAndSubmit("B", as.editorB, full("Betaford", 2, sectionSix(1)));
  await fillAndSubmit("E", as.editorE, full("Epsilon", 3, sectionSix(2)));
  // Deltaville's draft carries the canary in an offer's title, a request's description and its overview.
  const draft = full("Deltaville", 4, sectionSix(3, { offer: { title: `${CANARY} offer of kinship care` }, request: { body: doc(`Kinship care help ${CANARY} please`) } }));
  draft["1"] = { ...draft["1"], "1a": doc(`Our ${CANARY} story.`) };
  await fillAndSubmit("D", as.editorD, draft, false);
}, 120_000);
afterAll(() => app.close());

const text = async (response: Response) => (await response.text()).replace(/<!-- -->/g, "");

/** Every output of the regional pages a person can reach in the cycle, item pages and suggestions included. */
async function everyOutput(c: Client): Promise<string[]> {
  const out: string[] = [];
  const board = `/cycles/${cycleId}/offer`;
  // Searched by its start, so the search box's echo of the query is not the canary itself.
  const views = ["", `?q=${CANARY.slice(0, 6).toLowerCase()}*`, "?q=kinship", "?show=offer", "?show=request&theme=kinship_care", `?authority=${slugs.D}`, "?page=2"];
  for (const view of views) {
    const page = await c.get(board + view);
    expect(page.status).toBe(200);
    const html = await text(page);
    out.push(html);
    out.push(await text(await c.get(`${board}/csv${view}`)));
    for (const [, id] of html.matchAll(/href="\/cycles\/\d+\/offer\/(\d+)"/g)) out.push(await text(await c.get(`${board}/${id}`)));
  }
  out.push(await text(await c.get(`/cycles/${cycleId}/heatmap`)));
  out.push(await text(await c.get(`/cycles/${cycleId}/heatmap/svg`)));
  for (const slug of Object.values(slugs)) out.push(await text(await c.get(`/authorities/${slug}/trends`)));
  return out;
}

describe("only submitted work reaches the region", () => {
  it("a canary in a draft's offer, request and text appears in no output, for any role; submitted it shows; returned it goes", async () => {
    for (const who of ["coordinator", "editorA", "editorB", "editorD", "memberD"] as const) {
      const outputs = await everyOutput(as[who]);
      expect(outputs.length).toBeGreaterThan(20);
      for (const output of outputs) expect(output, who).not.toContain(CANARY);
    }
    // The heatmap shows the draft's authority without any of its ratings.
    const heatmap = await text(await as.editorD.get(`/cycles/${cycleId}/heatmap`));
    expect(heatmap).toMatch(/Deltaville<\/a><\/th><td colSpan="7">Not submitted yet/);
    expect(heatmap).toContain("3 of 4 so far");

    // The same outputs can see it: submit Deltaville and the canary is on the board, in search and in the CSV.
    const signersD = [await client((await member(assessments.D, "dcs")).email), await client((await member(assessments.D, "chief_executive")).email), as.memberD];
    signers.D = signersD;
    for (const signer of signersD) expect((await signer.post(`/assessments/${assessments.D}/sign-off`, { intent: "sign" })).status).toBe(200);
    const submitted = await as.editorD.post(`/assessments/${assessments.D}/sign-off`, { intent: "submit" });
    expect(submitted.status).toBe(302);
    expect(await text(await as.editorB.get(`/cycles/${cycleId}/offer?q=${CANARY}`))).toContain(CANARY);
    expect(await text(await as.editorB.get(`/cycles/${cycleId}/offer/csv?q=${CANARY}`))).toContain(CANARY);

    // Returned to draft, everything of it leaves the region's pages and the search index again.
    expect((await as.coordinator.post(`/assessments/${assessments.D}/sign-off`, { intent: "return", reason: "Please add evidence to section 3." })).status).toBe(200);
    for (const output of await everyOutput(as.editorB)) expect(output).not.toContain(CANARY);
    const fts = await app.db.selectFrom("offer_items_fts").select("rowid").where("title", "like", `%${CANARY}%`).execute();
    expect(fts).toEqual([]);
  });
});

async function member(assessmentId: number, role: "dcs" | "chief_executive") {
  const authority = await app.db.selectFrom("assessments").select("authority_id").where("id", "=", assessmentId).executeTakeFirstOrThrow();
  const existing = await app.db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.email"])
    .where("memberships.authority_id", "=", authority.authority_id)
    .where("memberships.role", "=", role)
    .executeTakeFirst();
  return existing ?? createMember(app.db, authority.authority_id, role);
}

/** The ids of the items on every page of a board view, in order. */
async function idsOnPages(c: Client, view: string): Promise<number[]> {
  const ids: number[] = [];
  for (let page = 1; page < 10; page++) {
    const sep = view ? "&" : "?";
    const html = await text(await c.get(`/cycles/${cycleId}/offer${view}${page > 1 ? `${sep}page=${page}` : ""}`));
    const found = [...html.matchAll(/class="board__title"><a[^>]*href="\/cycles\/\d+\/offer\/(\d+)"/g)].map((m) => Number(m[1]));
    ids.push(...found);
    if (!html.includes('rel="next"')) break;
  }
  return ids;
}

describe("the board", () => {
  it("pages, search, filters and CSV agree: the same rows in the same order", async () => {
    const views = ["", "?q=care", "?show=request", "?theme=kinship_care", `?authority=${slugs.A}&show=offer`, '?q="care+planning"', "?q=kinship*", "?support=mentoring"];
    let paged = false;
    for (const view of views) {
      const ids = await idsOnPages(as.editorA, view);
      if (ids.length > 20) paged = true;
      const titles = await Promise.all(ids.map(async (id) => (await app.db.selectFrom("offer_items").select("title").where("id", "=", id).executeTakeFirstOrThrow()).title));
      const csv = parse(await text(await as.editorA.get(`/cycles/${cycleId}/offer/csv${view}`)), { bom: true, columns: true }) as Array<Record<string, string>>;
      expect(csv.map((r) => r.Title!.replace(/^'/, "")), view).toEqual(titles);
      const summary = await text(await as.editorA.get(`/cycles/${cycleId}/offer${view}`));
      expect(summary, view).toContain(ids.length === 0 ? "No offers or requests match." : `of ${ids.length} result`);
    }
    // 30 items in all: the whole board needs two pages.
    expect(paged).toBe(true);
    expect(await idsOnPages(as.editorA, "")).toHaveLength(30);
  });

  it("ranks and highlights matches, and never fails on search syntax", async () => {
    const html = await text(await as.editorB.get(`/cycles/${cycleId}/offer?q=kinship`));
    expect(html).toMatch(/<mark>kinship<\/mark>/i);
    expect(html).toContain("best match first");
    const nasty = ['"', '"unbalanced', "(", ")", "care)", "*", "**", "care*", "NEAR", "NEAR(care kinship, 2)", "-", "-care", "care AND", "OR OR", "^care", "title:care", "{a b}", "'; drop table offer_items; --", "%", "\u0000", "😀", "a".repeat(400), 'care "kin', "NOT care"];
    for (const q of nasty) {
      const board = await as.editorB.get(`/cycles/${cycleId}/offer?q=${encodeURIComponent(q)}`);
      expect(board.status, q).toBe(200);
      const csv = await as.editorB.get(`/cycles/${cycleId}/offer/csv?q=${encodeURIComponent(q)}`);
      expect(csv.status, q).toBe(200);
    }
  });

  it("exports CSV that a parser reads back as text: commas, quotes, newlines, non-ASCII, formula-leading cells", async () => {
    const response = await as.coordinator.get(`/cycles/${cycleId}/offer/csv?authority=${slugs.A}&show=offer`);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/attachment; filename="regional-offer-2026-27\.csv"/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const body = new TextDecoder().decode(bytes);
    const rows = parse(body, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(rows[0]!)).toEqual(["Authority", "Kind", "Title", "Themes", "Kind of support", "Description", "Cycle"]);
    const awkward = rows.find((r) => r.Title!.includes("SUM"))!;
    expect(awkward.Title).toBe(`'${AWKWARD_TITLE}`);
    expect(awkward.Description).toBe(AWKWARD_BODY.join("\n\n"));
    expect(awkward).toMatchObject({ Authority: "Alphaborough", Kind: "Offer", "Kind of support": "Shared practice or resources", Cycle: "2026–27" });
  });
});

describe("the regional offer in Word", () => {
  it("exports the filtered view grouped by theme, each item with its authority: the same rows as the CSV", async () => {
    const view = "?show=offer&q=care";
    const response = await as.editorB.get(`/cycles/${cycleId}/offer/word${view}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="regional-offer-2026-27.docx"');
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    const xml = strFromU8(files["word/document.xml"]!);
    const paragraphs = [...xml.matchAll(/<w:p>.*?<\/w:p>|<w:p .*?<\/w:p>/gs)].map((m) => [...m[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(""));
    const decode = (s: string) => s.replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'");
    const lines = paragraphs.map(decode);
    expect(lines[0]).toBe("Test Region regional offer 2026–27");
    expect(lines[1]).toBe("Offers · search “care”");
    const csv = parse(await text(await as.editorB.get(`/cycles/${cycleId}/offer/csv${view}`)), { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(csv.length).toBeGreaterThan(0);
    for (const row of csv) {
      expect(lines, row.Title).toContain(row.Title!.replace(/^'/, ""));
      for (const theme of row.Themes!.split("; ")) expect(lines).toContain(theme);
    }
    expect(lines.filter((t) => /^Offer from /.test(t)).length).toBeGreaterThanOrEqual(csv.length);
    expect(lines.some((t) => /^Request from /.test(t))).toBe(false);
    expect(xml).toContain('<w:pStyle w:val="Heading1"/>');
  });
});

describe("rebuilding the regional offer", () => {
  it("npm run offers:reindex rebuilds the items and their search index from the assessments", async () => {
    const before = await idsOnPages(as.editorA, "?q=kinship");
    expect(before.length).toBeGreaterThan(0);
    // Lose the index and one authority's items, as a failed restore might.
    await app.db.deleteFrom("offer_items_fts").execute();
    await app.db.deleteFrom("offer_item_themes").where("item_id", "in", app.db.selectFrom("offer_items").select("id").where("assessment_id", "=", assessments.B)).execute();
    await app.db.deleteFrom("offer_items").where("assessment_id", "=", assessments.B).execute();
    expect(await idsOnPages(as.editorA, "?q=kinship")).toEqual([]);
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/reindex-offers.ts"], { env: process.env });
    expect(stdout).toMatch(/Regional offer rebuilt: 30 offers and requests from 3 submitted assessments; 30 in the search index\./);
    expect(await idsOnPages(as.editorA, "")).toHaveLength(30);
    expect((await idsOnPages(as.editorA, "?q=kinship")).length).toBe(before.length);
  });
});

describe("brokering", () => {
  it("the coordinator links a suggested offer and moves it on; both authorities see and note it; nobody else finds it", async () => {
    const request = await app.db.selectFrom("offer_items").select(["id", "title"]).where("assessment_id", "=", assessments.A).where("kind", "=", "request").orderBy("position").executeTakeFirstOrThrow();
    const page = await text(await as.coordinator.get(`/cycles/${cycleId}/offer/${request.id}`));
    expect(page).toContain("Suggested offers");
    const suggested = [...page.matchAll(/name="offerId" value="(\d+)"/g)].map((m) => Number(m[1]));
    expect(suggested.length).toBeGreaterThan(0);
    const owners = await app.db.selectFrom("offer_items").select(["id", "authority_id"]).where("id", "in", suggested).execute();
    expect(owners.every((o) => o.authority_id !== world.authorityA.id)).toBe(true);
    expect(page).toMatch(/Shares themes: |Words: /);
    const offerId = suggested[0]!;
    const offerOwner = owners.find((o) => o.id === offerId)!.authority_id;
    const offerClient = offerOwner === world.authorityB.id ? as.editorB : as.editorE;
    const outsider = offerOwner === world.authorityB.id ? as.editorE : as.editorB;

    // Only the coordinator links.
    expect((await as.editorA.post(`/cycles/${cycleId}/offer/${request.id}`, { intent: "link", offerId: String(offerId) })).status).toBe(403);
    const linked = await as.coordinator.post(`/cycles/${cycleId}/offer/${request.id}`, { intent: "link", offerId: String(offerId) });
    expect(linked.status).toBe(303);
    const linkId = Number(linked.headers.get("location")!.match(/#link-(\d+)$/)![1]);
    expect((await as.coordinator.post(`/cycles/${cycleId}/offer/${request.id}`, { intent: "link", offerId: String(offerId) })).status).toBe(409);

    // Only the coordinator moves it on; the offering authority may not.
    expect((await offerClient.post(`/cycles/${cycleId}/offer/${offerId}`, { intent: "stage", linkId: String(linkId), stage: "done" })).status).toBe(403);
    expect((await as.coordinator.post(`/cycles/${cycleId}/offer/${request.id}`, { intent: "stage", linkId: String(linkId), stage: "agreed", note: "Agreed at the DCS meeting." })).status).toBe(303);

    // Both authorities note it, from their own item's page; an empty note is refused with the text kept.
    expect((await offerClient.post(`/cycles/${cycleId}/offer/${offerId}`, { intent: "note", linkId: String(linkId), body: "Visit booked for March." })).status).toBe(303);
    expect((await as.dcsA.post(`/cycles/${cycleId}/offer/${request.id}`, { intent: "note", linkId: String(linkId), body: "Thank you — two managers will come." })).status).toBe(303);
    const empty = await as.dcsA.post(`/cycles/${cycleId}/offer/${request.id}`, { intent: "note", linkId: String(linkId), body: "   " });
    expect(empty.status).toBe(400);
    expect(await text(empty)).toContain("Write a note");

    // The request's page shows the link, its stage and its dated notes to those involved.
    for (const c of [as.coordinator, as.editorA, offerClient]) {
      const html = await text(await c.get(`/cycles/${cycleId}/offer/${request.id}`));
      expect(html).toContain("Agreed at the DCS meeting.");
      expect(html).toContain("Visit booked for March.");
      expect(html).toMatch(/Stage: <span class="tag tag--blue">Agreed<\/span>/);
    }
    // Anyone else in the region sees the request, but not the link; its notes and stage are 404 to them.
    const outside = await text(await outsider.get(`/cycles/${cycleId}/offer/${request.id}`));
    expect(outside).not.toContain("Visit booked for March.");
    expect((await outsider.post(`/cycles/${cycleId}/offer/${request.id}`, { intent: "note", linkId: String(linkId), body: "Me too" })).status).toBe(404);
    expect((await outsider.post(`/cycles/${cycleId}/offer/${request.id}`, { intent: "stage", linkId: String(linkId), stage: "done" })).status).toBe(404);
    expect((await as.otherCoordinator.get(`/cycles/${cycleId}/offer/${request.id}`)).status).toBe(404);
    // A link is acted on only from its own items' pages.
    const unrelated = await app.db.selectFrom("offer_items").select("id").where("assessment_id", "=", assessments.E).where("kind", "=", "request").executeTakeFirstOrThrow();
    expect((await as.coordinator.post(`/cycles/${cycleId}/offer/${unrelated.id}`, { intent: "stage", linkId: String(linkId), stage: "done" })).status).toBe(404);

    const notes = await app.db.selectFrom("offer_link_notes").select(["stage", "body"]).where("link_id", "=", linkId).orderBy("id").execute();
    expect(notes.map((n) => n.stage)).toEqual(["proposed", "agreed", null, null]);
  });
});

describe("the region's themes", () => {
  it("the coordinator renames and retires themes: renamed everywhere, retired kept on old items and offered to nobody new", async () => {
    const theme = (key: string) => app.db.selectFrom("region_themes").select("id").where("region_id", "=", world.region.id).where("key", "=", key).executeTakeFirstOrThrow();
    // The full view of an assessment with a kinship care offer, read (and so rendered and kept) before the rename.
    const tagged = await app.db
      .selectFrom("offer_items")
      .innerJoin("offer_item_themes", "offer_item_themes.item_id", "offer_items.id")
      .select("offer_items.assessment_id")
      .where("offer_item_themes.theme", "=", "kinship_care")
      .where("offer_items.cycle_id", "=", cycleId)
      .executeTakeFirstOrThrow();
    const reader = await app.db.selectFrom("assessments").innerJoin("memberships", "memberships.authority_id", "assessments.authority_id").select("memberships.user_id").where("assessments.id", "=", tagged.assessment_id).executeTakeFirstOrThrow();
    const printer = new Client(app.url);
    await printer.signIn((await app.db.selectFrom("users").select("email").where("id", "=", reader.user_id).executeTakeFirstOrThrow()).email, TEST_PASSWORD);
    const printBefore = await text(await printer.get(`/assessments/${tagged.assessment_id}/print`));
    expect(printBefore).toContain("Kinship care");
    expect(printBefore).not.toContain("Kinship and family care");
    expect((await as.editorA.post("/admin/themes", { intent: "rename", regionId: String(world.region.id), themeId: String((await theme("kinship_care")).id), label: "Kinship and family care" })).status).toBe(403);
    expect((await as.coordinator.post("/admin/themes", { intent: "rename", regionId: String(world.region.id), themeId: String((await theme("kinship_care")).id), label: "Kinship and family care" })).status).toBe(303);
    const clash = await as.coordinator.post("/admin/themes", { intent: "add", regionId: String(world.region.id), label: "fostering" });
    expect(clash.status).toBe(409);
    expect(await text(clash)).toContain("There is already a theme with that name.");
    expect((await as.coordinator.post("/admin/themes", { intent: "add", regionId: String(world.region.id), label: "Youth justice" })).status).toBe(303);
    expect((await as.coordinator.post("/admin/themes", { intent: "retire", regionId: String(world.region.id), themeId: String((await theme("fostering")).id) })).status).toBe(303);

    const board = await text(await as.editorB.get(`/cycles/${cycleId}/offer?theme=kinship_care`));
    expect(board).toContain(">Kinship and family care</li>");
    // The full view says the new name too: what it keeps rendered goes with the old list of themes.
    expect(await text(await printer.get(`/assessments/${tagged.assessment_id}/print`))).toContain("Kinship and family care");
    expect(board).toContain("Fostering (retired)");
    expect(board).toContain("Youth justice");
    // An item that had the retired theme keeps it.
    const fostering = await text(await as.editorB.get(`/cycles/${cycleId}/offer?theme=fostering`));
    expect(fostering).toContain(">Fostering</li>");
    // A draft's editor is offered the new theme and not the retired one; tagging with it is refused.
    const editor = await text(await as.editorD.get(`/assessments/${assessments.D}/sections/6`));
    expect(editor).toContain("Youth justice");
    expect(editor).not.toMatch(/>Fostering</);
    const refused = await as.editorD.request(`/api/assessments/${assessments.D}/sections/6`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ intent: "save", baseVersion: 1, fields: { "6b": [{ id: "x1", title: "Help", body: doc("Help"), supportKind: "mentoring", themes: ["not_a_theme"] }] } }),
    });
    expect(refused.status).toBe(400);
  });
});

describe("the progress board", () => {
  it("shows each authority's stage, completeness and lateness, sorted as asked, and the same in CSV", async () => {
    const today = new Date();
    const threeDaysAgo = new Date(today.getTime() - 3 * 86_400_000).toISOString().slice(0, 10);
    await app.db.updateTable("cycles").set({ submission_deadline: threeDaysAgo }).where("id", "=", cycleId).execute();
    const html = await text(await as.coordinator.get(`/cycles/${cycleId}/progress?sort=late&dir=desc`));
    const rows = [...html.matchAll(/<tr><td><a[^>]*href="\/assessments\/\d+">([^<]+)<\/a><\/td><td>([^<]+)<\/td><td>(\d+)% \((\d+) of (\d+)\)<\/td><td>(.*?)<\/td>/g)].map((m) => ({
      name: m[1],
      stage: m[2],
      complete: `${m[4]} of ${m[5]}`,
      late: m[6]!.replace(/<[^>]+>/g, ""),
    }));
    expect(rows[0]).toMatchObject({ name: "Deltaville", late: "3 days late for submission" });
    expect(rows.find((r) => r.name === "Alphaborough")).toMatchObject({ stage: "Submitted", complete: "5 of 5", late: "On time" });
    expect(html).toContain('aria-sort="descending"');
    const csv = parse(await text(await as.coordinator.get(`/cycles/${cycleId}/progress/csv?sort=late&dir=desc`)), { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(csv.map((r) => r.Authority)).toEqual(rows.map((r) => r.name));
    expect(csv[0]).toMatchObject({ Authority: "Deltaville", "Days late": "3", "Late for": "submission" });
    expect((await as.editorA.get(`/cycles/${cycleId}/progress`)).status).toBe(403);
  });
});
