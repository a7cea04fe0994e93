/**
 * The server's checks on their own: how an Origin is compared, how the origin a request was made
 * to is worked out (with and without a trusted proxy), how a body is counted and cut off, where
 * sign-in may send someone, which ids are ids, how log lines are escaped and how the settings
 * behind them are read. tests/request-guards.test.ts drives the same through the real server.
 */
import type { IncomingMessage } from "node:http";
import { PassThrough } from "node:stream";

import { describe, expect, it } from "vitest";

import { readEnv as readSettings } from "../../app/utils/env.server";
import { idSchema, parseId } from "../../app/utils/ids";
import { describeErrorForLog, escapeForLog } from "../../app/utils/log.server";
import { safeRedirect } from "../../app/utils/redirect";
import { bodyLimitFor, MAX_REQUEST_BYTES, MAX_UPLOAD_REQUEST_BYTES, originMatches, readBody, requestOrigin } from "../../scripts/request-guards";

describe("originMatches", () => {
  const expected = "http://127.0.0.1:3000";
  it("takes exactly this origin", () => {
    expect(originMatches("http://127.0.0.1:3000", expected)).toBe(true);
    expect(originMatches("https://sli.example.org", "https://sli.example.org")).toBe(true);
  });
  it.each([
    ["another scheme", "https://127.0.0.1:3000"],
    ["ftp", "ftp://127.0.0.1:3000"],
    ["a browser extension", "chrome-extension://127.0.0.1:3000"],
    ["user info", "http://user@127.0.0.1:3000"],
    ["user and password", "http://user:pw@127.0.0.1:3000"],
    ["another port", "http://127.0.0.1:3001"],
    ["no port", "http://127.0.0.1"],
    ["a path", "http://127.0.0.1:3000/sign-in"],
    ["a trailing slash", "http://127.0.0.1:3000/"],
    ["another host", "http://evil.example"],
    ["a look-alike host", "http://127.0.0.1:3000.evil.example"],
    ["null", "null"],
    ["nothing", undefined],
    ["not a URL", "127.0.0.1:3000"],
    ["upper case", "HTTP://127.0.0.1:3000"],
  ])("refuses %s", (_, origin) => {
    expect(originMatches(origin, expected)).toBe(false);
  });
});

describe("requestOrigin", () => {
  const base = { encrypted: false, host: "127.0.0.1:3000", trustedProxy: false };
  it("is the connection's scheme and the Host, when no proxy is trusted, whatever X-Forwarded-* say", () => {
    expect(requestOrigin(base)).toBe("http://127.0.0.1:3000");
    expect(requestOrigin({ ...base, forwardedProto: "https", forwardedHost: "evil.example" })).toBe("http://127.0.0.1:3000");
    expect(requestOrigin({ ...base, encrypted: true, host: "sli.example.org" })).toBe("https://sli.example.org");
    expect(requestOrigin({ ...base, host: "sli.example.org:80" })).toBe("http://sli.example.org");
    expect(requestOrigin({ ...base, host: "[::1]:3000" })).toBe("http://[::1]:3000");
  });
  it("is the first forwarded scheme and host from a trusted proxy", () => {
    const proxied = { ...base, trustedProxy: true };
    expect(requestOrigin({ ...proxied, forwardedProto: "https", forwardedHost: "sli.example.org" })).toBe("https://sli.example.org");
    expect(requestOrigin({ ...proxied, forwardedProto: "https, http", forwardedHost: "sli.example.org, inner.local" })).toBe("https://sli.example.org");
    expect(requestOrigin({ ...proxied, forwardedProto: "HTTPS" })).toBe("https://127.0.0.1:3000");
    expect(requestOrigin(proxied)).toBe("http://127.0.0.1:3000");
  });
  it("is null when the host is not one, so the request is a 400", () => {
    for (const host of [undefined, "", "evil.example:99999", "a b", "a/b", "user@host", "host?x", "host#x", "h\u0000st", "[zz]"]) {
      expect(requestOrigin({ ...base, host }), String(host)).toBeNull();
    }
    expect(requestOrigin({ ...base, trustedProxy: true, forwardedProto: "ftp" })).toBeNull();
    expect(requestOrigin({ ...base, trustedProxy: true, forwardedHost: "evil.example:65536" })).toBeNull();
  });
});

describe("readBody", () => {
  function request(headers: Record<string, string>): IncomingMessage & PassThrough {
    const stream = new PassThrough() as PassThrough & { headers: Record<string, string>; complete: boolean };
    stream.headers = headers;
    return stream as unknown as IncomingMessage & PassThrough;
  }
  const limits = { signedOut: 100, signedIn: 1_000 };
  const kb = (n: number) => Buffer.alloc(n, "a");

  it("reads a body within the signed-out allowance without asking about the session", async () => {
    const req = request({ "transfer-encoding": "chunked" });
    let asked = 0;
    const reading = readBody(req, limits, async () => (asked++, true));
    req.write(kb(40));
    req.end(kb(40));
    const outcome = await reading;
    expect(outcome).toMatchObject({ kind: "read", bytes: 80 });
    expect(asked).toBe(0);
  });

  it("reads up to the route's limit for a live session, and stops at it", async () => {
    const req = request({ "transfer-encoding": "chunked" });
    const reading = readBody(req, limits, async () => true);
    let written = 0;
    // Keeps offering more than the limit; the reader stops taking it.
    for (let i = 0; i < 30 && written < 3_000; i++) {
      req.write(kb(100));
      written += 100;
    }
    const outcome = await reading;
    expect(outcome).toEqual({ kind: "too-large", signedOut: false });
    expect(req.isPaused()).toBe(true);
  });

  it("stops at the signed-out allowance without a live session, and says so", async () => {
    const req = request({ "transfer-encoding": "chunked" });
    const reading = readBody(req, limits, async () => false);
    req.write(kb(60));
    req.write(kb(60));
    expect(await reading).toEqual({ kind: "too-large", signedOut: true });
  });

  it("a body within the route's limit from a live session is read whole", async () => {
    const req = request({ "transfer-encoding": "chunked" });
    const reading = readBody(req, limits, async () => true);
    for (let i = 0; i < 9; i++) req.write(kb(100));
    req.end();
    const outcome = await reading;
    expect(outcome.kind).toBe("read");
    expect(outcome.kind === "read" && Buffer.concat(outcome.chunks).length).toBe(900);
  });

  it("refuses a declared Content-Length over the limit before reading a byte", async () => {
    let asked = 0;
    const over = request({ "content-length": "5000" });
    expect(await readBody(over, limits, async () => (asked++, true))).toEqual({ kind: "too-large", signedOut: false });
    expect(asked).toBe(0);
    const signedOut = request({ "content-length": "500" });
    expect(await readBody(signedOut, limits, async () => false)).toEqual({ kind: "too-large", signedOut: true });
    expect(over.readableLength + signedOut.readableLength).toBe(0);
  });

  it("has nothing to read without a body, and notices a client that leaves", async () => {
    expect(await readBody(request({}), limits, async () => true)).toEqual({ kind: "read", chunks: [], bytes: 0 });
    const req = request({ "transfer-encoding": "chunked" });
    const reading = readBody(req, limits, async () => true);
    req.write(kb(10));
    req.destroy();
    expect(await reading).toEqual({ kind: "aborted" });
  });

  it("gives the Word upload route its larger limit, and no other", () => {
    expect(bodyLimitFor("/assessments/25/import")).toBe(MAX_UPLOAD_REQUEST_BYTES);
    for (const path of ["/assessments/25/import/3", "/assessments/025/import", "/assessments/25/sections/2", "/api/assessments/25/sections/2", "/sign-in"]) {
      expect(bodyLimitFor(path), path).toBe(MAX_REQUEST_BYTES);
    }
  });
});

describe("safeRedirect", () => {
  it.each([
    "/\t/evil.example/phish",
    "/\n/evil.example",
    "/\r/evil.example",
    "/\u000b/evil.example",
    "/\u0000/evil.example",
    "/\u3000/evil.example",
    "/\u00a0/evil.example",
    "/\u2028/evil.example",
    "/\u200b/evil.example",
    "/\u202e/evil.example",
    "/ /evil.example",
    "//evil.example",
    "/\\evil.example",
    "/\\/evil.example",
    "/.//evil.example",
    "/..//evil.example",
    "https://evil.example",
    "http:evil.example",
    "javascript:alert(1)",
    "evil.example",
    "",
    "/" + "a".repeat(2000),
  ])("refuses %j", (to) => {
    expect(safeRedirect(to)).toBe("/");
    expect(safeRedirect(to, "/assessments")).toBe("/assessments");
  });

  it("keeps a path of this site, as the URL parser reads it", () => {
    expect(safeRedirect("/assessments/25/sections/2?part=peers#2a")).toBe("/assessments/25/sections/2?part=peers#2a");
    expect(safeRedirect("/%2F%2Fevil.example")).toBe("/%2F%2Fevil.example");
    expect(safeRedirect("/a/../b")).toBe("/b");
    expect(safeRedirect(null)).toBe("/");
    expect(safeRedirect(undefined)).toBe("/");
  });
});

describe("ids", () => {
  it("takes only canonical decimal", () => {
    expect(parseId("25")).toBe(25);
    expect(parseId("1")).toBe(1);
    expect(parseId(String(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
    for (const alias of ["025", "25.0", "+25", "2.5e1", "0x19", " 25", "25 ", "\t25", "0", "-25", "25n", "2_5", "٢٥", "9".repeat(17), "9007199254740993", "", "NaN", "Infinity"]) {
      expect(parseId(alias), JSON.stringify(alias)).toBeNull();
    }
    expect(parseId(undefined)).toBeNull();
  });

  it("as a form field, a wrong id is a form error with the given words", () => {
    const schema = idSchema("Choose a region");
    expect(schema.parse("7")).toBe(7);
    const wrong = schema.safeParse("07");
    expect(wrong.success).toBe(false);
    expect(wrong.error?.issues[0]?.message).toBe("Choose a region");
    expect(schema.safeParse(undefined).error?.issues[0]?.message).toBe("Choose a region");
  });
});

describe("log lines", () => {
  it("write CR, LF, NUL and other control characters as escapes", () => {
    expect(escapeForLog("a\r\nb\tc\u0000d\u000be\u001bf\u2028g\u0085h")).toBe("a\\r\\nb\\tc\\u0000d\\u000be\\u001bf\\u2028g\\u0085h");
    expect(escapeForLog("plain text, ünïcödé")).toBe("plain text, ünïcödé");
  });

  it("keep an error's message on its own line, whatever it holds, followed by its stack frames", () => {
    const error = new Error("redirect to /\r\n2026-12-04 FORGED line\n    at fake (evil.js:1:1)");
    const lines = describeErrorForLog(error).split("\n");
    expect(lines[0]).toBe("Error: redirect to /\\r\\n2026-12-04 FORGED line\\n    at fake (evil.js:1:1)");
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines.slice(1)) expect(line).toMatch(/^\s+at /);
    expect(lines.slice(1).some((l) => l.includes("evil.js"))).toBe(false);
    expect(describeErrorForLog("a\nb")).toBe("a\\nb");
  });
});

describe("settings", () => {
  const readEnv = (vars: Record<string, string>) => readSettings({ NODE_ENV: "test", ...vars } as NodeJS.ProcessEnv);
  it("TRUST_PROXY: unset is nobody, a number is hops (1 is one proxy, as in Express), else addresses and ranges", () => {
    expect(readEnv({}).TRUST_PROXY).toBe(false);
    expect(readEnv({ TRUST_PROXY: "0" }).TRUST_PROXY).toBe(false);
    expect(readEnv({ TRUST_PROXY: "1" }).TRUST_PROXY).toBe(1);
    expect(readEnv({ TRUST_PROXY: "2" }).TRUST_PROXY).toBe(2);
    expect(readEnv({ TRUST_PROXY: "10.0.0.5, 10.1.0.0/16,loopback,::1,fd00::/8,10.2.0.0/255.255.0.0" }).TRUST_PROXY).toEqual([
      "10.0.0.5",
      "10.1.0.0/16",
      "loopback",
      "::1",
      "fd00::/8",
      "10.2.0.0/255.255.0.0",
    ]);
    for (const wrong of ["true", "*", "yes", "10.0.0.0/33", "::1/129", "proxy.internal", "10.0.0.5,", "10.0.0.5/8/8", "-1"]) {
      expect(() => readEnv({ TRUST_PROXY: wrong }), wrong).toThrow(/TRUST_PROXY/);
    }
  });

  it("APP_URL: required in production, an http(s) origin alone, kept without a trailing slash", () => {
    expect(() => readEnv({ NODE_ENV: "production" })).toThrow(/APP_URL: must be set in production/);
    expect(readEnv({ NODE_ENV: "production", APP_URL: "https://sli.example.org/" }).APP_URL).toBe("https://sli.example.org");
    expect(readEnv({ NODE_ENV: "production", APP_URL: "https://sli.example.org:8443" }).APP_URL).toBe("https://sli.example.org:8443");
    expect(readEnv({}).APP_URL).toBeUndefined();
    for (const wrong of ["ftp://sli.example.org", "sli.example.org", "https://user@sli.example.org", "https://sli.example.org/app", "https://sli.example.org/?x=1", "javascript:alert(1)"]) {
      expect(() => readEnv({ APP_URL: wrong }), wrong).toThrow(/APP_URL: must be/);
    }
  });
});
