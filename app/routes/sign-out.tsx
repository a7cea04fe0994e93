import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";

import { getActor } from "~/auth/actor.server";
import { endSession } from "~/auth/session.server";
import { getDb } from "../../db/connection.server";
import { recordAudit } from "~/models/audit.server";

export async function loader() {
  return redirect("/");
}

/** Ends the session on the server, not just in the browser. Open to anyone: signing out is never refused. */
export async function action({ request }: ActionFunctionArgs) {
  const actor = await getActor(request);
  const cookie = await endSession(request);
  if (actor) {
    await recordAudit(getDb(), { actorUserId: actor.id, action: "session.signed_out", subjectType: "user", subjectId: actor.id });
  }
  return redirect("/sign-in?reason=signed-out", { headers: { "Set-Cookie": cookie } });
}
