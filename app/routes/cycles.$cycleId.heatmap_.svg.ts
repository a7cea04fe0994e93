import type { LoaderFunctionArgs } from "@remix-run/node";

import { getDb } from "../../db/connection.server";
import { requireRegionalCycle } from "~/regional/cycle-access.server";
import { fileSlug } from "~/utils/format";
import { heatmapSvg } from "~/regional/ratings";
import { cycleHeatmap } from "~/regional/ratings.server";
import { notFound } from "~/utils/http.server";

/** The heatmap as a downloadable SVG image, from the same rows as the page. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cycle } = await requireRegionalCycle(request, params.cycleId);
  const heatmap = await cycleHeatmap(getDb(), cycle);
  if (!heatmap) throw notFound();
  return new Response(heatmapSvg(`Ratings heatmap ${cycle.label}`, heatmap.field, heatmap.rows), {
    headers: {
      "Content-Type": "image/svg+xml; charset=utf-8",
      "Content-Disposition": `attachment; filename="ratings-heatmap-${fileSlug(cycle.label)}.svg"`,
      "Cache-Control": "private, no-store",
    },
  });
}
