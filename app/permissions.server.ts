/**
 * The one place that answers "may this person do this to that". Every loader and action asks
 * here; client-side checks only hide buttons. See DESIGN.md, "Who may see and do what", and
 * docs/decisions/003-permissions.md.
 *
 * A denial throws a Response: 404 where even the thing's existence must not leak (another
 * authority's assessment), 403 where the person may know it exists but not act on it.
 */
import type { AssessmentStatus, MembershipRole, SignatoryRole } from "../db/schema";
import type { Actor } from "./auth/actor.server";

export type AuthoritySubject = { type: "authority"; id: number; regionId: number };
export type RegionSubject = { type: "region"; id: number };
export type AssessmentSubject = {
  type: "assessment";
  id: number;
  authorityId: number;
  regionId: number;
  status: AssessmentStatus;
};
export type Subject = AuthoritySubject | RegionSubject | AssessmentSubject;

type SubjectOf<T extends Subject["type"]> = Extract<Subject, { type: T }>;

/** A rule answers true, or the reason the person may not (shown to them on the 403 page). */
type Verdict = true | string;

interface Rule<T extends Subject["type"]> {
  subject: T;
  check: (actor: Actor, subject: SubjectOf<T>) => Verdict;
}

const EDITING_ROLES: readonly MembershipRole[] = ["editor", "dcs"];
const SIGNING_ROLES: readonly MembershipRole[] = ["dcs", "chief_executive", "lead_member"];

export function isCoordinatorOf(actor: Actor, regionId: number): boolean {
  return actor.coordinatorOf.includes(regionId);
}

export function membershipIn(actor: Actor, authorityId: number) {
  return actor.memberships.find((m) => m.authorityId === authorityId);
}

function roleIn(actor: Actor, authorityId: number, roles: readonly MembershipRole[]): boolean {
  const membership = membershipIn(actor, authorityId);
  return membership !== undefined && roles.includes(membership.role);
}

const NOT_DRAFT = "This assessment has been submitted, so it can no longer be changed. Your regional coordinator can return it to draft.";

const RULES = {
  "authority.view": {
    subject: "authority",
    check: (actor, authority) =>
      membershipIn(actor, authority.id) !== undefined || isCoordinatorOf(actor, authority.regionId) || "Only the authority's own people and the regional coordinator can see this authority.",
  } satisfies Rule<"authority">,
  "region.manage": {
    subject: "region",
    check: (actor, region) => isCoordinatorOf(actor, region.id) || "Only the regional coordinator can do that.",
  } satisfies Rule<"region">,
  /** Read a draft or submitted assessment: its own authority's people and the region's coordinator. */
  "assessment.view": {
    subject: "assessment",
    check: (actor, a) => membershipIn(actor, a.authorityId) !== undefined || isCoordinatorOf(actor, a.regionId) || "hidden",
  } satisfies Rule<"assessment">,
  "assessment.edit": {
    subject: "assessment",
    check: (actor, a) => {
      if (!roleIn(actor, a.authorityId, EDITING_ROLES)) return "Only the authority's lead and director can edit the self-assessment.";
      return a.status === "draft" || NOT_DRAFT;
    },
  } satisfies Rule<"assessment">,
  "assessment.sign": {
    subject: "assessment",
    check: (actor, a) => {
      if (!roleIn(actor, a.authorityId, SIGNING_ROLES)) return "Only the director, chief executive and lead member sign the self-assessment.";
      return a.status === "draft" || NOT_DRAFT;
    },
  } satisfies Rule<"assessment">,
  "assessment.submit": {
    subject: "assessment",
    check: (actor, a) => {
      if (!roleIn(actor, a.authorityId, EDITING_ROLES)) return "Only the authority's lead and director can submit the self-assessment.";
      return a.status === "draft" || "This assessment has already been submitted.";
    },
  } satisfies Rule<"assessment">,
  "assessment.return": {
    subject: "assessment",
    check: (actor, a) => {
      if (!isCoordinatorOf(actor, a.regionId)) return "Only the regional coordinator can return an assessment to draft.";
      return a.status !== "draft" || "This assessment is already a draft.";
    },
  } satisfies Rule<"assessment">,
} as const;

export type Action = keyof typeof RULES;

function verdict(actor: Actor, action: Action, subject: Subject): Verdict {
  const rule = RULES[action] as Rule<Subject["type"]>;
  if (rule.subject !== subject.type) {
    throw new Error(`Permission "${action}" is about a ${rule.subject}, not a ${subject.type}`);
  }
  return rule.check(actor, subject as never);
}

export function can(actor: Actor, action: Action, subject: Subject): boolean {
  if (subject.type === "assessment" && action !== "assessment.view" && verdict(actor, "assessment.view", subject) !== true) {
    return false;
  }
  return verdict(actor, action, subject) === true;
}

/**
 * Throws unless the actor may. Anything about an assessment the actor may not even see is a
 * 404, whatever the action, so its existence never leaks.
 */
export function assertCan(actor: Actor, action: Action, subject: Subject): void {
  if (subject.type === "assessment" && verdict(actor, "assessment.view", subject) !== true) {
    throw new Response("Not found", { status: 404, statusText: "Not Found" });
  }
  const result = verdict(actor, action, subject);
  if (result === true) return;
  if (result === "hidden") throw new Response("Not found", { status: 404, statusText: "Not Found" });
  throw new Response(result, { status: 403, statusText: "Forbidden" });
}

/** Throws 403 unless the actor coordinates at least one region; returns those regions. */
export function assertCoordinator(actor: Actor): number[] {
  if (actor.coordinatorOf.length === 0) {
    throw new Response("Only a regional coordinator can do that.", { status: 403, statusText: "Forbidden" });
  }
  return actor.coordinatorOf;
}

/** The signatory role this person holds in the authority, if any (a DCS signs as DCS). */
export function signatoryRoleOf(actor: Actor, authorityId: number): SignatoryRole | null {
  const membership = membershipIn(actor, authorityId);
  return membership && SIGNING_ROLES.includes(membership.role) ? (membership.role as SignatoryRole) : null;
}
