/**
 * The contract between the section editor in the browser and the section route's action.
 * Shared by both sides; the server parses every request with SaveRequestSchema.
 */
import { z } from "zod";

/** The most a single save request may carry (bytes of JSON). */
export const MAX_SAVE_BYTES = 1024 * 1024;

export const SaveRequestSchema = z.strictObject({
  intent: z.literal("save"),
  /** The section version the person's edits were based on. */
  baseVersion: z.int().min(0),
  /** Only the fields the person changed: field key → new value (checked against the template on the server). */
  fields: z.record(z.string().max(40), z.unknown()).refine((f) => Object.keys(f).length > 0, "Nothing to save"),
});

export interface SavedSection {
  ok: true;
  version: number;
  savedAt: number;
  savedByName: string;
  /** Signatures this save voided: those on sign-offs covering the part it changed. */
  voidedSignatures: number;
}

export interface SectionConflict {
  ok: false;
  error: "conflict";
  message: string;
  /** The section as it now stands on the server. */
  current: { version: number; fields: Record<string, unknown>; savedAt: number | null; savedByName: string | null };
  /** Fields that colleagues changed since the version this save was based on. */
  changedSince: string[];
}

export interface SaveRefused {
  ok: false;
  error: "invalid" | "too_large" | "forbidden" | "signed_out";
  message: string;
  /** Field key → plain-English problem, when the problem is with particular fields. */
  fieldErrors?: Record<string, string>;
}

export type SaveResponse = SavedSection | SectionConflict | SaveRefused;
