import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { getDb } from "../../db/connection.server";
import { requireAssessment, requireSection } from "~/assessment/access.server";
import { Pager } from "~/components/pager";
import { countSectionVersions, HISTORY_PAGE_SIZE, listSectionVersions } from "~/models/section.server";
import { formatDateTime, sectionHeading } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Section history — SLI Peer Challenge" }];

/** ?page=N; anything else is the first page, and a page past the end is the last. */
const PageSchema = z.coerce.number().int().min(1).max(1_000_000).catch(1);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { assessment } = await requireAssessment(request, params, "assessment.history");
  const section = requireSection(assessment, params.sectionKey);
  const db = getDb();
  const total = await countSectionVersions(db, assessment.id, section.key);
  const pages = Math.max(1, Math.ceil(total / HISTORY_PAGE_SIZE));
  const page = Math.min(PageSchema.parse(new URL(request.url).searchParams.get("page") ?? undefined), pages);
  const versions = await listSectionVersions(db, assessment.id, section.key, page);
  const titles = Object.fromEntries(section.fields.map((f) => [f.key, f.title]));
  return json({
    assessmentId: assessment.id,
    authorityName: assessment.authority.name,
    sectionKey: section.key,
    heading: sectionHeading(section),
    page,
    pages,
    total,
    versions: versions.map((v) => ({
      ...v,
      changedTitles: v.changedFields.map((k) => titles[k] ?? k),
      // The section's own author's versions keep plain links; another author's part says whose it is.
      query: v.author === section.author ? "" : `?part=${v.author}`,
    })),
  });
}

export default function SectionHistory() {
  const data = useLoaderData<typeof loader>();
  const base = `/assessments/${data.assessmentId}/sections/${data.sectionKey}`;
  return (
    <>
      <p>
        <Link to={base}>Back to the section</Link>
      </p>
      <span className="caption">{data.authorityName}</span>
      <h1>History: {data.heading}</h1>
      {data.versions.length === 0 ? <p>This section has not been saved yet.</p> : null}
      {data.pages > 1 ? (
        <p>
          {data.total.toLocaleString("en-GB")} versions, newest first; page {data.page} of {data.pages}.
        </p>
      ) : null}
      <table className="table">
        <caption className="visually-hidden">Every saved version, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Saved</th>
            <th scope="col">What changed</th>
          </tr>
        </thead>
        <tbody>
          {data.versions.map((v) => (
            <tr key={`${v.author}-${v.version}`}>
              <td>
                <Link to={`${base}/history/${v.version}${v.query}`}>
                  {v.query ? `Response version ${v.version}` : `Version ${v.version}`}
                </Link>
              </td>
              <td>
                {formatDateTime(v.createdAt)}
                {v.authorName ? ` by ${v.authorName}` : ""}
              </td>
              <td>
                {v.restoredFrom ? `Restored version ${v.restoredFrom}` : v.changedTitles.join(", ") || "No change"}
                {v.note ? <> <span className="tag tag--grey">{v.note}</span></> : null}
                {v.saves > 1 ? <span className="hint"> ({v.saves} saves a few minutes apart, kept as one)</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager page={data.page} pages={data.pages} hrefOf={(page) => `?page=${page}`} label="History pages" />
    </>
  );
}
