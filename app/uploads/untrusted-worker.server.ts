/**
 * Untrusted files are read where they cannot hurt the server: each in a worker thread of its
 * own, with a ceiling on the worker's heap and a wall-clock limit. A file that would take the
 * heap past its ceiling kills only its worker; one that takes too long has its worker stopped.
 * Either way the server goes on answering everyone else (the parse never runs on the event
 * loop that serves requests), and the person is told in words why their file was not read.
 *
 * Generic over the kind of file: `runUntrusted("docx", bytes)` runs the parser that
 * ./untrusted-tasks.server.ts registers under that name. Only a few workers run at once, so a
 * burst of uploads costs a bounded amount of memory; the rest wait their turn, and beyond a
 * short queue are told to try again in a minute.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";

import { UploadRefused, WORKER_REFUSALS } from "./refused";
import type { WorkerAnswer } from "./untrusted-worker-entry.server";
import type { UntrustedResult, UntrustedTask } from "./untrusted-tasks.server";

export interface UntrustedLimits {
  /** The worker's JavaScript heap, in MB (V8's old generation). */
  heapMb: number;
  /** How long the worker may run before it is stopped, in milliseconds. */
  timeoutMs: number;
}

/**
 * Reading the largest genuine self-assessment takes well under 64 MB and a second or two on a
 * busy machine (`npm run bench`); these leave ample room for that and none for a hostile file.
 */
export const DEFAULT_LIMITS: UntrustedLimits = { heapMb: 128, timeoutMs: 10_000 };

/** Workers at once (UNTRUSTED_WORKERS to change), and uploads that may wait for one. */
const AT_ONCE = Math.max(1, Number(process.env.UNTRUSTED_WORKERS) || 2);
const MAX_WAITING = 32;

let running = 0;
const waiting: Array<() => void> = [];

let entry: string | undefined;

/**
 * The worker's code: build/untrusted-worker.js beside the server bundle (build/index.js), or,
 * running from source under tsx or Vitest, the TypeScript entry through its tsx bootstrap.
 */
function workerEntry(): string {
  if (entry) return entry;
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [
    path.join(here, "untrusted-worker.js"),
    path.join(here, "untrusted-worker-entry.dev.mjs"),
    // `remix dev` runs the bundle from build/, while the sources stay in app/.
    path.resolve("build", "untrusted-worker.js"),
    path.resolve("app", "uploads", "untrusted-worker-entry.dev.mjs"),
  ];
  const found = candidates.find((file) => fs.existsSync(file));
  if (!found) throw new Error(`The untrusted-file worker is missing (looked for ${candidates.join(", ")}). Run "npm run build".`);
  entry = found;
  return found;
}

async function turn(): Promise<void> {
  if (running < AT_ONCE) {
    running++;
    return;
  }
  if (waiting.length >= MAX_WAITING) throw new UploadRefused("busy", WORKER_REFUSALS.busy, 503);
  // The slot is handed over by the finishing run, so `running` stays as it is.
  await new Promise<void>((resolve) => waiting.push(resolve));
}

function release(): void {
  const next = waiting.shift();
  if (next) next();
  else running--;
}

/**
 * Reads `bytes` with the task's parser in a worker of its own. Resolves with what the parser
 * returned; rejects with UploadRefused (the parser's own refusal, or the runner's when the
 * worker ran out of memory or time or failed) — never with the worker's death.
 */
export async function runUntrusted<T extends UntrustedTask>(task: T, bytes: Uint8Array, limits: Partial<UntrustedLimits> = {}): Promise<UntrustedResult<T>> {
  const { heapMb, timeoutMs } = { ...DEFAULT_LIMITS, ...limits };
  const file = workerEntry();
  await turn();
  try {
    return (await inWorker(file, task, bytes, heapMb, timeoutMs)) as UntrustedResult<T>;
  } finally {
    release();
  }
}

function inWorker(file: string, task: UntrustedTask, bytes: Uint8Array, heapMb: number, timeoutMs: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    // The worker gets its own copy (moved, not cloned, to it); the caller's bytes stay usable.
    const copy = bytes.slice();
    const worker = new Worker(file, {
      workerData: { task, bytes: copy },
      transferList: [copy.buffer],
      resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: Math.min(16, Math.max(4, heapMb / 8)), stackSizeMb: 4 },
    });
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
      // A worker that answered exits by itself; one that did not is stopped here.
      void worker.terminate();
    };
    const refuse = (code: keyof typeof WORKER_REFUSALS, detail?: string) =>
      finish(() => {
        console.warn(`An uploaded ${task} file was refused: ${code}${detail ? ` (${detail})` : ""}.`);
        reject(new UploadRefused(code, WORKER_REFUSALS[code], code === "busy" ? 503 : 400));
      });
    const timer = setTimeout(() => refuse("too_slow", `still reading after ${timeoutMs} ms`), timeoutMs);
    worker.on("message", (answer: WorkerAnswer) =>
      finish(() => {
        if (answer.ok) resolve(answer.value);
        else if ("failure" in answer) {
          console.warn(`An uploaded ${task} file could not be read: ${answer.failure}`);
          reject(new UploadRefused("failed", WORKER_REFUSALS.failed));
        } else reject(new UploadRefused(answer.code, answer.message, answer.status));
      }),
    );
    worker.on("error", (error: Error & { code?: string }) => {
      if (error.code === "ERR_WORKER_OUT_OF_MEMORY") refuse("too_heavy", `over ${heapMb} MB of heap`);
      else refuse("failed", error.message);
    });
    worker.on("exit", (code) => refuse("failed", `the worker stopped with code ${code}`));
  });
}
