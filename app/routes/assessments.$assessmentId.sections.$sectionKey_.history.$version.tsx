import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { getDb } from "../../db/connection.server";
import { requireAssessment, requireSection } from "~/assessment/access.server";
import { diffWords } from "~/assessment/diff";
import { sectionPlainText } from "~/assessment/plain-text.server";
import { renderSectionHtml } from "~/assessment/render.server";
import { WorkflowError } from "~/assessment/errors";
import { saveSection } from "~/assessment/workflow.server";
import { SectionView } from "~/components/assessment/section-view";
import { readPart, readSectionVersion } from "~/models/section.server";
import { assertCan, can, sectionPartSubject } from "~/permissions.server";
import { partFieldKeys } from "~/template/parts";
import { answerFields } from "~/template/values";
import { SECTION_AUTHORS } from "../../db/schema";
import { formatDateTime, sectionHeading } from "~/utils/format";
import { conflict, notFound } from "~/utils/http.server";
import { parseId } from "~/utils/ids";
import { refusalResponse } from "~/utils/refusals.server";

export const meta: MetaFunction = () => [{ title: "Earlier version — SLI Peer Challenge" }];


/** Versions of another author's part of the section (the authority's responses, say) carry ?part=. */
const PartSchema = z.enum(SECTION_AUTHORS).optional();

async function findVersion(request: Request, params: Record<string, string | undefined>) {
  const { actor, assessment } = await requireAssessment(request, params, "assessment.history");
  const section = requireSection(assessment, params.sectionKey);
  const part = PartSchema.safeParse(new URL(request.url).searchParams.get("part") ?? undefined);
  const author = part.success ? (part.data ?? section.author) : undefined;
  // Version numbers in the address are written like ids: canonical decimal or nothing.
  const number = parseId(params.version);
  const version = number !== null && author ? await readSectionVersion(getDb(), assessment.id, section.key, author, number) : undefined;
  if (!author || !version) throw notFound();
  return { actor, assessment, section, author, version };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, assessment, section, author, version } = await findVersion(request, params);
  const db = getDb();
  const previous = version.version > 1 ? await readSectionVersion(db, assessment.id, section.key, author, version.version - 1) : undefined;
  const current = await readPart(db, assessment.id, section.key, author);
  const before = sectionPlainText(section, previous?.values ?? {});
  const after = sectionPlainText(section, version.values);
  const changes = answerFields(section)
    .filter((f) => before[f.key] !== after[f.key])
    .map((f) => ({ key: f.key, title: f.title, parts: diffWords(before[f.key] ?? "", after[f.key] ?? "") }));
  const template = assessment.cycle.template;
  return json({
    assessmentId: assessment.id,
    authorityName: assessment.authority.name,
    heading: sectionHeading(section),
    section,
    themes: template.themes,
    supportKinds: template.supportKinds,
    version: { number: version.version, createdAt: version.createdAt, authorName: version.authorName },
    isCurrent: current.version === version.version,
    values: version.values,
    html: renderSectionHtml(section, version.values),
    changes,
    canRestore: can(actor, "section.write", sectionPartSubject(assessment, section.author, author)) && current.version !== version.version,
  });
}

/** Restores this version as a new one: history keeps everything, nothing is rewritten. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, assessment, section, author, version } = await findVersion(request, params);
  assertCan(actor, "section.write", sectionPartSubject(assessment, section.author, author));
  const db = getDb();
  const current = await readPart(db, assessment.id, section.key, author);
  // Stored versions passed every check when they were saved; restoring writes them back whole.
  const fields = Object.fromEntries(partFieldKeys(section, author).map((key) => [key, version.values[key]]));
  let outcome;
  try {
    outcome = await saveSection(db, { assessment, section, author, actor, baseVersion: current.version, fields, restoredFrom: version.version });
  } catch (error) {
    if (error instanceof WorkflowError) throw refusalResponse(error);
    throw error;
  }
  if (!outcome.ok) throw conflict("Someone saved this section just now. Try again.");
  return redirect(`/assessments/${assessment.id}/sections/${section.key}?restored=${version.version}`);
}

export default function SectionVersion() {
  const data = useLoaderData<typeof loader>();
  const base = `/assessments/${data.assessmentId}/sections/${data.section.key}`;
  return (
    <>
      <p>
        <Link to={`${base}/history`}>Back to the history</Link>
      </p>
      <span className="caption">
        {data.authorityName} · {data.heading}
      </span>
      <h1>Version {data.version.number}</h1>
      <p>
        Saved {formatDateTime(data.version.createdAt)}
        {data.version.authorName ? ` by ${data.version.authorName}` : ""}.{data.isCurrent ? " This is the current version." : ""}
      </p>
      {data.canRestore ? (
        <Form method="post">
          <button type="submit" className="button button--secondary">
            Restore this version
          </button>
          <p className="hint">Restoring saves this text as a new version. Nothing in the history is lost.</p>
        </Form>
      ) : null}
      <h2>What changed in this version</h2>
      {data.changes.length === 0 ? <p>Nothing visible changed.</p> : null}
      {data.changes.map((c) => (
        <section key={c.key} aria-labelledby={`change-${c.key}`} className="diff">
          <h3 id={`change-${c.key}`}>{c.title}</h3>
          <p className="diff__text">
            {c.parts.map((p, i) =>
              p.kind === "same" ? (
                <span key={i}>{p.text}</span>
              ) : p.kind === "added" ? (
                <ins key={i}>
                  <span className="visually-hidden">[added: </span>
                  {p.text}
                  <span className="visually-hidden">]</span>
                </ins>
              ) : (
                <del key={i}>
                  <span className="visually-hidden">[removed: </span>
                  {p.text}
                  <span className="visually-hidden">]</span>
                </del>
              ),
            )}
          </p>
        </section>
      ))}
      <h2>The section as it was</h2>
      <SectionView section={data.section} values={data.values} html={data.html} themes={data.themes} supportKinds={data.supportKinds} />
    </>
  );
}
