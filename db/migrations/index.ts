import type { Migration } from "kysely";

import * as foundation from "./2026-11-22-01-foundation";
import * as assessments from "./2026-11-22-02-assessments";
import * as templateSignOffs from "./2026-11-23-01-template-sign-offs";
import * as commentsAndReminders from "./2026-11-23-02-comments-and-reminders";
import * as signInAddresses from "./2026-11-23-03-sign-in-addresses";
import * as regionalOffer from "./2026-11-24-01-regional-offer";
import * as wordImport from "./2026-11-24-02-word-import";
import * as historyFolding from "./2026-11-24-03-history-folding";
import * as auditTrail from "./2026-11-24-04-audit-trail";
import * as twoStep from "./2026-11-30-01-two-step";
import * as historyIndex from "./2026-11-30-02-history-index";
import * as passwordResetThrottle from "./2026-12-04-01-password-reset-throttle";

/**
 * Every migration, in order, listed statically so the Remix build, scripts and Vitest
 * all load exactly the same set. Add new ones at the end; never rename or edit old ones.
 */
export const migrations: Record<string, Migration> = {
  "2026-11-22-01-foundation": foundation,
  "2026-11-22-02-assessments": assessments,
  "2026-11-23-01-template-sign-offs": templateSignOffs,
  "2026-11-23-02-comments-and-reminders": commentsAndReminders,
  "2026-11-23-03-sign-in-addresses": signInAddresses,
  "2026-11-24-01-regional-offer": regionalOffer,
  "2026-11-24-02-word-import": wordImport,
  "2026-11-24-03-history-folding": historyFolding,
  "2026-11-24-04-audit-trail": auditTrail,
  "2026-11-30-01-two-step": twoStep,
  "2026-11-30-02-history-index": historyIndex,
  "2026-12-04-01-password-reset-throttle": passwordResetThrottle,
};
