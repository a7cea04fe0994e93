import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { RouteHandle } from "~/root";

import { getDb } from "../../db/connection.server";
import { requireAssessment } from "~/assessment/access.server";
import { assessmentProgress, isSignOffOnly } from "~/assessment/progress.server";
import { sectionAnswersHtml } from "~/assessment/print-view.server";
import { signOffsOf } from "~/assessment/signing.server";
import { useNonce } from "~/components/nonce";
import { Comments } from "~/components/comments/comments";
import { sectionThreads } from "~/comments/comments.server";
import { formatDateTime, formatIsoDate, STATUS_LABELS, sectionHeading } from "~/utils/format";

/** Read-only: served as a document without the app's JavaScript (see root.tsx). */
export const handle: RouteHandle = { scripts: false };

/** Without the app's JavaScript the Print button still prints: this one line, under the page's nonce. */
const PRINT_BUTTON_SCRIPT = "document.querySelector('[data-print]').addEventListener('click',function(){window.print()})";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.authorityName} self-assessment ${data.cycleLabel}` : "Self-assessment" },
];

/** The whole assessment on one page, laid out like the familiar form, ready to print. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, assessment } = await requireAssessment(request, params, "assessment.view");
  const [progress, threads] = await Promise.all([assessmentProgress(getDb(), assessment), sectionThreads(getDb(), assessment, actor)]);
  const template = assessment.cycle.template;
  return json({
    id: assessment.id,
    authorityName: assessment.authority.name,
    cycleLabel: assessment.cycle.label,
    status: assessment.status,
    submissionDeadline: assessment.cycle.submissionDeadline,
    templateTitle: template.title,
    sections: template.sections
      .filter((s) => !isSignOffOnly(s))
      .map((s) => ({
        key: s.key,
        heading: sectionHeading(s),
        // The answers, rendered once for this state of the assessment.
        answersHtml: sectionAnswersHtml(progress, template, s),
        // Comments are part of the record.
        comments: threads.filter((t) => t.sectionKey === s.key),
      })),
    signOffs: signOffsOf(template).map((entry) => ({
      key: entry.field.key,
      title: entry.field.title,
      signatures: (progress.valid[entry.field.key] ?? []).map((s) => ({
        id: s.id,
        role: entry.field.roles.find((role) => role.key === s.roleKey)?.title ?? s.roleKey,
        name: s.name,
        signedAt: s.signedAt,
      })),
    })),
  });
}

export default function PrintView() {
  const data = useLoaderData<typeof loader>();
  const nonce = useNonce();
  return (
    <article className="print-view">
      <p className="no-print button-group">
        <Link to={`/assessments/${data.id}`}>Back to the overview</Link>
        <a href={`/assessments/${data.id}/word`} download>
          Download as Word (.docx)
        </a>
        <button type="button" className="button button--secondary" data-print onClick={() => window.print()}>
          Print
        </button>
      </p>
      <script nonce={nonce} dangerouslySetInnerHTML={{ __html: PRINT_BUTTON_SCRIPT }} />
      <span className="caption">
        {data.templateTitle} · {data.cycleLabel}
      </span>
      <h1>{data.authorityName}</h1>
      <p>
        Status: {STATUS_LABELS[data.status]}. Submission deadline {formatIsoDate(data.submissionDeadline)}.
      </p>
      {data.sections.map((s) => (
        <section key={s.key} className="print-section" aria-labelledby={`print-${s.key}`}>
          <h2 id={`print-${s.key}`}>{s.heading}</h2>
          {/* The section's answers as the server rendered them (SectionView), kept per version of the assessment. */}
          <div dangerouslySetInnerHTML={{ __html: s.answersHtml }} />
          {s.comments.length > 0 ? (
            <Comments threads={s.comments} canWrite={false} maxChars={0} readOnly headingId={`print-comments-${s.key}`} />
          ) : null}
        </section>
      ))}
      {data.signOffs.map((signOff) => (
        <section key={signOff.key} className="print-section" aria-labelledby={`print-signatures-${signOff.key}`}>
          <h2 id={`print-signatures-${signOff.key}`}>{signOff.title}</h2>
          {signOff.signatures.length === 0 ? <p>Not signed yet.</p> : null}
          <ul>
            {signOff.signatures.map((s) => (
              <li key={s.id}>
                {s.role}: {s.name}, signed {formatDateTime(s.signedAt)}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </article>
  );
}
