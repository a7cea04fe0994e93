/**
 * Several app instances behind a load balancer, sharing one PostgreSQL database: two
 * production servers (`node build/index.js`, as `npm run start:production` runs it) on two
 * ports, started at the same moment on one new, empty database. Whatever one instance does,
 * the other sees: sessions, saves, conflicts and sign-in throttling live in the database, not
 * in a process.
 *
 * Runs on the suite's PostgreSQL run (TEST_DATABASE_URL); one SQLite file serves one instance,
 * so scripts/test-suites.ts leaves this file out of the SQLite run.
 */
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";

import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { databaseFromEnv, openDatabase } from "../db/connection.server";
import type { Database } from "../db/schema";
import { MAX_FAILURES_IN_WINDOW } from "../app/models/sign-in.server";
import { doc } from "../scripts/demo-content";
import { Client } from "./support/client";
import { freshDatabase, onPostgres, type FreshDatabase } from "./support/database";

const PASSWORD = "two instances pass";
const LEAD = "lead@middlesbrough.example";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

async function startInstance(databaseUrl: string): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, ["build/index.js"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      APP_URL: "https://sli.example.org",
      SEED_DEMO: "1",
      DEMO_PASSWORD: PASSWORD,
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: "4",
      PORT: String(port),
      // Every accepted save is its own history entry, so each can be looked for.
      HISTORY_FOLD_SECONDS: "0",
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (await fetch(`${base}/healthz`).then((r) => r.ok, () => false)) return { child, base };
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`An instance did not start: ${stderr}`);
}

describe.runIf(onPostgres)("two app instances on one PostgreSQL database", () => {
  let database: FreshDatabase;
  let db: Kysely<Database>;
  let a: { child: ChildProcess; base: string };
  let b: { child: ChildProcess; base: string };
  let assessmentId: number;

  beforeAll(async () => {
    database = await freshDatabase();
    // Both start together on the empty database: both migrate and try to seed the demo region.
    [a, b] = await Promise.all([startInstance(database.url), startInstance(database.url)]);
    db = openDatabase(databaseFromEnv({ DATABASE_URL: database.url }));
    const row = await db
      .selectFrom("assessments")
      .innerJoin("authorities", "authorities.id", "assessments.authority_id")
      .select("assessments.id")
      .where("authorities.slug", "=", "middlesbrough")
      .where("assessments.status", "=", "draft")
      .orderBy("assessments.cycle_id", "desc")
      .executeTakeFirstOrThrow();
    assessmentId = row.id;
  }, 120_000);

  afterAll(async () => {
    for (const instance of [a, b]) {
      if (!instance) continue;
      const exited = new Promise((resolve) => instance.child.once("exit", resolve));
      instance.child.kill("SIGTERM");
      await exited;
    }
    await db?.destroy();
    await database?.drop();
  });

  it("seeds the demo region once although both started on the empty database together", async () => {
    expect(await db.selectFrom("regions").select("slug").execute()).toEqual([{ slug: "north-east" }]);
    const { n } = await db.selectFrom("users").select((eb) => eb.fn.countAll<number>().as("n")).where("email", "=", LEAD).executeTakeFirstOrThrow();
    expect(n).toBe(1);
  });

  it("recognises a sign-in on one instance at the other, and a sign-out at one ends it at both", async () => {
    const onA = new Client(a.base);
    await onA.signIn(LEAD, PASSWORD);
    // The same browser, its next request sent to the other instance by the load balancer.
    const onB = onA.at(b.base);
    const home = await onB.get("/");
    expect(home.status).toBe(200);
    expect(await home.text()).toContain("Middlesbrough");

    expect((await onB.post("/sign-out")).status).toBe(302);
    const after = await onA.get("/");
    expect(after.status).toBe(302);
    expect(after.headers.get("location")).toMatch(/^\/sign-in/);
  });

  it("saves through one instance and reads it back through the other", async () => {
    const onA = new Client(a.base);
    await onA.signIn(LEAD, PASSWORD);
    const onB = new Client(b.base);
    await onB.signIn(LEAD, PASSWORD);
    const current = await db
      .selectFrom("assessment_sections")
      .select("version")
      .where("assessment_id", "=", assessmentId)
      .where("section_key", "=", "3")
      .where("author", "=", "authority")
      .executeTakeFirst();
    const text = "Saved on instance A, read on instance B.";
    const saved = await onA.request(`/api/assessments/${assessmentId}/sections/3`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ intent: "save", baseVersion: current?.version ?? 0, fields: { "3a": doc(text) } }),
    });
    expect(saved.status).toBe(200);
    const page = await onB.get(`/assessments/${assessmentId}/sections/3`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(text);
  });

  it("races saves of one section through both instances: exactly one winner per version, and every accepted save kept", async () => {
    const onA = new Client(a.base);
    await onA.signIn(LEAD, PASSWORD);
    const onB = new Client(b.base);
    await onB.signIn(LEAD, PASSWORD);
    const partVersion = async () =>
      (
        await db
          .selectFrom("assessment_sections")
          .select("version")
          .where("assessment_id", "=", assessmentId)
          .where("section_key", "=", "3")
          .where("author", "=", "authority")
          .executeTakeFirst()
      )?.version ?? 0;
    const start = await partVersion();
    const save = (client: Client, baseVersion: number, text: string) =>
      client.request(`/api/assessments/${assessmentId}/sections/3`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ intent: "save", baseVersion, fields: { "3a": doc(text) } }),
      });

    const ROUNDS = 25;
    const winners: Array<{ version: number; text: string }> = [];
    let version = start;
    for (let round = 0; round < ROUNDS; round++) {
      const texts = [`Round ${round} from A.`, `Round ${round} from B.`];
      const responses = await Promise.all([save(onA, version, texts[0]!), save(onB, version, texts[1]!)]);
      const statuses = responses.map((r) => r.status).sort();
      expect(statuses, `round ${round}`).toEqual([200, 409]);
      const winner = responses.findIndex((r) => r.status === 200);
      const body = (await responses[winner]!.json()) as { version: number };
      expect(body.version, `round ${round}`).toBe(version + 1);
      // The loser is told the text that won, to merge with.
      const conflict = (await responses[1 - winner]!.json()) as { current: { version: number } };
      expect(conflict.current.version).toBe(version + 1);
      version = body.version;
      winners.push({ version, text: texts[winner]! });
    }

    expect(await partVersion()).toBe(start + ROUNDS);
    const history = await db
      .selectFrom("section_versions")
      .select(["version", "body"])
      .where("assessment_id", "=", assessmentId)
      .where("section_key", "=", "3")
      .where("author", "=", "authority")
      .where("version", ">", start)
      .orderBy("version")
      .execute();
    expect(history.map((h) => h.version)).toEqual(winners.map((w) => w.version));
    history.forEach((entry, i) => expect(entry.body).toContain(winners[i]!.text));
  });

  it("counts wrong passwords at both instances towards one lock on the account", async () => {
    const victim = "dcs@hartlepool.example";
    for (let i = 0; i < MAX_FAILURES_IN_WINDOW; i++) {
      const base = i % 2 === 0 ? a.base : b.base;
      const wrong = await new Client(base).post("/sign-in", { email: victim, password: `wrong guess ${i}` });
      expect(wrong.status, `attempt ${i} at ${i % 2 === 0 ? "A" : "B"}`).toBe(400);
    }
    // Locked everywhere, even for the right password.
    for (const base of [a.base, b.base]) {
      const locked = await new Client(base).post("/sign-in", { email: victim, password: PASSWORD });
      expect(locked.status).toBe(429);
      expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    }
  });
});
