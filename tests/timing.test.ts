/**
 * Nothing tells whether an email address has an account: sign-in and the password-reset form
 * answer a known and an unknown address with the same status and the same page, and their
 * median times (of 200 tries each, interleaved) are within 10 ms of each other. The clock is
 * moved on between tries so the lockout never answers instead.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { startTestApp, type TestApp } from "./support/app";
import { Client } from "./support/client";
import { createWorld } from "./support/factories";

let app: TestApp;
let known = "";

beforeAll(async () => {
  app = await startTestApp();
  known = (await createWorld(app.db)).editorA.email;
});
afterAll(() => {
  vi.useRealTimers();
  return app.close();
});

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The page with what legitimately differs (the echoed address, the script nonce) taken out. */
function comparable(body: string, email: string): string {
  return body.replaceAll(email, "EMAIL").replace(/nonce="[^"]+"/g, 'nonce=""');
}

async function compare(path: string, fields: (email: string) => Record<string, string>) {
  const times: Record<"known" | "unknown", number[]> = { known: [], unknown: [] };
  const answers = new Set<string>();
  const start = Date.parse("2026-11-24T10:00:00Z");
  vi.useFakeTimers({ toFake: ["Date"] });
  try {
    for (let i = 0; i < 200; i++) {
      // Every try is in a fresh throttling window: the lockout must not be what answers.
      vi.setSystemTime(start + i * 11 * 60_000);
      for (const who of i % 2 ? (["known", "unknown"] as const) : (["unknown", "known"] as const)) {
        const email = who === "known" ? known : `nobody.${i}@example.test`;
        const began = performance.now();
        const response = await new Client(app.url).post(path, fields(email));
        const body = await response.text();
        times[who].push(performance.now() - began);
        answers.add(`${response.status} ${comparable(body, email)}`);
      }
    }
  } finally {
    vi.useRealTimers();
  }
  return { answers, known: median(times.known), unknown: median(times.unknown) };
}

describe("known and unknown email addresses", () => {
  it("sign-in answers both alike, in the same time", async () => {
    const result = await compare("/sign-in", (email) => ({ email, password: "not the right password" }));
    expect(result.answers.size).toBe(1);
    expect([...result.answers][0]).toMatch(/^400 /);
    expect(Math.abs(result.known - result.unknown), `medians ${result.known.toFixed(1)} and ${result.unknown.toFixed(1)} ms`).toBeLessThan(10);
  }, 180_000);

  it("the password-reset form answers both alike, in the same time", async () => {
    const result = await compare("/forgot-password", (email) => ({ email }));
    expect(result.answers.size).toBe(1);
    expect([...result.answers][0]).toMatch(/^200 /);
    expect(Math.abs(result.known - result.unknown), `medians ${result.known.toFixed(1)} and ${result.unknown.toFixed(1)} ms`).toBeLessThan(10);
  }, 180_000);
});
