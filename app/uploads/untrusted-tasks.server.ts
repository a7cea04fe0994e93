/**
 * What a worker may be asked to read: one pure parser per kind of untrusted file, each taking
 * the file's bytes and returning something plain enough to send back between threads (no
 * functions, no classes). A parser refuses a file by throwing UploadRefused. Add a kind of
 * upload here, and only here.
 */
import { readDocx } from "../word/import/docx-reader.server";

export const UNTRUSTED_TASKS = {
  /** A Word document (.docx) to import: its blocks (app/word/import/blocks.ts). */
  docx: (bytes: Uint8Array) => readDocx(bytes),
} satisfies Record<string, (bytes: Uint8Array) => unknown>;

export type UntrustedTask = keyof typeof UNTRUSTED_TASKS;
export type UntrustedResult<T extends UntrustedTask> = Awaited<ReturnType<(typeof UNTRUSTED_TASKS)[T]>>;
