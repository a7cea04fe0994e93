/**
 * The benchmark's huge-body figures (issue 19, F1): a 200 MB chunked request body sent to the
 * production server, signed out to the sign-in form and signed in to the save API. Measured,
 * not asserted: the server's peak resident memory while it arrives, the time to the answer and
 * how much of the body the server let the client send before it stopped reading.
 * `streamChunkedBody` is also what tests/request-guards.test.ts sends.
 */
import http from "node:http";
import { performance } from "node:perf_hooks";

import { residentBytes, signIn, startProductionServer } from "./bench-load";

const MiB = 1024 * 1024;

export interface StreamedAnswer {
  /** The answer's status, or null when the connection closed without one. */
  status: number | null;
  body: string;
  /** Bytes the client managed to write before the answer came or the connection closed. */
  sent: number;
}

/**
 * POSTs a chunked body of up to `total` bytes (`head`, then filler) as fast as the server takes
 * it, and stops when an answer comes or the connection closes.
 */
export function streamChunkedBody(base: string, path: string, headers: Record<string, string>, head: string, total: number): Promise<StreamedAnswer> {
  const url = new URL(base);
  const filler = Buffer.alloc(64 * 1024, "a");
  return new Promise((resolve) => {
    let sent = 0;
    let status: number | null = null;
    let body = "";
    let done = false;
    const req = http.request({ host: url.hostname, port: url.port, method: "POST", path, headers: { ...headers, "Transfer-Encoding": "chunked" }, agent: false });
    const finish = () => {
      if (done) return;
      done = true;
      req.destroy();
      resolve({ status, body, sent });
    };
    req.on("response", (res) => {
      status = res.statusCode!;
      res.setEncoding("utf8");
      res.on("data", (d: string) => (body += d));
      res.on("end", finish);
      res.on("error", finish);
    });
    req.on("error", finish);
    req.on("close", () => setTimeout(finish, 50));
    const pump = () => {
      while (!done && sent < total) {
        const chunk = sent === 0 ? Buffer.from(head) : filler;
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!done) req.end();
    };
    pump();
  });
}

export interface HugeBodyRow {
  name: string;
  status: number | null;
  /** MiB the client got to send of the body offered. */
  sentMiB: number;
  /** Milliseconds from the first byte to the answer. */
  answerMs: number;
  /** The server's resident memory before and at most while the body came. */
  rssBeforeMiB: number;
  rssPeakMiB: number;
}

/**
 * Starts the production server on the benchmark's database and sends it `megabytes` of chunked
 * body twice: a sign-in form from nobody, and a section save from a signed-in editor.
 */
export async function hugeBodyFigures(databaseUrl: string, editor: { email: string; password: string; assessmentId: number; sectionKey: string }, megabytes = 200): Promise<HugeBodyRow[]> {
  const server = await startProductionServer(databaseUrl);
  const pid = server.child.pid!;
  try {
    const cookie = await signIn(server.base, editor.email, editor.password);
    const sends: Array<{ name: string; path: string; headers: Record<string, string>; head: string }> = [
      {
        name: `${megabytes} MB chunked sign-in form, signed out`,
        path: "/sign-in",
        headers: { Origin: server.base, "Content-Type": "application/x-www-form-urlencoded" },
        head: "email=nobody%40example.test&password=",
      },
      {
        name: `${megabytes} MB chunked save, signed in`,
        path: `/api/assessments/${editor.assessmentId}/sections/${editor.sectionKey}`,
        headers: { Origin: server.base, "Content-Type": "application/json", Cookie: cookie },
        head: '{"intent":"save","baseVersion":1,"fields":{"2a":"',
      },
    ];
    const rows: HugeBodyRow[] = [];
    for (const send of sends) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const before = residentBytes(pid);
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, residentBytes(pid))), 10);
      const started = performance.now();
      const answer = await streamChunkedBody(server.base, send.path, send.headers, send.head, megabytes * MiB);
      const answerMs = performance.now() - started;
      clearInterval(sampler);
      peak = Math.max(peak, residentBytes(pid));
      rows.push({ name: send.name, status: answer.status, sentMiB: answer.sent / MiB, answerMs, rssBeforeMiB: before / MiB, rssPeakMiB: peak / MiB });
    }
    return rows;
  } finally {
    await server.stop();
  }
}
