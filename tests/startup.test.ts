/**
 * The template is checked at start-up: a region's broken template file stops `npm start`
 * with a message naming the problem, before anything is served.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { builtInTemplateJson } from "../app/template/built-in";
import { freshDatabase } from "./support/database";

function start(templateFile: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sli-start-"));
  // The server as `npm start` runs it: plain node on the bundle (built by `npm test` first).
  const result = spawnSync(process.execPath, ["build/index.js"], {
    env: { ...process.env, TEMPLATE_FILE: templateFile, DATABASE_URL: path.join(dir, "db.sqlite"), PORT: "39871", SEED_DEMO: "0" },
    encoding: "utf8",
    timeout: 20_000,
  });
  fs.rmSync(dir, { recursive: true, force: true });
  return result;
}

describe("start-up", () => {
  it("refuses a database address it cannot use, naming DATABASE_URL, and creates nothing", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sli-start-"));
    for (const url of ["mysql://sli:secret@localhost/sli", "sqlserver://sli:secret@localhost/sli"]) {
      const result = spawnSync(process.execPath, [path.resolve("build/index.js")], {
        cwd: dir,
        env: { ...process.env, DATABASE_URL: url, PORT: "39871", SEED_DEMO: "0" },
        encoding: "utf8",
        timeout: 20_000,
      });
      expect(result.status, url).toBe(1);
      expect(result.stderr).toContain("DATABASE_URL is a");
      expect(result.stderr).toContain("Set DATABASE_URL to a file path");
      expect(result.stderr).not.toContain("secret");
    }
    // Before, "mysql:" became a folder holding a new SQLite file.
    expect(fs.readdirSync(dir)).toEqual([]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("stops, naming DATABASE_URL and the server but never the password, when PostgreSQL cannot be reached", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sli-start-"));
    const result = spawnSync(process.execPath, [path.resolve("build/index.js")], {
      cwd: dir,
      env: { ...process.env, DATABASE_URL: "postgres://sli:secret@127.0.0.1:1/sli", PORT: "39871", SEED_DEMO: "0" },
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Could not migrate PostgreSQL database sli on 127.0.0.1:1 (DATABASE_URL)");
    expect(result.stderr + result.stdout).not.toContain("secret");
    expect(fs.readdirSync(dir)).toEqual([]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("takes postgres:// addresses as PostgreSQL, with a pool sized by DATABASE_POOL_SIZE", async () => {
    const { databaseFromEnv, describeTarget, SettingError } = await import("../db/connection.server");
    expect(databaseFromEnv({ DATABASE_URL: "postgres://app:pw@db.internal:5432/sli" })).toEqual({ kind: "postgres", url: "postgres://app:pw@db.internal:5432/sli", poolSize: 10 });
    expect(databaseFromEnv({ DATABASE_URL: "postgresql://db/sli", DATABASE_POOL_SIZE: "25" })).toMatchObject({ kind: "postgres", poolSize: 25 });
    for (const size of ["0", "1", "many", "2.5", "101"]) {
      expect(() => databaseFromEnv({ DATABASE_URL: "postgres://db/sli", DATABASE_POOL_SIZE: size }), size).toThrow(SettingError);
      expect(() => databaseFromEnv({ DATABASE_URL: "postgres://db/sli", DATABASE_POOL_SIZE: size }), size).toThrow(/DATABASE_POOL_SIZE/);
    }
    expect(describeTarget(databaseFromEnv({ DATABASE_URL: "postgres://app:pw@db.internal:5432/sli" }))).toBe("PostgreSQL database sli on db.internal:5432");
    expect(describeTarget(databaseFromEnv({ DATABASE_URL: "postgres:///sli?host=/var/run/postgresql" }))).toBe("PostgreSQL database sli on /var/run/postgresql");
    expect(databaseFromEnv({ DATABASE_URL: "data/x.sqlite" })).toEqual({ kind: "sqlite", file: "data/x.sqlite" });
  });

  it("takes file: addresses, relative and absolute, as SQLite files", async () => {
    const { databaseFileFromEnv } = await import("../db/connection.server");
    expect(databaseFileFromEnv({ DATABASE_URL: "file:data/x.sqlite" })).toBe("data/x.sqlite");
    expect(databaseFileFromEnv({ DATABASE_URL: "file:///var/lib/sli/x.sqlite" })).toBe("/var/lib/sli/x.sqlite");
    expect(databaseFileFromEnv({ DATABASE_URL: " " })).toBe("data/sli.sqlite");
    expect(databaseFileFromEnv({ DATABASE_URL: ":memory:" })).toBe(":memory:");
  });

  it("refuses to start with a broken template, naming the bad key", () => {
    const broken = builtInTemplateJson() as { sections: { fields: { key: string; maxItems?: number }[] }[] };
    broken.sections[0]!.fields.find((f) => f.key === "1d")!.maxItems = 0;
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "sli-template-")), "template.json");
    fs.writeFileSync(file, JSON.stringify(broken));
    const result = start(file);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("The self-assessment template is not valid");
    expect(result.stderr).toContain('field "1d"');
    expect(result.stderr).toContain("maxItems");
  });

  it("refuses a template whose sign-off names a role nobody holds, naming the key", () => {
    const broken = builtInTemplateJson() as { sections: { fields: { key: string; roles?: { key: string; signedBy: string }[] }[] }[] };
    const signOff = broken.sections.flatMap((s) => s.fields).find((f) => f.roles && f.roles.some((r) => r.signedBy !== "peer"))!;
    signOff.roles![0] = { ...signOff.roles![0]!, key: "director", signedBy: "director" };
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "sli-template-")), "template.json");
    fs.writeFileSync(file, JSON.stringify(broken));
    const result = start(file);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`field "${signOff.key}" › role "director" › signedBy`);
  });

  it("refuses a template whose sign-off covers no section, naming the key", () => {
    const broken = builtInTemplateJson() as { sections: { fields: { key: string; covers?: string[] }[] }[] };
    const signOff = broken.sections.flatMap((s) => s.fields).find((f) => f.covers)!;
    signOff.covers = [];
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "sli-template-")), "template.json");
    fs.writeFileSync(file, JSON.stringify(broken));
    const result = start(file);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`field "${signOff.key}" › covers: must cover at least one section`);
  });

  it("refuses a template file that is not JSON", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "sli-template-")), "template.json");
    fs.writeFileSync(file, "{ not json");
    const result = start(file);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("could not be read as JSON");
  });

  it("refuses to start in production without APP_URL, the base of every emailed link, naming it", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sli-start-"));
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", DATABASE_URL: path.join(dir, "db.sqlite"), PORT: "39871", SEED_DEMO: "0" };
    delete env.APP_URL;
    const result = spawnSync(process.execPath, [path.resolve("build/index.js")], { env, encoding: "utf8", timeout: 20_000 });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("APP_URL: must be set in production");
    // Nothing was created before the refusal.
    expect(fs.readdirSync(dir)).toEqual([]);
    // (More wrong addresses in tests/unit/request-guards.test.ts.)
    for (const url of ["https://user@sli.example.org/app"]) {
      const wrong = spawnSync(process.execPath, [path.resolve("build/index.js")], { env: { ...env, APP_URL: url }, encoding: "utf8", timeout: 20_000 });
      expect(wrong.status, url).toBe(1);
      expect(wrong.stderr, url).toContain("APP_URL: must be");
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("refuses a TRUST_PROXY that is neither a hop count nor addresses, naming it", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sli-start-"));
    for (const value of ["true", "10.0.0.0/33"]) {
      const result = spawnSync(process.execPath, [path.resolve("build/index.js")], {
        env: { ...process.env, TRUST_PROXY: value, DATABASE_URL: path.join(dir, "db.sqlite"), PORT: "39871", SEED_DEMO: "0" },
        encoding: "utf8",
        timeout: 20_000,
      });
      expect(result.status, value).toBe(1);
      expect(result.stderr, value).toContain("TRUST_PROXY:");
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  // On the suite's PostgreSQL run this starts on a new, empty PostgreSQL database: migrated,
  // seeded with the demo region and served, as README's first command does with a postgres:// URL.
  it("serves production with its security headers, HSTS and a __Host- session cookie that lives no longer than the session", async () => {
    const database = await freshDatabase();
    const port = 39_000 + Math.floor(Math.random() * 800);
    const server = spawn(process.execPath, ["build/index.js"], {
      env: { ...process.env, NODE_ENV: "production", APP_URL: "https://sli.example.org", SEED_DEMO: "1", DEMO_PASSWORD: "production demo pass", DATABASE_URL: database.url, PORT: String(port) },
      stdio: "ignore",
    });
    try {
      const base = `http://127.0.0.1:${port}`;
      let up = false;
      for (let i = 0; i < 120 && !up; i++) {
        up = await fetch(`${base}/healthz`).then((r) => r.ok, () => false);
        if (!up) await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(up).toBe(true);
      // Every page: a CSP whose scripts need this response's nonce (never 'unsafe-inline'), no framing, and the rest.
      const nonces: string[] = [];
      for (let i = 0; i < 2; i++) {
        const page = await fetch(`${base}/sign-in`);
        const csp = page.headers.get("content-security-policy")!;
        const scriptSrc = csp.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src"))!;
        expect(scriptSrc).not.toContain("unsafe-inline");
        const nonce = /'nonce-([^']+)'/.exec(scriptSrc)![1]!;
        nonces.push(nonce);
        expect(csp).toContain("frame-ancestors 'none'");
        expect(csp).toContain("object-src 'none'");
        expect(page.headers.get("referrer-policy")).toBe("same-origin");
        expect(page.headers.get("x-content-type-options")).toBe("nosniff");
        expect(page.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
        const html = await page.text();
        // Every script on the page carries that nonce.
        const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
        expect(scripts.length).toBeGreaterThan(0);
        for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
      }
      expect(nonces[0]).not.toBe(nonces[1]);
      const signIn = await fetch(`${base}/sign-in`, {
        method: "POST",
        headers: { Origin: base, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ email: "lead@darlington.example", password: "production demo pass" }),
        redirect: "manual",
      });
      expect(signIn.status).toBe(302);
      expect(signIn.headers.get("strict-transport-security")).toContain("max-age=");
      const cookie = signIn.headers.get("set-cookie")!;
      expect(cookie).toMatch(/^__Host-sli_session=/);
      expect(cookie).toMatch(/; Secure/);
      expect(cookie).toMatch(/; Path=\//);
      expect(cookie).not.toMatch(/Domain=/i);
      expect(cookie).toMatch(/Max-Age=43200/);
      expect(cookie).toMatch(/; HttpOnly/i);
      expect(cookie).toMatch(/; SameSite=Lax/i);
    } finally {
      const exited = new Promise((resolve) => server.once("exit", resolve));
      server.kill("SIGTERM");
      await exited;
      await database.drop();
    }
  }, 60_000);
});
