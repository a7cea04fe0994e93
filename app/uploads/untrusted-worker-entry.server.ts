/**
 * The code that runs inside an untrusted-file worker (see ./untrusted-worker.server.ts): reads
 * the one file it was given with the task's parser and posts back the result or the refusal,
 * once. The build bundles this file on its own as build/untrusted-worker.js; under tsx and
 * Vitest it runs from source through ./untrusted-worker-entry.dev.mjs.
 */
import { parentPort, workerData } from "node:worker_threads";

import { UploadRefused } from "./refused";
import { UNTRUSTED_TASKS, type UntrustedTask } from "./untrusted-tasks.server";

export type WorkerAnswer =
  | { ok: true; value: unknown }
  | { ok: false; code: string; message: string; status: UploadRefused["status"] }
  | { ok: false; failure: string };

if (!parentPort) throw new Error("This module runs only inside a worker thread.");
const { task, bytes } = workerData as { task: UntrustedTask; bytes: Uint8Array };
let answer: WorkerAnswer;
try {
  answer = { ok: true, value: await UNTRUSTED_TASKS[task](bytes) };
} catch (error) {
  answer =
    error instanceof UploadRefused
      ? { ok: false, code: error.code, message: error.message, status: error.status }
      : { ok: false, failure: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
}
parentPort.postMessage(answer);
