/**
 * The Word export through the real server: a .docx laid out from the cycle's template, read
 * back by unzipping it and reading word/document.xml like Word would.
 */
import { unzipSync, strFromU8 } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { builtInTemplate } from "../app/template/built-in";
import { demoAssessment, doc } from "../scripts/demo-content";
import { startTestApp, type TestApp } from "./support/app";
import { Client } from "./support/client";
import { createWorld, openTestCycle, TEST_PASSWORD } from "./support/factories";

let app: TestApp;
let world: Awaited<ReturnType<typeof createWorld>>;
const as = {} as Record<"editorA" | "editorB" | "coordinator", Client>;

beforeAll(async () => {
  app = await startTestApp();
  world = await createWorld(app.db);
  for (const [role, person] of Object.entries({ editorA: world.editorA, editorB: world.editorB, coordinator: world.coordinator })) {
    as[role as keyof typeof as] = new Client(app.url);
    await as[role as keyof typeof as].signIn(person.email, TEST_PASSWORD);
  }
});
afterAll(() => app.close());

async function filled(label: string, template = builtInTemplate()) {
  const cycle = await openTestCycle(app.db, world.region.id, { label, template });
  const id = cycle.assessmentOf(world.authorityA.id);
  const content = demoAssessment("Alphaborough", 1, 2026);
  content["1"]!["1a"] = {
    type: "doc",
    content: [
      { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Our year" }] },
      {
        type: "paragraph",
        content: [
          { type: "text", text: "Demand rose, " },
          { type: "text", text: "sharply", marks: [{ type: "bold" }] },
          { type: "text", text: " — see " },
          { type: "text", text: "our report", marks: [{ type: "link", attrs: { href: "https://example.org/report" } }] },
        ],
      },
      {
        type: "bulletList",
        content: [
          { type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "First point" }] }] },
          {
            type: "listItem",
            content: [
              { type: "paragraph", content: [{ type: "text", text: "Second point" }] },
              { type: "orderedList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "Nested step" }] }] }] },
            ],
          },
        ],
      },
    ],
  };
  for (const [key, fields] of Object.entries(content)) {
    const saved = await as.editorA.request(`/api/assessments/${id}/sections/${key}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ intent: "save", baseVersion: 0, fields }),
    });
    expect(saved.status, key).toBe(200);
  }
  return id;
}

async function documentXml(response: Response) {
  const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
  const read = (name: string) => (files[name] ? strFromU8(files[name]!) : "");
  const headers = Object.keys(files).filter((name) => /^word\/header\d*\.xml$/.test(name)).map(read).join("");
  return { body: read("word/document.xml"), headers, core: read("docProps/core.xml"), rels: read("word/_rels/document.xml.rels") };
}

const ENTITIES: Record<string, string> = { "&apos;": "'", "&quot;": '"', "&lt;": "<", "&gt;": ">", "&amp;": "&" };
/** The words of a part of the document, as Word shows them. */
const text = (xml: string) =>
  [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]!.replace(/&(apos|quot|lt|gt|amp);/g, (e) => ENTITIES[e]!)).join("");

describe("Word export of an assessment", () => {
  it("is laid out from the template: title page, headings, prompts, answers, tables, ticks and lists", async () => {
    const id = await filled("2026–27");
    const response = await as.editorA.get(`/assessments/${id}/word`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("wordprocessingml.document");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="alphaborough-2026-27-self-assessment.docx"');
    const { body, headers, core, rels } = await documentXml(response);
    const words = text(body);
    // Title page and document properties.
    expect(words).toContain("Sector-led improvement self-assessment");
    expect(words).toContain("Alphaborough");
    expect(words).toContain("Status: Draft");
    expect(text(core) + core).toContain("Alphaborough self-assessment 2026–27");
    // A draft says so on every page.
    expect(text(headers)).toContain("DRAFT");
    // Sections and fields in Word's own Heading styles, prompts and answers, every prompt of the template.
    expect(body).toContain('w:val="Heading1"');
    expect(body).toContain('w:val="Heading2"');
    for (const section of builtInTemplate().sections) for (const field of section.fields) if (field.kind !== "signOff") expect(words).toContain(field.prompt);
    // Rich text: bold, a working link, bulleted and nested numbered lists.
    expect(words).toContain("Demand rose, sharply");
    expect(body).toContain("<w:b/>");
    expect(rels).toContain("https://example.org/report");
    expect(body).toContain("<w:numPr>");
    expect(words).toContain("Nested step");
    // Tables, the comparison arrow and the ratings grid with a ticked box.
    expect(body).toContain("<w:tbl>");
    expect(words).toMatch(/[↑↓↔] (Higher|Lower|Similar)/);
    expect(words).toContain("☒");
    expect(words).toContain("☐");
  });

  it("keeps characters Word is fussy about, a 50,000-character answer, and exports an empty draft", async () => {
    const cycle = await openTestCycle(app.db, world.region.id, { label: "2028–29" });
    const id = cycle.assessmentOf(world.authorityA.id);
    const empty = text((await documentXml(await as.editorA.get(`/assessments/${id}/word`))).body);
    expect(empty).toContain("Our story");
    expect(empty).toContain("Not answered");
    const fussy = "Fish & chips <b>not bold</b> \"quoted\" — emoji 🧒🏽, right to left: مرحبا בעולם, bell\u0007 gone";
    const long = "Long text. ".repeat(4_545).trim();
    const saved = await as.editorA.request(`/api/assessments/${id}/sections/2`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ intent: "save", baseVersion: 0, fields: { "2a": doc(fussy), "2b": doc(long) } }),
    });
    expect(saved.status).toBe(200);
    const words = text((await documentXml(await as.editorA.get(`/assessments/${id}/word`))).body);
    expect(words).toContain(fussy.replace("\u0007", ""));
    expect(words).toContain(long);
  });

  it("shows a prompt added to the template with no export code changed, and is refused to anyone who may not read it", async () => {
    const template = structuredClone(builtInTemplate());
    template.sections[1]!.fields.push({ key: "2e", title: "Young carers", prompt: "How well do you find and support young carers?", kind: "richText", required: false });
    const id = await filled("2027–28", template);
    await as.editorA.request(`/api/assessments/${id}/sections/2`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ intent: "save", baseVersion: 1, fields: { "2e": doc("A young carers' service started in June.") } }),
    });
    const words = text((await documentXml(await as.coordinator.get(`/assessments/${id}/word`))).body);
    expect(words).toContain("How well do you find and support young carers?");
    expect(words).toContain("A young carers' service started in June.");
    expect((await as.editorB.get(`/assessments/${id}/word`)).status).toBe(404);
    expect((await new Client(app.url).get(`/assessments/${id}/word`)).status).toBe(302);
  });
});
