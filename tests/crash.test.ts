/**
 * Crashes as a test: the production server is killed with SIGKILL twenty times in the middle of
 * a stream of saves. After every kill the database passes SQLite's integrity check, and every
 * save the server acknowledged (a 200 with its version) is there, in the section and in its
 * history, when the server comes back.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import SQLite from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";

import { doc } from "../scripts/demo-content";
import { Client } from "./support/client";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sli-crash-"));
const database = path.join(dir, "crash.sqlite");
const PASSWORD = "crash test pass";
// Every acknowledged save keeps its own history entry here, so each one can be looked for.
const env = { ...process.env, NODE_ENV: "production" as const, APP_URL: "https://sli.example.org", SEED_DEMO: "1", DEMO_PASSWORD: PASSWORD, DATABASE_URL: database, HISTORY_FOLD_SECONDS: "0" };
let server: ChildProcess | undefined;
afterAll(() => {
  server?.kill("SIGKILL");
  fs.rmSync(dir, { recursive: true, force: true });
});

async function start(port: number): Promise<{ process: ChildProcess; base: string }> {
  const child = spawn(process.execPath, ["build/index.js"], { env: { ...env, PORT: String(port) }, stdio: "ignore" });
  server = child;
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    if (await fetch(`${base}/healthz`).then((r) => r.ok, () => false)) return { process: child, base };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("The server did not start");
}

describe("crashes", () => {
  it("20 SIGKILLs in the middle of saves: integrity ok and every acknowledged save present after each restart", async () => {
    const acknowledged: Array<{ version: number; text: string }> = [];
    let assessmentId = 0;
    for (let round = 0; round < 20; round++) {
      const { process: child, base } = await start(39_955 + round);
      const lead = new Client(base);
      await lead.signIn("lead@middlesbrough.example", PASSWORD);
      if (!assessmentId) assessmentId = Number(/\/assessments\/(\d+)/.exec(await (await lead.get("/")).text())![1]);
      let version = acknowledged.at(-1)?.version ?? 0;
      // Saves one after another, as fast as they are answered, until the server dies under them.
      const stream = (async () => {
        for (let i = 0; ; i++) {
          const text = `Round ${round}, save ${i}.`;
          let response: Response;
          try {
            response = await lead.request(`/api/assessments/${assessmentId}/sections/3`, {
              method: "POST",
              headers: { "Content-Type": "application/json" },
              body: JSON.stringify({ intent: "save", baseVersion: version, fields: { "3a": doc(text) } }),
            });
          } catch {
            return; // the connection died with the server
          }
          if (response.status !== 200) return;
          const body = (await response.json().catch(() => null)) as { version: number } | null;
          if (!body) return;
          version = body.version;
          acknowledged.push({ version, text });
        }
      })();
      await new Promise((resolve) => setTimeout(resolve, 150 + Math.floor(Math.random() * 350)));
      child.kill("SIGKILL");
      await new Promise((resolve) => child.once("exit", resolve));
      await stream;

      const db = new SQLite(database, { readonly: true });
      try {
        expect(db.pragma("integrity_check", { simple: true }), `round ${round}`).toBe("ok");
        const stored = db.prepare("select version, body from assessment_sections where assessment_id = ? and section_key = '3' and author = 'authority'").get(assessmentId) as
          | { version: number; body: string }
          | undefined;
        const last = acknowledged.at(-1);
        if (last) {
          expect(stored, `round ${round}`).toBeDefined();
          // The server may have written a save whose answer never arrived, never lost one that did.
          expect(stored!.version).toBeGreaterThanOrEqual(last.version);
        }
        const history = new Map(
          (db.prepare("select version, body from section_versions where assessment_id = ? and section_key = '3' and author = 'authority'").all(assessmentId) as Array<{ version: number; body: string }>).map((r) => [r.version, r.body]),
        );
        for (const save of acknowledged) expect(history.get(save.version), `version ${save.version}`).toContain(save.text);
      } finally {
        db.close();
      }
    }
    expect(acknowledged.length).toBeGreaterThan(20);
  }, 240_000);
});
