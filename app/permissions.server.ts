/**
 * The one place that answers "may this person do this to that". Every loader and action asks
 * here; client-side checks only hide buttons. See DESIGN.md, "Who may see and do what".
 *
 * A denial throws a Response: 404 where even the thing's existence must not leak (another
 * authority's draft), 403 where the person may know it exists but not act on it.
 */
import type { Actor } from "./auth/actor.server";

export type Subject =
  | { type: "authority"; id: number; regionId: number }
  | { type: "region"; id: number };

export type Action =
  /** See an authority's page and its members. */
  | "authority.view"
  /** Invite, re-role and disable people in a region; read its outbox. */
  | "region.manage";

interface Rule {
  subject: Subject["type"];
  allow: (actor: Actor, subject: never) => boolean;
  /** What a refusal looks like: "forbidden" (403) or "hidden" (404). */
  refusal: "forbidden" | "hidden";
}

export function isCoordinatorOf(actor: Actor, regionId: number): boolean {
  return actor.coordinatorOf.includes(regionId);
}

export function membershipIn(actor: Actor, authorityId: number) {
  return actor.memberships.find((m) => m.authorityId === authorityId);
}

const RULES: { [A in Action]: Rule } = {
  "authority.view": {
    subject: "authority",
    allow: (actor, authority: Extract<Subject, { type: "authority" }>) =>
      membershipIn(actor, authority.id) !== undefined || isCoordinatorOf(actor, authority.regionId),
    refusal: "forbidden",
  },
  "region.manage": {
    subject: "region",
    allow: (actor, region: Extract<Subject, { type: "region" }>) => isCoordinatorOf(actor, region.id),
    refusal: "forbidden",
  },
};

export function can(actor: Actor, action: Action, subject: Subject): boolean {
  const rule = RULES[action];
  if (rule.subject !== subject.type) {
    throw new Error(`Permission "${action}" is about a ${rule.subject}, not a ${subject.type}`);
  }
  return rule.allow(actor, subject as never);
}

export function assertCan(actor: Actor, action: Action, subject: Subject): void {
  if (can(actor, action, subject)) return;
  const hidden = RULES[action].refusal === "hidden";
  throw new Response(hidden ? "Not found" : "You do not have permission to do that", {
    status: hidden ? 404 : 403,
    statusText: hidden ? "Not Found" : "Forbidden",
  });
}

/** Throws 403 unless the actor coordinates at least one region. */
export function assertCoordinator(actor: Actor): number[] {
  if (actor.coordinatorOf.length === 0) {
    throw new Response("Only a regional coordinator can do that", { status: 403, statusText: "Forbidden" });
  }
  return actor.coordinatorOf;
}
