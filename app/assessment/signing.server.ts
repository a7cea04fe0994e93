/**
 * Signatures from the template: each sign-off field covers some sections and is signed by
 * the side whose section it is in (the authority, or the peers). A signature counts while it
 * is live and its hash matches what its sign-off covers, as written by that side, right now.
 */
import type { SectionAuthor } from "../../db/schema";
import type { StoredParts } from "../models/section.server";
import { isLive, type SignatureRecord } from "../models/signature.server";
import { signOffFields, type SectionDefinition, type SignOffField, type TemplateDefinition } from "../template/definition";
import { sha256Hex } from "../utils/crypto.server";

export interface SignOffEntry {
  section: SectionDefinition;
  field: SignOffField;
  /** Who signs it and whose writing it covers: the author of the section it is in. */
  side: SectionAuthor;
}

export function signOffsOf(template: TemplateDefinition): SignOffEntry[] {
  return signOffFields(template).map(({ section, field }) => ({ section, field, side: section.author }));
}

export function findSignOff(template: TemplateDefinition, key: string): SignOffEntry | undefined {
  return signOffsOf(template).find((entry) => entry.field.key === key);
}

/** Stable JSON: object keys sorted, so equal content always gives equal text and equal hashes. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The hash a signature on this sign-off records: the covered sections as its side wrote them. */
export function signOffHash(assessmentId: number, entry: SignOffEntry, parts: StoredParts): string {
  const sections = Object.fromEntries(entry.field.covers.map((key) => [key, parts[key]?.[entry.side]?.values ?? {}]));
  return sha256Hex(canonicalJson({ assessment: assessmentId, signOff: entry.field.key, sections }));
}

/** The sign-offs whose signatures a save of this author's part of this section voids. */
export function signOffsAffectedBy(template: TemplateDefinition, sectionKey: string, author: SectionAuthor): string[] {
  return signOffsOf(template)
    .filter((entry) => entry.side === author && entry.field.covers.includes(sectionKey))
    .map((entry) => entry.field.key);
}

/** Sign-off key → the signatures that count now (live, and over the content as it stands). */
export function validSignatures(
  assessmentId: number,
  template: TemplateDefinition,
  signatures: SignatureRecord[],
  parts: StoredParts,
): Record<string, SignatureRecord[]> {
  const valid: Record<string, SignatureRecord[]> = {};
  for (const entry of signOffsOf(template)) {
    const hash = signOffHash(assessmentId, entry, parts);
    valid[entry.field.key] = signatures.filter((s) => s.signOffKey === entry.field.key && isLive(s) && s.contentHash === hash);
  }
  return valid;
}

/** True when every role of the sign-off has as many valid signatures as it needs. */
export function isSignedOff(entry: SignOffEntry, valid: SignatureRecord[]): boolean {
  return entry.field.roles.every((role) => valid.filter((s) => s.roleKey === role.key).length >= role.signers);
}
