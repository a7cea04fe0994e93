/**
 * Importing a Word self-assessment through the real server: an exported assessment comes back
 * into another cycle's draft field for field; a document in the old form's shape is placed;
 * every kind of bad file is refused with its message and changes nothing; nothing is written
 * before the person confirms, and what is written is a normal save ("Imported from Word").
 */
import { Document, HeadingLevel, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from "docx";
import { strToU8, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { builtInTemplate } from "../app/template/built-in";
import { findSection } from "../app/template/definition";
import { parseSectionValues } from "../app/template/parse.server";
import { deriveComparison } from "../app/template/values";
import { demoAssessment, doc } from "../scripts/demo-content";
import { startTestApp, type TestApp } from "./support/app";
import { Client } from "./support/client";
import { createWorld, openTestCycle, saveSectionAs, TEST_PASSWORD } from "./support/factories";

let app: TestApp;
let world: Awaited<ReturnType<typeof createWorld>>;
const as = {} as Record<"editorA" | "dcsA" | "ceoA" | "memberA" | "editorB" | "coordinator", Client>;

beforeAll(async () => {
  app = await startTestApp();
  world = await createWorld(app.db);
  const people = { editorA: world.editorA, dcsA: world.dcsA, ceoA: world.ceoA, memberA: world.memberA, editorB: world.editorB, coordinator: world.coordinator };
  for (const [role, person] of Object.entries(people)) {
    as[role as keyof typeof as] = new Client(app.url);
    await as[role as keyof typeof as].signIn(person.email, TEST_PASSWORD);
  }
});
afterAll(() => app.close());

const text = async (response: Response) => (await response.text()).replace(/<!-- -->/g, "");

function upload(client: Client, assessmentId: number, bytes: Uint8Array, name = "self-assessment.docx") {
  const form = new FormData();
  form.append("document", new Blob([bytes as Uint8Array<ArrayBuffer>], { type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" }), name);
  return client.request(`/assessments/${assessmentId}/import`, { method: "POST", body: form });
}

async function sections(assessmentId: number) {
  const rows = await app.db.selectFrom("assessment_sections").select(["section_key", "author", "body"]).where("assessment_id", "=", assessmentId).execute();
  return Object.fromEntries(rows.filter((r) => r.author === "authority").map((r) => [r.section_key, JSON.parse(r.body) as Record<string, unknown>]));
}

/**
 * Values as the form carries them: list and table row ids are the app's own, so they are left
 * out, and values pass the server's check as every save does (it fills in rich text's defaults).
 */
function comparable(sectionKey: string, fieldKey: string, value: unknown): unknown {
  const parsed = parseSectionValues(findSection(builtInTemplate(), sectionKey)!, { [fieldKey]: value });
  const clean = parsed.ok ? parsed.values[fieldKey] : value;
  // A comparison worked out from the numbers is what the form shows, whatever was typed.
  if (Array.isArray(clean)) {
    // Several options chosen are a set: the editor keeps the template's order, the demo data its own.
    const sets = (row: Record<string, unknown>) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Array.isArray(v) ? [...v].sort() : v]));
    return clean.map((row: Record<string, unknown>) => ("id" in row ? sets({ ...row, id: undefined, ...("comparison" in row ? { comparison: deriveComparison(row) } : {}) }) : row));
  }
  return clean;
}

const FUSSY = "Ampersands & <angle> brackets, “quotes”, emoji 😀👩🏽‍⚕️, right to left: مرحبا بالعالم שלום, and a tab\there.";
const LONG = "Our practice model puts relationships first. ".repeat(1200).slice(0, 49_990);

describe("a round trip through Word", () => {
  it("exports a full assessment and imports it into another cycle's draft: every field the form carries comes back equal", async () => {
    const first = await openTestCycle(app.db, world.region.id, { label: "2025–26" });
    const source = first.assessmentOf(world.authorityA.id);
    const content = demoAssessment("Alphaborough", 2, 2025);
    content["1"]!["1a"] = {
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Our year" }] },
        { type: "paragraph", content: [{ type: "text", text: "Demand rose " }, { type: "text", text: "sharply", marks: [{ type: "bold" }] }, { type: "text", text: " and " }, { type: "text", text: "fast", marks: [{ type: "italic" }] }, { type: "text", text: "; see " }, { type: "text", text: "our report", marks: [{ type: "link", attrs: { href: "https://example.org/report" } }] }] },
        {
          type: "bulletList",
          content: [
            { type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "First point" }] }, { type: "orderedList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "Nested and numbered" }] }] }] }] },
            { type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "Second point" }] }] },
          ],
        },
        { type: "paragraph", content: [{ type: "text", text: FUSSY.replace(/\t/g, " ") }] },
      ],
    };
    content["2"]!["2a"] = doc(LONG);
    for (const [key, fields] of Object.entries(content)) {
      const saved = await saveSectionAs(app.db, world.editorA, source, key, fields);
      expect(saved.ok, key).toBe(true);
    }
    const exported = await as.editorA.get(`/assessments/${source}/word`);
    expect(exported.status).toBe(200);
    const bytes = new Uint8Array(await exported.arrayBuffer());

    const next = await openTestCycle(app.db, world.region.id, { label: "2026–27" });
    const target = next.assessmentOf(world.authorityA.id);
    const read = await upload(as.editorA, target, bytes, "alphaborough-2025-26-self-assessment.docx");
    expect(read.status).toBe(303);
    const preview = read.headers.get("location")!;
    expect(preview).toMatch(new RegExp(`^/assessments/${target}/import/\\d+$`));
    // Nothing is written before the person confirms.
    expect(await sections(target)).toEqual({});
    const page = await text(await as.editorA.get(preview));
    expect(page).toContain("Check what was read from alphaborough-2025-26-self-assessment.docx");
    for (const key of ["1a", "1b", "1c", "1d", "1e", "1f", "2a", "3c", "4d", "6a", "6b"]) expect(page).toContain(`id="take-${key}" name="field"`);
    expect(page).toContain("The peer directors write this section, so it is not imported.");
    expect(page).toContain("From the cover page (not imported)");

    const chosen = [...page.matchAll(/id="take-([^"]+)" name="field"/g)].map((m) => m[1]!);
    const applied = await as.editorA.post(preview, { field: chosen });
    expect(applied.status).toBe(303);
    expect(applied.headers.get("location")).toMatch(new RegExp(`^/assessments/${target}\\?imported=`));
    expect(await text(await as.editorA.get(applied.headers.get("location")!))).toContain("Imported from Word into Section 1");

    const original = await sections(source);
    const imported = await sections(target);
    for (const [sectionKey, fields] of Object.entries(content)) {
      for (const [fieldKey, value] of Object.entries(fields)) {
        expect(comparable(sectionKey, fieldKey, imported[sectionKey]?.[fieldKey]), fieldKey).toEqual(comparable(sectionKey, fieldKey, original[sectionKey]![fieldKey]));
      }
    }
    expect((imported["2"]!["2a"] as { content: Array<{ content: Array<{ text: string }> }> }).content[0]!.content[0]!.text).toHaveLength(49_990);
    const notes = await app.db.selectFrom("section_versions").select(["section_key", "note"]).where("assessment_id", "=", target).execute();
    expect(notes.length).toBeGreaterThanOrEqual(5);
    expect(notes.every((n) => n.note === "Imported from Word")).toBe(true);
    expect(await text(await as.editorA.get(`/assessments/${target}/sections/1/history`))).toContain("Imported from Word");

    // Applying twice does nothing more.
    expect((await as.editorA.post(preview, { field: chosen })).status).toBe(409);
  });

  it("an import is an edit: it removes signatures over what it changes", async () => {
    const cycle = await openTestCycle(app.db, world.region.id);
    const id = cycle.assessmentOf(world.authorityA.id);
    for (const [key, fields] of Object.entries(demoAssessment("Alphaborough", 4, 2026))) await saveSectionAs(app.db, world.editorA, id, key, fields);
    expect((await as.dcsA.post(`/assessments/${id}/sign-off`, { intent: "sign" })).status).toBe(200);
    const live = () => app.db.selectFrom("signatures").select("id").where("assessment_id", "=", id).where("voided_at", "is", null).execute();
    expect(await live()).toHaveLength(1);
    // A document whose section 2 differs: the export of another draft.
    const other = await openTestCycle(app.db, world.region.id);
    const otherId = other.assessmentOf(world.authorityA.id);
    await saveSectionAs(app.db, world.editorA, otherId, "2", { "2a": doc("A different account of leadership.") });
    const changed = new Uint8Array(await (await as.editorA.get(`/assessments/${otherId}/word`)).arrayBuffer());
    const read = await upload(as.editorA, id, changed);
    const preview = read.headers.get("location")!;
    expect((await as.editorA.post(preview, { field: "2a" })).status).toBe(303);
    expect(await live()).toHaveLength(0);
  });
});

async function oldFormDocument(): Promise<Uint8Array> {
  const cell = (t: string, bold = false) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: t, bold })] })] });
  const grid = (area: string, mark: number, direction: string) =>
    new TableRow({ children: [cell(area), ...[0, 1, 2, 3].map((i) => cell(i === mark ? "☒" : "☐")), cell(direction)] });
  const document = new Document({
    numbering: { config: [{ reference: "n", levels: [{ level: 0, format: LevelFormat.DECIMAL, text: "%1." }] }] },
    sections: [
      {
        children: [
          new Paragraph({ children: [new TextRun({ text: "Sector Led Improvement Self-Assessment 2024/25", bold: true })] }),
          new Paragraph({ text: "SECTION 1: OVERVIEW", heading: HeadingLevel.HEADING_1 }),
          new Paragraph({ children: [new TextRun({ text: "1a. Our story", bold: true })] }),
          new Paragraph({ text: "Our year began with a new director and a new improvement plan." }),
          new Paragraph({ text: "By the spring, caseloads had fallen." }),
          new Paragraph({ children: [new TextRun({ text: "1d. Strengths", bold: true })] }),
          new Paragraph({ children: [new TextRun({ text: "Stable workforce", bold: true }), new TextRun({ text: " – agency use is down to 9%." })], numbering: { reference: "n", level: 0 } }),
          new Paragraph({ children: [new TextRun({ text: "Kinship care", bold: true })], numbering: { reference: "n", level: 0 } }),
          new Paragraph({ text: "Family carers are assessed within 12 weeks." }),
          new Paragraph({ children: [new TextRun({ text: "Signatures of success", bold: true })] }),
          new Table({
            rows: [
              new TableRow({ children: ["Area", "Area of good practice", "Area of improving practice", "Area requiring further development", "Area of priority focus", "Direction of travel"].map((t) => cell(t, true)) }),
              grid("Impact of vision, leadership and governance", 1, "↑ Improving"),
              grid("Performance culture and challenge", 0, "Stable"),
              grid("Partnership and working together", 3, "↓ Declining"),
            ],
          }),
          new Paragraph({ text: "SECTION 5: DIRECTORS' CHALLENGE", heading: HeadingLevel.HEADING_1 }),
          new Paragraph({ children: [new TextRun({ text: "5a. Key points and recommendations", bold: true })] }),
          new Table({ rows: [new TableRow({ children: [cell("Key point raised", true), cell("Recommendation", true)] }), new TableRow({ children: [cell("Caseloads are high"), cell("Review staffing")] })] }),
          new Paragraph({ text: "SECTION 6: REGIONAL SLI OFFER", heading: HeadingLevel.HEADING_1 }),
          new Paragraph({ children: [new TextRun({ text: "Offers", bold: true })] }),
          new Paragraph({ text: "1. Kinship care assessment framework" }),
          new Paragraph({ text: "Our framework and training pack, with a visit." }),
          new Paragraph({ text: "Themes: Kinship care, Edge of care" }),
          new Paragraph({ text: "Appendix: list of abbreviations used in this form", heading: HeadingLevel.HEADING_1 }),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}

describe("a document in the old form's shape", () => {
  it("is placed: headings with keys, a numbered list, the ☒ grid with arrows, section 5 kept for the peers, the rest listed", async () => {
    const cycle = await openTestCycle(app.db, world.region.id);
    const id = cycle.assessmentOf(world.authorityA.id);
    const read = await upload(as.editorA, id, await oldFormDocument(), "old-form.docx");
    expect(read.status).toBe(303);
    const importId = Number(read.headers.get("location")!.split("/").pop());
    const row = await app.db.selectFrom("word_imports").select("result").where("id", "=", importId).executeTakeFirstOrThrow();
    const result = JSON.parse(row.result) as { fields: Array<{ fieldKey: string; value?: unknown; problem?: string }>; unplaced: string[]; cover: string[] };
    const field = (key: string) => result.fields.find((f) => f.fieldKey === key);
    expect(JSON.stringify(field("1a")!.value)).toContain("By the spring, caseloads had fallen.");
    expect(field("1d")!.value).toMatchObject([
      { title: "Stable workforce", body: doc("agency use is down to 9%.") },
      { title: "Kinship care", body: doc("Family carers are assessed within 12 weeks.") },
    ]);
    expect(field("1f")!.value).toEqual({
      leadership: { rating: "improving_practice", direction: "improving" },
      performance: { rating: "good_practice", direction: "stable" },
      partnership: { rating: "priority_focus", direction: "declining" },
    });
    expect(field("5a")!.problem).toBe("The peer directors write this section, so it is not imported.");
    expect(field("6a")!.value).toMatchObject([{ title: "Kinship care assessment framework", themes: ["edge_of_care", "kinship_care"].sort() }]);
    expect(result.unplaced).toEqual(["Appendix: list of abbreviations used in this form"]);
    expect(result.cover).toEqual(["Sector Led Improvement Self-Assessment 2024/25"]);
  });
});

function zip(files: Record<string, Uint8Array>, level: 0 | 9 = 9): Uint8Array {
  return zipSync(files, { level });
}
const CONTENT_TYPES = strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>');
const DOCUMENT = (body: string) => strToU8(`<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`);

describe("bad files", () => {
  it("are refused with a clear message, and the draft is unchanged", async () => {
    const cycle = await openTestCycle(app.db, world.region.id);
    const id = cycle.assessmentOf(world.authorityA.id);
    await saveSectionAs(app.db, world.editorA, id, "2", { "2a": doc("What we had before.") });
    const before = JSON.stringify(await sections(id));
    const imports = async () => (await app.db.selectFrom("word_imports").select("id").where("assessment_id", "=", id).execute()).length;

    // Just over the 8 MB the XML parts may unpack to.
    const bomb = zip({ "[Content_Types].xml": CONTENT_TYPES, "word/document.xml": DOCUMENT(`<w:p><w:r><w:t>${" ".repeat(9 * 1024 * 1024)}</w:t></w:r></w:p>`) });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const many = zip(Object.fromEntries([["[Content_Types].xml", CONTENT_TYPES], ["word/document.xml", DOCUMENT("")], ...Array.from({ length: 1_200 }, (_, i) => [`word/media/${i}.txt`, strToU8("x")])]));
    const cases: Array<[string, Uint8Array, string, number, string?]> = [
      ["plain text", strToU8("This is not a Word document at all."), "This is not a Word document. Choose a .docx file.", 400],
      ["a password-protected or old .doc file", new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(500).fill(0)]), "password-protected or in the old Word format", 400],
      ["a damaged zip", (await oldFormDocument()).slice(0, 900), "damaged and could not be read", 400],
      ["a zip bomb", bomb, "unpacks to far more than a self-assessment could hold", 400],
      ["a zip of too many entries", many, "unpacks to far more than a self-assessment could hold", 400],
      ["macros inside", zip({ "[Content_Types].xml": CONTENT_TYPES, "word/document.xml": DOCUMENT(""), "word/vbaProject.bin": strToU8("macro") }), "contains macros", 400],
      ["a .docm name", await oldFormDocument(), "contains macros", 400, "form.docm"],
      [
        "external entities",
        zip({ "[Content_Types].xml": CONTENT_TYPES, "word/document.xml": strToU8('<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document xmlns:w="x"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>') }),
        "XML declarations the app does not accept",
        400,
      ],
      ["no document inside", zip({ "hello.txt": strToU8("hi") }), "has no Word document inside it", 400],
      ["over 10 MB", zip({ "[Content_Types].xml": CONTENT_TYPES, "word/document.xml": DOCUMENT(""), "word/media/noise.bin": randomBytes(10.5 * 1024 * 1024) }, 0), "over 10 MB", 413],
    ];
    for (const [what, bytes, message, status, name] of cases) {
      const response = await upload(as.editorA, id, bytes, name);
      expect(response.status, what).toBe(status);
      expect(await text(response), what).toContain(message);
    }
    expect(JSON.stringify(await sections(id))).toBe(before);
    expect(await imports()).toBe(0);
  });

  it("only the authority's lead and director import, only into a draft, and only they see their own preview", async () => {
    const cycle = await openTestCycle(app.db, world.region.id);
    const id = cycle.assessmentOf(world.authorityA.id);
    const bytes = await oldFormDocument();
    expect((await upload(as.coordinator, id, bytes)).status).toBe(403);
    expect((await upload(as.editorB, id, bytes)).status).toBe(404);
    expect((await upload(as.memberA, id, bytes)).status).toBe(403);
    const read = await upload(as.dcsA, id, bytes);
    expect(read.status).toBe(303);
    const preview = read.headers.get("location")!;
    // The editor of the same authority did not upload it: not found for them.
    expect((await as.editorA.get(preview)).status).toBe(404);
    expect((await as.editorA.post(preview, { field: "1a" })).status).toBe(404);
    // Nothing chosen: the form says so.
    const none = await as.dcsA.post(preview, {});
    expect(none.status).toBe(400);
    expect(await text(none)).toContain("Choose at least one answer to import");
  });
});

function randomBytes(n: number): Uint8Array {
  const out = new Uint8Array(Math.ceil(n));
  for (let i = 0; i < out.length; i += 65_536) crypto.getRandomValues(out.subarray(i, Math.min(i + 65_536, out.length)));
  return out;
}
