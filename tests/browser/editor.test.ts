/**
 * The section editor as a person uses it, in real Chromium against the real server:
 * controls found by their labels, autosave, conflicts between two people, and a lost network.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";

import { doc } from "../../scripts/demo-content";
import { startTestApp, type TestApp } from "../support/app";
import { createWorld, openTestCycle, saveSectionAs, TEST_PASSWORD } from "../support/factories";
import { axeViolations, launchChromium, signInThroughPage } from "./support";

let app: TestApp;
let browser: Browser;
let world: Awaited<ReturnType<typeof createWorld>>;

const PROMPT_2A = "What difference do your leaders make to social work practice?";
const PROMPT_2B = "How good is practice for children who need help and protection, including early help?";

beforeAll(async () => {
  app = await startTestApp();
  world = await createWorld(app.db);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function newAssessment() {
  const cycle = await openTestCycle(app.db, world.region.id);
  return cycle.assessmentOf(world.authorityA.id);
}

async function signedInPage(email: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInThroughPage(page, app.url, email, TEST_PASSWORD);
  return { context, page };
}

async function storedText(assessmentId: number, sectionKey: string): Promise<string> {
  const row = await app.db
    .selectFrom("assessment_sections")
    .select("body")
    .where("assessment_id", "=", assessmentId)
    .where("section_key", "=", sectionKey)
    .executeTakeFirst();
  return row?.body ?? "";
}

/** The rich-text box for a prompt, once the editor has taken over from the server's HTML. */
async function richText(page: Page, prompt: string) {
  const box = page.getByRole("textbox", { name: prompt });
  await box.waitFor();
  await expect.poll(() => box.getAttribute("contenteditable")).toBe("true");
  return box;
}

async function waitForStatus(page: Page, text: RegExp) {
  await expect.poll(async () => (await page.getByRole("status").allTextContents()).join(" "), { timeout: 15_000 }).toMatch(text);
}

describe("the section editor", () => {
  it("types into a rich-text field, shows Saved, and finds the text again after a reload", async () => {
    const id = await newAssessment();
    const { context, page } = await signedInPage(world.editorA.email);
    await page.goto(`${app.url}/assessments/${id}/sections/2`);
    const box = await richText(page, PROMPT_2A);
    await box.click();
    await page.keyboard.type("Leaders visit teams every month and read case files with social workers.");
    await waitForStatus(page, /Saved at \d{2}:\d{2}/);
    expect(await storedText(id, "2")).toContain("Leaders visit teams every month");

    await page.reload();
    // Readable from the server's HTML first, then editable.
    expect(await page.locator("main").textContent()).toContain("Leaders visit teams every month");
    const again = await richText(page, PROMPT_2A);
    expect(await again.textContent()).toContain("Leaders visit teams every month and read case files with social workers.");
    await context.close();
  });

  /** Section 2 open with text typed into 2b, and the page's clock stopped so the 2-second autosave cannot fire. */
  async function typeWithAutosaveStopped(text: string) {
    const id = await newAssessment();
    const { context, page } = await signedInPage(world.dcsA.email);
    await page.clock.install();
    await page.goto(`${app.url}/assessments/${id}/sections/2`);
    const box = await richText(page, PROMPT_2B);
    await page.clock.pauseAt(Date.now() + 1_000);
    await box.click();
    await page.keyboard.type(text);
    await page.waitForTimeout(3_000);
    expect(await storedText(id, "2")).toBe("");
    return { id, context, page };
  }

  it("saves on the explicit Save button", async () => {
    const { id, context, page } = await typeWithAutosaveStopped("Early help is offered at the first contact.");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await waitForStatus(page, /Saved at/);
    expect(await storedText(id, "2")).toContain("Early help is offered at the first contact.");
    await context.close();
  });

  it("saves when the person leaves the field, without waiting for the autosave", async () => {
    const { id, context, page } = await typeWithAutosaveStopped("Written, then the person moves on.");
    await (await richText(page, PROMPT_2A)).click();
    await expect.poll(() => storedText(id, "2"), { timeout: 10_000 }).toContain("Written, then the person moves on.");
    await context.close();
  });

  it("two people editing one section: the second is shown the conflict, and both texts survive", async () => {
    const id = await newAssessment();
    const first = await signedInPage(world.editorA.email);
    const second = await signedInPage(world.dcsA.email);
    await first.page.goto(`${app.url}/assessments/${id}/sections/2`);
    await second.page.goto(`${app.url}/assessments/${id}/sections/2`);

    const firstBox = await richText(first.page, PROMPT_2A);
    await firstBox.click();
    await first.page.keyboard.type("Edith's paragraph about leadership.");
    await first.page.getByRole("button", { name: "Save", exact: true }).click();
    await waitForStatus(first.page, /Saved at/);

    const secondBox = await richText(second.page, PROMPT_2A);
    await secondBox.click();
    await second.page.keyboard.type("Dana's paragraph about leadership.");
    await second.page.getByRole("button", { name: "Save", exact: true }).click();

    const conflict = second.page.getByRole("alert").filter({ hasText: "while you were editing" });
    await conflict.waitFor({ timeout: 15_000 });
    expect(await conflict.textContent()).toContain("Edith Editor");
    // Their text is shown, and the second person's own text is still in their editor.
    expect(await conflict.textContent()).toContain("Edith's paragraph about leadership.");
    expect(await secondBox.textContent()).toContain("Dana's paragraph about leadership.");
    expect(await storedText(id, "2")).toContain("Edith's paragraph");
    expect(await storedText(id, "2")).not.toContain("Dana's paragraph");

    // Dana merges: she adds Edith's sentence to hers, then keeps her (merged) version.
    await secondBox.click();
    await second.page.keyboard.press("End");
    await second.page.keyboard.type(" Edith's paragraph about leadership.");
    await second.page.getByRole("button", { name: "Keep my version" }).click();
    await waitForStatus(second.page, /Saved at/);
    const merged = await storedText(id, "2");
    expect(merged).toContain("Dana's paragraph about leadership.");
    expect(merged).toContain("Edith's paragraph about leadership.");
    const history = await app.db.selectFrom("section_versions").select("body").where("assessment_id", "=", id).where("section_key", "=", "2").orderBy("version").execute();
    expect(history).toHaveLength(2);
    expect(history[0]!.body).toContain("Edith's paragraph");
    await first.context.close();
    await second.context.close();
  });

  it("keeps the text when the network is cut while typing, and saves it once the network is back", async () => {
    const id = await newAssessment();
    const { context, page } = await signedInPage(world.editorA.email);
    await page.goto(`${app.url}/assessments/${id}/sections/2`);
    const box = await richText(page, PROMPT_2A);
    await box.click();
    await context.setOffline(true);
    await page.keyboard.type("Written on a train with no signal.");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await waitForStatus(page, /Not saved — retrying/);
    const kept = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("sli:unsaved:")).map((k) => localStorage.getItem(k)).join(""));
    expect(kept).toContain("Written on a train with no signal.");
    expect(await storedText(id, "2")).toBe("");

    await context.setOffline(false);
    await waitForStatus(page, /Saved at/);
    expect(await storedText(id, "2")).toContain("Written on a train with no signal.");
    const left = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("sli:unsaved:")).length);
    expect(left).toBe(0);
    await context.close();
  });

  it("when the session has ended, keeps the text and offers it back after signing in again", async () => {
    const id = await newAssessment();
    const { context, page } = await signedInPage(world.editorA.email);
    await page.goto(`${app.url}/assessments/${id}/sections/2`);
    const box = await richText(page, PROMPT_2B);
    // The session ends on the server (as after the idle timeout).
    await app.db.deleteFrom("sessions").where("user_id", "=", world.editorA.id).execute();
    await box.click();
    await page.keyboard.type("Typed after the session ended.");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect.poll(async () => (await page.getByRole("status").allTextContents()).join(" "), { timeout: 15_000 }).toMatch(/session has ended/i);

    await signInThroughPage(page, app.url, world.editorA.email, TEST_PASSWORD);
    await page.goto(`${app.url}/assessments/${id}/sections/2`);
    await page.getByRole("button", { name: "Restore my changes" }).click();
    await waitForStatus(page, /Saved at/);
    expect(await storedText(id, "2")).toContain("Typed after the session ended.");
    await context.close();
  });

  it("pasting from Word keeps the lists and emphasis and drops the rest", async () => {
    const id = await newAssessment();
    const { context, page } = await signedInPage(world.editorA.email);
    await page.goto(`${app.url}/assessments/${id}/sections/2`);
    const box = await richText(page, PROMPT_2A);
    await box.click();
    const wordHtml = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><body>
      <p class=MsoNormal style='font-family:Calibri'><span style='color:#1F3864'>Our leaders are <b>visible</b> and <i>curious</i>.<o:p></o:p></span></p>
      <p class=MsoListParagraphCxSpFirst style='mso-list:l0 level1 lfo1'><span style='font-family:Symbol'>·<span style='font:7.0pt'>&nbsp;&nbsp;</span></span>Monthly practice weeks<o:p></o:p></p>
      <p class=MsoListParagraphCxSpLast style='mso-list:l0 level1 lfo1'><span style='font-family:Symbol'>·<span style='font:7.0pt'>&nbsp;&nbsp;</span></span>Audits with <b>families</b><o:p></o:p></p>
    </body></html>`;
    await box.evaluate((element, html) => {
      const data = new DataTransfer();
      data.setData("text/html", html);
      data.setData("text/plain", "Our leaders are visible and curious.");
      element.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    }, wordHtml);
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await waitForStatus(page, /Saved at/);
    const stored = JSON.parse(await storedText(id, "2"))["2a"];
    const json = JSON.stringify(stored);
    expect(json).toContain('"bulletList"');
    expect(json).toContain("Monthly practice weeks");
    expect(json).toContain('{"type":"bold"}');
    expect(json).toContain('{"type":"italic"}');
    expect(json).not.toMatch(/Calibri|1F3864|mso-list|Symbol|o:p/);
    await context.close();
  });

  it("downloads the assessment as a Word document from the overview", async () => {
    const id = await newAssessment();
    await saveSectionAs(app.db, world.editorA, id, "2", { "2a": doc("Leaders read case files with social workers.") });
    const { context, page } = await signedInPage(world.editorA.email);
    await page.goto(`${app.url}/assessments/${id}`);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download as Word (.docx)" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^alphaborough-.*-self-assessment\.docx$/);
    const file = await download.path();
    const { unzipSync, strFromU8 } = await import("fflate");
    const { readFileSync } = await import("node:fs");
    const xml = strFromU8(unzipSync(new Uint8Array(readFileSync(file)))["word/document.xml"]!);
    expect(xml).toContain("Leaders read case files with social workers.");
    await context.close();
  });

  it("serves the full view without the app's JavaScript, and its Print button still prints, loaded or reached by a link", async () => {
    const id = await newAssessment();
    await saveSectionAs(app.db, world.editorA, id, "2", { "2a": doc("Leaders read case files with social workers.") });
    const { context, page } = await signedInPage(world.editorA.email);
    await page.addInitScript(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void (window as unknown as { printed: number }).printed++;
    });
    const errors: string[] = [];
    page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
    const response = await page.goto(`${app.url}/assessments/${id}/print`);
    const html = await response!.text();
    expect(html).not.toContain("__remixContext");
    expect(html).toContain("Leaders read case files with social workers.");
    await page.getByRole("button", { name: "Print" }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    // Reached from the overview inside the app, it prints too.
    await page.goto(`${app.url}/assessments/${id}`);
    await page.waitForLoadState("networkidle");
    await page.getByRole("link", { name: "Read or print the whole assessment" }).click();
    await page.getByRole("button", { name: "Print" }).waitFor();
    await page.getByRole("button", { name: "Print" }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("has no axe-core WCAG 2.2 AA violations on the assessment pages", async () => {
    const id = await newAssessment();
    const { context, page } = await signedInPage(world.editorA.email);
    await saveSectionAs(app.db, world.editorA, id, "2", { "2a": doc("A first version.") });
    for (const path of [`/assessments/${id}/sections/2/history/1`, `/assessments/${id}`, `/assessments/${id}/sections/1`, `/assessments/${id}/sections/2`, `/assessments/${id}/sections/6`, `/assessments/${id}/sign-off`, `/assessments/${id}/print`, `/assessments/${id}/sections/2/history`]) {
      await page.goto(`${app.url}${path}`);
      await page.waitForLoadState("networkidle");
      expect(await axeViolations(page), path).toEqual([]);
    }
    // The conflict state: a colleague's version beside this person's own.
    await page.goto(`${app.url}/assessments/${id}/sections/2`);
    const box = await richText(page, PROMPT_2A);
    await app.db.updateTable("assessment_sections").set({ version: 2, body: JSON.stringify({ "2a": doc("A colleague's version.") }) }).where("assessment_id", "=", id).where("section_key", "=", "2").execute();
    await app.db.insertInto("section_versions").values({ assessment_id: id, section_key: "2", author: "authority", version: 2, body: JSON.stringify({ "2a": doc("A colleague's version.") }), changed_fields: '["2a"]', restored_from: null, author_id: world.dcsA.id, created_at: Date.now() }).execute();
    await box.click();
    await page.keyboard.type(" Mine.");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByRole("alert").filter({ hasText: "while you were editing" }).waitFor({ timeout: 15_000 });
    expect(await axeViolations(page), "conflict").toEqual([]);
    await context.close();
  });
});
