/** The coordinator's audit trail: the filter from the URL applied to events about their regions. */
import type { Executor } from "../../db/schema";
import { countAuditEvents, listAuditEvents, type AuditFilter } from "../models/audit.server";
import { AUDIT_PAGE_SIZE, auditRange, type AuditView } from "./audit-view";

export function auditFilter(regionIds: number[], view: AuditView): AuditFilter {
  return { regionIds, action: view.action, person: view.person, ...auditRange(view) };
}

export async function auditPage(db: Executor, filter: AuditFilter, page: number) {
  const total = await countAuditEvents(db, filter);
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const current = Math.min(page, pages);
  const rows = await listAuditEvents(db, filter, { limit: AUDIT_PAGE_SIZE, offset: (current - 1) * AUDIT_PAGE_SIZE });
  return { total, pages, page: current, rows };
}
