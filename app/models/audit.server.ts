import type { Executor } from "../../db/schema";
import { now } from "../utils/clock.server";

export async function recordAudit(
  db: Executor,
  event: {
    actorUserId: string | null;
    action: string;
    subjectType: string;
    subjectId: string | number;
    details?: Record<string, unknown>;
  },
): Promise<void> {
  await db
    .insertInto("audit_events")
    .values({
      at: now(),
      actor_user_id: event.actorUserId,
      action: event.action,
      subject_type: event.subjectType,
      subject_id: String(event.subjectId),
      details: event.details ? JSON.stringify(event.details) : null,
    })
    .execute();
}
