import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";

import { getDb } from "../../db/connection.server";
import { sectionHeading } from "~/utils/format";
import { requireAssessment, requireSection } from "~/assessment/access.server";
import { sectionHref, summariseSections } from "~/assessment/progress.server";
import { renderSectionHtml } from "~/assessment/render.server";
import { signOffsAffectedBy } from "~/assessment/signing.server";
import { SectionEditor } from "~/components/assessment/section-editor";
import { Comments } from "~/components/comments/comments";
import { Banner } from "~/components/forms";
import { CommentSchema, FormKeySchema } from "~/comments/comment-form.server";
import { addComment, changeComment, COMMENT_MAX_CHARS, CommentError, parseCommentBody, sectionThreads } from "~/comments/comments.server";
import { SectionView } from "~/components/assessment/section-view";
import { findAuthorityName } from "~/models/authority.server";
import { EMPTY_PART, readParts } from "~/models/section.server";
import { partFieldKeys, partSection } from "~/template/parts";
import { isLive, listSignatures } from "~/models/signature.server";
import { assertCan, assessmentSubject, authorSideOf, can, sectionPartSubject } from "~/permissions.server";
import { forbidden, notFound } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.heading} — ${data.authorityName} — SLI Peer Challenge` : "Section — SLI Peer Challenge" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, assessment } = await requireAssessment(request, params, "assessment.view");
  const section = requireSection(assessment, params.sectionKey);
  const db = getDb();
  const [parts, signatures, threads] = await Promise.all([
    readParts(db, assessment.id, section.key),
    listSignatures(db, assessment.id),
    sectionThreads(db, assessment, actor, section.key),
  ]);
  const template = assessment.cycle.template;
  const subject = assessmentSubject(assessment);
  // Who writes here comes from the template: the section's own author edits its fields; another
  // author (the authority, in the peers' section) writes only its columns, beside the owner's rows.
  const side = authorSideOf(actor, subject);
  const writes =
    side !== null && partFieldKeys(section, side).length > 0 && can(actor, "section.write", sectionPartSubject(assessment, section.author, side));
  const merged = summariseSections({ ...template, sections: [section] }, parts)[section.key]!.values;
  const part = writes ? (parts[section.key]?.[side] ?? EMPTY_PART) : undefined;
  const editorSection = writes ? partSection(section, side) : section;
  const stored = part
    ? { version: part.version, values: part.values, updatedAt: part.updatedAt, updatedByName: part.updatedByName }
    : { ...(parts[section.key]?.[section.author] ?? EMPTY_PART), values: merged };
  const respondsToOwner = writes && side !== section.author;
  // Who is writing, in the users' words, for cells the template prefills with it (who raised a key point).
  const peerAuthorityId = actor.peerOf.find((p) => p.assessmentId === assessment.id)?.peerAuthorityId;
  const writerAuthority =
    side === "peers" && peerAuthorityId !== undefined ? await findAuthorityName(db, peerAuthorityId) : side === "authority" ? assessment.authority.name : undefined;
  const voidable = new Set(signOffsAffectedBy(template, section.key, side ?? section.author));
  const index = template.sections.findIndex((s) => s.key === section.key);
  const neighbour = (i: number) => {
    const s = template.sections[i];
    return s ? { href: sectionHref(assessment.id, s), title: sectionHeading(s) } : null;
  };
  return json({
    assessmentId: assessment.id,
    authorityName: assessment.authority.name,
    cycleLabel: assessment.cycle.label,
    heading: sectionHeading(section),
    section: editorSection,
    themes: template.themes,
    supportKinds: template.supportKinds,
    stored,
    html: renderSectionHtml(editorSection, stored.values),
    canEdit: writes,
    writerAuthority: writerAuthority ?? null,
    // The authority responding: the section as the peers wrote it, then its own columns to fill in.
    owner: respondsToOwner ? { section: partSection(section, section.author), values: merged } : undefined,
    ownerView: respondsToOwner ? { section, values: merged, html: renderSectionHtml(section, merged) } : undefined,
    byPeers: section.author === "peers" && side !== "peers",
    canSeeHistory: can(actor, "assessment.history", subject),
    comments: threads,
    commentMaxChars: COMMENT_MAX_CHARS,
    canComment: can(actor, "comment.write", subject),
    signaturesActive: signatures.filter((s) => isLive(s) && voidable.has(s.signOffKey)).length,
    previous: neighbour(index - 1),
    next: neighbour(index + 1),
  });
}


/** Comments: add one or a reply, or edit or delete one's own. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, assessment } = await requireAssessment(request, params, "assessment.view");
  const section = requireSection(assessment, params.sectionKey);
  const formData = await request.formData().catch(() => new FormData());
  const parsed = CommentSchema.safeParse(Object.fromEntries(formData));
  const formKey = FormKeySchema.parse(formData.get("form") ?? "new");
  if (!parsed.success) return json({ refusal: { form: formKey, message: parsed.error.issues[0]!.message } }, { status: 400 });
  const input = parsed.data;
  const db = getDb();
  try {
    if (input.intent === "delete-comment") {
      await changeComment(db, { assessment, sectionKey: section.key, commentId: input.commentId, actor, doc: null });
      return json({ done: "Your comment has been deleted." });
    }
    if (input.intent === "comment") assertCan(actor, "comment.write", assessmentSubject(assessment));
    const body = parseCommentBody(input.body);
    if (!body.ok) return json({ refusal: { form: formKey, message: body.message } }, { status: body.status });
    if (input.intent === "comment") {
      await addComment(db, { assessment, sectionKey: section.key, parentId: input.parentId ?? null, actor, doc: body.doc });
      return json({ done: input.parentId ? "Your reply has been added." : "Your comment has been added." });
    }
    await changeComment(db, { assessment, sectionKey: section.key, commentId: input.commentId, actor, doc: body.doc });
    return json({ done: "Your comment has been changed." });
  } catch (error) {
    if (error instanceof CommentError) throw error.code === "unknown" ? notFound() : forbidden("You cannot change this comment now: only its author can, in its first 15 minutes.");
    throw error;
  }
}

export default function SectionPage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <p className="no-print">
        <Link to={`/assessments/${data.assessmentId}`}>Back to the overview</Link>
      </p>
      <span className="caption">
        {data.authorityName} · {data.cycleLabel}
      </span>
      <h1>{data.heading}</h1>
      {data.section.intro ? <p className="lead">{data.section.intro}</p> : null}
      {data.byPeers && !data.ownerView ? (
        <div className="banner banner--info">
          <p>This section is written by the peer directors once the self-assessment has been submitted.</p>
        </div>
      ) : null}
      {data.ownerView ? (
        <>
          <h2>The challenge</h2>
          <SectionView
            section={data.ownerView.section}
            values={data.ownerView.values}
            html={data.ownerView.html}
            themes={data.themes}
            supportKinds={data.supportKinds}
          />
          <h2>Your responses</h2>
          <p>Say what your authority will do about each recommendation. The peer directors&apos; sign-off does not cover your responses.</p>
        </>
      ) : null}
      <SectionEditor
        key={`${data.assessmentId}-${data.section.key}`}
        assessmentId={data.assessmentId}
        section={data.section}
        themes={data.themes}
        supportKinds={data.supportKinds}
        stored={data.stored}
        html={data.html}
        canEdit={data.canEdit}
        signaturesActive={data.signaturesActive}
        owner={data.owner}
        writerAuthority={data.writerAuthority ?? undefined}
      />
      {result && "done" in result ? <Banner>{result.done}</Banner> : null}
      <Comments
        threads={data.comments}
        canWrite={data.canComment}
        maxChars={data.commentMaxChars}
        refusal={result && "refusal" in result ? result.refusal : null}
      />
      {data.canSeeHistory ? (
        <p className="no-print">
          <Link to={`/assessments/${data.assessmentId}/sections/${data.section.key}/history`}>History of this section</Link>
        </p>
      ) : null}
      <nav className="pagination no-print" aria-label="Sections">
        {data.previous ? (
          <Link to={data.previous.href} rel="prev">
            Previous: {data.previous.title}
          </Link>
        ) : null}
        {data.next ? (
          <Link to={data.next.href} rel="next">
            Next: {data.next.title}
          </Link>
        ) : null}
      </nav>
    </>
  );
}
