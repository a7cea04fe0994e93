/** Word documents read for import, waiting for their reader to choose what to take. Queries only. */
import type { Executor } from "../../db/schema";

export async function insertWordImport(db: Executor, input: { assessmentId: number; userId: string; fileName: string; result: unknown; at: number }): Promise<number> {
  const row = await db
    .insertInto("word_imports")
    .values({ assessment_id: input.assessmentId, user_id: input.userId, file_name: input.fileName, result: JSON.stringify(input.result), created_at: input.at })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** One person's import into one assessment: nobody else's is found. */
export async function findWordImport(db: Executor, input: { id: number; assessmentId: number; userId: string }) {
  const row = await db
    .selectFrom("word_imports")
    .select(["id", "file_name as fileName", "result", "created_at as createdAt", "applied_at as appliedAt"])
    .where("id", "=", input.id)
    .where("assessment_id", "=", input.assessmentId)
    .where("user_id", "=", input.userId)
    .executeTakeFirst();
  return row ? { ...row, result: JSON.parse(row.result) as unknown } : undefined;
}

/** Marks an import applied, once: false when it already was. */
export async function markWordImportApplied(db: Executor, id: number, at: number): Promise<boolean> {
  const result = await db.updateTable("word_imports").set({ applied_at: at }).where("id", "=", id).where("applied_at", "is", null).executeTakeFirst();
  return result.numUpdatedRows === 1n;
}
