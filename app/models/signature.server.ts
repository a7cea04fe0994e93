/**
 * Signatures on the template's sign-off fields. Queries only: which signatures count, and
 * which a save or a reopening voids, is decided in app/assessment/signing.ts and the workflow.
 */
import type { Executor } from "../../db/schema";

export interface SignatureRecord {
  id: number;
  signOffKey: string;
  roleKey: string;
  userId: string | null;
  name: string | null;
  signedAt: number;
  contentHash: string;
  voidedAt: number | null;
  voidedReason: string | null;
  replacedAt: number | null;
}

/** Every signature on the assessment, newest first, live and voided. */
export async function listSignatures(db: Executor, assessmentId: number): Promise<SignatureRecord[]> {
  const rows = await db
    .selectFrom("signatures")
    .leftJoin("users", "users.id", "signatures.user_id")
    .select([
      "signatures.id",
      "signatures.sign_off_key",
      "signatures.role_key",
      "signatures.user_id",
      "users.name",
      "signatures.signed_at",
      "signatures.content_hash",
      "signatures.voided_at",
      "signatures.voided_reason",
      "signatures.replaced_at",
    ])
    .where("signatures.assessment_id", "=", assessmentId)
    .orderBy("signatures.signed_at", "desc")
    .orderBy("signatures.id", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    signOffKey: r.sign_off_key,
    roleKey: r.role_key,
    userId: r.user_id,
    name: r.name,
    signedAt: r.signed_at,
    contentHash: r.content_hash,
    voidedAt: r.voided_at,
    voidedReason: r.voided_reason,
    replacedAt: r.replaced_at,
  }));
}

export function isLive(signature: Pick<SignatureRecord, "voidedAt" | "replacedAt">): boolean {
  return signature.voidedAt === null && signature.replacedAt === null;
}

export async function insertSignature(
  db: Executor,
  input: { assessmentId: number; signOffKey: string; roleKey: string; userId: string; contentHash: string; at: number },
): Promise<void> {
  await db
    .insertInto("signatures")
    .values({
      assessment_id: input.assessmentId,
      sign_off_key: input.signOffKey,
      role_key: input.roleKey,
      user_id: input.userId,
      signed_at: input.at,
      content_hash: input.contentHash,
      voided_at: null,
      voided_reason: null,
      replaced_at: null,
    })
    .execute();
}

/** A person signing again replaces their own live signature on that sign-off, and nobody else's. */
export async function replaceOwnSignature(db: Executor, assessmentId: number, signOffKey: string, userId: string, at: number): Promise<void> {
  await db
    .updateTable("signatures")
    .set({ replaced_at: at })
    .where("assessment_id", "=", assessmentId)
    .where("sign_off_key", "=", signOffKey)
    .where("user_id", "=", userId)
    .where("voided_at", "is", null)
    .where("replaced_at", "is", null)
    .execute();
}

/** Voids the live signatures on the given sign-offs; returns how many. */
export async function voidSignatures(
  db: Executor,
  assessmentId: number,
  signOffKeys: string[],
  reason: string,
  at: number,
): Promise<number> {
  if (signOffKeys.length === 0) return 0;
  const result = await db
    .updateTable("signatures")
    .set({ voided_at: at, voided_reason: reason })
    .where("assessment_id", "=", assessmentId)
    .where("sign_off_key", "in", signOffKeys)
    .where("voided_at", "is", null)
    .where("replaced_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** When anyone last signed anything on this assessment (0 if never): one indexed lookup. */
export async function lastSignedAt(db: Executor, assessmentId: number): Promise<number> {
  const row = await db
    .selectFrom("signatures")
    .select((eb) => eb.fn.max("signed_at").as("at"))
    .where("assessment_id", "=", assessmentId)
    .executeTakeFirst();
  return Number(row?.at ?? 0);
}
