import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { getDb } from "../../db/connection.server";
import { requireAssessment } from "~/assessment/access.server";
import { renderSectionHtml } from "~/assessment/render.server";
import { SectionView } from "~/components/assessment/section-view";
import { listSignatures, readSections } from "~/models/assessment.server";
import { formatDateTime, formatIsoDate, STATUS_LABELS, sectionHeading } from "~/utils/format";
import { roleLabel } from "~/utils/roles";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.authorityName} self-assessment ${data.cycleLabel}` : "Self-assessment" },
];

/** The whole assessment on one page, laid out like the familiar form, ready to print. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { assessment } = await requireAssessment(request, params, "assessment.view");
  const db = getDb();
  const [sections, signatures] = await Promise.all([readSections(db, assessment.id), listSignatures(db, assessment.id)]);
  const template = assessment.cycle.template;
  return json({
    id: assessment.id,
    authorityName: assessment.authority.name,
    cycleLabel: assessment.cycle.label,
    status: assessment.status,
    submissionDeadline: assessment.cycle.submissionDeadline,
    templateTitle: template.title,
    themes: template.themes,
    supportKinds: template.supportKinds,
    sections: template.sections
      .filter((s) => !s.fields.every((f) => f.kind === "signOff"))
      .map((s) => {
        const values = sections[s.key]?.values ?? {};
        return { definition: s, values, html: renderSectionHtml(s, values) };
      }),
    signatures: signatures.filter((s) => s.voidedAt === null).map((s) => ({ role: roleLabel(s.role), name: s.name, signedAt: s.signedAt })),
  });
}

export default function PrintView() {
  const data = useLoaderData<typeof loader>();
  return (
    <article className="print-view">
      <p className="no-print button-group">
        <Link to={`/assessments/${data.id}`}>Back to the overview</Link>
        <button type="button" className="button button--secondary" onClick={() => window.print()}>
          Print
        </button>
      </p>
      <span className="caption">
        {data.templateTitle} · {data.cycleLabel}
      </span>
      <h1>{data.authorityName}</h1>
      <p>
        Status: {STATUS_LABELS[data.status]}. Submission deadline {formatIsoDate(data.submissionDeadline)}.
      </p>
      {data.sections.map((s) => (
        <section key={s.definition.key} className="print-section" aria-labelledby={`print-${s.definition.key}`}>
          <h2 id={`print-${s.definition.key}`}>
            {sectionHeading(s.definition)}
          </h2>
          <SectionView section={s.definition} values={s.values} html={s.html} themes={data.themes} supportKinds={data.supportKinds} />
        </section>
      ))}
      <section className="print-section" aria-labelledby="print-sign-off">
        <h2 id="print-sign-off">Sign-off</h2>
        {data.signatures.length === 0 ? <p>Not signed yet.</p> : null}
        <ul>
          {data.signatures.map((s) => (
            <li key={s.role}>
              {s.role}: {s.name}, signed {formatDateTime(s.signedAt)}
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}
