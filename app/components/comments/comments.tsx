/**
 * The comments under a section: threads with their replies, each with its author and time;
 * a form to comment, to reply, and (for one's own comment, in its first 15 minutes) to edit or
 * delete. Comment text is shown from HTML the server rendered from checked JSON.
 */
import { Form, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";

import type { CommentView } from "~/comments/comments.server";
import type { RichTextDoc } from "~/richtext/doc";
import { emptyDoc } from "~/richtext/doc";
import { formatDateTime } from "~/utils/format";

import { RichTextEditor } from "../assessment/rich-text-editor";
import { FormGroup } from "../forms";

/** Comments as the loader sends them (app/comments/comments.server.ts). */
type ShownComment = Omit<CommentView, "doc"> & { doc: RichTextDoc | null };
type ShownThread = ShownComment & { replies: ShownComment[] };

/** Which form a refusal belongs to ("new", "reply-12", "edit-12"), and why. */
export interface CommentRefusal {
  form: string;
  message: string;
}

interface CommentsProps {
  threads: ShownThread[];
  canWrite: boolean;
  maxChars: number;
  refusal?: CommentRefusal | null;
  /** The print view: the record, without forms. */
  readOnly?: boolean;
  headingId?: string;
}

export function Comments({ threads, canWrite, maxChars, refusal, readOnly = false, headingId = "comments-heading" }: CommentsProps) {
  const count = threads.reduce((n, t) => n + (t.deleted ? 0 : 1) + t.replies.filter((r) => !r.deleted).length, 0);
  return (
    <section className="comments" aria-labelledby={headingId}>
      {readOnly ? <h3 id={headingId}>Comments ({count})</h3> : <h2 id={headingId}>Comments ({count})</h2>}
      {threads.length === 0 ? <p className="hint">No comments on this section yet.</p> : null}
      <ol className="comment-list">
        {threads.map((thread) => (
          <li key={thread.id} className="comment-thread">
            <OneComment comment={thread} maxChars={maxChars} refusal={refusal} readOnly={readOnly} />
            {thread.replies.length > 0 ? (
              <ol className="comment-list comment-list--replies" aria-label={`Replies to ${thread.authorName ?? "a former user"}`}>
                {thread.replies.map((reply) => (
                  <li key={reply.id}>
                    <OneComment comment={reply} maxChars={maxChars} refusal={refusal} readOnly={readOnly} />
                  </li>
                ))}
              </ol>
            ) : null}
            {canWrite && !readOnly && !thread.deleted ? (
              <details className="details" open={refusal?.form === `reply-${thread.id}`}>
                <summary>Reply<span className="visually-hidden">{` to ${thread.authorName ?? "this comment"}`}</span></summary>
                <CommentForm formKey={`reply-${thread.id}`} intent="comment" label="Your reply" maxChars={maxChars} refusal={refusal} hidden={{ parentId: String(thread.id) }} submit="Reply" />
              </details>
            ) : null}
          </li>
        ))}
      </ol>
      {canWrite && !readOnly ? <CommentForm formKey="new" intent="comment" label="Add a comment" maxChars={maxChars} refusal={refusal} submit="Add comment" /> : null}
    </section>
  );
}

function OneComment({
  comment,
  maxChars,
  refusal,
  readOnly,
}: {
  comment: ShownComment;
  maxChars: number;
  refusal?: CommentRefusal | null;
  readOnly: boolean;
}) {
  return (
    <article className="comment" aria-label={`Comment by ${comment.authorName ?? "a former user"}`}>
      <p className="comment__meta">
        <strong>{comment.authorName ?? "A former user"}</strong>, {formatDateTime(comment.createdAt)}
        {comment.editedAt && !comment.deleted ? <span className="hint"> (edited {formatDateTime(comment.editedAt)})</span> : null}
      </p>
      {comment.deleted ? (
        <p className="not-answered">This comment was deleted.</p>
      ) : (
        <div className="rich-text-view" dangerouslySetInnerHTML={{ __html: comment.html }} />
      )}
      {comment.canChange && !readOnly ? (
        <div className="button-group">
          <details className="details" open={refusal?.form === `edit-${comment.id}`}>
            <summary>Edit<span className="visually-hidden"> your comment</span></summary>
            <CommentForm
              formKey={`edit-${comment.id}`}
              intent="edit-comment"
              label="Your comment"
              maxChars={maxChars}
              refusal={refusal}
              initial={comment.doc ?? undefined}
              initialHtml={comment.html}
              hidden={{ commentId: String(comment.id) }}
              submit="Save the comment"
            />
          </details>
          <Form method="post">
            <input type="hidden" name="intent" value="delete-comment" />
            <input type="hidden" name="commentId" value={comment.id} />
            <button type="submit" className="button button--secondary button--small">
              Delete<span className="visually-hidden"> your comment</span>
            </button>
          </Form>
        </div>
      ) : null}
    </article>
  );
}

function CommentForm({
  formKey,
  intent,
  label,
  maxChars,
  refusal,
  initial,
  initialHtml,
  hidden = {},
  submit,
}: {
  formKey: string;
  intent: string;
  label: string;
  maxChars: number;
  refusal?: CommentRefusal | null;
  initial?: RichTextDoc;
  initialHtml?: string;
  hidden?: Record<string, string>;
  submit: string;
}) {
  const [doc, setDoc] = useState<RichTextDoc>(initial ?? emptyDoc());
  const [revision, setRevision] = useState(0);
  const navigation = useNavigation();
  const error = refusal?.form === formKey ? refusal.message : undefined;
  // A new comment's box is emptied once it has been posted.
  const posting = navigation.state !== "idle" && navigation.formData?.get("form") === formKey;
  const [wasPosting, setWasPosting] = useState(false);
  useEffect(() => {
    if (posting) setWasPosting(true);
    else if (wasPosting && !error && !initial) {
      setWasPosting(false);
      setDoc(emptyDoc());
      setRevision((r) => r + 1);
    }
  }, [posting, wasPosting, error, initial]);
  const id = `comment-${formKey}`;
  return (
    <Form method="post" className="comment-form">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="form" value={formKey} />
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <input type="hidden" name="body" value={JSON.stringify(doc)} />
      <FormGroup id={id} as="text" label={label} hint={`Up to ${maxChars.toLocaleString("en-GB")} characters.`} error={error}>
        {(control) => (
          <RichTextEditor
            id={control.id}
            labelledBy={`${id}-label`}
            describedBy={control["aria-describedby"]}
            value={doc}
            revision={revision}
            initialHtml={initialHtml}
            maxChars={maxChars}
            invalid={!!error}
            onChange={setDoc}
          />
        )}
      </FormGroup>
      <button type="submit" className="button button--secondary" disabled={posting}>
        {submit}
      </button>
    </Form>
  );
}
