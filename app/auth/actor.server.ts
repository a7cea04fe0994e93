import { redirect } from "@remix-run/node";

import { getDb } from "../../db/connection.server";
import type { Executor } from "../../db/schema";
import { listPeerAssignmentsOf, type PeerAssignment } from "../models/peer.server";
import { findUserById, listCoordinatorRoles, listMembershipsOf, type ActorMembership } from "../models/user.server";
import { mustSetUpNow, twoStepState, TWO_STEP_PATH, type TwoStepState } from "../two-step/policy";
import { now } from "../utils/clock.server";
import { oncePerRequest } from "../utils/request-scope.server";
import { readSession } from "./session.server";

/** The signed-in person, with everything the permissions module needs to answer questions. */
export interface Actor {
  id: string;
  email: string;
  name: string;
  sessionId: string;
  sessionExpiresAt: number;
  memberships: ActorMembership[];
  coordinatorOf: number[];
  /** The assessments this person is assigned to challenge as a peer director. */
  peerOf: PeerAssignment[];
  /** Whether two-step sign-in is on, and by when a coordinator must turn it on. */
  twoStep: TwoStepState;
}

/** Who is asking. The root loader and the page's own loader both ask: answered once per request. */
export function getActor(request: Request): Promise<Actor | null> {
  return oncePerRequest("actor", () => loadActor(request));
}

async function loadActor(request: Request): Promise<Actor | null> {
  const session = await readSession(request);
  if (!session) return null;
  return actorFor(getDb(), session.userId, { id: session.id, expiresAt: session.expiresAt });
}

/**
 * A person as the permissions module sees them, outside any request too (the demo seed and
 * scripts act as real people through the same rules). Null for an unknown or disabled account.
 */
export async function actorFor(
  db: Executor,
  userId: string,
  session: { id: string; expiresAt: number } = { id: "", expiresAt: 0 },
): Promise<Actor | null> {
  const user = await findUserById(db, userId);
  if (!user || user.disabled_at !== null) return null;
  const [memberships, coordinatorRoles, peerOf] = await Promise.all([
    listMembershipsOf(db, user.id),
    listCoordinatorRoles(db, user.id),
    listPeerAssignmentsOf(db, user.id),
  ]);
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    sessionId: session.id,
    sessionExpiresAt: session.expiresAt,
    memberships,
    coordinatorOf: coordinatorRoles.map((r) => r.region_id),
    peerOf,
    twoStep: twoStepState(user.totp_enabled_at, coordinatorRoles[0]?.created_at ?? null),
  };
}

/** True when the person may do nothing but set up two-step sign-in (a coordinator past the fortnight). */
export function mustSetUpTwoStep(actor: Actor): boolean {
  return mustSetUpNow(actor.twoStep, now());
}

/**
 * The signed-in person, or a redirect to sign in that comes back here afterwards. Someone who
 * must use two-step sign-in and is past the deadline to turn it on is sent to set it up first
 * (the set-up page itself asks with `settingUpTwoStep`).
 */
export async function requireActor(request: Request, options: { settingUpTwoStep?: boolean } = {}): Promise<Actor> {
  const actor = await getActor(request);
  const url = new URL(request.url);
  if (!actor) {
    const back = url.pathname + url.search;
    throw redirect(`/sign-in?redirectTo=${encodeURIComponent(back)}`);
  }
  if (!options.settingUpTwoStep && mustSetUpTwoStep(actor)) throw redirect(`${TWO_STEP_PATH}?required=1`);
  return actor;
}
