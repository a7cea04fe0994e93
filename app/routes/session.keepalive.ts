import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";

import { getActor } from "~/auth/actor.server";

export async function loader() {
  throw new Response("Method not allowed", { status: 405 });
}

/** "Stay signed in": reading the session slides its idle expiry; the new deadline goes back to the page. */
export async function action({ request }: ActionFunctionArgs) {
  const actor = await getActor(request);
  if (!actor) return json({ expiresAt: 0 }, { status: 401 });
  return json({ expiresAt: actor.sessionExpiresAt });
}
