import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { getDb } from "../../db/connection.server";
import { requireActor } from "~/auth/actor.server";
import { listAssessmentsOfAuthorities } from "~/models/assessment.server";
import { listAuthoritiesInRegions, listRegions } from "~/models/authority.server";
import { listCyclesOfRegion } from "~/models/cycle.server";
import { listChallengesOf } from "~/models/peer.server";
import { formatIsoDate, STATUS_LABELS, STATUS_TAG } from "~/utils/format";
import { roleLabel } from "~/utils/roles";

export const meta: MetaFunction = () => [{ title: "Home — SLI Peer Challenge" }];

/** What this person can act on: their authorities, and for a coordinator their regions and people. */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const db = getDb();
  // Everyone in a region shares its regional offer and heatmap: its authorities' people and its coordinator.
  const regionIds = [...new Set([...actor.memberships.map((m) => m.regionId), ...actor.coordinatorOf])];
  const [regions, sharedRegions, regionAuthorities, ownAssessments, challenges] = await Promise.all([
    listRegions(db, actor.coordinatorOf),
    listRegions(db, regionIds),
    listAuthoritiesInRegions(db, actor.coordinatorOf),
    listAssessmentsOfAuthorities(db, actor.memberships.map((m) => m.authorityId)),
    listChallengesOf(db, actor.id),
  ]);
  const shared = await Promise.all(
    sharedRegions.map(async (r) => ({ id: r.id, name: r.name, cycles: (await listCyclesOfRegion(db, r.id)).map((c) => ({ id: c.id, label: c.label })) })),
  );
  return json({
    name: actor.name,
    shared: shared.filter((r) => r.cycles.length > 0),
    memberships: actor.memberships.map((m) => ({
      slug: m.authoritySlug,
      name: m.authorityName,
      role: roleLabel(m.role),
      assessments: ownAssessments
        .filter((a) => a.authorityId === m.authorityId)
        .map((a) => ({ id: a.id, cycleLabel: a.cycleLabel, status: a.status, deadline: a.submissionDeadline })),
    })),
    // A peer sees an assessment from its submission on: before that, only that it is coming.
    challenges: challenges.map((c) => ({ ...c, open: c.status !== "draft" })),
    regions: regions.map((r) => ({
      id: r.id,
      name: r.name,
      authorities: regionAuthorities.filter((a) => a.region_id === r.id).map((a) => ({ slug: a.slug, name: a.name })),
    })),
  });
}

export default function Home() {
  const { name, memberships, challenges, regions, shared } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Welcome, {name}</h1>
      {memberships.length > 0 ? (
        <section aria-labelledby="your-authorities">
          <h2 id="your-authorities">Your authority</h2>
          <div className="card-grid">
            {memberships.map((m) => (
              <div className="card" key={m.slug}>
                <h3>
                  <Link to={`/authorities/${m.slug}`}>{m.name}</Link>
                </h3>
                <p className="hint">Your role: {m.role}</p>
                <ul className="plain-list">
                  {m.assessments.map((a) => (
                    <li key={a.id}>
                      <Link to={`/assessments/${a.id}`}>Self-assessment {a.cycleLabel}</Link>{" "}
                      <span className={`tag ${STATUS_TAG[a.status]}`}>{STATUS_LABELS[a.status]}</span>
                      {a.status === "draft" ? <span className="hint"> · due {formatIsoDate(a.deadline)}</span> : null}
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </div>
        </section>
      ) : null}
      {challenges.length > 0 ? (
        <section aria-labelledby="your-challenges">
          <h2 id="your-challenges">Assessments you are challenging</h2>
          <table className="table">
            <caption className="visually-hidden">Assessments you are challenging as a peer director</caption>
            <thead>
              <tr>
                <th scope="col">Authority</th>
                <th scope="col">Cycle</th>
                <th scope="col">Stage</th>
                <th scope="col">Challenge deadline</th>
              </tr>
            </thead>
            <tbody>
              {challenges.map((c) => (
                <tr key={c.id}>
                  <td>{c.open ? <Link to={`/assessments/${c.id}`}>{c.authorityName}</Link> : c.authorityName}</td>
                  <td>{c.cycleLabel}</td>
                  <td>
                    <span className={`tag ${STATUS_TAG[c.status]}`}>{c.open ? STATUS_LABELS[c.status] : "Not submitted yet"}</span>
                  </td>
                  <td>{formatIsoDate(c.challengeDeadline)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      {shared.map((region) => {
        const [newest, ...earlier] = region.cycles;
        return (
          <section key={`shared-${region.id}`} aria-labelledby={`shared-${region.id}`}>
            <h2 id={`shared-${region.id}`}>{region.name} regional offer {newest!.label}</h2>
            <p>What every authority in the region offers and asks for, and how they rate themselves.</p>
            <p>
              <Link to={`/cycles/${newest!.id}/offer`}>Regional offer</Link> · <Link to={`/cycles/${newest!.id}/heatmap`}>Ratings heatmap</Link>
            </p>
            {earlier.length > 0 ? (
              <p className="hint">
                Earlier cycles:{" "}
                {earlier.map((c, i) => (
                  <span key={c.id}>
                    {i > 0 ? " · " : null}
                    <Link to={`/cycles/${c.id}/offer`}>Regional offer {c.label}</Link> · <Link to={`/cycles/${c.id}/heatmap`}>Ratings heatmap {c.label}</Link>
                  </span>
                ))}
              </p>
            ) : null}
          </section>
        );
      })}
      {regions.map((region) => (
        <section key={region.id} aria-labelledby={`region-${region.id}`}>
          <h2 id={`region-${region.id}`}>{region.name} region</h2>
          <p>
            <Link to="/cycles">Cycles and progress</Link> · <Link to="/admin/people">Manage people</Link> ·{" "}
            <Link to="/admin/people/invite">Invite someone</Link> ·{" "}
            <Link to="/admin/outbox">Email outbox</Link> · <Link to="/admin/themes">Themes for offers and requests</Link> · <Link to="/admin/audit">Audit trail</Link>
          </p>
          <h3>Authorities</h3>
          <ul className="columns">
            {region.authorities.map((a) => (
              <li key={a.slug}>
                <Link to={`/authorities/${a.slug}`}>{a.name}</Link>
              </li>
            ))}
          </ul>
        </section>
      ))}
      {memberships.length === 0 && regions.length === 0 && challenges.length === 0 ? (
        <p>You do not have a role in any authority yet. Ask your regional coordinator to invite you.</p>
      ) : null}
    </>
  );
}
