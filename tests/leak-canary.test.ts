/**
 * The draft-leak canary. One authority's draft carries a unique word in every kind of field,
 * in its history, in an offer and a request, in a comment (on its submitted assessment) and in
 * a Word import waiting for review. Then, as everyone who must not see it (another authority's
 * lead, director, chief executive and lead member; a director of the region not assigned to it;
 * another region's coordinator; an anonymous visitor), the test fetches every route of the app's
 * own route manifest with every id it knows, as a page and as a Remix data request, plus the
 * searches and exports. The word never appears. A route the walk does not know how to fill in
 * fails the test, so a new route cannot be left out.
 */
import { Document, Packer, Paragraph, TextRun } from "docx";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { insertComment } from "../app/models/comment.server";
import { replaceOfferItems } from "../app/models/offer.server";
import { builtInTemplate } from "../app/template/built-in";
import { demoAssessment, doc } from "../scripts/demo-content";
import { loadServer } from "../scripts/build";
import { startTestApp, type TestApp } from "./support/app";
import { Client } from "./support/client";
import { createAuthority, createMember, createWorld, openTestCycle, saveSectionAs, TEST_PASSWORD } from "./support/factories";

const CANARY = "Qvxcanarywyz";

let app: TestApp;
let world: Awaited<ReturnType<typeof createWorld>>;
const ids = { draftA: 0, submittedA: 0, draftB: 0, cycle: 0, earlier: 0, importId: 0, items: [] as number[] };
type Outsider = "anonymous" | "editorB" | "dcsB" | "ceoB" | "memberB" | "peerElsewhere" | "otherCoordinator";
const as = {} as Record<Outsider, Client>;

beforeAll(async () => {
  app = await startTestApp();
  world = await createWorld(app.db);
  const delta = await createAuthority(app.db, world.region.id, "Deltaville");
  const people = {
    ceoB: await createMember(app.db, world.authorityB.id, "chief_executive"),
    memberB: await createMember(app.db, world.authorityB.id, "lead_member"),
    peerElsewhere: await createMember(app.db, delta.id, "dcs", "Pip Elsewhere"),
  };

  // Last year: both submitted, with a comment on A's that carries the word, and offers without it.
  const earlier = await openTestCycle(app.db, world.region.id, { label: "2025–26" });
  ids.earlier = earlier.cycleId;
  ids.submittedA = earlier.assessmentOf(world.authorityA.id);
  const submittedB = earlier.assessmentOf(world.authorityB.id);
  await app.db.updateTable("assessments").set({ status: "submitted", submitted_at: Date.now() }).where("id", "in", [ids.submittedA, submittedB]).execute();
  await insertComment(app.db, { assessmentId: ids.submittedA, sectionKey: "2", parentId: null, authorId: world.editorA.id, body: JSON.stringify(doc(`A private comment: ${CANARY}.`)), at: Date.now() });
  const item = (kind: "offer" | "request", key: string, title: string) => ({ kind, itemKey: key, position: 0, title, bodyText: title, bodyHtml: `<p>${title}</p>`, supportKind: "mentoring", themes: ["kinship_care"] });
  await replaceOfferItems(app.db, { assessmentId: ids.submittedA, cycleId: ids.earlier, authorityId: world.authorityA.id, submittedAt: Date.now() }, [item("offer", "o1", "Kinship care framework"), item("request", "r1", "Help with kinship care")]);
  await replaceOfferItems(app.db, { assessmentId: submittedB, cycleId: ids.earlier, authorityId: world.authorityB.id, submittedAt: Date.now() }, [item("offer", "o2", "Edge of care team")]);
  ids.items = (await app.db.selectFrom("offer_items").select("id").execute()).map((r) => r.id);

  // This year: A's draft carries the word everywhere it can be written.
  const current = await openTestCycle(app.db, world.region.id, { label: "2026–27" });
  ids.cycle = current.cycleId;
  ids.draftA = current.assessmentOf(world.authorityA.id);
  ids.draftB = current.assessmentOf(world.authorityB.id);
  const content = demoAssessment("Alphaborough", 1, 2026);
  const one = content["1"]!;
  one["1a"] = doc(`Our story, ${CANARY}.`);
  (one["1b"] as Array<Record<string, unknown>>)[0]!.activity = `Inspection ${CANARY}`;
  (one["1c"] as Array<Record<string, unknown>>)[0]!.statement = `Figure ${CANARY}`;
  (one["1d"] as Array<Record<string, unknown>>)[0]!.title = `Strength ${CANARY}`;
  (one["1e"] as Array<Record<string, unknown>>)[0]!.body = doc(`Priority ${CANARY}`);
  content["2"]!["2a"] = doc(`First words ${CANARY} about leadership.`);
  content["3"]!["3b"] = doc(`SEND ${CANARY}`);
  content["4"]!["4c"] = doc(`Post-16 ${CANARY}`);
  const six = content["6"]!;
  (six["6a"] as Array<Record<string, unknown>>)[0]!.title = `Offer ${CANARY}`;
  (six["6b"] as Array<Record<string, unknown>>)[0]!.body = doc(`Request ${CANARY}`);
  for (const [key, fields] of Object.entries(content)) expect((await saveSectionAs(app.db, world.editorA, ids.draftA, key, fields)).ok, key).toBe(true);
  // A later version without the word in 2a: the word stays only in the history.
  await saveSectionAs(app.db, world.dcsA, ids.draftA, "2", { "2a": doc("Rewritten words about leadership.") });

  // A Word import waiting for review.
  const editorA = new Client(app.url);
  await editorA.signIn(world.editorA.email, TEST_PASSWORD);
  const word = await Packer.toBuffer(
    new Document({ sections: [{ children: [new Paragraph({ children: [new TextRun({ text: "1a. Our story", bold: true })] }), new Paragraph({ text: `Imported ${CANARY}` })] }] }),
  );
  const form = new FormData();
  form.append("document", new Blob([new Uint8Array(word)]), "ours.docx");
  const uploaded = await editorA.request(`/assessments/${ids.draftA}/import`, { method: "POST", body: form });
  expect(uploaded.status).toBe(303);
  ids.importId = Number(uploaded.headers.get("location")!.split("/").pop());

  as.anonymous = new Client(app.url);
  const signIn = async (email: string) => {
    const c = new Client(app.url);
    await c.signIn(email, TEST_PASSWORD);
    return c;
  };
  as.editorB = await signIn(world.editorB.email);
  as.dcsB = await signIn(world.dcsB.email);
  as.ceoB = await signIn(people.ceoB.email);
  as.memberB = await signIn(people.memberB.email);
  as.peerElsewhere = await signIn(people.peerElsewhere.email);
  as.otherCoordinator = await signIn(world.otherCoordinator.email);
}, 120_000);
afterAll(() => app.close());

/** Every value the walk puts in for a route parameter. */
function valuesFor(param: string): string[] {
  switch (param) {
    case "assessmentId":
      return [ids.draftA, ids.submittedA, ids.draftB].map(String);
    case "sectionKey":
      return builtInTemplate().sections.map((s) => s.key);
    case "version":
      return ["1", "2", "3"];
    case "importId":
      return [String(ids.importId)];
    case "cycleId":
      return [ids.cycle, ids.earlier].map(String);
    case "itemId":
      return ids.items.map(String);
    case "slug":
      return [world.authorityA.slug, world.authorityB.slug];
    case "token":
      return ["not-a-real-token"];
    default:
      return [];
  }
}

/** Searches and views that could surface text: each with the word's start as a prefix search. */
const QUERIES: Record<string, string[]> = {
  "routes/cycles.$cycleId.offer": ["", "?q=qvxcan*", `?authority=${"A"}`],
  "routes/cycles.$cycleId.offer_.csv": ["", "?q=qvxcan*"],
  "routes/cycles.$cycleId.offer_.word": ["", "?q=qvxcan*"],
  "routes/assessments.$assessmentId.sections.$sectionKey_.history.$version": ["", "?author=peers"],
};

function urlsFor(path: string, routeId: string): string[] {
  let urls = ["/" + path];
  for (const param of path.match(/:(\w+)/g) ?? []) {
    const name = param.slice(1);
    const values = valuesFor(name);
    if (values.length === 0) return [];
    urls = urls.flatMap((url) => values.map((value) => url.replace(param, encodeURIComponent(value))));
  }
  const queries = (QUERIES[routeId] ?? [""]).map((q) => q.replace("authority=A", `authority=${world.authorityA.slug}`));
  return urls.flatMap((url) => queries.map((q) => url + q));
}

describe("the draft-leak canary", () => {
  it("never shows the word to anyone outside the authority, on any route of the manifest, page or data request", async () => {
    const { serverBuild } = await loadServer();
    const walked = new Set<string>();
    const unwalkable: string[] = [];
    let requests = 0;
    // Signing out is walked last: it ends the session the rest of the walk uses.
    const routes = Object.values(serverBuild.routes)
      .filter((r) => r.id !== "root")
      .sort((a, b) => Number(a.id === "routes/sign-out") - Number(b.id === "routes/sign-out"));
    for (const route of routes) {
      const urls = urlsFor(route.path ?? "", route.id);
      if (urls.length === 0) {
        unwalkable.push(route.id);
        continue;
      }
      walked.add(route.id);
      const hasPage = typeof (route.module as { default?: unknown }).default === "function";
      for (const who of Object.keys(as) as Outsider[]) {
        for (const url of urls) {
          const targets = hasPage ? [url, `${url}${url.includes("?") ? "&" : "?"}_data=${encodeURIComponent(route.id)}`] : [url];
          for (const target of targets) {
            const response = await as[who].get(target);
            const body = await response.text();
            requests++;
            expect(response.status, `${who} GET ${target}`).toBeLessThan(500);
            expect(body.includes(CANARY), `${who} GET ${target}`).toBe(false);
            expect(body.toLowerCase().includes(CANARY.toLowerCase()), `${who} GET ${target}`).toBe(false);
          }
        }
      }
    }
    expect(unwalkable, "routes the walk does not know how to fill in").toEqual([]);
    expect([...walked].sort()).toEqual(routes.map((r) => r.id).sort());
    expect(requests).toBeGreaterThan(1_000);

    // No email ever carries assessment text.
    const outbox = await app.db.selectFrom("outbox").selectAll().execute();
    for (const mail of outbox) expect(JSON.stringify(mail)).not.toContain(CANARY);
  });

  it("is really there for the authority itself: the walk would have found it", async () => {
    const editorA = new Client(app.url);
    await editorA.signIn(world.editorA.email, TEST_PASSWORD);
    for (const url of [`/assessments/${ids.draftA}/sections/1`, `/assessments/${ids.draftA}/sections/2/history/1`, `/assessments/${ids.draftA}/print`, `/assessments/${ids.draftA}/import/${ids.importId}`, `/assessments/${ids.submittedA}/sections/2`]) {
      expect(await (await editorA.get(url)).text(), url).toContain(CANARY);
    }
    const docx = new Uint8Array(await (await editorA.get(`/assessments/${ids.draftA}/word`)).arrayBuffer());
    expect(docx.length).toBeGreaterThan(1000);
  });
});
