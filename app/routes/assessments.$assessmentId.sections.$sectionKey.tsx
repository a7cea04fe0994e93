import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { getDb } from "../../db/connection.server";
import { sectionHeading } from "~/utils/format";
import { requireAssessment, requireSection } from "~/assessment/access.server";
import { sectionHref, summariseSections } from "~/assessment/progress.server";
import { renderSectionHtml } from "~/assessment/render.server";
import { signOffsAffectedBy } from "~/assessment/signing.server";
import { SectionEditor } from "~/components/assessment/section-editor";
import { EMPTY_PART, readParts } from "~/models/section.server";
import { isLive, listSignatures } from "~/models/signature.server";
import { assessmentSubject, authorSideOf, can, sectionPartSubject } from "~/permissions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.heading} — ${data.authorityName} — SLI Peer Challenge` : "Section — SLI Peer Challenge" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, assessment } = await requireAssessment(request, params, "assessment.view");
  const section = requireSection(assessment, params.sectionKey);
  const db = getDb();
  const [parts, signatures] = await Promise.all([readParts(db, assessment.id, section.key), listSignatures(db, assessment.id)]);
  const template = assessment.cycle.template;
  const subject = assessmentSubject(assessment);
  // The editor edits the fields of the section's own author; another author's columns
  // (the authority's responses in the peers' section) are written through the save API.
  const side = authorSideOf(actor, subject);
  const canEdit = side === section.author && can(actor, "section.write", sectionPartSubject(assessment, section.author, side));
  const own = parts[section.key]?.[section.author] ?? EMPTY_PART;
  const shown = summariseSections({ ...template, sections: [section] }, parts)[section.key]!;
  const stored = { version: own.version, values: shown.values, updatedAt: own.updatedAt, updatedByName: own.updatedByName };
  const voidable = new Set(signOffsAffectedBy(template, section.key, section.author));
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
    section,
    themes: template.themes,
    supportKinds: template.supportKinds,
    stored,
    html: renderSectionHtml(section, stored.values),
    canEdit,
    byPeers: section.author === "peers" && side !== "peers",
    canSeeHistory: can(actor, "assessment.history", subject),
    signaturesActive: signatures.filter((s) => isLive(s) && voidable.has(s.signOffKey)).length,
    previous: neighbour(index - 1),
    next: neighbour(index + 1),
  });
}

export default function SectionPage() {
  const data = useLoaderData<typeof loader>();
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
      {data.byPeers ? (
        <div className="banner banner--info">
          <p>This section is written by the peer directors once the self-assessment has been submitted.</p>
        </div>
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
