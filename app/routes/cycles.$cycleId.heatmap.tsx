import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { getDb } from "../../db/connection.server";
import { RatingCellView } from "~/components/regional/rating-cell";
import { CycleSwitcher, RegionalNav } from "~/components/regional/regional-nav";
import { listAuthoritiesInRegions } from "~/models/authority.server";
import { listCyclesOfRegion } from "~/models/cycle.server";
import { can } from "~/permissions.server";
import { requireRegionalCycle } from "~/regional/cycle-access.server";
import { trendsHrefFor } from "~/regional/links.server";
import { CHANGE_MARKS, CHANGE_WORDS, cellWords, compactCell, expandCell } from "~/regional/ratings";
import { cycleHeatmap } from "~/regional/ratings.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Ratings heatmap ${data.cycle.label} — SLI Peer Challenge` : "Ratings heatmap — SLI Peer Challenge" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, cycle } = await requireRegionalCycle(request, params.cycleId);
  const db = getDb();
  const [heatmap, cycles, authorities] = await Promise.all([cycleHeatmap(db, cycle), listCyclesOfRegion(db, cycle.regionId), listAuthoritiesInRegions(db, [cycle.regionId])]);
  return json({
    cycle: { id: cycle.id, label: cycle.label },
    cycles,
    heatmap: heatmap && {
      previousLabel: heatmap.previousLabel,
      areas: heatmap.field.areas.map((a) => ({ key: a.key, title: a.title })),
      words: cellWords(heatmap.field),
      rows: heatmap.rows.map((row) => ({ ...row, cells: row.cells.map((cell) => compactCell(heatmap.field, cell)) })),
    },
    coordinator: can(actor, "region.manage", { type: "region", id: cycle.regionId }),
    trendsHref: trendsHrefFor(actor, cycle.regionId, authorities),
  });
}

export default function Heatmap() {
  const { cycle, cycles, heatmap, coordinator, trendsHref } = useLoaderData<typeof loader>();
  const submitted = heatmap?.rows.filter((r) => r.submitted).length ?? 0;
  return (
    <>
      <h1>Ratings heatmap {cycle.label}</h1>
      <RegionalNav cycleId={cycle.id} coordinator={coordinator} trendsHref={trendsHref} />
      <CycleSwitcher cycles={cycles} currentId={cycle.id} page="heatmap" />
      {!heatmap ? (
        <p>This cycle's template has no ratings shared with the region.</p>
      ) : (
        <>
          <p>
            Each authority's own rating of the signatures of success, with its direction of travel, from submitted self-assessments
            only ({submitted} of {heatmap.rows.length} so far).{" "}
            {heatmap.previousLabel ? `Changes are against ${heatmap.previousLabel}.` : "There is no earlier cycle to compare with."}
          </p>
          <h2 id="legend-heading">Key</h2>
          <ul className="legend" aria-labelledby="legend-heading">
            {heatmap.words.ratings.map((label, i) => (
              <li key={label}>
                <span className={`rating rating--${i}`} aria-hidden="true">
                  {i + 1}
                </span>
                {label}
              </li>
            ))}
            {(["better", "worse", "same"] as const).map((c) => (
              <li key={c}>
                <span aria-hidden="true">{CHANGE_MARKS[c]}</span> {CHANGE_WORDS[c]}
              </li>
            ))}
          </ul>
          <p>
            <a href={`/cycles/${cycle.id}/heatmap/svg`} download>
              Download the heatmap as an image (SVG)
            </a>
          </p>
          <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="heatmap-caption">
            <table className="table heatmap">
              <caption id="heatmap-caption">Ratings by authority and area, {cycle.label}</caption>
              <thead>
                <tr>
                  <th scope="col">Authority</th>
                  {heatmap.areas.map((a) => (
                    <th scope="col" key={a.key}>
                      {a.title}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {heatmap.rows.map((row) => (
                  <tr key={row.authority.id}>
                    <th scope="row">
                      <Link to={`/authorities/${row.authority.slug}/trends`}>{row.authority.name}</Link>
                    </th>
                    {row.submitted ? (
                      row.cells.map((cell, i) => (
                        <td key={heatmap.areas[i]!.key}>
                          <RatingCellView cell={expandCell(heatmap.areas[i]!.key, cell, heatmap.words)} />
                        </td>
                      ))
                    ) : (
                      <td colSpan={heatmap.areas.length}>Not submitted yet</td>
                    )}
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
