/**
 * What every kind of field must provide. The registry (./index.ts) holds one module per kind
 * in a Record over the kinds, so the compiler refuses a kind that lacks a piece.
 */
import type { z } from "zod";

import type { ReadBlock } from "../../word/import/blocks";
import type { ColumnDefinition } from "../columns";
import type { OptionDefinition } from "../schema-parts";
import type { TemplateLike } from "./template-like";
import type { WordBlock } from "./word";

export interface FieldProgress {
  /** Something has been entered. */
  started: boolean;
  /** What stops the field being complete, in plain English; empty when complete (or untouched and optional). */
  problems: string[];
}

/** A rich-text document inside a value: where it is, and its character limit. */
export interface FoundRichText {
  /** Field key, then row or item index, then the key holding the document. */
  path: Array<string | number>;
  doc: unknown;
  maxChars: number;
}

export interface FieldKindModule<F extends { key: string; kind: string }> {
  /** The schema of a field of this kind in a template. */
  definition: z.ZodType<F>;
  /** Checks beyond the schema (unique keys, references to other sections); throws templateError. */
  check(field: F, where: string, context: { template: TemplateLike; sectionAuthor: string }): void;
  /** Schema of the value: as stored for stored kinds; for signOff, the role key of each valid signature. */
  valueSchema(field: F): z.ZodType;
  /** How far a value (already parsed by valueSchema) has got. */
  progress(field: F, value: unknown): FieldProgress;
  /** What to do when nothing has been entered, e.g. "add at least one strength". */
  notStarted(field: F): string;
  /** The answer as plain text, as the page shows it: for history diffs and search. */
  plainText(field: F, value: unknown, richTextToText: (doc: unknown) => string): string;
  /** Every rich-text document the value holds, for the server's strict check and rendering. */
  richText(field: F, value: unknown): FoundRichText[];
  /** The answer for the Word export, laid out like the familiar form (see ./word.ts). */
  word(field: F, value: unknown, vocabulary: Array<{ value: string; label: string; symbol?: string }>): WordBlock[];
  /**
   * The answer read back from a Word document: what lies under the field's heading, as blocks.
   * Undefined when nothing there fits; the value schema still checks what is returned.
   */
  fromWord(field: F, blocks: ReadBlock[], vocabulary: OptionDefinition[]): unknown;
  /** For kinds made of rows or items: what one is called and how many there may be. */
  rows(field: F): { name: { singular: string; plural: string }; max?: number } | null;
}
