/**
 * Word in and out in real Chromium: the export downloads (and is read back), then imported into
 * another cycle's draft through the upload and the preview, by keyboard, with axe-core on both pages.
 */
import fs from "node:fs";

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";

import { demoAssessment } from "../../scripts/demo-content";
import { startTestApp, type TestApp } from "../support/app";
import { createWorld, openTestCycle, saveSectionAs, TEST_PASSWORD } from "../support/factories";
import { axeViolations, launchChromium, signInThroughPage } from "./support";

let app: TestApp;
let browser: Browser;
let world: Awaited<ReturnType<typeof createWorld>>;

beforeAll(async () => {
  app = await startTestApp();
  world = await createWorld(app.db);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe("Word in and out in a browser", () => {
  it("downloads last year's assessment and imports it into this year's draft, choosing by keyboard", async () => {
    const last = await openTestCycle(app.db, world.region.id, { label: "2025–26" });
    const source = last.assessmentOf(world.authorityA.id);
    for (const [key, fields] of Object.entries(demoAssessment("Alphaborough", 5, 2025))) await saveSectionAs(app.db, world.editorA, source, key, fields);
    const current = await openTestCycle(app.db, world.region.id, { label: "2026–27" });
    const target = current.assessmentOf(world.authorityA.id);

    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await signInThroughPage(page, app.url, world.editorA.email, TEST_PASSWORD);
    await page.goto(`${app.url}/assessments/${source}`);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download as Word (.docx)" }).click()]);
    expect(download.suggestedFilename()).toBe(`${world.authorityA.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-2025-26-self-assessment.docx`);
    const file = (await download.path())!;
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(0, 2).toString()).toBe("PK");

    await page.goto(`${app.url}/assessments/${target}`);
    await page.getByRole("link", { name: "Import from Word" }).click();
    await page.getByRole("heading", { level: 1, name: "Import from Word" }).waitFor();
    await page.waitForLoadState("networkidle");
    expect(await axeViolations(page), "import page").toEqual([]);
    await page.getByLabel("Word document").setInputFiles(file);
    await page.getByRole("button", { name: "Read the document" }).click();
    await page.getByRole("heading", { level: 1, name: /^Check what was read from / }).waitFor();
    await page.waitForLoadState("networkidle");
    expect(await axeViolations(page), "import preview").toEqual([]);

    // Keep everything but "Our story", by keyboard.
    const story = page.getByLabel("Take 1a Our story");
    expect(await story.isChecked()).toBe(true);
    await story.focus();
    await page.keyboard.press("Space");
    expect(await story.isChecked()).toBe(false);
    await page.getByRole("button", { name: "Import the chosen answers" }).focus();
    await page.keyboard.press("Enter");
    await page.getByText(/^Imported from Word into Section 1/).waitFor();

    const part = async (key: string) =>
      JSON.parse((await app.db.selectFrom("assessment_sections").select("body").where("assessment_id", "=", target).where("section_key", "=", key).where("author", "=", "authority").executeTakeFirstOrThrow()).body) as Record<string, unknown>;
    expect((await part("1"))["1a"]).toBeUndefined();
    expect((await part("1"))["1d"]).toHaveLength(3);
    expect(JSON.stringify((await part("2"))["2a"])).toContain("text");
    await context.close();
  });
});
