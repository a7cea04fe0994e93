import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { getDb } from "../../db/connection.server";
import { requireActor } from "~/auth/actor.server";
import { RatingCellView } from "~/components/regional/rating-cell";
import { RegionalNav } from "~/components/regional/regional-nav";
import { TrendChart } from "~/components/regional/trend-chart";
import { findAuthorityBySlug, listAuthoritiesInRegions } from "~/models/authority.server";
import { findCycleWithTemplate, listCyclesOfRegion } from "~/models/cycle.server";
import { assertCan, can } from "~/permissions.server";
import { disagreement } from "~/regional/ratings";
import { authorityTrend } from "~/regional/ratings.server";
import { notFound } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.authority.name} year on year — SLI Peer Challenge` : "Year on year — SLI Peer Challenge" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const db = getDb();
  const authority = await findAuthorityBySlug(db, params.slug ?? "");
  if (!authority) throw notFound();
  assertCan(actor, "region.view", { type: "region", id: authority.region_id });
  const cycles = await listCyclesOfRegion(db, authority.region_id);
  const newest = cycles[0] ? await findCycleWithTemplate(db, cycles[0].id) : undefined;
  const trend = newest ? await authorityTrend(db, authority.region_id, authority.id, newest.template) : null;
  const authorities = await listAuthoritiesInRegions(db, [authority.region_id]);
  return json({
    authority: { name: authority.name, slug: authority.slug },
    authorities: authorities.map((a) => ({ slug: a.slug, name: a.name })),
    newestCycleId: newest?.id ?? null,
    coordinator: can(actor, "region.manage", { type: "region", id: authority.region_id }),
    trend: trend && {
      levels: trend.field.ratings.map((r) => r.label),
      areas: trend.field.areas.map((area) => ({
        key: area.key,
        title: area.title,
        cycles: trend.cycles.map((c) => {
          const cell = c.cells.find((x) => x.area === area.key) ?? null;
          return { cycleId: c.cycleId, label: c.label, submitted: c.submitted, cell, flag: cell ? disagreement(trend.field, cell) : null };
        }),
      })),
    },
  });
}

export default function YearOnYear() {
  const { authority, authorities, newestCycleId, coordinator, trend } = useLoaderData<typeof loader>();
  const flags = trend?.areas.flatMap((a) => a.cycles.filter((c) => c.flag).map((c) => ({ area: a.title, label: c.label, flag: c.flag! }))) ?? [];
  return (
    <>
      <h1>{authority.name}: ratings year on year</h1>
      {newestCycleId ? <RegionalNav cycleId={newestCycleId} coordinator={coordinator} trendsHref={`/authorities/${authority.slug}/trends`} /> : null}
      <nav aria-label="Other authorities" className="hint">
        Other authorities:{" "}
        {authorities
          .filter((a) => a.slug !== authority.slug)
          .map((a, i) => (
            <span key={a.slug}>
              {i > 0 ? " · " : null}
              <Link to={`/authorities/${a.slug}/trends`}>{a.name}</Link>
            </span>
          ))}
      </nav>
      {!trend ? (
        <p>There are no shared ratings yet.</p>
      ) : (
        <>
          <p>
            The authority's own ratings of each area in every cycle it has submitted, with the direction of travel it gave. Drafts are
            not included.
          </p>
          <h2>Where the direction of travel and the ratings disagree</h2>
          {flags.length === 0 ? (
            <p>None: every claimed direction fits how the rating moved.</p>
          ) : (
            <ul>
              {flags.map((f) => (
                <li key={`${f.area}-${f.label}`} className="flag">
                  {f.area}, {f.label}: {f.flag}
                </li>
              ))}
            </ul>
          )}
          <h2>Each area over time</h2>
          <div className="card-grid">
            {trend.areas.map((area) => (
              <TrendChart key={area.key} title={area.title} levels={trend.levels} points={area.cycles.map((c) => ({ label: c.label, level: c.cell?.level ?? null }))} />
            ))}
          </div>
          <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="trend-caption">
            <table className="table heatmap">
              <caption id="trend-caption">Ratings of {authority.name} by area and cycle</caption>
              <thead>
                <tr>
                  <th scope="col">Area</th>
                  {trend.areas[0]?.cycles.map((c) => (
                    <th scope="col" key={c.cycleId}>
                      <Link to={`/cycles/${c.cycleId}/heatmap`}>{c.label}</Link>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {trend.areas.map((area) => (
                  <tr key={area.key}>
                    <th scope="row">{area.title}</th>
                    {area.cycles.map((c) => (
                      <td key={c.cycleId}>
                        {c.cell ? <RatingCellView cell={c.cell} /> : "Not submitted"}
                        {c.flag ? <span className="flag">{c.flag}</span> : null}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
