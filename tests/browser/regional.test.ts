/**
 * The regional pages in real Chromium, on the demo region a newcomer starts with: filter,
 * search and open a request; the coordinator links a suggested offer and agrees it; the
 * heatmap's facts are in its table; axe-core finds nothing on the board, heatmap, year on year
 * and progress board.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";

import { seedIfEmpty } from "../../scripts/seed-data";
import { startTestApp, type TestApp } from "../support/app";
import { axeViolations, launchChromium, signInThroughPage } from "./support";

const PASSWORD = "demo password for the browser";
let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  app = await startTestApp();
  await seedIfEmpty(app.db, PASSWORD);
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function noAxeViolations(page: Page, what: string) {
  await page.waitForLoadState("networkidle");
  expect(await axeViolations(page), what).toEqual([]);
}

describe("the regional offer in a browser", () => {
  it("an authority's director filters, searches and opens an offer; the coordinator brokers a request", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInThroughPage(page, app.url, "dcs@hartlepool.example", PASSWORD);
    await page.getByRole("link", { name: "Regional offer", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: /^Regional offer 2026–27/ }).waitFor();
    await page.getByRole("link", { name: "Regional offer 2025–26" }).or(page.getByRole("link", { name: "2025–26", exact: true })).first().click();
    await page.getByRole("heading", { level: 1, name: "Regional offer 2025–26" }).waitFor();
    await noAxeViolations(page, "regional offer board");

    await page.getByLabel("Show", { exact: true }).selectOption({ label: "Offers" });
    await page.getByLabel("Search offers and requests").fill("kinship");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(/q=kinship/);
    expect(page.url()).toMatch(/show=offer/);
    await expect.poll(() => page.locator("mark").count()).toBeGreaterThan(0);
    const first = page.locator(".board__title a").first();
    const title = (await first.textContent())!;
    expect(title.toLowerCase()).toContain("kinship");
    await noAxeViolations(page, "regional offer board, searched");
    await first.click();
    await page.getByRole("heading", { level: 1, name: title }).waitFor();
    await expect.poll(() => page.getByText(/^Offer from /).count()).toBe(1);
    await context.close();

    const coordinator = await (await browser.newContext()).newPage();
    await signInThroughPage(coordinator, app.url, "coordinator@northeast.example", PASSWORD);
    await coordinator.goto(`${app.url}/`);
    await coordinator.getByRole("link", { name: "Regional offer 2025–26" }).click();
    await coordinator.getByLabel("Show", { exact: true }).selectOption({ label: "Requests" });
    await coordinator.getByLabel("Theme", { exact: true }).selectOption({ label: "Kinship care" });
    await coordinator.getByRole("button", { name: "Apply filters" }).click();
    await coordinator.waitForURL(/theme=kinship_care/);
    await coordinator.locator(".board__title a").first().click();
    await coordinator.getByRole("heading", { name: "Suggested offers" }).waitFor();
    await noAxeViolations(coordinator, "a request's page with suggestions");
    await coordinator.getByRole("button", { name: /^Link this offer/ }).first().click();
    const card = coordinator.locator(".link-card").first();
    await card.waitFor();
    await expect.poll(() => card.locator(".tag").first().textContent()).toBe("Proposed");
    await card.getByLabel("Stage").selectOption({ label: "Agreed" });
    await card.getByLabel("Note about the change (optional)").fill("Agreed at the directors' meeting.");
    await card.getByRole("button", { name: "Change stage" }).click();
    await expect.poll(() => coordinator.locator(".link-card .tag").first().textContent()).toBe("Agreed");
    await coordinator.getByText("Agreed at the directors' meeting.").waitFor();
    await noAxeViolations(coordinator, "a request's page with a link");

    // Heatmap: colour and words, a real table with a caption, and a legend.
    await coordinator.getByRole("link", { name: "Ratings heatmap" }).first().click();
    await coordinator.getByRole("heading", { level: 1, name: "Ratings heatmap 2025–26" }).waitFor();
    const table = coordinator.getByRole("table", { name: /Ratings by authority and area/ });
    expect(await table.getByRole("rowheader").count()).toBe(12);
    expect(await table.getByRole("columnheader").count()).toBe(8);
    const cell = (await table.getByRole("cell").first().textContent())!;
    expect(cell).toMatch(/^Area (of|requiring)/);
    expect(cell).toMatch(/(Improving|Stable|Declining)/);
    expect(cell).toMatch(/(up from|down from|same as) last cycle/);
    await noAxeViolations(coordinator, "ratings heatmap");
    const [download] = await Promise.all([coordinator.waitForEvent("download"), coordinator.getByRole("link", { name: /Download the heatmap/ }).click()]);
    expect(download.suggestedFilename()).toBe("ratings-heatmap-2025-26.svg");

    await table.getByRole("link", { name: "Gateshead" }).click();
    await coordinator.getByRole("heading", { level: 1, name: "Gateshead: ratings year on year" }).waitFor();
    expect(await coordinator.getByRole("table", { name: /Ratings of Gateshead/ }).getByRole("columnheader").count()).toBe(4);
    await noAxeViolations(coordinator, "year on year");

    await coordinator.getByRole("link", { name: "Progress board" }).click();
    await coordinator.getByRole("heading", { level: 1, name: /^Progress board/ }).waitFor();
    await coordinator.getByRole("link", { name: "Late" }).click();
    await coordinator.waitForURL(/sort=late/);
    await noAxeViolations(coordinator, "progress board");

    // The audit trail has recorded the brokering, and is itself accessible.
    await coordinator.goto(`${app.url}/admin/audit`);
    await coordinator.getByLabel("What").selectOption({ label: "Moved a link on" });
    await coordinator.getByRole("button", { name: "Apply filters" }).click();
    await coordinator.waitForURL(/action=offer_link.stage_changed/);
    expect(await coordinator.locator("tbody tr").count()).toBe(1);
    await noAxeViolations(coordinator, "audit trail");
  });
});
