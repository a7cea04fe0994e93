import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { getDb } from "../../db/connection.server";
import { requireActor } from "~/auth/actor.server";
import { SummaryList } from "~/components/summary-list";
import { listCyclesWithProgress } from "~/models/cycle.server";
import { assertCoordinator } from "~/permissions.server";
import { now } from "~/utils/clock.server";
import { formatIsoDate, STATUS_LABELS, STATUS_TAG } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Cycles — SLI Peer Challenge" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const regionIds = assertCoordinator(actor);
  const cycles = await listCyclesWithProgress(getDb(), regionIds);
  const today = new Date(now()).toISOString().slice(0, 10);
  return json({ cycles, today });
}

export default function Cycles() {
  const { cycles, today } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Cycles</h1>
      <p>
        <Link to="/cycles/new" className="button">
          Open a new cycle
        </Link>
      </p>
      {cycles.length === 0 ? <p>No cycles yet. Open one to create a draft self-assessment for every authority.</p> : null}
      {cycles.map((cycle) => {
        const submitted = cycle.assessments.filter((a) => a.status !== "draft").length;
        const late = cycle.submissionDeadline < today;
        return (
          <section key={cycle.id} aria-labelledby={`cycle-${cycle.id}`}>
            <h2 id={`cycle-${cycle.id}`}>
              {cycle.regionName} {cycle.label}
            </h2>
            <p>
              <Link to={`/cycles/${cycle.id}/peer-challenge`}>
                Peer challenge<span className="visually-hidden">{` for ${cycle.label}`}</span>: pair peer directors
              </Link>{" "}
              · <Link to={`/cycles/${cycle.id}/progress`}>Progress board<span className="visually-hidden">{` for ${cycle.label}`}</span></Link> ·{" "}
              <Link to={`/cycles/${cycle.id}/offer`}>Regional offer<span className="visually-hidden">{` for ${cycle.label}`}</span></Link> ·{" "}
              <Link to={`/cycles/${cycle.id}/heatmap`}>Ratings heatmap<span className="visually-hidden">{` for ${cycle.label}`}</span></Link>
            </p>
            <SummaryList
              rows={[
                ["Opened", formatIsoDate(cycle.opensOn)],
                ["Submission deadline", formatIsoDate(cycle.submissionDeadline)],
                ["Challenge deadline", formatIsoDate(cycle.challengeDeadline)],
                ["Submitted", `${submitted} of ${cycle.assessments.length} authorities`],
              ]}
            />
            <table className="table">
              <caption className="visually-hidden">Progress of each authority in {cycle.label}</caption>
              <thead>
                <tr>
                  <th scope="col">Authority</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {cycle.assessments.map((a) => (
                  <tr key={a.id}>
                    <td>
                      <Link to={`/assessments/${a.id}`}>{a.authorityName}</Link>
                    </td>
                    <td>
                      <span className={`tag ${STATUS_TAG[a.status]}`}>{STATUS_LABELS[a.status]}</span>{" "}
                      {a.status === "draft" && late ? <span className="tag tag--red">Late</span> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        );
      })}
    </>
  );
}
