/**
 * What the server checks before any route runs, attacked through the real server as issue 19's
 * findings were: request bodies capped while they stream (F1), redirect targets after sign-in
 * (F3), which proxy's X-Forwarded-* is believed (TRUST_PROXY), no caching of anything a
 * signed-in person is shown (F10), no 500 for odd methods or forwarded hosts and no forged log
 * lines (F8), the Origin check by scheme, host and port (F14), and ids only in canonical
 * decimal (F15).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

import { doc } from "../scripts/demo-content";
import { streamChunkedBody } from "../scripts/bench-bodies";
import { loadServer } from "../scripts/build";
import { startTestApp, type TestApp } from "./support/app";
import { Client, rawRequest } from "./support/client";
import { createWorld, openTestCycle, saveSectionAs, TEST_PASSWORD } from "./support/factories";

let app: TestApp;
let world: Awaited<ReturnType<typeof createWorld>>;
let cycleId = 0;
let draft = 0;
let editor: Client;
let coordinator: Client;

beforeAll(async () => {
  app = await startTestApp();
  world = await createWorld(app.db);
  const cycle = await openTestCycle(app.db, world.region.id);
  cycleId = cycle.cycleId;
  draft = cycle.assessmentOf(world.authorityA.id);
  await saveSectionAs(app.db, world.editorA, draft, "2", { "2a": doc("What our audits of practice tell us.") });
  editor = new Client(app.url);
  await editor.signIn(world.editorA.email, TEST_PASSWORD);
  coordinator = new Client(app.url);
  await coordinator.signIn(world.coordinator.email, TEST_PASSWORD);
});
afterAll(() => app.close());
afterEach(() => {
  vi.restoreAllMocks();
});

const MiB = 1024 * 1024;

/** The largest resident size of this process (server and client both) while `work` runs. */
async function peakRss<T>(work: () => Promise<T>): Promise<{ result: T; growth: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, growth: peak - before };
  } finally {
    clearInterval(sampler);
  }
}

describe("F1: request bodies are capped while they stream, before any route reads them", () => {
  it("a 200 MB chunked sign-in from nobody is refused with 413 after a few kilobytes, and the server's memory does not grow by it", async () => {
    const { result, growth } = await peakRss(() =>
      streamChunkedBody(app.url, "/sign-in", { Origin: app.url, "Content-Type": "application/x-www-form-urlencoded" }, `email=${encodeURIComponent("nobody@example.test")}&password=`, 200 * MiB),
    );
    expect(result.status).toBe(413);
    expect(result.body).toContain("too large");
    // The server stopped reading: what got through is the allowance and what sockets buffer.
    expect(result.sent).toBeLessThan(32 * MiB);
    expect(growth, `grew ${(growth / MiB).toFixed(0)} MiB`).toBeLessThan(64 * MiB);
    // And it still answers.
    expect((await new Client(app.url).get("/sign-in")).status).toBe(200);
  });

  it("a 200 MB chunked save to the save API, signed in, gets the API's 413 after 2 MB and the connection's read stops", async () => {
    const versionOf = async () =>
      (await app.db.selectFrom("assessment_sections").select("version").where("assessment_id", "=", draft).where("section_key", "=", "2").where("author", "=", "authority").executeTakeFirstOrThrow()).version;
    const before = await versionOf();
    const { result, growth } = await peakRss(() =>
      streamChunkedBody(
        app.url,
        `/api/assessments/${draft}/sections/2`,
        { Origin: app.url, "Content-Type": "application/json", Accept: "application/json", Cookie: editor.cookieHeader() },
        '{"intent":"save","baseVersion":1,"fields":{"2a":{"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"',
        200 * MiB,
      ),
    );
    expect(result.status).toBe(413);
    expect(JSON.parse(result.body)).toMatchObject({ ok: false, error: "too_large" });
    expect(result.sent).toBeLessThan(32 * MiB);
    expect(growth, `grew ${(growth / MiB).toFixed(0)} MiB`).toBeLessThan(64 * MiB);
    // Nothing was saved.
    expect(await versionOf()).toBe(before);
  });

  it("signed out, a large save is refused as a signed-out save (the editor keeps the text), without reading it", async () => {
    const result = await streamChunkedBody(app.url, `/api/assessments/${draft}/sections/2`, { Origin: app.url, "Content-Type": "application/json" }, '{"intent":"save","baseVersion":1,"fields":{"2a":"', 50 * MiB);
    expect(result.status).toBe(401);
    expect(JSON.parse(result.body)).toMatchObject({ ok: false, error: "signed_out" });
    expect(result.sent).toBeLessThan(32 * MiB);
  });

  it("the cap is per route: the Word upload route takes more than 2 MB, other routes do not", async () => {
    const lead = { Origin: app.url, Cookie: editor.cookieHeader(), "Content-Type": "multipart/form-data; boundary=x" };
    const upload = await streamChunkedBody(app.url, `/assessments/${draft}/import`, lead, "--x\r\n", 3 * MiB);
    // Read whole (3 MB is under the upload cap); the route itself wants a declared length.
    expect(upload.status).toBe(411);
    const elsewhere = await streamChunkedBody(app.url, `/assessments/${draft}/sections/2`, lead, "--x\r\n", 3 * MiB);
    expect(elsewhere.status).toBe(413);
    const tooBig = await streamChunkedBody(app.url, `/assessments/${draft}/import`, lead, "--x\r\n", 40 * MiB);
    expect(tooBig.status).toBe(413);
    expect(tooBig.sent).toBeLessThan(40 * MiB);
  });
});

describe("F3: where sign-in sends people", () => {
  /** The sign-in page as a browser gets it for this redirectTo, then the form it shows, posted. */
  async function signInVia(redirectTo: string): Promise<{ status: number; location: string | null }> {
    const c = new Client(app.url);
    const page = await c.get(`/sign-in?redirectTo=${encodeURIComponent(redirectTo)}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const hidden = /name="redirectTo" value="([^"]*)"/.exec(html)?.[1] ?? "";
    const value = hidden.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
    const response = await c.post("/sign-in", { email: world.memberA.email, password: TEST_PASSWORD, redirectTo: value });
    return { status: response.status, location: response.headers.get("location") };
  }

  it("after a real sign-in, /sign-in?redirectTo=%2F%09%2Fevil.example%2Fphish lands on this site", async () => {
    const c = new Client(app.url);
    const page = await c.get("/sign-in?redirectTo=%2F%09%2Fevil.example%2Fphish");
    const hidden = /name="redirectTo" value="([^"]*)"/.exec(await page.text())![1]!;
    expect(hidden).toBe("/\t/evil.example/phish");
    const response = await c.post("/sign-in", { email: world.memberA.email, password: TEST_PASSWORD, redirectTo: hidden });
    expect(response.status).toBe(302);
    const location = response.headers.get("location")!;
    expect(location).toBe("/");
    // As a browser reads the Location header: this site.
    expect(new URL(location, app.url).origin).toBe(app.url);
  });

  it("control characters, odd spaces and other sites are refused for the home page, never a 500", async () => {
    const payloads = [
      "/\t/evil.example/phish",
      "/\n/evil.example",
      "/\r/evil.example",
      "/\u000b/evil.example",
      "/\u0000/evil.example",
      "/\u3000/evil.example",
      "/\r\nSet-Cookie: planted=1",
      "/\u2028/evil.example",
      "/\u200b/evil.example",
      "//evil.example/phish",
      "/\\evil.example/phish",
      "/\\/evil.example",
      "/.//evil.example",
      "https://evil.example/phish",
      "javascript:alert(1)",
      " /assessments",
      "%2F%2Fevil.example",
    ];
    for (const payload of payloads) {
      const { status, location } = await signInVia(payload);
      expect(status, JSON.stringify(payload)).toBe(302);
      expect(location, JSON.stringify(payload)).toBe("/");
    }
  });

  it("a path of this site is kept, with its query", async () => {
    expect(await signInVia(`/assessments/${draft}/sections/2?part=authority`)).toEqual({ status: 302, location: `/assessments/${draft}/sections/2?part=authority` });
  });
});

describe("F10: nothing a signed-in person is shown is kept in a cache", () => {
  const values = (param: string): string => {
    switch (param) {
      case "assessmentId":
        return String(draft);
      case "sectionKey":
        return "2";
      case "version":
        return "1";
      case "cycleId":
        return String(cycleId);
      case "slug":
        return world.authorityA.slug;
      case "importId":
      case "itemId":
        return "1";
      default:
        return "not-a-real-token";
    }
  };

  it("every route of the manifest, as a page and as a ?_data request, answers signed-in people with Cache-Control: no-store", async () => {
    const { serverBuild } = await loadServer();
    // Signing out is walked last: it ends the session.
    const routes = Object.values(serverBuild.routes)
      .filter((r) => r.id !== "root")
      .sort((a, b) => Number(a.id === "routes/sign-out") - Number(b.id === "routes/sign-out"));
    let checked = 0;
    for (const email of [world.coordinator.email, world.editorA.email]) {
      const who = new Client(app.url);
      await who.signIn(email, TEST_PASSWORD);
      for (const route of routes) {
        const url = "/" + (route.path ?? "").replace(/:(\w+)/g, (_, name: string) => values(name));
        const hasPage = typeof (route.module as { default?: unknown }).default === "function";
        for (const target of hasPage ? [url, `${url}?_data=${encodeURIComponent(route.id)}`] : [url]) {
          const response = await who.get(target);
          await response.arrayBuffer();
          expect(response.headers.get("cache-control"), `${route.id}: GET ${target} (${response.status})`).toMatch(/\bno-store\b/);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it("the draft's pages, the Word download, the two-step page and sign-in's own answer are no-store; the app's static files stay cacheable", async () => {
    const c = new Client(app.url);
    const signedIn = await c.post("/sign-in", { email: world.dcsA.email, password: TEST_PASSWORD });
    expect(signedIn.headers.get("cache-control")).toBe("no-store");
    for (const path of [`/assessments/${draft}`, `/assessments/${draft}/print`, `/assessments/${draft}/sections/2/history`, `/assessments/${draft}/sign-off`, `/assessments/${draft}/word`, "/account/two-step"]) {
      const response = await c.get(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get("cache-control"), path).toMatch(/\bno-store\b/);
    }
    const { serverBuild } = await loadServer();
    const script = await c.get(serverBuild.assets.entry.module);
    expect(script.status).toBe(200);
    expect(script.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect((await c.get("/favicon.svg")).headers.get("cache-control")).toBe("public, max-age=3600");
  });
});

describe("F8: odd requests get a 4xx, never a 500, and nothing they carry forges a log line", () => {
  it("TRACE and other methods the app does not answer get 405 naming the ones it does", async () => {
    for (const method of ["TRACE", "PUT", "DELETE", "PATCH", "OPTIONS", "PROPFIND", "MKCOL"]) {
      const answer = await rawRequest(app.url, method, "/", { Origin: app.url });
      expect(answer.status, method).toBe(405);
      expect(answer.headers.allow, method).toBe("GET, HEAD, POST");
    }
    const answer = await rawRequest(app.url, "TRACE", "/sign-in", { Origin: app.url, Cookie: editor.cookieHeader() });
    expect(answer.status).toBe(405);
    expect(answer.body).not.toContain(editor.cookieHeader());
    // Methods Node's own parser does not know never reach the app: Node answers 400.
    expect((await rawRequest(app.url, "TRACK", "/", { Origin: app.url })).status).toBe(400);
  });

  it("a POST whose X-Forwarded-Host differs from its Origin is not a 500, with or without a trusted proxy", async () => {
    const form = { "Content-Type": "application/x-www-form-urlencoded" };
    const body = "email=nobody%40example.test&password=wrong";
    // No proxy is trusted here: the header is not believed, and the Origin matches the Host.
    for (const forwarded of ["evil.example", "evil.example:99999", "a b", "127.0.0.1:1"]) {
      const answer = await rawRequest(app.url, "POST", "/sign-in", { ...form, Origin: app.url, "X-Forwarded-Host": forwarded }, body);
      expect(answer.status, forwarded).toBe(400);
      expect(answer.body, forwarded).toContain("not right");
    }
    // Behind a trusted proxy the forwarded host is believed, so an Origin of the connection's host is another site's.
    const proxied = await app.serveWith({ TRUST_PROXY: "loopback" });
    for (const forwarded of ["evil.example", "evil.example:99999", "a b"]) {
      const answer = await rawRequest(proxied, "POST", "/sign-in", { ...form, Origin: proxied, "X-Forwarded-Host": forwarded }, body);
      expect(answer.status, forwarded).toBeGreaterThanOrEqual(400);
      expect(answer.status, forwarded).toBeLessThan(500);
    }
    expect((await rawRequest(proxied, "POST", "/sign-in", { ...form, Origin: proxied, "X-Forwarded-Host": "evil.example" }, body)).status).toBe(403);
  });

  it("a Host that is not a host, or a request for another site's address, is a 400", async () => {
    expect((await rawRequest(app.url, "GET", "/sign-in", { Host: "evil.example:99999" })).status).toBe(400);
    expect((await rawRequest(app.url, "GET", "/sign-in", { Host: "a/b" })).status).toBe(400);
    expect((await rawRequest(app.url, "GET", "http://evil.example/sign-in")).status).toBe(400);
    expect((await rawRequest(app.url, "GET", "/sign-in", { Host: "localhost" })).status).toBe(200);
  });

  it("CR, LF and other control characters from a request never reach the log raw", async () => {
    const lines: string[] = [];
    for (const method of ["error", "warn", "log", "info"] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void lines.push(args.map((a) => (a instanceof Error ? (a.stack ?? a.message) : String(a))).join(" ")));
    }
    const forged = "\r\n2026-12-04T10:00:00.000Z FORGED admin signed in";
    for (const payload of [`/${forged}`, `/\u000b${forged}`, `/\u0000${forged}`]) {
      const response = await new Client(app.url).post("/sign-in", { email: world.memberA.email, password: TEST_PASSWORD, redirectTo: payload });
      expect(response.status).toBeLessThan(500);
    }
    expect((await new Client(app.url).get(`/assessments/${encodeURIComponent(forged)}`)).status).toBe(302);
    expect((await editor.get(`/no-such-page/${encodeURIComponent(forged)}`)).status).toBe(404);
    expect((await rawRequest(app.url, "TRACE", `/${encodeURIComponent(forged)}`, { Origin: app.url })).status).toBe(405);
    // An error while answering, whose message carries what the request said, as the app logs it.
    const { serverBuild } = await loadServer();
    const handleError = serverBuild.entry.module.handleError!;
    handleError(new TypeError(`Headers.set: "${forged}" is an invalid header value.`), {
      request: new Request(`${app.url}/sign-in?redirectTo=${encodeURIComponent(forged)}`, { method: "POST" }),
      params: {},
      context: { clientAddress: "127.0.0.1" },
    });
    const log = lines.join("\n");
    expect(log).toContain("FORGED admin signed in");
    expect(log).toContain("\\r\\n2026-12-04T10:00:00.000Z FORGED");
    // No line of the log starts with what the request carried, and no bare CR is in it.
    expect(log).not.toMatch(/(^|[\r\n\u000b\u0000])2026-12-04T10:00:00.000Z FORGED/);
    expect(log).not.toContain("\r");
  });
});

describe("F14: the Origin of a change is compared by scheme, host and port", () => {
  it("refuses another scheme, user info, another port, a path or null on a form post, and takes the exact origin", async () => {
    const host = new URL(app.url).host;
    const refused = [
      `https://${host}`,
      `ftp://${host}`,
      `chrome-extension://${host}`,
      `http://user@${host}`,
      `http://user:secret@${host}`,
      `http://${new URL(app.url).hostname}:1`,
      `${app.url}/`,
      `${app.url}/sign-in`,
      "null",
      "",
    ];
    for (const origin of refused) {
      const response = await new Client(app.url, origin || null).post("/sign-in", { email: "nobody@example.test", password: "wrong" });
      expect(response.status, origin).toBe(403);
    }
    const accepted = await new Client(app.url).post("/sign-in", { email: "nobody@example.test", password: "wrong" });
    expect(accepted.status).toBe(400);
  });

  it("behind a trusted proxy, the expected scheme and host are the forwarded ones", async () => {
    const proxied = await app.serveWith({ TRUST_PROXY: "127.0.0.1" });
    const post = (headers: Record<string, string>) =>
      rawRequest(proxied, "POST", "/sign-in", { "Content-Type": "application/x-www-form-urlencoded", ...headers }, "email=nobody%40example.test&password=wrong");
    const forwarded = { "X-Forwarded-Proto": "https", "X-Forwarded-Host": "sli.example.org" };
    expect((await post({ ...forwarded, Origin: "https://sli.example.org" })).status).toBe(400);
    expect((await post({ ...forwarded, Origin: "http://sli.example.org" })).status).toBe(403);
    expect((await post({ ...forwarded, Origin: "https://user@sli.example.org" })).status).toBe(403);
    expect((await post({ ...forwarded, Origin: "https://sli.example.org:8443" })).status).toBe(403);
    expect((await post({ ...forwarded, Origin: proxied })).status).toBe(403);
    // From a proxy it does not trust, the same headers mean nothing: the connection's own origin counts.
    const direct = await app.serveWith({ TRUST_PROXY: "10.9.8.7" });
    const fromUntrusted = await rawRequest(direct, "POST", "/sign-in", { ...forwarded, "Content-Type": "application/x-www-form-urlencoded", Origin: "https://sli.example.org" }, "email=a%40b.c&password=x");
    expect(fromUntrusted.status).toBe(403);
  });
});

describe("F15: ids only in canonical decimal", () => {
  const aliases = (n: number) => [`0${n}`, `00${n}`, `${n}.0`, `+${n}`, `%2B${n}`, `${n / 10}e1`, `${n}e0`, `0x${n.toString(16)}`, `%20${n}`, `${n}%20`, `${n}%09`, `-0${n}`, `${n}n`, `${n}_0`];

  it("/assessments/025, 25.0, +25, 2.5e1, 0x19 and ' 25' are 404; the canonical id is the page", async () => {
    expect((await editor.get(`/assessments/${draft}`)).status).toBe(200);
    for (const alias of aliases(draft)) {
      expect((await editor.get(`/assessments/${alias}`)).status, alias).toBe(404);
      expect((await editor.get(`/assessments/${alias}/sections/2`)).status, alias).toBe(404);
    }
  });

  it("the same for a cycle's offer board and heatmap and a section's version in its history", async () => {
    expect((await editor.get(`/cycles/${cycleId}/offer`)).status).toBe(200);
    expect((await editor.get(`/cycles/${cycleId}/heatmap`)).status).toBe(200);
    expect((await editor.get(`/assessments/${draft}/sections/2/history/1`)).status).toBe(200);
    for (const alias of aliases(cycleId)) {
      expect((await editor.get(`/cycles/${alias}/offer`)).status, alias).toBe(404);
      expect((await editor.get(`/cycles/${alias}/heatmap`)).status, alias).toBe(404);
    }
    for (const alias of aliases(1)) expect((await editor.get(`/assessments/${draft}/sections/2/history/${alias}`)).status, alias).toBe(404);
  });
});

describe("TRUST_PROXY: X-Forwarded-For is believed only from the proxies named", () => {
  /** `count` wrong sign-ins to addresses nobody has (so no account's own limit counts), each claiming a client address. */
  async function wrongSignIns(base: string, tag: string, count: number, forwardedFor: (i: number) => string) {
    const statuses: number[] = [];
    for (let i = 0; i < count; i++) {
      const answer = await rawRequest(
        base,
        "POST",
        "/sign-in",
        { Origin: base, "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": forwardedFor(i) },
        `email=${encodeURIComponent(`${tag}.${i}@example.test`)}&password=wrong`,
      );
      statuses.push(answer.status);
    }
    return statuses;
  }

  const failuresFrom = async (address: string) =>
    Number((await app.db.selectFrom("sign_in_failures").select((eb) => eb.fn.countAll<number>().as("n")).where("address", "=", address).executeTakeFirstOrThrow()).n);
  const auditedAddresses = async (tag: string) =>
    new Set((await app.db.selectFrom("audit_events").select("address").where("action", "=", "session.sign_in_failed").where("subject_id", "like", `${tag}.%`).execute()).map((r) => r.address));

  it("set to a proxy that is not the client, rotating X-Forwarded-For is ignored: the real address is throttled and audited", async () => {
    const base = await app.serveWith({ TRUST_PROXY: "10.20.30.40" });
    await app.db.deleteFrom("sign_in_failures").execute();
    const statuses = await wrongSignIns(base, "not-from-proxy", 31, (i) => `198.51.100.${i + 1}`);
    expect(statuses.slice(0, 30).every((s) => s === 400)).toBe(true);
    // The 31st from the same real address, whatever it claims, is throttled.
    expect(statuses[30]).toBe(429);
    expect(await failuresFrom("127.0.0.1")).toBe(30);
    expect(await auditedAddresses("not-from-proxy")).toEqual(new Set(["127.0.0.1"]));
  });

  it("set to the proxy's address, the client is the address that proxy saw, not what the client wrote before it", async () => {
    // The proxy (this test, on loopback) appends the address it saw; a client forges the rest.
    const base = await app.serveWith({ TRUST_PROXY: "127.0.0.1" });
    await app.db.deleteFrom("sign_in_failures").execute();
    const statuses = await wrongSignIns(base, "through-proxy", 31, (i) => `203.0.113.${i + 1}, 192.0.2.77`);
    expect(statuses[29]).toBe(400);
    expect(statuses[30]).toBe(429);
    expect(await failuresFrom("192.0.2.77")).toBe(30);
    expect(await auditedAddresses("through-proxy")).toEqual(new Set(["192.0.2.77"]));
  });

  it("set to 1, it means one proxy hop, as in Express: the last address in X-Forwarded-For", async () => {
    const base = await app.serveWith({ TRUST_PROXY: "1" });
    await app.db.deleteFrom("sign_in_failures").execute();
    await wrongSignIns(base, "one-hop", 2, (i) => `203.0.113.${i + 50}, 192.0.2.88`);
    expect(await failuresFrom("192.0.2.88")).toBe(2);
  });
});
