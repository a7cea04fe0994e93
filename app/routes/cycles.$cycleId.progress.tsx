import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { getDb } from "../../db/connection.server";
import { RegionalNav } from "~/components/regional/regional-nav";
import { listAuthoritiesInRegions } from "~/models/authority.server";
import { requireRegionalCycle } from "~/regional/cycle-access.server";
import { trendsHrefFor } from "~/regional/links.server";
import { PROGRESS_STAGE_LABELS, progressBoard, sortProgress } from "~/regional/progress-board.server";
import { parseProgressView, progressQuery, type ProgressView } from "~/regional/progress-view";
import { now } from "~/utils/clock.server";
import { formatDateTime, formatIsoDate } from "~/utils/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Progress board ${data.cycle.label} — SLI Peer Challenge` : "Progress board — SLI Peer Challenge" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, cycle } = await requireRegionalCycle(request, params.cycleId, "region.manage");
  const db = getDb();
  const view = parseProgressView(new URL(request.url).searchParams);
  const rows = sortProgress(await progressBoard(db, cycle, now()), view.sort, view.dir === "desc");
  return json({
    cycle: { id: cycle.id, label: cycle.label, submissionDeadline: cycle.submissionDeadline, challengeDeadline: cycle.challengeDeadline },
    view,
    rows: rows.map((r) => ({ ...r, stageLabel: PROGRESS_STAGE_LABELS[r.stage] })),
    trendsHref: trendsHrefFor(actor, cycle.regionId, await listAuthoritiesInRegions(db, [cycle.regionId])),
  });
}

const COLUMNS: Array<[ProgressView["sort"], string]> = [
  ["authority", "Authority"],
  ["stage", "Stage"],
  ["complete", "Sections complete"],
  ["late", "Late"],
  ["edited", "Last edited"],
];

export default function ProgressBoard() {
  const { cycle, view, rows, trendsHref } = useLoaderData<typeof loader>();
  const late = rows.filter((r) => r.daysLate > 0).length;
  return (
    <>
      <h1>Progress board {cycle.label}</h1>
      <RegionalNav cycleId={cycle.id} coordinator trendsHref={trendsHref} />
      <p>
        Submission deadline {formatIsoDate(cycle.submissionDeadline)} · challenge deadline {formatIsoDate(cycle.challengeDeadline)} ·{" "}
        {late === 0 ? "nobody is late" : `${late} ${late === 1 ? "authority is" : "authorities are"} late`}.
      </p>
      <p>
        <a href={`/cycles/${cycle.id}/progress/csv${progressQuery(view)}`} download>
          Download the progress board as a spreadsheet (CSV)
        </a>
      </p>
      <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="progress-caption">
        <table className="table">
          <caption id="progress-caption">Each authority's progress in {cycle.label}. Choose a column heading to sort by it.</caption>
          <thead>
            <tr>
              {COLUMNS.map(([sort, label]) => {
                const active = view.sort === sort;
                const nextDir = active && view.dir === "asc" ? "desc" : "asc";
                return (
                  <th key={sort} scope="col" aria-sort={active ? (view.dir === "asc" ? "ascending" : "descending") : "none"}>
                    <Link to={progressQuery({ sort, dir: nextDir })}>
                      {label}
                      {active ? <span aria-hidden="true">{view.dir === "asc" ? " ▲" : " ▼"}</span> : null}
                    </Link>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.assessmentId}>
                <td>
                  <Link to={`/assessments/${r.assessmentId}`}>{r.authorityName}</Link>
                </td>
                <td>{r.stageLabel}</td>
                <td>
                  {r.percent}% ({r.sectionsComplete} of {r.sectionsTotal})
                </td>
                <td>{r.daysLate > 0 ? <span className="tag tag--red">{`${r.daysLate} ${r.daysLate === 1 ? "day" : "days"} late for ${r.lateFor}`}</span> : "On time"}</td>
                <td>{formatDateTime(r.lastEdited)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
