/** Comments on sections: queries only (who may write, edit or delete is the permissions module's). */
import type { Executor } from "../../db/schema";

export interface CommentRecord {
  id: number;
  sectionKey: string;
  parentId: number | null;
  authorId: string | null;
  authorName: string | null;
  body: string;
  createdAt: number;
  editedAt: number | null;
  deletedAt: number | null;
}

function commentRows(db: Executor, assessmentId: number) {
  return db
    .selectFrom("comments")
    .leftJoin("users", "users.id", "comments.author_id")
    .select([
      "comments.id",
      "comments.section_key as sectionKey",
      "comments.parent_id as parentId",
      "comments.author_id as authorId",
      "users.name as authorName",
      "comments.body",
      "comments.created_at as createdAt",
      "comments.edited_at as editedAt",
      "comments.deleted_at as deletedAt",
    ])
    .where("comments.assessment_id", "=", assessmentId)
    .orderBy("comments.created_at")
    .orderBy("comments.id");
}

/** The comments on one section, or on every section, oldest first. */
export async function listComments(db: Executor, assessmentId: number, sectionKey?: string): Promise<CommentRecord[]> {
  let query = commentRows(db, assessmentId);
  if (sectionKey !== undefined) query = query.where("comments.section_key", "=", sectionKey);
  return query.execute();
}

export async function findComment(db: Executor, assessmentId: number, id: number): Promise<CommentRecord | undefined> {
  return commentRows(db, assessmentId).where("comments.id", "=", id).executeTakeFirst();
}

/** Section key → how many comments (deleted ones not counted). */
export async function countCommentsBySection(db: Executor, assessmentId: number): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom("comments")
    .select(["section_key", (eb) => eb.fn.countAll<number>().as("n")])
    .where("assessment_id", "=", assessmentId)
    .where("deleted_at", "is", null)
    .groupBy("section_key")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.section_key, Number(r.n)]));
}

export async function insertComment(
  db: Executor,
  input: { assessmentId: number; sectionKey: string; parentId: number | null; authorId: string; body: string; at: number },
): Promise<number> {
  const row = await db
    .insertInto("comments")
    .values({
      assessment_id: input.assessmentId,
      section_key: input.sectionKey,
      parent_id: input.parentId,
      author_id: input.authorId,
      body: input.body,
      created_at: input.at,
      edited_at: null,
      deleted_at: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateCommentBody(db: Executor, id: number, body: string, at: number): Promise<void> {
  await db.updateTable("comments").set({ body, edited_at: at }).where("id", "=", id).where("deleted_at", "is", null).execute();
}

/** A deleted comment keeps its place in its thread (its replies stay), without its words. */
export async function markCommentDeleted(db: Executor, id: number, at: number): Promise<void> {
  await db.updateTable("comments").set({ deleted_at: at, body: "{}" }).where("id", "=", id).execute();
}
