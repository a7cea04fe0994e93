import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { getDb } from "../../db/connection.server";
import { requireAssessment } from "~/assessment/access.server";
import { assessmentProgress, sectionHref } from "~/assessment/progress.server";
import { signOffsOf } from "~/assessment/signing.server";
import { SummaryList } from "~/components/summary-list";
import { countCommentsBySection } from "~/models/comment.server";
import { isLive } from "~/models/signature.server";
import { can, assessmentSubject } from "~/permissions.server";
import { Banner } from "~/components/forms";
import { formatDateTime, formatIsoDate, STATUS_LABELS, STATUS_TAG, sectionHeading } from "~/utils/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.authorityName} self-assessment ${data.cycleLabel} — SLI Peer Challenge` : "Self-assessment" },
];

const STATE_TAG = { "not started": "tag--grey", "in progress": "tag--blue", complete: "tag--green" } as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, assessment } = await requireAssessment(request, params, "assessment.view");
  const imported = new URL(request.url).searchParams.get("imported");
  const [progress, commentCounts] = await Promise.all([assessmentProgress(getDb(), assessment), countCommentsBySection(getDb(), assessment.id)]);
  const template = assessment.cycle.template;
  const signOffs = signOffsOf(template);
  const signOffKeys = new Set(signOffs.map((entry) => entry.field.key));
  const roleTitle = (signOffKey: string, roleKey: string) =>
    signOffs.find((entry) => entry.field.key === signOffKey)?.field.roles.find((role) => role.key === roleKey)?.title ?? roleKey;
  const latestVoid = progress.signatures.find((s) => s.voidedAt !== null);
  return json({
    id: assessment.id,
    authorityName: assessment.authority.name,
    cycleLabel: assessment.cycle.label,
    status: assessment.status,
    submittedAt: assessment.submittedAt,
    returnedReason: assessment.status === "draft" ? assessment.returnedReason : null,
    submissionDeadline: assessment.cycle.submissionDeadline,
    sections: template.sections.map((s) => ({
      key: s.key,
      title: sectionHeading(s),
      href: sectionHref(assessment.id, s),
      state: progress.states[s.key]!,
      byPeers: s.author === "peers",
      comments: commentCounts[s.key] ?? 0,
      updatedAt: progress.sections[s.key]?.updatedAt ?? null,
      updatedByName: progress.sections[s.key]?.updatedByName ?? null,
    })),
    signatures: Object.values(progress.valid)
      .flat()
      .map((s) => ({ id: s.id, role: roleTitle(s.signOffKey, s.roleKey), name: s.name, signedAt: s.signedAt })),
    // A removal is news while someone still has to sign again.
    voidedReason:
      latestVoid && !progress.signatures.some((s) => isLive(s) && s.signedAt > latestVoid.voidedAt!) && progress.missing.some((m) => signOffKeys.has(m.fieldKey))
        ? latestVoid.voidedReason
        : null,
    missingCount: progress.missing.length,
    canImport: can(actor, "assessment.import", assessmentSubject(assessment)),
    // The sections just imported into, named by the import's redirect: shown as words, never as markup.
    imported: imported ? imported.slice(0, 200) : null,
  });
}

export default function AssessmentOverview() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <span className="caption">
        {data.authorityName} · {data.cycleLabel}
      </span>
      <h1>Self-assessment</h1>
      {data.imported ? <Banner>Imported from Word into {data.imported}. Each section's history shows what changed.</Banner> : null}
      {data.returnedReason ? (
        <div className="banner banner--info">
          <h2>Returned to draft by the regional coordinator</h2>
          <p>{data.returnedReason}</p>
        </div>
      ) : null}
      {data.voidedReason && data.status === "draft" ? (
        <div className="banner banner--warning">
          <p>
            Signatures were removed: {data.voidedReason}. Each signatory needs to sign again before you can submit.
          </p>
        </div>
      ) : null}
      <SummaryList
        rows={[
          [
            "Status",
            <>
              <span className={`tag ${STATUS_TAG[data.status]}`}>{STATUS_LABELS[data.status]}</span>
              {data.submittedAt ? ` on ${formatDateTime(data.submittedAt)}` : null}
            </>,
          ],
          ["Submission deadline", formatIsoDate(data.submissionDeadline)],
          [
            "Signed by",
            data.signatures.length === 0 ? (
              "Nobody yet"
            ) : (
              <ul className="plain-list">
                {data.signatures.map((s) => (
                  <li key={s.id}>
                    {s.name} ({s.role}), {formatDateTime(s.signedAt)}
                  </li>
                ))}
              </ul>
            ),
          ],
        ]}
      />
      <h2>Sections</h2>
      <ul className="task-list">
        {data.sections.map((s) => (
          <li className="task-list__item" key={s.key}>
            <span>
              <Link to={s.href} aria-describedby={`state-${s.key}`}>
                {s.title}
              </Link>
              {s.updatedAt ? (
                <span className="hint task-list__hint">
                  Last saved {formatDateTime(s.updatedAt)}
                  {s.updatedByName ? ` by ${s.updatedByName}` : ""}
                </span>
              ) : null}
              {s.byPeers ? <span className="hint task-list__hint">Written by the peer directors after submission</span> : null}
              {s.comments > 0 ? (
                <span className="hint task-list__hint">
                  {s.comments} {s.comments === 1 ? "comment" : "comments"}
                </span>
              ) : null}
            </span>
            <span id={`state-${s.key}`} className={`tag ${STATE_TAG[s.state]}`}>
              {s.state === "not started" ? "Not started" : s.state === "in progress" ? "In progress" : "Complete"}
            </span>
          </li>
        ))}
      </ul>
      <p className="button-group">
        <Link to={`/assessments/${data.id}/sign-off`} className="button">
          {data.status === "draft" ? "Sign off and submit" : "Sign-off"}
        </Link>
        <Link to={`/assessments/${data.id}/print`} className="button button--secondary">
          Read or print the whole assessment
        </Link>
        <a href={`/assessments/${data.id}/word`} className="button button--secondary" download>
          Download as Word (.docx)
        </a>
        {data.canImport ? (
          <Link to={`/assessments/${data.id}/import`} className="button button--secondary">
            Import from Word
          </Link>
        ) : null}
      </p>
      {data.status === "draft" && data.missingCount > 0 ? (
        <p className="hint">{data.missingCount} things still to do before you can submit.</p>
      ) : null}
    </>
  );
}
