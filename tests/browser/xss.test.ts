/**
 * An XSS corpus through every kind of text people type (rich text, table cells, list titles,
 * offers and requests, comments, a theme's name, an authority's name, a Word import), saved
 * through the real forms and API, then every page that shows them opened in Chromium with a
 * dialog and console listener: nothing runs.
 */
import { Document, Packer, Paragraph, TextRun } from "docx";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";

import { publishOffers } from "../../app/regional/publish.server";
import { loadAssessment } from "../../app/models/assessment.server";
import { demoAssessment } from "../../scripts/demo-content";
import { startTestApp, type TestApp } from "../support/app";
import { Client } from "../support/client";
import { createAuthority, createWorld, openTestCycle, TEST_PASSWORD } from "../support/factories";
import { launchChromium, signInThroughPage } from "./support";

const CORPUS = [
  `<script>window.__xss=1;alert(1)</script>`,
  `<img src=x onerror="window.__xss=1;alert(1)">`,
  `"><svg onload=window.__xss=1>`,
  `<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>`,
  `javascript:window.__xss=1`,
  `JaVaScRiPt:alert(1)`,
  `java&#x09;script:alert(1)`,
  `data:text/html,<script>alert(1)</script>`,
  `vbscript:msgbox(1)`,
  `<a href="javascript:alert(1)">click</a>`,
  `<div style="background:url(javascript:alert(1))">x</div>`,
  `{{constructor.constructor('window.__xss=1')()}}`,
  `</textarea><script>window.__xss=1</script>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>`,
];
const textDoc = (...paragraphs: string[]) => ({ type: "doc", content: paragraphs.map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })) });

let app: TestApp;
let browser: Browser;
let world: Awaited<ReturnType<typeof createWorld>>;
const ids = { draft: 0, submitted: 0, cycle: 0, earlier: 0, importId: 0, items: [] as number[] };

beforeAll(async () => {
  app = await startTestApp();
  world = await createWorld(app.db);
  await createAuthority(app.db, world.region.id, `<img src=x onerror="window.__xss=1">shire`);
  const editor = new Client(app.url);
  await editor.signIn(world.editorA.email, TEST_PASSWORD);
  const coordinator = new Client(app.url);
  await coordinator.signIn(world.coordinator.email, TEST_PASSWORD);
  const save = async (assessmentId: number, sectionKey: string, fields: Record<string, unknown>) => {
    const response = await editor.request(`/api/assessments/${assessmentId}/sections/${sectionKey}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ intent: "save", baseVersion: 0, fields }),
    });
    expect(response.status, await response.clone().text()).toBe(200);
  };
  const content = demoAssessment("Alphaborough", 1, 2026);
  content["1"]!["1a"] = {
    type: "doc",
    content: [
      ...textDoc(...CORPUS).content,
      { type: "paragraph", content: [{ type: "text", text: "an odd but allowed link", marks: [{ type: "link", attrs: { href: `https://example.org/?q="><img src=x onerror=window.__xss=1>` } }] }] },
    ],
  };
  (content["1"]!["1b"] as Array<Record<string, unknown>>).forEach((row, i) => (row.activity = CORPUS[i % CORPUS.length]));
  (content["1"]!["1d"] as Array<Record<string, unknown>>).forEach((item, i) => {
    item.title = CORPUS[(i + 3) % CORPUS.length];
    item.body = textDoc(CORPUS[(i + 5) % CORPUS.length]!);
  });
  (content["6"]!["6a"] as Array<Record<string, unknown>>).forEach((item, i) => {
    item.title = CORPUS[(i + 7) % CORPUS.length];
    item.body = textDoc(...CORPUS);
  });
  const earlier = await openTestCycle(app.db, world.region.id, { label: "2025–26" });
  ids.earlier = earlier.cycleId;
  ids.submitted = earlier.assessmentOf(world.authorityA.id);
  for (const [key, fields] of Object.entries(content)) await save(ids.submitted, key, fields);
  await app.db.updateTable("assessments").set({ status: "submitted", submitted_at: Date.now() }).where("id", "=", ids.submitted).execute();
  await publishOffers(app.db, (await loadAssessment(app.db, ids.submitted))!, Date.now());
  ids.items = (await app.db.selectFrom("offer_items").select("id").execute()).map((r) => r.id);
  for (const body of CORPUS.slice(0, 4)) {
    expect((await editor.post(`/assessments/${ids.submitted}/sections/1`, { intent: "comment", form: "new", body: JSON.stringify(textDoc(body)) })).status).toBeLessThan(400);
  }
  expect((await coordinator.post("/admin/themes", { intent: "add", regionId: String(world.region.id), label: `<svg onload=window.__xss=1>` })).status).toBe(303);

  const current = await openTestCycle(app.db, world.region.id, { label: "2026–27" });
  ids.cycle = current.cycleId;
  ids.draft = current.assessmentOf(world.authorityA.id);
  await save(ids.draft, "2", { "2a": textDoc(...CORPUS) });
  const word = await Packer.toBuffer(
    new Document({ sections: [{ children: [new Paragraph({ children: [new TextRun({ text: "1a. Our story", bold: true })] }), ...CORPUS.map((t) => new Paragraph({ text: t }))] }] }),
  );
  const form = new FormData();
  form.append("document", new Blob([new Uint8Array(word)]), `<img src=x onerror=alert(1)> = "odd" name.docx`);
  const uploaded = await editor.request(`/assessments/${ids.draft}/import`, { method: "POST", body: form });
  expect(uploaded.status).toBe(303);
  ids.importId = Number(uploaded.headers.get("location")!.split("/").pop());
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function visit(page: Page, url: string, fired: string[]) {
  await page.goto(`${app.url}${url}`);
  await page.waitForLoadState("networkidle");
  const flag = await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss);
  if (flag !== undefined) fired.push(`window.__xss set on ${url}`);
}

describe("the XSS corpus in Chromium", () => {
  it("runs nowhere it is shown, for the authority or the coordinator", async () => {
    const pages: Array<[string, string[]]> = [
      [
        world.editorA.email,
        [
          `/assessments/${ids.submitted}`,
          `/assessments/${ids.submitted}/sections/1`,
          `/assessments/${ids.submitted}/sections/6`,
          `/assessments/${ids.submitted}/print`,
          `/assessments/${ids.draft}/sections/2`,
          `/assessments/${ids.draft}/sections/2/history`,
          `/assessments/${ids.draft}/sections/2/history/1`,
          `/assessments/${ids.draft}/import/${ids.importId}`,
          `/cycles/${ids.earlier}/offer`,
          `/cycles/${ids.earlier}/offer?q=img`,
          ...ids.items.map((id) => `/cycles/${ids.earlier}/offer/${id}`),
          `/cycles/${ids.earlier}/heatmap`,
          `/authorities/${world.authorityA.slug}/trends`,
        ],
      ],
      [world.coordinator.email, [`/cycles`, `/cycles/${ids.earlier}/progress`, `/admin/themes`, `/admin/audit`, `/admin/people`, `/cycles/${ids.earlier}/heatmap`, `/`]],
    ];
    const fired: string[] = [];
    let visited = 0;
    for (const [email, urls] of pages) {
      const context = await browser.newContext();
      const page = await context.newPage();
      page.on("dialog", async (dialog) => {
        fired.push(`dialog "${dialog.message()}" on ${page.url()}`);
        await dialog.dismiss();
      });
      page.on("console", (message) => {
        if (/__xss|alert\(1\)/.test(message.text()) && message.type() !== "error") fired.push(`console "${message.text()}" on ${page.url()}`);
      });
      await signInThroughPage(page, app.url, email, TEST_PASSWORD);
      for (const url of urls) {
        await visit(page, url, fired);
        visited++;
      }
      // The corpus is on the page as text, so the test looked in the right place.
      await page.goto(`${app.url}/assessments/${ids.submitted}/print`);
      expect(await page.getByText(CORPUS[1]!, { exact: false }).count()).toBeGreaterThan(0);
      await context.close();
    }
    expect(visited).toBeGreaterThan(15);
    expect(fired).toEqual([]);
  });
});
