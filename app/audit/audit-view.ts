/**
 * The audit trail page's view in the URL (?action=…&person=…&from=2026-11-01&to=…&page=2), and
 * what each kind of event is called. Odd values fall back to "everything". Shared by browser
 * and server.
 */
import { z } from "zod";

export const AUDIT_PAGE_SIZE = 50;
export const PERSON_MAX_LENGTH = 100;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)));

export const auditViewSchema = z.object({
  action: z.string().regex(/^[a-z_]+\.[a-z_]+$/).optional().catch(undefined),
  person: z
    .string()
    .transform((s) => s.trim().slice(0, PERSON_MAX_LENGTH))
    .optional()
    .catch(undefined),
  from: isoDate.optional().catch(undefined),
  to: isoDate.optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type AuditView = z.infer<typeof auditViewSchema>;

export function parseAuditView(params: URLSearchParams): AuditView {
  return auditViewSchema.parse(Object.fromEntries([...params.keys()].map((k) => [k, params.get(k) || undefined])));
}

export function auditQueryString(view: AuditView, changes: Partial<AuditView> = {}): string {
  const next = { ...view, ...changes };
  const params = new URLSearchParams();
  for (const key of ["action", "person", "from", "to"] as const) if (next[key]) params.set(key, next[key]!);
  if (next.page > 1) params.set("page", String(next.page));
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** The dates as a time range: from the start of `from` to the end of `to`, in UTC. */
export function auditRange(view: AuditView): { from?: number; to?: number } {
  return {
    from: view.from ? Date.parse(`${view.from}T00:00:00Z`) : undefined,
    to: view.to ? Date.parse(`${view.to}T00:00:00Z`) + 86_400_000 : undefined,
  };
}

const LABELS: Record<string, string> = {
  "session.signed_in": "Signed in",
  "session.signed_out": "Signed out",
  "session.sign_in_failed": "Failed sign-in",
  "session.code_failed": "Wrong two-step code",
  "account.password_failed": "Wrong password on an account page",
  "two_step.enabled": "Turned on two-step sign-in",
  "two_step.disabled": "Turned off two-step sign-in",
  "two_step.codes_renewed": "Made new recovery codes",
  "two_step.recovery_code_used": "Signed in with a recovery code",
  "two_step.reset": "Reset someone's two-step sign-in",
  "password.changed": "Changed password",
  "password.reset": "Reset password",
  "invitation.created": "Invited someone",
  "invitation.accepted": "Accepted an invitation",
  "membership.role_changed": "Changed a role",
  "user.disabled": "Disabled an account",
  "user.enabled": "Enabled an account",
  "cycle.opened": "Opened a cycle",
  "peer.paired": "Paired a peer director",
  "peer.unpaired": "Removed a peer director",
  "assessment.signed": "Signed off",
  "assessment.submitted": "Submitted",
  "assessment.returned": "Returned to draft",
  "assessment.reopened": "Reopened the challenge",
  "assessment.challenge_started": "Challenge started",
  "assessment.challenge_completed": "Challenge completed",
  "assessment.exported": "Downloaded as Word",
  "assessment.import_read": "Read a Word document for import",
  "assessment.imported": "Imported from Word",
  "regional_offer.exported": "Downloaded the regional offer",
  "progress.exported": "Downloaded the progress board",
  "offer_link.created": "Linked a request to an offer",
  "offer_link.stage_changed": "Moved a link on",
  "theme.added": "Added a theme",
  "theme.renamed": "Renamed a theme",
  "theme.retired": "Retired a theme",
  "theme.restored": "Brought back a theme",
  "audit.exported": "Downloaded the audit trail",
};

/** Every kind of event the app records, for the filter (the trail itself is never scanned for them). */
export const AUDIT_ACTIONS = Object.keys(LABELS).sort((a, b) => LABELS[a]!.localeCompare(LABELS[b]!));

export function actionLabel(action: string): string {
  return LABELS[action] ?? action;
}
