/**
 * An uploaded file that is not read, with what to tell the person in words. The parsers throw
 * it (inside the worker, see ./untrusted-worker.server.ts); the runner rebuilds it on the
 * server's side of the thread, where routes turn it into a message next to the upload field.
 * Shared by browser and server: it touches nothing of Node's.
 */
export class UploadRefused extends Error {
  constructor(
    /** What is wrong, for code and logs: "zip_bomb", "too_slow", … */
    readonly code: string,
    message: string,
    /** The HTTP status a route answers with. */
    readonly status: 400 | 413 | 503 = 400,
  ) {
    super(message);
    this.name = "UploadRefused";
  }
}

/** What the runner says when a worker had to be stopped, whatever the file was. */
export const WORKER_REFUSALS = {
  too_heavy: "This file needed far more memory to read than any genuine document of its kind, so it was not read. Save it again from the program that made it, and try once more.",
  too_slow: "This file took far longer to read than any genuine document of its kind, so it was not read. Save it again from the program that made it, and try once more.",
  failed: "This file could not be read. Save it again from the program that made it, and try once more.",
  busy: "Several files are being read at the moment. Wait a minute and try again.",
} as const;
