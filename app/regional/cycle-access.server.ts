/** Who asks for a region's cycle page, and whether they may: the first lines of every regional route. */
import { getDb } from "../../db/connection.server";
import { requireActor } from "../auth/actor.server";
import { findCycleWithTemplate } from "../models/cycle.server";
import { assertCan, type Action } from "../permissions.server";
import { notFound } from "../utils/http.server";
import { parseId } from "../utils/ids";

/** The signed-in person and the cycle, once they may `action` its region (region.view unless said). */
export async function requireRegionalCycle(request: Request, cycleIdParam: string | undefined, action: Action = "region.view") {
  const actor = await requireActor(request);
  const id = parseId(cycleIdParam);
  const cycle = id !== null ? await findCycleWithTemplate(getDb(), id) : undefined;
  if (!cycle) throw notFound();
  // Another region's cycle is not there, for anyone outside it.
  assertCan(actor, "region.view", { type: "region", id: cycle.regionId });
  if (action !== "region.view") assertCan(actor, action, { type: "region", id: cycle.regionId });
  return { actor, cycle };
}
