/**
 * Backup and restore as commands, drilled while the app is saving: `npm run backup` makes a
 * consistent, checked copy of a live database; `npm run restore` refuses while the app runs,
 * then puts the copy back exactly.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import SQLite from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";

import { doc } from "../scripts/demo-content";
import { Client } from "./support/client";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sli-backup-"));
const database = path.join(dir, "live.sqlite");
const env = { ...process.env, NODE_ENV: "production" as const, APP_URL: "https://sli.example.org", SEED_DEMO: "1", DEMO_PASSWORD: "backup drill pass", DATABASE_URL: database };
let server: ChildProcess | undefined;
afterAll(() => {
  server?.kill("SIGKILL");
  fs.rmSync(dir, { recursive: true, force: true });
});

function run(script: string, args: string[], runEnv: NodeJS.ProcessEnv = env): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", script, ...args], { env: runEnv });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("close", (code) => resolve({ code, output }));
  });
}

function countVersions(file: string): number {
  const db = new SQLite(file, { readonly: true });
  const row = db.prepare("select count(*) as n from section_versions").get() as { n: number };
  db.close();
  return row.n;
}

describe("backup and restore", () => {
  it("backs up a live database while saves go on, refuses to restore under a running app, then restores it exactly", async () => {
    const port = 39_800 + Math.floor(Math.random() * 150);
    const running = spawn(process.execPath, ["build/index.js"], { env: { ...env, PORT: String(port) }, stdio: "ignore" });
    server = running;
    const base = `http://127.0.0.1:${port}`;
    let up = false;
    for (let i = 0; i < 160 && !up; i++) {
      up = await fetch(`${base}/healthz`).then((r) => r.ok, () => false);
      if (!up) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(up).toBe(true);
    const lead = new Client(base);
    await lead.signIn("lead@darlington.example", "backup drill pass");
    const home = await (await lead.get("/")).text();
    const id = Number(/\/assessments\/(\d+)/.exec(home)![1]);
    // This year's draft (newest first on the home page); its section 3 has not been written yet.
    let version = 0;

    // Saves keep coming while the backup is taken.
    let saving = true;
    const saves = (async () => {
      for (let i = 0; saving && i < 200; i++) {
        const r = await lead.request(`/api/assessments/${id}/sections/3`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ intent: "save", baseVersion: version, fields: { "3a": doc(`Save number ${i}`) } }),
        });
        if (r.status === 200) version = ((await r.json()) as { version: number }).version;
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const copy = path.join(dir, "backups", "copy.sqlite");
    const backedUp = await run("scripts/backup.ts", [copy]);
    saving = false;
    await saves;
    expect(backedUp.code, backedUp.output).toBe(0);
    expect(backedUp.output).toContain("integrity check ok");
    const inCopy = countVersions(copy);
    expect(inCopy).toBeGreaterThan(0);
    expect(countVersions(database)).toBeGreaterThanOrEqual(inCopy);

    // Never over an existing backup; never under the running app.
    expect((await run("scripts/backup.ts", [copy])).code).toBe(2);
    const refused = await run("scripts/restore.ts", [copy]);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain("The app is running");

    running.kill("SIGTERM");
    await new Promise((resolve) => running.once("exit", resolve));
    const restored = await run("scripts/restore.ts", [copy]);
    expect(restored.code, restored.output).toBe(0);
    expect(countVersions(database)).toBe(inCopy);
    const db = new SQLite(database, { readonly: true });
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    db.close();
  }, 120_000);

  it("on PostgreSQL, says to use pg_dump and pg_restore, and writes nothing", async () => {
    const onPostgres = { ...env, DATABASE_URL: "postgres://sli:secret@127.0.0.1:1/sli" };
    const file = path.join(dir, "never-written.sqlite");
    for (const script of ["scripts/backup.ts", "scripts/restore.ts"]) {
      const result = await run(script, [file], onPostgres);
      expect(result.code, script).toBe(2);
      expect(result.output).toContain("pg_dump");
      expect(result.output).not.toContain("secret");
    }
    expect(fs.existsSync(file)).toBe(false);
  });
});
