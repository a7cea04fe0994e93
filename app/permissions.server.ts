/**
 * The one place that answers "may this person do this to that". Every loader and action asks
 * here; client-side checks only hide buttons. See DESIGN.md, "Who may see and do what", and
 * docs/decisions/003-permissions.md.
 *
 * A denial throws a Response: 404 where even the thing's existence must not leak (another
 * authority's assessment), 403 where the person may know it exists but not act on it.
 */
import type { AssessmentStatus, SectionAuthor } from "../db/schema";
import type { Actor } from "./auth/actor.server";
import type { AssessmentContext } from "./models/assessment.server";
import { PEER_SIGNER, type SignOffField } from "./template/definition";
import { MINUTE, now } from "./utils/clock.server";
import { forbidden, notFound } from "./utils/http.server";
import { ROLE_CAPABILITIES } from "./utils/roles";

export type AuthoritySubject = { type: "authority"; id: number; regionId: number };
export type RegionSubject = { type: "region"; id: number };
export type AssessmentSubject = {
  type: "assessment";
  id: number;
  authorityId: number;
  regionId: number;
  status: AssessmentStatus;
};
/**
 * One author's part of a section: `author` is who writes it (the template's author of the
 * section, or of a column in it), `owner` the section's own author.
 */
export type SectionPartSubject = { type: "sectionPart"; assessment: AssessmentSubject; author: SectionAuthor; owner: SectionAuthor };
/** A sign-off field: `side` is the author of the section it is in, `signedBy` who may sign its roles. */
export type SignOffSubject = { type: "signOff"; assessment: AssessmentSubject; side: SectionAuthor; signedBy: string[] };
/** A comment: who wrote it and when, on which assessment. */
export type CommentSubject = { type: "comment"; assessment: AssessmentSubject; authorId: string | null; createdAt: number; deleted: boolean };
/** A request of one authority brokered to an offer of another: who it involves. */
export type OfferLinkSubject = { type: "offerLink"; regionId: number; authorityIds: number[] };
/** A person's own account (their sign-in settings). */
export type AccountSubject = { type: "account"; userId: string };
export type Subject = AccountSubject | AuthoritySubject | RegionSubject | AssessmentSubject | SectionPartSubject | SignOffSubject | CommentSubject | OfferLinkSubject;

type SubjectOf<T extends Subject["type"]> = Extract<Subject, { type: T }>;

/** A rule answers true, or the reason the person may not (shown to them on the 403 page). */
type Verdict = true | string;

interface Rule<T extends Subject["type"]> {
  subject: T;
  check: (actor: Actor, subject: SubjectOf<T>) => Verdict;
}

export function assessmentSubject(assessment: AssessmentContext): AssessmentSubject {
  return {
    type: "assessment",
    id: assessment.id,
    authorityId: assessment.authority.id,
    regionId: assessment.authority.regionId,
    status: assessment.status,
  };
}

export function sectionPartSubject(assessment: AssessmentContext, owner: SectionAuthor, author: SectionAuthor): SectionPartSubject {
  return { type: "sectionPart", assessment: assessmentSubject(assessment), author, owner };
}

export function signOffSubject(assessment: AssessmentContext, side: SectionAuthor, field: SignOffField): SignOffSubject {
  return { type: "signOff", assessment: assessmentSubject(assessment), side, signedBy: field.roles.map((role) => role.signedBy) };
}

export function isCoordinatorOf(actor: Actor, regionId: number): boolean {
  return actor.coordinatorOf.includes(regionId);
}

export function membershipIn(actor: Actor, authorityId: number) {
  return actor.memberships.find((m) => m.authorityId === authorityId);
}

/** True when the person is one of the peer directors assigned to challenge this assessment. */
export function isAssignedPeer(actor: Actor, assessmentId: number): boolean {
  return actor.peerOf.some((assignment) => assignment.assessmentId === assessmentId);
}

function writesForAuthority(actor: Actor, authorityId: number): boolean {
  const membership = membershipIn(actor, authorityId);
  return membership !== undefined && ROLE_CAPABILITIES[membership.role].writes;
}

/** Peers see an assessment from submission on, never a draft. */
const PEERS_SEE: readonly AssessmentStatus[] = ["submitted", "in_challenge", "complete"];
/** Peers write and sign their sections while the challenge is open. */
const CHALLENGE_OPEN: readonly AssessmentStatus[] = ["submitted", "in_challenge"];

/** How long after writing a comment its author may still edit or delete it. */
export const COMMENT_CHANGE_WINDOW_MS = 15 * MINUTE;

const NOT_DRAFT = "This assessment has been submitted, so it can no longer be changed. Your regional coordinator can return it to draft.";

const RULES = {
  /** Turn off two-step sign-in: only on one's own account, and never as a coordinator, who must use it. */
  "account.turnOffTwoStep": {
    subject: "account",
    check: (actor, account) =>
      actor.id !== account.userId
        ? "hidden"
        : actor.coordinatorOf.length === 0 || "Regional coordinators must use two-step sign-in, so it cannot be turned off. To move to a new phone, set it up again.",
  } satisfies Rule<"account">,
  "authority.view": {
    subject: "authority",
    check: (actor, authority) =>
      membershipIn(actor, authority.id) !== undefined || isCoordinatorOf(actor, authority.regionId) || "Only the authority's own people and the regional coordinator can see this authority.",
  } satisfies Rule<"authority">,
  /**
   * The region's shared pages (regional offer, heatmap, year-on-year): everyone in one of its
   * authorities, and its coordinator. They show submitted work only.
   */
  "region.view": {
    subject: "region",
    check: (actor, region) => actor.memberships.some((m) => m.regionId === region.id) || isCoordinatorOf(actor, region.id) || "hidden",
  } satisfies Rule<"region">,
  /** See a brokered link and add notes to it: the coordinator, and the people of the two authorities it involves. */
  "offerLink.view": {
    subject: "offerLink",
    check: (actor, link) => isCoordinatorOf(actor, link.regionId) || link.authorityIds.some((id) => membershipIn(actor, id) !== undefined) || "hidden",
  } satisfies Rule<"offerLink">,
  /** Move a link through its stages: the coordinator brokers, the authorities say how it is going in notes. */
  "offerLink.stage": {
    subject: "offerLink",
    check: (actor, link) => isCoordinatorOf(actor, link.regionId) || "Only the regional coordinator changes the stage of a link. Add a note to say how it is going.",
  } satisfies Rule<"offerLink">,
  "region.manage": {
    subject: "region",
    check: (actor, region) => isCoordinatorOf(actor, region.id) || "Only the regional coordinator can do that.",
  } satisfies Rule<"region">,
  /**
   * Read an assessment: its own authority's people and the region's coordinator, and the
   * peers assigned to challenge it once it has been submitted.
   */
  "assessment.view": {
    subject: "assessment",
    check: (actor, a) =>
      membershipIn(actor, a.authorityId) !== undefined ||
      isCoordinatorOf(actor, a.regionId) ||
      (isAssignedPeer(actor, a.id) && PEERS_SEE.includes(a.status)) ||
      "hidden",
  } satisfies Rule<"assessment">,
  /** Sections' edit history: the authority's people and the coordinator, not the peers. */
  "assessment.history": {
    subject: "assessment",
    check: (actor, a) =>
      membershipIn(actor, a.authorityId) !== undefined || isCoordinatorOf(actor, a.regionId) || "The history of a section is kept for the authority and the regional coordinator.",
  } satisfies Rule<"assessment">,
  /**
   * Write one author's part of a section. The authority writes its own sections while the
   * assessment is a draft, and its columns in the peers' sections (its responses) once the
   * peers have something to respond to; the assigned peers write theirs while the challenge is open.
   */
  "section.write": {
    subject: "sectionPart",
    check: (actor, part) => {
      const a = part.assessment;
      if (part.author === "peers") {
        if (!isAssignedPeer(actor, a.id)) return "Only the peer directors challenging this assessment write this.";
        if (CHALLENGE_OPEN.includes(a.status)) return true;
        return a.status === "complete"
          ? "The challenge has been signed off. Your regional coordinator can reopen it."
          : "The peer directors write this once the self-assessment has been submitted.";
      }
      if (!writesForAuthority(actor, a.authorityId)) return "Only the authority's lead and director can edit the self-assessment.";
      if (part.owner === "authority") return a.status === "draft" || NOT_DRAFT;
      return a.status !== "draft" || "The authority responds once the peer directors have written the challenge.";
    },
  } satisfies Rule<"sectionPart">,
  /** Sign a sign-off: someone in one of its roles, while its side's content can still change. */
  "signOff.sign": {
    subject: "signOff",
    check: (actor, signOff) => {
      const a = signOff.assessment;
      if (!signingRole(actor, signOff)) return "You are not one of the people who sign this.";
      if (signOff.side === "peers") return CHALLENGE_OPEN.includes(a.status) || "The challenge is not open for signing.";
      return a.status === "draft" || NOT_DRAFT;
    },
  } satisfies Rule<"signOff">,
  /**
   * Comment on a section: the authority's people and the assigned peers, once the assessment
   * has been submitted (comments are about the submitted text). The coordinator reads them.
   */
  "comment.write": {
    subject: "assessment",
    check: (actor, a) => {
      if (membershipIn(actor, a.authorityId) === undefined && !isAssignedPeer(actor, a.id)) {
        return "Comments are written by the authority's people and its peer directors.";
      }
      return a.status !== "draft" || "Comments open once the self-assessment has been submitted.";
    },
  } satisfies Rule<"assessment">,
  /** Edit or delete a comment: its author, within the first minutes, while comments are open. */
  "comment.change": {
    subject: "comment",
    check: (actor, comment) => {
      if (comment.authorId !== actor.id) return "Only the person who wrote a comment can change it.";
      if (comment.deleted) return "This comment has been deleted.";
      if (now() - comment.createdAt > COMMENT_CHANGE_WINDOW_MS) return "A comment can be changed only in the first 15 minutes.";
      return comment.assessment.status !== "draft" || "Comments are closed while the self-assessment is a draft.";
    },
  } satisfies Rule<"comment">,
  "assessment.submit": {
    subject: "assessment",
    check: (actor, a) => {
      if (!writesForAuthority(actor, a.authorityId)) return "Only the authority's lead and director can submit the self-assessment.";
      return a.status === "draft" || "This assessment has already been submitted.";
    },
  } satisfies Rule<"assessment">,
  /** Import a Word document into the draft: like editing it, the authority's lead and director while it is a draft. */
  "assessment.import": {
    subject: "assessment",
    check: (actor, a) => {
      if (!writesForAuthority(actor, a.authorityId)) return "Only the authority's lead and director can import a Word document into the self-assessment.";
      return a.status === "draft" || NOT_DRAFT;
    },
  } satisfies Rule<"assessment">,
  "assessment.return": {
    subject: "assessment",
    check: (actor, a) => {
      if (!isCoordinatorOf(actor, a.regionId)) return "Only the regional coordinator can return an assessment to draft.";
      return a.status !== "draft" || "This assessment is already a draft.";
    },
  } satisfies Rule<"assessment">,
  "assessment.reopen": {
    subject: "assessment",
    check: (actor, a) => {
      if (!isCoordinatorOf(actor, a.regionId)) return "Only the regional coordinator can reopen a signed-off challenge.";
      return a.status === "complete" || "Only a signed-off challenge can be reopened.";
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

/** The assessment a subject is part of, if any: nothing about it is answered to someone who may not see it. */
function assessmentOf(subject: Subject): AssessmentSubject | undefined {
  if (subject.type === "assessment") return subject;
  if (subject.type === "sectionPart" || subject.type === "signOff" || subject.type === "comment") return subject.assessment;
  return undefined;
}

export function can(actor: Actor, action: Action, subject: Subject): boolean {
  const assessment = assessmentOf(subject);
  if (assessment && action !== "assessment.view" && verdict(actor, "assessment.view", assessment) !== true) return false;
  if (subject.type === "offerLink" && verdict(actor, "offerLink.view", subject) !== true) return false;
  return verdict(actor, action, subject) === true;
}

/**
 * Throws unless the actor may. Anything about an assessment the actor may not even see is a
 * 404, whatever the action, so its existence never leaks.
 */
export function assertCan(actor: Actor, action: Action, subject: Subject): void {
  const assessment = assessmentOf(subject);
  if (assessment && verdict(actor, "assessment.view", assessment) !== true) throw notFound();
  // A link is not even there for someone it does not involve.
  if (subject.type === "offerLink" && verdict(actor, "offerLink.view", subject) !== true) throw notFound();
  const result = verdict(actor, action, subject);
  if (result === true) return;
  if (result === "hidden") throw notFound();
  throw forbidden(result);
}

/** Throws 403 unless the actor coordinates at least one region; returns those regions. */
export function assertCoordinator(actor: Actor): number[] {
  if (actor.coordinatorOf.length === 0) throw forbidden("Only a regional coordinator can do that.");
  return actor.coordinatorOf;
}

/**
 * Who this person signs as on a sign-off: the `signedBy` they answer to (their membership
 * role in the assessed authority, or the peer signer when assigned to challenge it), or null.
 */
export function signingRole(actor: Actor, signOff: SignOffSubject): string | null {
  const a = signOff.assessment;
  if (signOff.side === "peers") return isAssignedPeer(actor, a.id) && signOff.signedBy.includes(PEER_SIGNER) ? PEER_SIGNER : null;
  const membership = membershipIn(actor, a.authorityId);
  return membership && signOff.signedBy.includes(membership.role) ? membership.role : null;
}

/** The side a person writes for in this assessment, if any: the authority's or the peers'. */
export function authorSideOf(actor: Actor, a: AssessmentSubject): SectionAuthor | null {
  if (writesForAuthority(actor, a.authorityId)) return "authority";
  if (isAssignedPeer(actor, a.id)) return "peers";
  return null;
}

