import { sql, type ExpressionBuilder } from "kysely";

import type { Database, Executor } from "../../db/schema";
import { now } from "../utils/clock.server";
import { requestValue } from "../utils/request-scope.server";

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
      // The address of the request being served, when there is one (not for scripts).
      address: requestValue<string>("clientAddress") ?? null,
    })
    .execute();
}

// ---------------------------------------------------------------------------
// Reading the trail (coordinators): events about their regions, newest first.


export interface AuditFilter {
  regionIds: number[];
  action?: string;
  /** Part of the name or email of who acted, or of the account a sign-in named. */
  person?: string;
  from?: number;
  to?: number;
}

export interface AuditRow {
  id: number;
  at: number;
  action: string;
  subjectType: string;
  subjectId: string;
  details: string | null;
  address: string | null;
  actorName: string | null;
  actorEmail: string | null;
  /** When the event is about a person (a failed sign-in names the account it tried). */
  subjectName: string | null;
  subjectEmail: string | null;
}

type EventBuilder = ExpressionBuilder<Database & { e: Database["audit_events"] }, "e">;

/** Whether an event concerns one of the regions: who acted belongs to it, or what it is about does. */
function aboutRegions(eb: EventBuilder, regionIds: number[]) {
  const memberOf = (userColumn: "e.actor_user_id" | "e.subject_id") =>
    eb.exists(
      eb
        .selectFrom("memberships as m")
        .innerJoin("authorities as au", "au.id", "m.authority_id")
        .select("m.id")
        .whereRef("m.user_id", "=", userColumn)
        .where("au.region_id", "in", regionIds),
    );
  const coordinates = (userColumn: "e.actor_user_id" | "e.subject_id") =>
    eb.exists(eb.selectFrom("coordinators as c").select("c.user_id").whereRef("c.user_id", "=", userColumn).where("c.region_id", "in", regionIds));
  return eb.or([
    memberOf("e.actor_user_id"),
    coordinates("e.actor_user_id"),
    eb.and([eb("e.subject_type", "=", "user"), eb.or([memberOf("e.subject_id"), coordinates("e.subject_id")])]),
    eb.and([
      eb("e.subject_type", "=", "assessment"),
      eb.exists(
        eb
          .selectFrom("assessments as a")
          .innerJoin("authorities as au", "au.id", "a.authority_id")
          .select("a.id")
          .where(sql<string>`cast(a.id as text)`, "=", eb.ref("e.subject_id"))
          .where("au.region_id", "in", regionIds),
      ),
    ]),
    eb.and([
      eb("e.subject_type", "=", "cycle"),
      eb.exists(eb.selectFrom("cycles as cy").select("cy.id").where(sql<string>`cast(cy.id as text)`, "=", eb.ref("e.subject_id")).where("cy.region_id", "in", regionIds)),
    ]),
    eb.and([eb("e.subject_type", "=", "region"), eb("e.subject_id", "in", regionIds.map(String))]),
  ]);
}

function auditQuery(db: Executor, filter: AuditFilter) {
  let query = db
    .selectFrom("audit_events as e")
    .leftJoin("users as u", "u.id", "e.actor_user_id")
    .leftJoin("users as s", (join) => join.onRef("s.id", "=", "e.subject_id").on("e.subject_type", "=", "user"))
    .where((eb) => aboutRegions(eb as unknown as EventBuilder, filter.regionIds));
  if (filter.action) query = query.where("e.action", "=", filter.action);
  if (filter.from !== undefined) query = query.where("e.at", ">=", filter.from);
  if (filter.to !== undefined) query = query.where("e.at", "<", filter.to);
  if (filter.person) {
    const like = `%${filter.person.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([
        eb(sql`lower(u.name)`, "like", sql`${like} escape '\\'`),
        eb(sql`lower(u.email)`, "like", sql`${like} escape '\\'`),
        eb(sql`lower(s.email)`, "like", sql`${like} escape '\\'`),
        eb(sql`lower(e.subject_id)`, "like", sql`${like} escape '\\'`),
      ]),
    );
  }
  return query;
}

export async function countAuditEvents(db: Executor, filter: AuditFilter): Promise<number> {
  if (filter.regionIds.length === 0) return 0;
  const row = await auditQuery(db, filter).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listAuditEvents(db: Executor, filter: AuditFilter, page?: { limit: number; offset: number }): Promise<AuditRow[]> {
  if (filter.regionIds.length === 0) return [];
  let query = auditQuery(db, filter)
    .select([
      "e.id",
      "e.at",
      "e.action",
      "e.subject_type as subjectType",
      "e.subject_id as subjectId",
      "e.details",
      "e.address",
      "u.name as actorName",
      "u.email as actorEmail",
      "s.name as subjectName",
      "s.email as subjectEmail",
    ])
    .orderBy("e.at", "desc")
    .orderBy("e.id", "desc");
  if (page) query = query.limit(page.limit).offset(page.offset);
  return query.execute();
}
