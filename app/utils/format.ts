import type { AssessmentStatus } from "../../db/schema";

const LONDON = "Europe/London";

// Formatters are made once: `toLocaleDateString` with options builds a new one on every call,
// which showed up as the history page's main cost with hundreds of dates on it.
const ISO_DATE = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const UK_DATE = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: LONDON });
const UK_TIME = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: LONDON });
const MONTH_YEAR = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });

/** "March 2027" from "2027-03"; anything else as it is. */
export function formatMonthYear(value: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(value);
  return match ? MONTH_YEAR.format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1))) : value;
}

/** "22 November 2026" from an ISO date (YYYY-MM-DD). */
export function formatIsoDate(iso: string): string {
  return ISO_DATE.format(new Date(`${iso}T12:00:00Z`));
}

/** "22 November 2026 at 10:42" from unix ms, in UK time. */
export function formatDateTime(ms: number): string {
  const d = new Date(ms);
  return `${UK_DATE.format(d)} at ${UK_TIME.format(d)}`;
}

export const STATUS_LABELS: Record<AssessmentStatus, string> = {
  draft: "Draft",
  submitted: "Submitted",
  in_challenge: "In challenge",
  complete: "Complete",
};

export const STATUS_TAG: Record<AssessmentStatus, string> = {
  draft: "tag--grey",
  submitted: "tag--blue",
  in_challenge: "tag--yellow",
  complete: "tag--green",
};

/** "Section 1: Overview", or just the title for the sign-off. */
export function sectionHeading(section: { number?: string; title: string }): string {
  return section.number ? `${section.number}: ${section.title}` : section.title;
}

/** A file name from a label: "North East 2025–26" → "north-east-2025-26". */
export function fileSlug(label: string): string {
  return (
    label
      .normalize("NFKD")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || "export"
  );
}
