/**
 * The benchmark's load phase: the production server started as it is deployed — plain
 * `node build/index.js`, no npm and no TypeScript loader in its process tree — on the database
 * the benchmark generated, driven over loopback with autocannon at 10 connections. Each page's
 * requests per second are compared with the sign-in page's in the same run. Section saves are
 * driven by 10 editors of 10 authorities, each saving their own section as fast as answers
 * come (autocannon cannot carry each editor's version from one save to the next).
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import { performance } from "node:perf_hooks";

import autocannon from "autocannon";

export interface LoadTarget {
  name: string;
  path: string;
  /** The session cookie to send, or none for the sign-in page. */
  cookie?: string;
}

export interface SaveEditor {
  cookie: string;
  assessmentId: number;
  sectionKey: string;
  fieldKey: string;
  version: number;
}

export interface LoadRow {
  name: string;
  p50: number;
  p99: number;
  requestsPerSecond: number;
  ratio: number | null;
  requests: number;
  /** The server's largest resident size while this row ran (MiB). */
  rssPeakMiB?: number;
}

export interface LoadReport {
  rows: LoadRow[];
  rssAtRestMiB: number;
  rssPeakMiB: number;
  rssEndMiB: number;
  serverProcess: string;
}

const MiB = 1024 * 1024;

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (probe.address() as net.AddressInfo).port;
      probe.close(() => resolve(port));
    });
  });
}

/** The resident memory of a process, from /proc (Linux), in bytes. */
export function residentBytes(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
    return kb ? Number(kb) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** What the server process is: its command line as the kernel sees it. */
function commandLine(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ");
  } catch {
    return "(unknown)";
  }
}

export async function waitForHealth(base: string, attempts = 1000): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`The server at ${base} did not answer /healthz`);
}

/** Starts the production server on a database (a file, or a postgres:// address), as a deployment would. */
export async function startProductionServer(databaseUrl: string): Promise<{ base: string; child: ChildProcess; stop: () => Promise<void> }> {
  const port = await freePort();
  // The production flags are those of `npm start` (the heap limit), plus BENCH_NODE_OPTIONS
  // (e.g. --cpu-prof to find what is slow).
  const startScript = (JSON.parse(fs.readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts.start ?? "";
  const flags = [...(startScript.match(/--max-old-space-size=\d+/g) ?? []), ...(process.env.BENCH_NODE_OPTIONS ?? "").split(" ").filter(Boolean)];
  const child = spawn(process.execPath, [...flags, "build/index.js"], {
    env: { ...process.env, NODE_ENV: "production", APP_URL: `http://localhost:${port}`, SEED_DEMO: "0", PORT: String(port), DATABASE_URL: databaseUrl },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const base = `http://127.0.0.1:${port}`;
  await waitForHealth(base);
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  return { base, child, stop };
}

export async function signIn(base: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${base}/sign-in`, {
    method: "POST",
    headers: { Origin: base, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password }),
    redirect: "manual",
  });
  const cookie = response.headers.getSetCookie().find((c) => /sli_session=/.test(c));
  if (response.status !== 302 || !cookie) throw new Error(`Signing in as ${email} answered ${response.status}`);
  return cookie.split(";")[0]!;
}

async function hammer(base: string, target: LoadTarget, seconds: number): Promise<autocannon.Result> {
  const headers = target.cookie ? { cookie: target.cookie } : undefined;
  // Warm up first: the first requests compile code paths and fill the page cache.
  for (let i = 0; i < 10; i++) {
    const response = await fetch(`${base}${target.path}`, { headers });
    if (response.status !== 200) throw new Error(`${target.name} (${target.path}) answered ${response.status}`);
    await response.arrayBuffer();
  }
  const result = await autocannon({ url: `${base}${target.path}`, connections: 10, duration: seconds, headers });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${target.name}: ${result.non2xx} answers not 2xx, ${result.errors} errors`);
  return result;
}

/** 10 editors saving their own sections at once, each as soon as the last answer came. */
async function saveLoad(base: string, editors: SaveEditor[], seconds: number, text: (n: number) => unknown): Promise<{ latencies: number[]; elapsed: number }> {
  const latencies: number[] = [];
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  let n = 0;
  await Promise.all(
    editors.map(async (editor) => {
      while (performance.now() < until) {
        const body = JSON.stringify({ intent: "save", baseVersion: editor.version, fields: { [editor.fieldKey]: text(n++) } });
        const sent = performance.now();
        const response = await fetch(`${base}/api/assessments/${editor.assessmentId}/sections/${editor.sectionKey}`, {
          method: "POST",
          headers: { Origin: base, Cookie: editor.cookie, "Content-Type": "application/json" },
          body,
        });
        const answer = (await response.json()) as { ok?: boolean; version?: number };
        if (response.status !== 200 || typeof answer.version !== "number") throw new Error(`A save answered ${response.status}: ${JSON.stringify(answer).slice(0, 200)}`);
        latencies.push(performance.now() - sent);
        editor.version = answer.version;
      }
    }),
  );
  return { latencies, elapsed: (performance.now() - started) / 1000 };
}

function percentile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

/**
 * Runs every target (the first is the baseline, the sign-in page) and the saves against a
 * server it starts on `databaseUrl`, sampling the server's resident memory throughout.
 */
export async function runLoad(options: {
  databaseUrl: string;
  seconds: number;
  targets: (base: string) => Promise<LoadTarget[]>;
  editors: (base: string) => Promise<SaveEditor[]>;
  saveText: (n: number) => unknown;
  /** Anything else to measure against the running server, after the pages and saves. */
  extra?: (base: string) => Promise<LoadRow[]>;
}): Promise<LoadReport> {
  const server = await startProductionServer(options.databaseUrl);
  const pid = server.child.pid!;
  try {
    const targets = await options.targets(server.base);
    const editors = await options.editors(server.base);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const rssAtRest = residentBytes(pid);
    let rssPeak = rssAtRest;
    let rowPeak = 0;
    const sampler = setInterval(() => {
      const rss = residentBytes(pid);
      rssPeak = Math.max(rssPeak, rss);
      rowPeak = Math.max(rowPeak, rss);
    }, 50);
    const peakSinceLast = () => {
      const peak = Math.max(rowPeak, residentBytes(pid)) / MiB;
      rowPeak = 0;
      return peak;
    };
    const rows: LoadRow[] = [];
    let baseline = 0;
    for (const target of targets) {
      const result = await hammer(server.base, target, options.seconds);
      const rps = result.requests.average;
      if (rows.length === 0) baseline = rps;
      rows.push({ name: target.name, p50: result.latency.p50, p99: result.latency.p99, requestsPerSecond: rps, ratio: baseline ? rps / baseline : null, requests: result.requests.total, rssPeakMiB: peakSinceLast() });
    }
    const saves = await saveLoad(server.base, editors, options.seconds, options.saveText);
    rows.push({
      name: `section save, ${editors.length} editors at once`,
      p50: percentile(saves.latencies, 0.5),
      p99: percentile(saves.latencies, 0.99),
      requestsPerSecond: saves.latencies.length / saves.elapsed,
      ratio: null,
      requests: saves.latencies.length,
      rssPeakMiB: peakSinceLast(),
    });
    if (options.extra) for (const row of await options.extra(server.base)) rows.push({ ...row, rssPeakMiB: peakSinceLast() });
    clearInterval(sampler);
    rssPeak = Math.max(rssPeak, residentBytes(pid));
    return { rows, rssAtRestMiB: rssAtRest / MiB, rssPeakMiB: rssPeak / MiB, rssEndMiB: residentBytes(pid) / MiB, serverProcess: commandLine(pid) };
  } finally {
    await server.stop();
  }
}

/** Concurrent uploads (or any POST) by 10 workers for `seconds`: latency and rate. */
export async function concurrentPosts(name: string, seconds: number, send: () => Promise<Response>, expectStatus: number): Promise<LoadRow> {
  const latencies: number[] = [];
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      while (performance.now() < until) {
        const sent = performance.now();
        const response = await send();
        await response.arrayBuffer();
        if (response.status !== expectStatus) throw new Error(`${name} answered ${response.status}`);
        latencies.push(performance.now() - sent);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return { name, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), requestsPerSecond: latencies.length / elapsed, ratio: null, requests: latencies.length };
}
