/**
 * The comment forms on a section page: add, reply, edit and delete. Kept on the server so the
 * editor page's JavaScript does not carry a schema library for forms the browser only posts.
 */
import { z } from "zod";

import { idSchema } from "../utils/ids";

const IdSchema = idSchema();
/** Which comment form on the page was sent, so its errors show beside it. */
export const FormKeySchema = z.string().regex(/^(new|reply-\d{1,12}|edit-\d{1,12})$/).catch("new");
const BodySchema = z.string({ error: "Write your comment in the box" }).max(400_000, "This comment is too long");

export const CommentSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("comment"), form: FormKeySchema, body: BodySchema, parentId: IdSchema.optional() }),
    z.object({ intent: z.literal("edit-comment"), form: FormKeySchema, body: BodySchema, commentId: IdSchema }),
    z.object({ intent: z.literal("delete-comment"), commentId: IdSchema }),
  ],
  { error: "Choose what to do" },
);
