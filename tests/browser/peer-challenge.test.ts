/**
 * The peer challenge end to end, as people do it in real Chromium, controls found by their
 * labels: submit → pair → invitation email → the invited director accepts → comments both ways
 * → two peers write section 5 at once → the authority responds → both peers sign → complete →
 * a new cycle carries the recommendations forward. axe-core runs on each new page.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";

import { demoAssessment } from "../../scripts/demo-content";
import { startTestApp, type TestApp } from "../support/app";
import { Client } from "../support/client";
import { createAuthority, createWorld, TEST_PASSWORD, openTestCycle } from "../support/factories";
import { axeViolations, launchChromium, signInThroughPage } from "./support";

let app: TestApp;
let browser: Browser;
let world: Awaited<ReturnType<typeof createWorld>>;

beforeAll(async () => {
  app = await startTestApp();
  world = await createWorld(app.db);
  await createAuthority(app.db, world.region.id, "Deltaville");
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function signedInPage(email: string, password = TEST_PASSWORD): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInThroughPage(page, app.url, email, password);
  return { context, page };
}

async function noAxeViolations(page: Page, what: string) {
  await page.waitForLoadState("networkidle");
  expect(await axeViolations(page), what).toEqual([]);
}

async function waitForSaved(page: Page) {
  await expect.poll(async () => (await page.getByRole("status").allTextContents()).join(" "), { timeout: 15_000 }).toMatch(/Saved at \d{2}:\d{2}/);
}

async function editable(page: Page, name: string) {
  const box = page.getByRole("textbox", { name });
  await box.waitFor();
  await expect.poll(() => box.getAttribute("contenteditable")).toBe("true");
  return box;
}

async function storedPart(id: number, sectionKey: string, author: "authority" | "peers") {
  const row = await app.db
    .selectFrom("assessment_sections")
    .select("body")
    .where("assessment_id", "=", id)
    .where("section_key", "=", sectionKey)
    .where("author", "=", author)
    .executeTakeFirst();
  return row?.body ?? "";
}

describe("the peer challenge in a browser", () => {
  it("runs from submission to a signed-off challenge, and carries the recommendations into the next cycle", async () => {
    // Last year's cycle exists so this one is "the previous cycle" of the one opened at the end.
    const cycle = await openTestCycle(app.db, world.region.id, { label: "2026–27" });
    await app.db.updateTable("cycles").set({ opens_on: "2026-04-01" }).where("id", "=", cycle.cycleId).execute();
    const id = cycle.assessmentOf(world.authorityA.id);

    // The authority completes and signs its self-assessment (through HTTP: the editor has its own tests).
    const clients: Record<string, Client> = {};
    for (const person of [world.editorA, world.dcsA, world.ceoA, world.memberA]) {
      clients[person.email] = new Client(app.url);
      await clients[person.email]!.signIn(person.email, TEST_PASSWORD);
    }
    for (const [key, fields] of Object.entries(demoAssessment("Alphaborough", 4, 2026))) {
      const saved = await clients[world.editorA.email]!.request(`/api/assessments/${id}/sections/${key}`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ intent: "save", baseVersion: 0, fields }),
      });
      expect(saved.status).toBe(200);
    }
    for (const person of [world.dcsA, world.ceoA, world.memberA]) await clients[person.email]!.post(`/assessments/${id}/sign-off`, { intent: "sign" });

    // Submit, in the browser.
    const lead = await signedInPage(world.editorA.email);
    await lead.page.goto(`${app.url}/assessments/${id}/sign-off`);
    await lead.page.getByRole("button", { name: "Submit the self-assessment" }).click();
    await lead.page.waitForURL(/submitted=1/);

    // The coordinator pairs Betaford's director and invites a Deltaville director who has no account.
    const coordinator = await signedInPage(world.coordinator.email);
    await coordinator.page.goto(`${app.url}/cycles`);
    await coordinator.page.getByRole("link", { name: /^Peer challenge for 2026.27/ }).click();
    await coordinator.page.getByRole("heading", { name: "Peer challenge", level: 1 }).waitFor();
    await noAxeViolations(coordinator.page, "pairing page");
    await coordinator.page.getByLabel("Peer director for Alphaborough").selectOption({ label: "Bo Director — Betaford (director of children's services)" });
    await coordinator.page.getByRole("button", { name: "Pair with Alphaborough" }).click();
    await coordinator.page.getByText("Paired. We have emailed").waitFor();
    await coordinator.page.getByLabel("Authority to challenge").selectOption({ label: "Alphaborough" });
    await coordinator.page.getByLabel("The director's authority").selectOption({ label: "Deltaville" });
    await coordinator.page.getByLabel("The director's email address").fill("nina.director@deltaville.example");
    await coordinator.page.getByRole("button", { name: "Send the invitation" }).click();
    await coordinator.page.getByText("an invitation").waitFor();

    // The invitation email is in the outbox; the new director accepts it and lands signed in.
    const mail = await app.db.selectFrom("outbox").select("body_text").where("to_address", "=", "nina.director@deltaville.example").executeTakeFirstOrThrow();
    const link = mail.body_text.match(/https?:\/\/\S+\/invitations\/[A-Za-z0-9_-]+/)![0]!;
    const ninaContext = await browser.newContext();
    const nina = await ninaContext.newPage();
    await nina.goto(link.replace(/^https?:\/\/[^/]+/, app.url));
    await noAxeViolations(nina, "invitation page");
    await nina.getByLabel("Full name").fill("Nina Director");
    await nina.getByLabel("Choose a password").fill("fostering first always");
    await nina.getByLabel("Confirm password").fill("fostering first always");
    await nina.getByRole("button", { name: "Accept invitation" }).click();
    await nina.getByRole("heading", { name: "Assessments you are challenging" }).waitFor();
    await noAxeViolations(nina, "peer's home page");

    // Comments both ways on section 2.
    await nina.getByRole("link", { name: "Alphaborough" }).click();
    await nina.goto(`${app.url}/assessments/${id}/sections/2`);
    const comment = await editable(nina, "Add a comment");
    await comment.click();
    await nina.keyboard.type("How do you know leaders' visits changed practice?");
    await nina.getByRole("button", { name: "Add comment" }).click();
    await nina.getByText("Your comment has been added.").waitFor();
    await noAxeViolations(nina, "section with a comment");
    await lead.page.goto(`${app.url}/assessments/${id}/sections/2`);
    await lead.page.getByText("How do you know leaders' visits changed practice?").waitFor();
    await lead.page.locator("summary").filter({ hasText: "Reply" }).first().click();
    const reply = await editable(lead.page, "Your reply");
    await reply.click();
    await lead.page.keyboard.type("Our case audits before and after show it.");
    await lead.page.getByRole("button", { name: "Reply", exact: true }).click();
    await lead.page.getByText("Your reply has been added.").waitFor();

    // Both peers write section 5 at the same time: one the key point, the other the meeting date.
    const bo = await signedInPage(world.dcsB.email);
    await Promise.all([bo.page.goto(`${app.url}/assessments/${id}/sections/5`), nina.goto(`${app.url}/assessments/${id}/sections/5`)]);
    await noAxeViolations(bo.page, "section 5 for a peer");
    await bo.page.getByRole("button", { name: "Add a key point" }).click();
    await bo.page.getByLabel("Key point raised, row 1").fill("Front door caseloads are too high.");
    // "Raised by" is prefilled with the peer's own authority.
    await expect.poll(() => bo.page.getByLabel("Raised by, row 1").inputValue()).toBe("Betaford");
    await bo.page.getByLabel("Recommendation, row 1").fill("Set a caseload ceiling.");
    await bo.page.getByLabel("Outcome, row 1").selectOption({ label: "Action" });
    await nina.getByLabel("Date of the challenge meeting").fill("2027-02-16");
    await Promise.all([waitForSaved(bo.page), waitForSaved(nina)]);
    await expect.poll(() => storedPart(id, "5", "peers"), { timeout: 20_000 }).toContain("Set a caseload ceiling.");
    await expect.poll(() => storedPart(id, "5", "peers"), { timeout: 20_000 }).toContain("2027-02-16");

    // The authority responds beside the key point.
    await lead.page.goto(`${app.url}/assessments/${id}/sections/5`);
    await lead.page.getByRole("heading", { name: "Your responses" }).waitFor();
    await noAxeViolations(lead.page, "section 5 for the authority");
    await lead.page.getByLabel("Authority's response for key points and recommendations 1").fill("A ceiling of 18 from March.");
    await waitForSaved(lead.page);
    expect(await storedPart(id, "5", "authority")).toContain("A ceiling of 18 from March.");

    // Both peers sign; the challenge is complete.
    for (const page of [bo.page, nina]) {
      await page.goto(`${app.url}/assessments/${id}/sign-off`);
      await page.getByRole("button", { name: "Sign as peer director" }).click();
      await page.getByText("You have signed").waitFor();
    }
    await noAxeViolations(nina, "sign-off page");
    const status = await app.db.selectFrom("assessments").select("status").where("id", "=", id).executeTakeFirstOrThrow();
    expect(status.status).toBe("complete");

    // A new cycle carries the recommendation that needed action into the authority's new draft.
    await coordinator.page.goto(`${app.url}/cycles/new`);
    await coordinator.page.getByLabel("Label").fill("2027–28");
    await coordinator.page.getByLabel("Opening date").fill("2027-10-01");
    await coordinator.page.getByLabel("Submission deadline").fill("2028-01-31");
    await coordinator.page.getByLabel("Challenge deadline").fill("2028-03-31");
    await coordinator.page.getByRole("button", { name: "Open cycle" }).click();
    await coordinator.page.waitForURL(/\/cycles$/);
    const next = await app.db
      .selectFrom("assessments")
      .innerJoin("cycles", "cycles.id", "assessments.cycle_id")
      .select("assessments.id")
      .where("cycles.label", "=", "2027–28")
      .where("assessments.authority_id", "=", world.authorityA.id)
      .executeTakeFirstOrThrow();
    await lead.page.goto(`${app.url}/assessments/${next.id}/sections/1`);
    await lead.page.getByText("Set a caseload ceiling.").waitFor();
    await lead.page.getByLabel("What we did, row 1").waitFor();
    for (const context of [lead.context, coordinator.context, bo.context, ninaContext]) await context.close();
  }, 180_000);
});
