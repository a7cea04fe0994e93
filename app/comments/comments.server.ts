/**
 * Comments on the sections of a submitted assessment: threads one level deep, rich text with
 * the same checks as every answer, and each comment's author may edit or delete it for the
 * first 15 minutes (the permissions module's `comment.change`). Comments are part of the record:
 * a deleted one keeps its place (and its replies) without its words.
 */
import type { Kysely } from "kysely";

import type { Database } from "../../db/schema";
import type { Actor } from "../auth/actor.server";
import type { AssessmentContext } from "../models/assessment.server";
import { findComment, insertComment, listComments, markCommentDeleted, updateCommentBody, type CommentRecord } from "../models/comment.server";
import { assessmentSubject, can, type CommentSubject } from "../permissions.server";
import type { RichTextDoc } from "../richtext/doc";
import { renderRichText } from "../richtext/render.server";
import { parseRichText } from "../richtext/validate.server";
import { now } from "../utils/clock.server";
import { parseUntrustedJson } from "../utils/json";

/** Characters of text a comment may hold. */
export const COMMENT_MAX_CHARS = 5_000;

export class CommentError extends Error {
  constructor(readonly code: "not_allowed" | "unknown") {
    super(code);
    this.name = "CommentError";
  }
}

export type CommentBodyResult = { ok: true; doc: RichTextDoc } | { ok: false; status: 400 | 413; message: string };

/** A comment's body as sent by the form (the editor's JSON), strictly checked like any answer. */
export function parseCommentBody(text: string): CommentBodyResult {
  let json: unknown;
  try {
    json = parseUntrustedJson(text);
  } catch {
    return { ok: false, status: 400, message: "Write your comment in the box" };
  }
  const parsed = parseRichText(json, { maxChars: COMMENT_MAX_CHARS });
  if (!parsed.ok) return parsed;
  const words = JSON.stringify(parsed.doc).includes('"text"');
  return words ? { ok: true, doc: parsed.doc } : { ok: false, status: 400, message: "Write your comment in the box" };
}

export function commentSubject(assessment: AssessmentContext, comment: CommentRecord): CommentSubject {
  return {
    type: "comment",
    assessment: assessmentSubject(assessment),
    authorId: comment.authorId,
    createdAt: comment.createdAt,
    deleted: comment.deletedAt !== null,
  };
}

export interface CommentView {
  id: number;
  authorName: string | null;
  createdAt: number;
  editedAt: number | null;
  deleted: boolean;
  /** HTML rendered on the server from the checked JSON; empty for a deleted comment. */
  html: string;
  /** The JSON, for editing in place. */
  doc: RichTextDoc | null;
  canChange: boolean;
}

export interface CommentThread extends CommentView {
  sectionKey: string;
  replies: CommentView[];
}

function view(assessment: AssessmentContext, actor: Actor, comment: CommentRecord): CommentView {
  const deleted = comment.deletedAt !== null;
  const doc = deleted ? null : (JSON.parse(comment.body) as RichTextDoc);
  return {
    id: comment.id,
    authorName: comment.authorName,
    createdAt: comment.createdAt,
    editedAt: comment.editedAt,
    deleted,
    html: doc ? renderRichText(doc) : "",
    doc,
    canChange: can(actor, "comment.change", commentSubject(assessment, comment)),
  };
}

/** Threads of one section (or every section, by key), oldest first; replies under the comment they answer. */
export function threadsOf(assessment: AssessmentContext, actor: Actor, comments: CommentRecord[]): CommentThread[] {
  return comments
    .filter((c) => c.parentId === null)
    .map((root) => ({
      ...view(assessment, actor, root),
      sectionKey: root.sectionKey,
      replies: comments.filter((c) => c.parentId === root.id).map((reply) => view(assessment, actor, reply)),
    }));
}

export async function sectionThreads(db: Kysely<Database>, assessment: AssessmentContext, actor: Actor, sectionKey?: string) {
  return threadsOf(assessment, actor, await listComments(db, assessment.id, sectionKey));
}

/** Adds a comment, or a reply to a thread of the same section (a reply to a reply joins its thread). */
export async function addComment(
  db: Kysely<Database>,
  input: { assessment: AssessmentContext; sectionKey: string; parentId: number | null; actor: Actor; doc: RichTextDoc },
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    let parentId: number | null = null;
    if (input.parentId !== null) {
      const parent = await findComment(trx, input.assessment.id, input.parentId);
      if (!parent || parent.sectionKey !== input.sectionKey) throw new CommentError("unknown");
      parentId = parent.parentId ?? parent.id;
    }
    return insertComment(trx, {
      assessmentId: input.assessment.id,
      sectionKey: input.sectionKey,
      parentId,
      authorId: input.actor.id,
      body: JSON.stringify(input.doc),
      at: now(),
    });
  });
}

/** Edits or deletes one's own comment, checked again inside the transaction. */
export async function changeComment(
  db: Kysely<Database>,
  input: { assessment: AssessmentContext; sectionKey: string; commentId: number; actor: Actor; doc: RichTextDoc | null },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const comment = await findComment(trx, input.assessment.id, input.commentId);
    if (!comment || comment.sectionKey !== input.sectionKey) throw new CommentError("unknown");
    if (!can(input.actor, "comment.change", commentSubject(input.assessment, comment))) throw new CommentError("not_allowed");
    if (input.doc) await updateCommentBody(trx, comment.id, JSON.stringify(input.doc), now());
    else await markCommentDeleted(trx, comment.id, now());
  });
}
