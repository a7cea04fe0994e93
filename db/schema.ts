import type { Generated, Kysely, Selectable, Transaction } from "kysely";

/**
 * Table types for Kysely. Times are unix milliseconds (integers); booleans are 0/1.
 * Migrations in db/migrations are the source of truth; keep these in step with them.
 */

export const MEMBERSHIP_ROLES = [
  "editor",
  "dcs",
  "chief_executive",
  "lead_member",
  "viewer",
] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];

export interface RegionTable {
  id: Generated<number>;
  name: string;
  slug: string;
  created_at: number;
}

export interface AuthorityTable {
  id: Generated<number>;
  region_id: number;
  name: string;
  slug: string;
  ons_code: string;
  created_at: number;
}

export interface UserTable {
  id: string;
  email: string;
  name: string;
  password_hash: string | null;
  disabled_at: number | null;
  /** 1 when the person asked for no reminder emails. */
  reminders_off: Generated<number>;
  created_at: number;
  updated_at: number;
  /** The authenticator app's shared secret (base32) while two-step sign-in is on. */
  totp_secret: string | null;
  /** A secret shown as a QR code but not yet confirmed with a code from the app. */
  totp_pending_secret: string | null;
  totp_enabled_at: number | null;
  /** The last 30-second step whose code was accepted: that code and older ones are refused. */
  totp_last_step: number | null;
  /** When the last password-reset email went to this person: the next may go only minutes later. */
  password_reset_sent_at: number | null;
}

export interface MembershipTable {
  id: Generated<number>;
  user_id: string;
  authority_id: number;
  role: MembershipRole;
  created_at: number;
}

export interface CoordinatorTable {
  user_id: string;
  region_id: number;
  created_at: number;
}

export interface RecoveryCodeTable {
  id: Generated<number>;
  user_id: string;
  /** SHA-256 of the normalised code; the code itself is shown once and never stored. */
  code_hash: string;
  used_at: number | null;
  created_at: number;
}

/** Between a right password and a right code: a short-lived, cookie-held second step. */
export interface SignInChallengeTable {
  /** SHA-256 of the token in the cookie. */
  id: string;
  user_id: string;
  expires_at: number;
  failures: Generated<number>;
  created_at: number;
}

export interface SessionTable {
  /** SHA-256 of the token held in the cookie, hex. The token itself is never stored. */
  id: string;
  user_id: string;
  /** Idle expiry: slides forward with activity, never past absolute_expires_at. */
  expires_at: number;
  absolute_expires_at: number;
  created_at: number;
}

export interface InvitationTable {
  id: Generated<number>;
  token_hash: string;
  email: string;
  /** A membership role, or "coordinator". */
  role: string;
  authority_id: number | null;
  region_id: number;
  invited_by: string | null;
  created_at: number;
  expires_at: number;
  accepted_at: number | null;
  accepted_user_id: string | null;
}

export interface PasswordResetTable {
  id: Generated<number>;
  token_hash: string;
  user_id: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface SignInFailureTable {
  id: Generated<number>;
  email: string;
  /** Where the attempt came from; null for failures recorded before addresses were kept. */
  address: string | null;
  at: number;
}

export interface AuditEventTable {
  id: Generated<number>;
  at: number;
  actor_user_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string;
  details: string | null;
  /** The client address of the request that caused it, when there was one. */
  address: string | null;
}

export interface OutboxTable {
  id: Generated<number>;
  /** The region whose coordinator may read this message on the outbox page. */
  region_id: number | null;
  to_address: string;
  subject: string;
  body_text: string;
  created_at: number;
  /** Set when the message was handed to SMTP; null when it is only held here. */
  sent_at: number | null;
}

export const ASSESSMENT_STATUSES = ["draft", "submitted", "in_challenge", "complete"] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];
/** Who wrote a part of a section: the template's `author` of a section or column. */
export const SECTION_AUTHORS = ["authority", "peers"] as const;
export type SectionAuthor = (typeof SECTION_AUTHORS)[number];

export interface CycleTable {
  id: Generated<number>;
  region_id: number;
  label: string;
  template_version: string;
  template_json: string;
  /** ISO dates (YYYY-MM-DD). */
  opens_on: string;
  submission_deadline: string;
  challenge_deadline: string;
  /** JSON list of how many days before each deadline to remind people. */
  reminder_days: Generated<string>;
  created_by: string | null;
  created_at: number;
}

export interface AssessmentTable {
  id: Generated<number>;
  cycle_id: number;
  authority_id: number;
  status: Generated<AssessmentStatus>;
  submitted_at: number | null;
  submitted_by: string | null;
  returned_reason: string | null;
  returned_at: number | null;
  updated_at: number;
}

/**
 * One author's part of a section: everything in it that the template says this author writes
 * (for a peers' section, the authority's responses are a part of their own). Each part has its
 * own version, so different authors never conflict.
 */
export interface AssessmentSectionTable {
  assessment_id: number;
  section_key: string;
  author: SectionAuthor;
  version: number;
  /** JSON: field key → stored value. */
  body: string;
  updated_by: string | null;
  updated_at: number;
}

export interface SectionVersionTable {
  id: Generated<number>;
  assessment_id: number;
  section_key: string;
  author: SectionAuthor;
  version: number;
  body: string;
  /** JSON array of the field keys this save changed. */
  changed_fields: string;
  restored_from: number | null;
  author_id: string | null;
  created_at: number;
  /** Where the save came from when it was not typed, e.g. "Imported from Word". */
  note: string | null;
  /** How many saves this entry stands for: one person's consecutive autosaves fold into one. */
  saves: Generated<number>;
  /** When the first of the folded saves was made (null for an entry of one save). */
  first_saved_at: number | null;
}

/**
 * A signature on one sign-off field of the template, in one of its roles. It counts while it
 * is neither voided (a later edit or a reopened challenge) nor replaced (the same person
 * signing again), and only when its hash matches the covered content as it stands.
 */
export interface SignatureTable {
  id: Generated<number>;
  assessment_id: number;
  sign_off_key: string;
  role_key: string;
  user_id: string | null;
  signed_at: number;
  /** SHA-256 of the covered sections' content written by the sign-off's side. */
  content_hash: string;
  voided_at: number | null;
  voided_reason: string | null;
  replaced_at: number | null;
}

/** A peer director assigned to challenge one assessment, from their own authority. */
export interface PeerAssignmentTable {
  id: Generated<number>;
  assessment_id: number;
  peer_authority_id: number;
  /** Null while the named director is still invited (see invitation_id). */
  user_id: string | null;
  invitation_id: number | null;
  assigned_by: string | null;
  created_at: number;
}

export interface Database {
  regions: RegionTable;
  authorities: AuthorityTable;
  users: UserTable;
  memberships: MembershipTable;
  coordinators: CoordinatorTable;
  sessions: SessionTable;
  recovery_codes: RecoveryCodeTable;
  sign_in_challenges: SignInChallengeTable;
  invitations: InvitationTable;
  password_resets: PasswordResetTable;
  sign_in_failures: SignInFailureTable;
  audit_events: AuditEventTable;
  outbox: OutboxTable;
  cycles: CycleTable;
  assessments: AssessmentTable;
  assessment_sections: AssessmentSectionTable;
  section_versions: SectionVersionTable;
  signatures: SignatureTable;
  peer_assignments: PeerAssignmentTable;
  comments: CommentTable;
  reminders_sent: ReminderSentTable;
  region_themes: RegionThemeTable;
  offer_items: OfferItemTable;
  offer_item_themes: OfferItemThemeTable;
  offer_items_fts: OfferItemFtsTable;
  offer_links: OfferLinkTable;
  offer_link_notes: OfferLinkNoteTable;
  word_imports: WordImportTable;
}

/** A comment on a section of a submitted assessment, or a reply to one (one level deep). */
export interface CommentTable {
  id: Generated<number>;
  assessment_id: number;
  section_key: string;
  parent_id: number | null;
  author_id: string | null;
  /** TipTap JSON. */
  body: string;
  created_at: number;
  edited_at: number | null;
  deleted_at: number | null;
}

/** A reminder that went: never sent twice for the same person, assessment, deadline and day. */
export interface ReminderSentTable {
  user_id: string;
  assessment_id: number;
  deadline: "submission" | "challenge";
  days_before: number;
  sent_at: number;
}

/** A theme of the region's vocabulary for offers and requests; retired ones stay for history. */
export interface RegionThemeTable {
  id: Generated<number>;
  region_id: number;
  key: string;
  label: string;
  position: number;
  retired_at: number | null;
  created_at: number;
}

export const OFFER_KINDS = ["offer", "request"] as const;
export type OfferKind = (typeof OFFER_KINDS)[number];

/** An offer or request of a submitted assessment, copied from its section at submission. */
export interface OfferItemTable {
  id: Generated<number>;
  cycle_id: number;
  assessment_id: number;
  authority_id: number;
  kind: OfferKind;
  item_key: string;
  position: number;
  title: string;
  body_text: string;
  body_html: string;
  support_kind: string | null;
  submitted_at: number;
}

export interface OfferItemThemeTable {
  item_id: number;
  theme: string;
}

/** The FTS5 index of offer_items (rowid = offer_items.id). */
export interface OfferItemFtsTable {
  rowid: number;
  title: string;
  body: string;
}

export const LINK_STAGES = ["proposed", "agreed", "under_way", "done", "declined"] as const;
export type LinkStage = (typeof LINK_STAGES)[number];

/** A request brokered to an offer, by the items' stable keys within their assessments. */
export interface OfferLinkTable {
  id: Generated<number>;
  cycle_id: number;
  request_assessment_id: number;
  request_key: string;
  offer_assessment_id: number;
  offer_key: string;
  stage: LinkStage;
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

/** A dated note on a link; `stage` is set when the note records a change of stage. */
export interface OfferLinkNoteTable {
  id: Generated<number>;
  link_id: number;
  author_id: string | null;
  stage: LinkStage | null;
  body: string;
  created_at: number;
}

/** A Word document read for import, waiting for the person to choose what to take. */
export interface WordImportTable {
  id: Generated<number>;
  assessment_id: number;
  user_id: string;
  file_name: string;
  /** JSON (app/word/import/import.server.ts, ImportResult). */
  result: string;
  created_at: number;
  applied_at: number | null;
}

/** What every model function takes: the database, or a transaction the caller opened. */
export type Executor = Kysely<Database> | Transaction<Database>;

export type Region = Selectable<RegionTable>;
export type Authority = Selectable<AuthorityTable>;
export type User = Selectable<UserTable>;
export type Invitation = Selectable<InvitationTable>;
export type Cycle = Selectable<CycleTable>;
export type Assessment = Selectable<AssessmentTable>;

