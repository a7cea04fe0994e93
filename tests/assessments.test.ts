/**
 * The self-assessment workspace through the real server: saving every field kind, version
 * conflicts, concurrent saves, hostile rich text, signatures, submission and who may see what.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { WorkflowError } from "../app/assessment/errors";
import { builtInTemplate as loadTemplate } from "../app/template/built-in";
import type { TemplateDefinition } from "../app/template/definition";
import { demoAssessment, doc } from "../scripts/demo-content";
import { startTestApp, type TestApp } from "./support/app";
import { Client } from "./support/client";
import { createWorld, openTestCycle, saveSectionAs, TEST_PASSWORD } from "./support/factories";

let app: TestApp;
let world: Awaited<ReturnType<typeof createWorld>>;
const as = {} as Record<"editorA" | "dcsA" | "ceoA" | "memberA" | "editorB" | "dcsB" | "coordinator" | "otherCoordinator", Client>;

beforeAll(async () => {
  app = await startTestApp();
  world = await createWorld(app.db);
  for (const role of Object.keys({ editorA: 1, dcsA: 1, ceoA: 1, memberA: 1, editorB: 1, dcsB: 1, coordinator: 1, otherCoordinator: 1 }) as (keyof typeof as)[]) {
    as[role] = new Client(app.url);
    await as[role].signIn(world[role].email, TEST_PASSWORD);
  }
});
afterAll(() => app.close());

async function newAssessment(template?: TemplateDefinition) {
  const cycle = await openTestCycle(app.db, world.region.id, { template });
  return cycle.assessmentOf(world.authorityA.id);
}

function save(client: Client, assessmentId: number, sectionKey: string, baseVersion: number, fields: Record<string, unknown>) {
  return client.request(`/api/assessments/${assessmentId}/sections/${sectionKey}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ intent: "save", baseVersion, fields }),
  });
}

async function storedSection(assessmentId: number, sectionKey: string) {
  const row = await app.db
    .selectFrom("assessment_sections")
    .selectAll()
    .where("assessment_id", "=", assessmentId)
    .where("section_key", "=", sectionKey)
    .executeTakeFirst();
  return row ? { version: row.version, values: JSON.parse(row.body) as Record<string, unknown> } : undefined;
}

const FULL = demoAssessment("Alphaborough", 3, 2026);

describe("saving each kind of field", () => {
  it("saves rich text, tables, lists and the ratings grid, each shown back on the section page", async () => {
    const id = await newAssessment();
    const one = FULL["1"]!;
    let response = await save(as.editorA, id, "1", 0, { "1a": doc("Our story: demand rose at the front door this year.") });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, version: 1, savedByName: "Edith Editor" });
    response = await save(as.editorA, id, "1", 1, { "1b": one["1b"], "1c": one["1c"] });
    expect(response.status).toBe(200);
    response = await save(as.editorA, id, "1", 2, { "1d": one["1d"], "1e": one["1e"] });
    expect(response.status).toBe(200);
    response = await save(as.dcsA, id, "1", 3, { "1f": one["1f"] });
    expect(response.status).toBe(200);
    response = await save(as.editorA, id, "6", 0, FULL["6"]!);
    expect(response.status).toBe(200);

    const stored = await storedSection(id, "1");
    expect(stored?.version).toBe(4);
    expect(stored?.values["1f"]).toEqual(one["1f"]);
    expect(stored?.values["1b"]).toEqual(one["1b"]);

    const page = await (await as.editorA.get(`/assessments/${id}/sections/1`)).text();
    expect(page).toContain("Our story: demand rose at the front door this year.");
    const print = await (await as.editorA.get(`/assessments/${id}/print`)).text();
    expect(print).toContain((one["1d"] as { title: string }[])[0]!.title);
    expect(print).toContain("Ofsted focused visit");
    expect(print).toContain((FULL["6"]!["6b"] as { title: string }[])[0]!.title);
  });

  it("refuses values the template does not allow: a fifth strength, a sixth offer, an unknown rating, a wrong-typed cell", async () => {
    const id = await newAssessment();
    const strength = (n: number) => ({ id: `s${n}`, title: `Strength ${n}`, body: doc("Good work.") });
    const offer = (n: number) => ({ id: `o${n}`, title: `Offer ${n}`, body: doc("We can share this."), themes: ["workforce"] });
    const bad = [
      ["1", { "1d": [1, 2, 3, 4, 5].map(strength) }],
      ["6", { "6a": [1, 2, 3, 4, 5, 6].map(offer) }],
      ["1", { "1f": { leadership: { rating: "outstanding", direction: "improving" } } }],
      ["1", { "1b": [{ id: "r1", when: 2026, activity: "Inspection" }] }],
      ["1", { "no-such-field": doc("x") }],
      ["1", { "1a": "<p>raw html is not a document</p>" }],
    ] as const;
    for (const [section, fields] of bad) {
      const response = await save(as.editorA, id, section, 0, fields);
      expect(response.status, JSON.stringify(fields).slice(0, 80)).toBe(400);
      const body = (await response.json()) as { ok: boolean; message: string };
      expect(body.ok).toBe(false);
      expect(body.message.length).toBeGreaterThan(5);
    }
    expect(await storedSection(id, "1")).toBeUndefined();
    expect(await storedSection(id, "6")).toBeUndefined();
  });

  it("clears a field when it is sent as null, as a new version", async () => {
    const id = await newAssessment();
    await save(as.editorA, id, "1", 0, { "1a": doc("A story to take out."), "1b": FULL["1"]!["1b"] });
    const cleared = await save(as.editorA, id, "1", 1, { "1a": null });
    expect(cleared.status).toBe(200);
    const stored = await storedSection(id, "1");
    expect(stored?.version).toBe(2);
    expect(stored?.values).not.toHaveProperty("1a");
    expect(stored?.values["1b"]).toEqual(FULL["1"]!["1b"]);
  });

  it("takes its limits from the cycle's own template: a region that allows 2 strengths gets 2", async () => {
    const template = structuredClone(loadTemplate());
    const strengths = template.sections.find((s) => s.key === "1")!.fields.find((f) => f.key === "1d")!;
    if (strengths.kind !== "list") throw new Error("1d should be a list");
    strengths.maxItems = 2;
    const id = await newAssessment(template);
    const items = [1, 2, 3].map((n) => ({ id: `s${n}`, title: `Strength ${n}`, body: doc("Good work.") }));
    expect((await save(as.editorA, id, "1", 0, { "1d": items })).status).toBe(400);
    expect((await save(as.editorA, id, "1", 0, { "1d": items.slice(0, 2) })).status).toBe(200);
    const page = await (await as.editorA.get(`/assessments/${id}/sections/1`)).text();
    expect(page.replaceAll("<!-- -->", "")).toMatch(/2 of 2 strengths/);
  });
});

describe("version conflicts", () => {
  it("refuses a save based on an older version with 409, returns the current text, and changes nothing", async () => {
    const id = await newAssessment();
    expect((await save(as.editorA, id, "2", 0, { "2a": doc("Edith's first draft.") })).status).toBe(200);
    expect((await save(as.dcsA, id, "2", 1, { "2a": doc("Dana's rewrite.") })).status).toBe(200);
    const stale = await save(as.editorA, id, "2", 1, { "2a": doc("Edith's edit of her old draft.") });
    expect(stale.status).toBe(409);
    const body = (await stale.json()) as { error: string; current: { version: number; fields: Record<string, unknown>; savedByName: string }; changedSince: string[] };
    expect(body.error).toBe("conflict");
    expect(body.current.version).toBe(2);
    expect(body.current.savedByName).toBe("Dana Director");
    expect(body.current.fields["2a"]).toEqual(doc("Dana's rewrite."));
    expect(body.changedSince).toEqual(["2a"]);
    const stored = await storedSection(id, "2");
    expect(stored).toEqual({ version: 2, values: { "2a": doc("Dana's rewrite.") } });
    const history = await app.db.selectFrom("section_versions").select("version").where("assessment_id", "=", id).where("section_key", "=", "2").execute();
    expect(history.map((h) => h.version).sort()).toEqual([1, 2]);
  });

  it("20 concurrent saves on one section: exactly one winner per version, every accepted save in the history (one person's back-to-back saves as one entry)", async () => {
    const id = await newAssessment();
    const attempts = Array.from({ length: 20 }, (_, i) => save(i % 2 ? as.editorA : as.dcsA, id, "3", 0, { "3a": doc(`Writer ${i}`) }));
    const statuses = (await Promise.all(attempts)).map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);

    // Now 20 writers who each retry on conflict until their text is in: 20 accepted saves, versions 2..21, once each.
    const writer = async (i: number) => {
      for (let tries = 0; tries < 100; tries++) {
        const current = (await storedSection(id, "3"))!.version;
        const response = await save(i % 2 ? as.editorA : as.dcsA, id, "3", current, { "3b": doc(`Retrying writer ${i}`) });
        if (response.status === 200) return ((await response.json()) as { version: number }).version;
        expect(response.status).toBe(409);
      }
      throw new Error("writer never got in");
    };
    const versions = await Promise.all(Array.from({ length: 20 }, (_, i) => writer(i)));
    expect([...versions].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
    const history = await app.db.selectFrom("section_versions").select(["version", "body", "saves", "author_id"]).where("assessment_id", "=", id).where("section_key", "=", "3").orderBy("version").execute();
    // Every accepted save is accounted for: an entry of its own, or folded into the same person's next save.
    expect(history.reduce((n, h) => n + h.saves, 0)).toBe(21);
    expect(history.at(-1)!.version).toBe(21);
    for (let i = 1; i < history.length; i++) expect(history[i]!.author_id).not.toBe(history[i - 1]!.author_id);
    const texts = new Set(history.map((h) => JSON.stringify(JSON.parse(h.body)["3b"] ?? null)));
    expect(texts.size).toBe(history.length);
  });
});

describe("hostile rich text", () => {
  const cases: [string, unknown, number][] = [
    ["an unknown node", { type: "doc", content: [{ type: "iframe", attrs: { src: "https://evil.example" } }] }, 400],
    ["an unknown mark", { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "x", marks: [{ type: "textStyle", attrs: { color: "red" } }] }] }] }, 400],
    ["a javascript: link", { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "click", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] }] }] }, 400],
    ["a data: link", { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "click", marks: [{ type: "link", attrs: { href: "data:text/html,<script>alert(1)</script>" } }] }] }] }, 400],
    ["deep nesting", (() => {
      let node: Record<string, unknown> = { type: "paragraph", content: [{ type: "text", text: "deep" }] };
      for (let i = 0; i < 500; i++) node = { type: "bulletList", content: [{ type: "listItem", content: [node] }] };
      return { type: "doc", content: [node] };
    })(), 400],
    ["more than 50,000 characters", doc("a".repeat(50_001)), 413],
  ];

  it.each(cases)("refuses %s and stores nothing", async (_name, payload, status) => {
    const id = await newAssessment();
    const response = await save(as.editorA, id, "4", 0, { "4a": payload });
    expect(response.status).toBe(status);
    expect(await storedSection(id, "4")).toBeUndefined();
  });

  it("refuses a request over 1 MB with 413, though each field in it is within its own limits", async () => {
    // Every character its own bold text node: a field well under 50,000 characters but ~300 KB of JSON.
    const bulky = () => ({
      type: "doc",
      content: [{ type: "paragraph", content: Array.from({ length: 6_000 }, (_, i) => ({ type: "text", text: String(i % 10), marks: i % 2 ? [{ type: "bold" }] : [] })) }],
    });
    const fields = { "4a": bulky(), "4b": bulky(), "4c": bulky(), "4d": bulky() };
    expect(JSON.stringify(fields).length).toBeGreaterThan(1024 * 1024);
    const id = await newAssessment();
    const response = await save(as.editorA, id, "4", 0, fields);
    expect(response.status).toBe(413);
    expect(((await response.json()) as { message: string }).message).toContain("larger than 1 MB");
    expect(await storedSection(id, "4")).toBeUndefined();
    // The same fields sent in smaller saves are accepted: only the size of the request was wrong.
    expect((await save(as.editorA, id, "4", 0, { "4a": fields["4a"], "4b": fields["4b"] })).status).toBe(200);
  });

  it("neutralises script tags typed as text: stored as text, rendered escaped, never as HTML", async () => {
    const id = await newAssessment();
    const evil = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    expect((await save(as.editorA, id, "4", 0, { "4a": doc(evil), "4b": { type: "doc", content: [{ type: "paragraph", attrs: { onclick: "alert(1)" }, content: [{ type: "text", text: "attrs dropped" }] }] } })).status).toBe(200);
    for (const path of [`/assessments/${id}/sections/4`, `/assessments/${id}/print`]) {
      const html = await (await as.editorA.get(path)).text();
      expect(html).not.toContain("<script>alert");
      expect(html).not.toContain("<img src=x");
      expect(html).not.toContain('onclick="alert');
      expect(html).toContain("&lt;script&gt;alert(");
    }
    const stored = await storedSection(id, "4");
    expect(JSON.stringify(stored?.values["4b"])).not.toContain("onclick");
  });
});

describe("signatures, submission and return", () => {
  async function fillEverything(id: number) {
    let version = 0;
    for (const [sectionKey, fields] of Object.entries(FULL)) {
      const response = await save(as.editorA, id, sectionKey, 0, fields);
      expect(response.status, `section ${sectionKey}`).toBe(200);
      version = ((await response.json()) as { version: number }).version;
    }
    return version;
  }
  const sign = (client: Client, id: number) => client.post(`/assessments/${id}/sign-off`, { intent: "sign" });
  const submit = (client: Client, id: number) => client.post(`/assessments/${id}/sign-off`, { intent: "submit" });

  it("refuses submission with a list of what is missing, each a link to its field", async () => {
    const id = await newAssessment();
    await save(as.editorA, id, "1", 0, { "1a": doc("Only the story so far.") });
    const refused = await submit(as.editorA, id);
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain("The self-assessment cannot be submitted yet");
    expect(html).toContain(`href="/assessments/${id}/sections/1#field-1b"`);
    expect(html).toContain(`href="/assessments/${id}/sections/2#field-2a"`);
    expect(html).toMatch(/Sign-off/);
    const row = await app.db.selectFrom("assessments").select("status").where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.status).toBe("draft");
  });

  it("refuses submission of complete content until all three have signed", async () => {
    const id = await newAssessment();
    await fillEverything(id);
    await sign(as.dcsA, id);
    await sign(as.ceoA, id);
    const refused = await submit(as.editorA, id);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toMatch(/Lead member/i);
    expect((await sign(as.memberA, id)).status).toBe(200);
    const submitted = await submit(as.editorA, id);
    expect(submitted.status).toBe(302);
    const row = await app.db.selectFrom("assessments").select(["status", "submitted_by"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "submitted", submitted_by: world.editorA.id });
  });

  it("an edit after signing voids every signature and says so", async () => {
    const id = await newAssessment();
    const version = await fillEverything(id);
    for (const c of [as.dcsA, as.ceoA, as.memberA]) expect((await sign(c, id)).status).toBe(200);
    const edit = await save(as.editorA, id, "6", version, { "6a": FULL["6"]!["6a"], "6b": [] });
    expect(edit.status).toBe(200);
    expect(((await edit.json()) as { voidedSignatures: number }).voidedSignatures).toBe(3);
    const live = await app.db.selectFrom("signatures").select("id").where("assessment_id", "=", id).where("voided_at", "is", null).execute();
    expect(live).toHaveLength(0);
    const overview = await (await as.editorA.get(`/assessments/${id}`)).text();
    expect(overview).toContain("Signatures were removed");
    expect(overview).toContain("Edith Editor edited the assessment after it was signed");
    expect((await submit(as.editorA, id)).status).toBe(400);
  });

  it("a signature covers the content exactly: the hash must match what is there now", async () => {
    const id = await newAssessment();
    await fillEverything(id);
    for (const c of [as.dcsA, as.ceoA, as.memberA]) await sign(c, id);
    // Tamper behind the app's back: the signatures no longer match the content.
    await app.db.updateTable("assessment_sections").set({ body: JSON.stringify({ "2a": doc("changed quietly") }) }).where("assessment_id", "=", id).where("section_key", "=", "2").execute();
    expect((await submit(as.editorA, id)).status).toBe(400);
  });

  it("after submission the authority cannot edit; the coordinator can return it to draft with a reason", async () => {
    const id = await newAssessment();
    const version = await fillEverything(id);
    for (const c of [as.dcsA, as.ceoA, as.memberA]) await sign(c, id);
    expect((await submit(as.dcsA, id)).status).toBe(302);
    const refused = await save(as.editorA, id, "6", version, { "6b": [] });
    expect(refused.status).toBe(403);
    // The save API answers in its own JSON contract, refusals included.
    expect(refused.headers.get("content-type")).toContain("application/json");
    expect(await refused.json()).toMatchObject({ ok: false, error: "forbidden" });
    expect((await sign(as.dcsA, id)).status).toBe(403);
    expect((await as.editorA.post(`/assessments/${id}/sign-off`, { intent: "return", reason: "Not mine to return" })).status).toBe(403);

    const noReason = await as.coordinator.post(`/assessments/${id}/sign-off`, { intent: "return", reason: "" });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain("Say why you are returning it");
    expect((await as.otherCoordinator.post(`/assessments/${id}/sign-off`, { intent: "return", reason: "Wrong region" })).status).toBe(404);
    const returned = await as.coordinator.post(`/assessments/${id}/sign-off`, { intent: "return", reason: "Please add this year's inspection to 1b." });
    expect(returned.status).toBe(200);
    const overview = await (await as.editorA.get(`/assessments/${id}`)).text();
    expect(overview).toContain("Please add this year&#x27;s inspection to 1b.");
    expect((await save(as.editorA, id, "6", version, { "6b": [] })).status).toBe(200);
  });
});

describe("a save racing a submission", () => {
  it("is refused inside the save's own transaction once the assessment is no longer a draft", async () => {
    const id = await newAssessment();
    // As if a submission landed after the route checked the status: the model must still refuse.
    await app.db.updateTable("assessments").set({ status: "submitted" }).where("id", "=", id).execute();
    const refused = await saveSectionAs(app.db, world.editorA, id, "2", { "2a": doc("Too late.") }, 0).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(WorkflowError);
    expect((refused as WorkflowError).code).toBe("not_editable");
    expect(await storedSection(id, "2")).toBeUndefined();
    expect(await app.db.selectFrom("section_versions").select("id").where("assessment_id", "=", id).execute()).toEqual([]);
  });
});

describe("who may read and write a draft", () => {
  it("nobody outside the authority but the coordinator can read it; only its lead and director can write it", async () => {
    const id = await newAssessment();
    expect((await save(as.editorA, id, "1", 0, { "1a": doc("Private draft text of Alphaborough.") })).status).toBe(200);
    const pages = [`/assessments/${id}`, `/assessments/${id}/sections/1`, `/assessments/${id}/print`, `/assessments/${id}/sign-off`, `/assessments/${id}/sections/1/history`, `/assessments/${id}/sections/1/history/1`];
    for (const path of pages) {
      for (const outsider of [as.editorB, as.dcsB, as.otherCoordinator]) {
        const response = await outsider.get(path);
        expect(response.status, path).toBe(404);
        expect(await response.text()).not.toContain("Private draft text");
      }
      for (const insider of [as.editorA, as.memberA, as.coordinator]) expect((await insider.get(path)).status, path).toBe(200);
    }
    for (const outsider of [as.editorB, as.dcsB, as.otherCoordinator]) {
      expect((await save(outsider, id, "1", 1, { "1a": doc("Overwritten!") })).status).toBe(404);
    }
    // Inside the authority, the chief executive and lead member read and sign but do not edit; the coordinator reads only.
    for (const reader of [as.ceoA, as.memberA, as.coordinator]) {
      expect((await save(reader, id, "1", 1, { "1a": doc("Overwritten!") })).status).toBe(403);
    }
    expect((await new Client(app.url).request(`/api/assessments/${id}/sections/1`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" })).status).toBe(401);
    expect((await storedSection(id, "1"))?.values["1a"]).toEqual(doc("Private draft text of Alphaborough."));
  });
});

describe("history", () => {
  it("stays bounded: one person's saves minutes apart fold into one entry; another person, a signature, a restore or a pause start a new one", async () => {
    const id = await newAssessment();
    const entries = () =>
      app.db.selectFrom("section_versions").select(["version", "saves", "author_id", "restored_from", "body"]).where("assessment_id", "=", id).where("section_key", "=", "2").orderBy("version").execute();
    const at = (minutes: number) => Date.parse("2026-11-24T09:00:00Z") + minutes * 60_000;
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(at(0));
      for (let i = 1; i <= 4; i++) {
        vi.setSystemTime(at(i));
        expect((await saveSectionAs(app.db, world.editorA, id, "2", { "2a": doc(`Edith typing, save ${i}.`) })).ok).toBe(true);
      }
      expect(await entries()).toMatchObject([{ version: 4, saves: 4, author_id: world.editorA.id }]);
      expect(JSON.parse((await entries())[0]!.body)["2a"]).toEqual(doc("Edith typing, save 4."));

      // Another person: a new entry. Then Edith again: a new entry, not folded into hers before Dana's.
      vi.setSystemTime(at(5));
      await saveSectionAs(app.db, world.dcsA, id, "2", { "2b": doc("Dana adds a paragraph.") });
      vi.setSystemTime(at(6));
      await saveSectionAs(app.db, world.editorA, id, "2", { "2a": doc("Edith again.") });
      expect((await entries()).map((e) => [e.version, e.saves])).toEqual([[4, 4], [5, 1], [6, 1]]);

      // A pause longer than five minutes starts a new entry.
      vi.setSystemTime(at(12));
      await saveSectionAs(app.db, world.editorA, id, "2", { "2a": doc("Edith after coffee.") });
      expect((await entries()).map((e) => e.version)).toEqual([4, 5, 6, 7]);

      // However steadily one types, an entry covers at most half an hour.
      for (let minute = 14; minute <= 50; minute += 4) {
        vi.setSystemTime(at(minute));
        await saveSectionAs(app.db, world.editorA, id, "2", { "2a": doc(`Edith at minute ${minute}.`) });
      }
      // The entry begun at minute 12 takes the saves up to minute 42; minutes 46 and 50 start the next.
      const long = (await entries()).slice(3);
      expect(long.map((e) => e.saves)).toEqual([9, 2]);

      // Conflicts still name what changed since a base that was folded away (conservatively).
      vi.setSystemTime(at(51));
      await saveSectionAs(app.db, world.editorA, id, "2", { "2a": doc("Edith once more.") });
      const stale = await saveSectionAs(app.db, world.dcsA, id, "2", { "2c": doc("Dana, from version 16.") }, 16);
      expect(stale.ok).toBe(false);
      expect(stale.ok === false && stale.changedSince).toEqual(["2a"]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("shows a long history fifty entries a page, newest first, with a pager", async () => {
    const id = await newAssessment();
    const t = Date.parse("2026-11-25T09:00:00Z");
    await app.db
      .insertInto("section_versions")
      .values(
        Array.from({ length: 120 }, (_, i) => ({
          assessment_id: id,
          section_key: "2",
          author: "authority" as const,
          version: i + 1,
          body: JSON.stringify({ "2a": doc(`Entry ${i + 1}`) }),
          changed_fields: JSON.stringify(["2a"]),
          restored_from: null,
          author_id: world.editorA.id,
          created_at: t + i * 60_000,
          note: null,
        })),
      )
      .execute();
    const versionsOn = async (query: string) => {
      const html = (await (await as.editorA.get(`/assessments/${id}/sections/2/history${query}`)).text()).replace(/<!-- -->/g, "");
      return { html, versions: [...html.matchAll(/>Version (\d+)</g)].map((m) => Number(m[1])) };
    };
    const first = await versionsOn("");
    expect(first.versions).toEqual(Array.from({ length: 50 }, (_, i) => 120 - i));
    expect(first.html).toContain("120 versions, newest first; page 1 of 3.");
    expect(first.html.includes(`/sections/2/history?page=2"`)).toBe(true);
    expect((await versionsOn("?page=3")).versions).toEqual(Array.from({ length: 20 }, (_, i) => 20 - i));
    // A page past the end shows the last; nonsense shows the first.
    expect((await versionsOn("?page=99")).versions[0]).toBe(20);
    expect((await versionsOn("?page=-2")).versions[0]).toBe(120);
  });

  it("a signature and a restore each keep their own entry, so what was signed or restored stays in the history", async () => {
    const id = await newAssessment();
    await saveSectionAs(app.db, world.editorA, id, "2", { "2a": doc("Before signing.") });
    expect((await as.dcsA.post(`/assessments/${id}/sign-off`, { intent: "sign" })).status).toBe(200);
    await saveSectionAs(app.db, world.editorA, id, "2", { "2a": doc("After signing.") });
    await saveSectionAs(app.db, world.editorA, id, "2", { "2a": doc("After signing, again.") });
    const list = async () => (await app.db.selectFrom("section_versions").select(["version", "saves", "restored_from"]).where("assessment_id", "=", id).where("section_key", "=", "2").orderBy("version").execute()).map((e) => [e.version, e.saves, e.restored_from]);
    expect(await list()).toEqual([[1, 1, null], [3, 2, null]]);
    expect((await as.editorA.post(`/assessments/${id}/sections/2/history/1`)).status).toBe(302);
    await saveSectionAs(app.db, world.editorA, id, "2", { "2a": doc("After the restore.") });
    expect(await list()).toEqual([[1, 1, null], [3, 2, null], [4, 1, 1], [5, 1, null]]);
    const page = (await (await as.editorA.get(`/assessments/${id}/sections/2/history`)).text()).replace(/<!-- -->/g, "");
    expect(page).toContain("(2 saves a few minutes apart, kept as one)");
  });

  it("keeps every save with who and when, shows what changed, and restores an old version as a new one", async () => {
    const id = await newAssessment();
    await save(as.editorA, id, "2", 0, { "2a": doc("The first words about leadership.") });
    await save(as.dcsA, id, "2", 1, { "2a": doc("The revised words about leadership.") });
    const list = await (await as.editorA.get(`/assessments/${id}/sections/2/history`)).text();
    expect(list.replaceAll("<!-- -->", "")).toContain("Version 1");
    expect(list.replaceAll("<!-- -->", "")).toContain("Version 2");
    expect(list).toContain("Dana Director");
    const diff = await (await as.editorA.get(`/assessments/${id}/sections/2/history/2`)).text();
    expect(diff).toMatch(/<del>.*first.*<\/del>/);
    expect(diff).toMatch(/<ins>.*revised.*<\/ins>/);
    const restore = await as.editorA.post(`/assessments/${id}/sections/2/history/1`);
    expect(restore.status).toBe(302);
    const stored = await storedSection(id, "2");
    expect(stored).toEqual({ version: 3, values: { "2a": doc("The first words about leadership.") } });
    const restoredRow = await app.db.selectFrom("section_versions").select(["restored_from", "author_id"]).where("assessment_id", "=", id).where("version", "=", 3).where("section_key", "=", "2").executeTakeFirstOrThrow();
    expect(restoredRow).toEqual({ restored_from: 1, author_id: world.editorA.id });
    // Readers cannot restore.
    expect((await as.memberA.post(`/assessments/${id}/sections/2/history/2`)).status).toBe(403);
  });
});

describe("cycles", () => {
  it("the coordinator opens a cycle, which creates one draft per authority on the current template", async () => {
    const before = await app.db.selectFrom("assessments").select("id").execute();
    const response = await as.coordinator.post("/cycles/new", {
      region: String(world.region.id),
      label: "2030–31",
      opensOn: "2030-04-01",
      submissionDeadline: "2030-06-30",
      challengeDeadline: "2030-09-30",
    });
    expect(response.status).toBe(302);
    const cycle = await app.db.selectFrom("cycles").selectAll().where("label", "=", "2030–31").executeTakeFirstOrThrow();
    expect(cycle.template_version).toBe(loadTemplate().version);
    // Reminders two weeks and three days before each deadline, unless the coordinator says otherwise.
    expect(JSON.parse(cycle.reminder_days)).toEqual([14, 3]);
    const created = await app.db.selectFrom("assessments").select(["authority_id", "status"]).where("cycle_id", "=", cycle.id).execute();
    expect(created.map((a) => a.authority_id).sort()).toEqual([world.authorityA.id, world.authorityB.id].sort());
    expect(created.every((a) => a.status === "draft")).toBe(true);
    expect((await app.db.selectFrom("assessments").select("id").execute()).length).toBe(before.length + 2);
    const board = await (await as.coordinator.get("/cycles")).text();
    expect(board).toContain("2030–31");
    expect(board).toContain("Alphaborough");
  });

  it("refuses deadlines in the wrong order, a duplicate label, and anyone but a coordinator", async () => {
    const wrongOrder = await as.coordinator.post("/cycles/new", { region: String(world.region.id), label: "2031–32", opensOn: "2031-04-01", submissionDeadline: "2031-03-01", challengeDeadline: "2031-09-30" });
    expect(wrongOrder.status).toBe(400);
    expect(await wrongOrder.text()).toContain("The submission deadline must be after the opening date");
    const fields = { region: String(world.region.id), label: "2032–33", opensOn: "2032-04-01", submissionDeadline: "2032-06-30", challengeDeadline: "2032-09-30" };
    expect((await as.coordinator.post("/cycles/new", fields)).status).toBe(302);
    expect((await as.coordinator.post("/cycles/new", fields)).status).toBe(400);
    expect((await as.editorA.post("/cycles/new", { ...fields, label: "2033–34" })).status).toBe(403);
    expect((await as.otherCoordinator.post("/cycles/new", { ...fields, label: "2034–35" })).status).toBe(403);
  });

  it("takes the cycle's own reminder days, and refuses ones that are not whole numbers of days", async () => {
    const fields = { region: String(world.region.id), label: "2035–36", opensOn: "2035-04-01", submissionDeadline: "2035-06-30", challengeDeadline: "2035-09-30" };
    const bad = await as.coordinator.post("/cycles/new", { ...fields, reminderDays: "7, soon" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Give the days as whole numbers, like 14, 3");
    expect((await as.coordinator.post("/cycles/new", { ...fields, reminderDays: "3, 21,7" })).status).toBe(302);
    const cycle = await app.db.selectFrom("cycles").select("reminder_days").where("label", "=", "2035–36").executeTakeFirstOrThrow();
    expect(JSON.parse(cycle.reminder_days)).toEqual([21, 7, 3]);
  });
});
