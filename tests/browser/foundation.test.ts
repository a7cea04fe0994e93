import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";

import { startTestApp, type TestApp } from "../support/app";
import { createWorld, TEST_PASSWORD } from "../support/factories";
import { axeViolations, launchChromium, signInThroughPage } from "./support";
import { totp } from "../../app/two-step/totp.server";

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

describe("in a real browser", () => {
  it("signs in by the labelled fields, shows the home page, and signs out", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInThroughPage(page, app.url, world.editorA.email, TEST_PASSWORD);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Welcome, Edith Editor");
    await expect.poll(() => page.getByRole("navigation", { name: "Account" }).textContent()).toContain("Alphaborough");
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/sign-in\?reason=signed-out/);
    await page.getByText("You have signed out.").waitFor();
    await context.close();
  });

  it("shows a wrong password in an error summary that takes focus", async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/sign-in`);
    await page.getByLabel("Email address").fill(world.editorA.email);
    await page.getByLabel("Password", { exact: true }).fill("not the right one");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").waitFor();
    expect(await page.getByRole("alert").textContent()).toContain("The email address or password is not right");
    expect(await page.evaluate(() => document.activeElement?.className)).toContain("error-summary");
    expect(await page.getByLabel("Email address").inputValue()).toBe(world.editorA.email);
    await page.close();
  });

  it("offers a skip link as the first thing the keyboard reaches", async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/sign-in`);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Skip to main content");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("main-content");
    await page.close();
  });

  it("warns before the idle timeout and lets the person stay signed in", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.clock.install();
    await signInThroughPage(page, app.url, world.dcsA.email, TEST_PASSWORD);
    await page.getByRole("heading", { level: 1, name: /Welcome/ }).waitFor();
    await page.clock.fastForward("28:30");
    const dialog = page.getByRole("alertdialog", { name: "You will be signed out soon" });
    await dialog.waitFor();
    const keepalive = page.waitForResponse((r) => r.url().includes("/session/keepalive") && r.request().method() === "POST");
    await dialog.getByRole("button", { name: "Stay signed in" }).click();
    expect((await keepalive).status()).toBe(200);
    await context.close();
  });

  it("runs under a Content-Security-Policy with nothing blocked, and the page still works", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const blocked: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
    });
    const response = await page.goto(`${app.url}/sign-in`);
    expect(response?.headers()["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    await signInThroughPage(page, app.url, world.coordinator.email, TEST_PASSWORD);
    // Client-side navigation works, so Remix's own scripts ran.
    await page.getByRole("link", { name: "Manage people" }).click();
    await page.waitForURL(/\/admin\/people$/);
    await page.getByRole("heading", { level: 1, name: "People" }).waitFor();
    expect(blocked).toEqual([]);
    // An injected inline script without the nonce is refused.
    const ran = await page.evaluate(() => {
      const script = document.createElement("script");
      script.textContent = "window.__injected = true";
      document.body.appendChild(script);
      return (window as unknown as { __injected?: boolean }).__injected === true;
    });
    expect(ran).toBe(false);
    await expect.poll(() => blocked.length).toBe(1);
    await context.close();
  });

  it("has no axe-core WCAG 2.2 AA violations on the foundation pages", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${app.url}/sign-in`);
    expect(await axeViolations(page), "sign-in").toEqual([]);
    await page.goto(`${app.url}/forgot-password`);
    expect(await axeViolations(page), "forgot-password").toEqual([]);
    await signInThroughPage(page, app.url, world.coordinator.email, TEST_PASSWORD);
    for (const path of ["/", "/admin/people", "/admin/people/invite", "/admin/outbox", "/cycles", "/cycles/new", `/authorities/${world.authorityA.slug}`, "/account/password", "/no-such-page"]) {
      await page.goto(`${app.url}${path}`);
      expect(await axeViolations(page), path).toEqual([]);
    }
    // A failed form, with its error summary and messages, is accessible too.
    await page.goto(`${app.url}/admin/people/invite`);
    await page.getByRole("button", { name: "Send invitation" }).click();
    await page.getByRole("alert").waitFor();
    expect(await axeViolations(page), "invite with errors").toEqual([]);
    await context.close();
  });

  it("turns on two-step sign-in by scanning or typing the key, then signs in with a recovery code; every step accessible", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInThroughPage(page, app.url, world.dcsA.email, TEST_PASSWORD);
    await page.getByRole("link", { name: "Two-step sign-in" }).click();
    await page.getByRole("heading", { level: 1, name: "Two-step sign-in" }).waitFor();
    expect(await axeViolations(page), "two-step, off").toEqual([]);
    await page.getByRole("button", { name: "Set up two-step sign-in" }).click();
    await page.getByRole("img", { name: /QR code/ }).waitFor();
    expect(await axeViolations(page), "two-step, QR code").toEqual([]);
    const secret = (await page.locator(".secret-key").textContent())!.replace(/\s/g, "");
    await page.getByLabel("Enter the 6-digit code the app shows").fill(totp(secret, Date.now()));
    await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
    await page.getByRole("heading", { name: "Your recovery codes" }).waitFor();
    expect(await axeViolations(page), "two-step, recovery codes").toEqual([]);
    const codes = await page.locator(".recovery-codes code").allTextContents();
    expect(codes).toHaveLength(10);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/sign-in/);

    await page.getByLabel("Email address").fill(world.dcsA.email);
    await page.getByLabel("Password", { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/sign-in\/code/);
    expect(await axeViolations(page), "code page").toEqual([]);
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("alert").waitFor();
    expect(await axeViolations(page), "code page with error").toEqual([]);
    await page.getByLabel("Code").fill(codes[0]!);
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL(/\/account\/two-step\?recovery-used=9/);
    await page.getByText("You have 9 left").waitFor();
    await context.close();
  });
});
