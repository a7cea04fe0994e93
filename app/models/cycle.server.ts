import type { Executor } from "../../db/schema";
import { atomically } from "../../db/transaction";
import { withRegionThemes } from "../regional/vocabulary";
import { templateSchema, type TemplateDefinition } from "../template/definition";
import { now } from "../utils/clock.server";
import { recordAudit } from "./audit.server";
import { ensureRegionThemes, listRegionThemes } from "./theme.server";

// Stored templates are parsed, not cast; a cycle's template never changes, so parse it once.
const templateCache = new Map<number, TemplateDefinition>();
export function templateOfCycle(cycleId: number, json: string): TemplateDefinition {
  let template = templateCache.get(cycleId);
  if (!template) {
    template = templateSchema.parse(JSON.parse(json));
    templateCache.set(cycleId, template);
  }
  return template;
}

/**
 * A cycle's template as its region uses it today (the region's themes in its theme columns):
 * read from the database only the first time, and the same object for as long as the region's
 * themes stay as they are, so what is worked out per template (value schemas, part sections)
 * is worked out once. Bounded: the least recently used goes first.
 */
const REGIONAL_TEMPLATES = 64;
const regionalTemplates = new Map<string, TemplateDefinition>();
export async function regionalTemplate(db: Executor, cycleId: number, regionId: number): Promise<TemplateDefinition> {
  const [themes, template] = await Promise.all([listRegionThemes(db, regionId), cycleTemplate(db, cycleId)]);
  const key = `${cycleId}|${themes.map((t) => `${t.id}/${t.key}/${t.label}/${t.position}/${t.retired ? 1 : 0}`).join(",")}`;
  let regional = regionalTemplates.get(key);
  if (regional) {
    regionalTemplates.delete(key);
  } else {
    regional = withRegionThemes(template, themes);
  }
  regionalTemplates.set(key, regional);
  if (regionalTemplates.size > REGIONAL_TEMPLATES) regionalTemplates.delete(regionalTemplates.keys().next().value!);
  return regional;
}

async function cycleTemplate(db: Executor, cycleId: number): Promise<TemplateDefinition> {
  const cached = templateCache.get(cycleId);
  if (cached) return cached;
  const row = await db.selectFrom("cycles").select("template_json").where("id", "=", cycleId).executeTakeFirstOrThrow();
  return templateOfCycle(cycleId, row.template_json);
}

export interface NewCycle {
  regionId: number;
  label: string;
  opensOn: string;
  submissionDeadline: string;
  challengeDeadline: string;
  createdBy: string | null;
  template: TemplateDefinition;
  /** Days before each deadline to send reminders; 14 and 3 when not given. */
  reminderDays?: number[];
}

/**
 * Opens a cycle for a region: records the template it opens with and creates one draft
 * assessment for every authority in the region. Returns null when the label is taken.
 */
export async function openCycle(db: Executor, input: NewCycle): Promise<number | null> {
  return atomically(db, async (trx) => {
    const taken = await trx
      .selectFrom("cycles")
      .select("id")
      .where("region_id", "=", input.regionId)
      .where("label", "=", input.label)
      .executeTakeFirst();
    if (taken) return null;
    const t = now();
    const cycle = await trx
      .insertInto("cycles")
      .values({
        region_id: input.regionId,
        label: input.label,
        template_version: input.template.version,
        template_json: JSON.stringify(input.template),
        opens_on: input.opensOn,
        submission_deadline: input.submissionDeadline,
        challenge_deadline: input.challengeDeadline,
        ...(input.reminderDays ? { reminder_days: JSON.stringify(input.reminderDays) } : {}),
        created_by: input.createdBy,
        created_at: t,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const authorities = await trx.selectFrom("authorities").select("id").where("region_id", "=", input.regionId).execute();
    if (authorities.length) {
      await trx
        .insertInto("assessments")
        .values(authorities.map((a) => ({ cycle_id: cycle.id, authority_id: a.id, updated_at: t })))
        .execute();
    }
    await ensureRegionThemes(trx, input.regionId, input.template.themes);
    await recordAudit(trx, { actorUserId: input.createdBy, action: "cycle.opened", subjectType: "cycle", subjectId: cycle.id, details: { label: input.label } });
    return cycle.id;
  });
}

export async function listCyclesWithProgress(db: Executor, regionIds: number[]) {
  if (regionIds.length === 0) return [];
  const cycles = await db
    .selectFrom("cycles")
    .innerJoin("regions", "regions.id", "cycles.region_id")
    .select([
      "cycles.id",
      "cycles.label",
      "cycles.opens_on as opensOn",
      "cycles.submission_deadline as submissionDeadline",
      "cycles.challenge_deadline as challengeDeadline",
      "cycles.template_version as templateVersion",
      "regions.name as regionName",
    ])
    .where("cycles.region_id", "in", regionIds)
    .orderBy("cycles.opens_on", "desc")
    .execute();
  const assessments = await db
    .selectFrom("assessments")
    .innerJoin("authorities", "authorities.id", "assessments.authority_id")
    .select(["assessments.id", "assessments.cycle_id", "assessments.status", "assessments.submitted_at", "authorities.name as authorityName"])
    .where("assessments.cycle_id", "in", cycles.length ? cycles.map((c) => c.id) : [-1])
    .orderBy("authorities.name")
    .execute();
  return cycles.map((c) => ({
    ...c,
    assessments: assessments
      .filter((a) => a.cycle_id === c.id)
      .map((a) => ({ id: a.id, status: a.status, submittedAt: a.submitted_at, authorityName: a.authorityName })),
  }));
}

export async function findCycle(db: Executor, cycleId: number) {
  return db
    .selectFrom("cycles")
    .select(["id", "region_id as regionId", "label", "opens_on as opensOn", "submission_deadline as submissionDeadline", "challenge_deadline as challengeDeadline"])
    .where("id", "=", cycleId)
    .executeTakeFirst();
}

export type CycleWithTemplate = NonNullable<Awaited<ReturnType<typeof findCycleWithTemplate>>>;

/** A cycle with its template as the region uses it today (the region's themes). */
export async function findCycleWithTemplate(db: Executor, cycleId: number) {
  const cycle = await findCycle(db, cycleId);
  if (!cycle) return undefined;
  return { ...cycle, template: await regionalTemplate(db, cycle.id, cycle.regionId) };
}

/** How many of a cycle's assessments have been submitted, of how many. */
export async function countSubmitted(db: Executor, cycleId: number): Promise<{ submitted: number; total: number }> {
  const row = await db
    .selectFrom("assessments")
    .select((eb) => [eb.fn.countAll<number>().as("total"), eb.fn.sum<number>(eb.case().when("status", "!=", "draft").then(1).else(0).end()).as("submitted")])
    .where("cycle_id", "=", cycleId)
    .executeTakeFirstOrThrow();
  return { submitted: Number(row.submitted ?? 0), total: Number(row.total) };
}

/** A region's cycles, newest first. */
export async function listCyclesOfRegion(db: Executor, regionId: number) {
  return db
    .selectFrom("cycles")
    .select(["id", "label", "opens_on as opensOn"])
    .where("region_id", "=", regionId)
    .orderBy("opens_on", "desc")
    .execute();
}

/** The region's cycle that opened last before this one, if any. */
export async function previousCycle(db: Executor, cycle: { id: number; regionId: number; opensOn: string }) {
  return db
    .selectFrom("cycles")
    .select("id")
    .where("region_id", "=", cycle.regionId)
    .where("opens_on", "<", cycle.opensOn)
    .orderBy("opens_on", "desc")
    .limit(1)
    .executeTakeFirst();
}

/** Each authority's assessment in the cycle, by authority name. */
export async function listAssessmentsOfCycle(db: Executor, cycleId: number) {
  return db
    .selectFrom("assessments")
    .innerJoin("authorities", "authorities.id", "assessments.authority_id")
    .select([
      "assessments.id",
      "assessments.status",
      "assessments.updated_at as updatedAt",
      "authorities.id as authorityId",
      "authorities.name as authorityName",
      "authorities.slug as authoritySlug",
    ])
    .where("assessments.cycle_id", "=", cycleId)
    .orderBy("authorities.name")
    .execute();
}
