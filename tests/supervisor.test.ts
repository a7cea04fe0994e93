/**
 * `npm run start:production` runs the server under scripts/supervise.mjs: a server that dies is
 * started again on the same port, and the crash is logged; SIGTERM stops both cleanly; a server
 * that cannot start at all is not restarted in a loop.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { afterAll, describe, expect, it } from "vitest";

import { freePort, waitForHealth } from "../scripts/bench-load";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sli-supervise-"));
const running: ChildProcess[] = [];
afterAll(() => {
  for (const child of running) if (child.exitCode === null) child.kill("SIGKILL");
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The supervisor as `npm run start:production` starts it, with its standard error collected. */
function supervise(settings: Record<string, string>) {
  const env: NodeJS.ProcessEnv = { ...process.env, SEED_DEMO: "0", ...settings, NODE_ENV: "production" };
  const child = spawn(process.execPath, ["scripts/supervise.mjs"], { env, stdio: ["ignore", "ignore", "pipe"] });
  running.push(child);
  let log = "";
  child.stderr!.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, log: () => log, exited };
}

async function until<T>(what: string, check: () => T | undefined | null | false, log: () => string): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const found = check();
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Waited in vain for ${what}. Supervisor's log:\n${log()}`);
}

const serverPids = (log: string) => [...log.matchAll(/started the server \(pid (\d+)\)/g)].map((m) => Number(m[1]));
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("the production supervisor", () => {
  it("starts the server again on the same port after it is killed, logs the crash, and stops cleanly on SIGTERM", async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const { child, log, exited } = supervise({ PORT: String(port), APP_URL: base, DATABASE_URL: path.join(dir, "supervised.sqlite") });
    await waitForHealth(base);
    const [first] = await until("the first server", () => serverPids(log()).length === 1 && serverPids(log()), log);

    process.kill(first!, "SIGKILL");
    const second = await until("a second server", () => serverPids(log())[1], log);
    expect(second).not.toBe(first);
    await waitForHealth(base);
    expect(await (await fetch(`${base}/healthz`)).json()).toMatchObject({ status: "ok" });
    expect(log()).toContain(`the server (pid ${first}) was killed by SIGKILL; starting it again in 1 s (restart 1)`);

    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(log()).toContain(`SIGTERM: stopping the server (pid ${second})`);
    expect(alive(second)).toBe(false);
    expect(await fetch(`${base}/healthz`).then(() => "answered", () => "gone")).toBe("gone");
  }, 60_000);

  it("does not restart a server that stops before it ever listened: it says why and exits", async () => {
    const { log, exited } = supervise({ PORT: String(await freePort()), DATABASE_URL: path.join(dir, "never.sqlite"), APP_URL: "" });
    expect(await exited).toBe(1);
    expect(log()).toContain("APP_URL: must be set in production");
    expect(log()).toContain("exited with code 1 before it started listening; not restarting it");
    expect(serverPids(log())).toHaveLength(1);
  }, 30_000);
});
