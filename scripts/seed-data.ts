import type { Kysely } from "kysely";

import type { Database, MembershipRole } from "../db/schema";
import { aloneAcrossInstances } from "../db/dialect.server";
import { carryForward } from "../app/assessment/carry-forward.server";
import { sign, saveSection } from "../app/assessment/workflow.server";
import { signOffsOf } from "../app/assessment/signing.server";
import { actorFor } from "../app/auth/actor.server";
import { hashPassword } from "../app/auth/password.server";
import { loadAssessment } from "../app/models/assessment.server";
import { can, signOffSubject } from "../app/permissions.server";
import { listAssessmentsOfCycle, openCycle } from "../app/models/cycle.server";
import { assignPeer } from "../app/models/peer.server";
import { createUser } from "../app/models/user.server";
import { currentTemplate } from "../app/template/current.server";
import { findSection } from "../app/template/definition";
import { parseSectionValues } from "../app/template/parse.server";
import { publishOffers } from "../app/regional/publish.server";
import { demoAssessment, demoChallenge } from "./demo-content";

/** The North East's 12 authorities with their ONS codes. */
export const NORTH_EAST_AUTHORITIES = [
  { slug: "darlington", name: "Darlington", ons: "E06000005" },
  { slug: "durham", name: "Durham", ons: "E06000047" },
  { slug: "gateshead", name: "Gateshead", ons: "E08000037" },
  { slug: "hartlepool", name: "Hartlepool", ons: "E06000001" },
  { slug: "middlesbrough", name: "Middlesbrough", ons: "E06000002" },
  { slug: "newcastle", name: "Newcastle", ons: "E08000021" },
  { slug: "north-tyneside", name: "North Tyneside", ons: "E08000022" },
  { slug: "northumberland", name: "Northumberland", ons: "E06000057" },
  { slug: "redcar-cleveland", name: "Redcar and Cleveland", ons: "E06000003" },
  { slug: "south-tyneside", name: "South Tyneside", ons: "E08000023" },
  { slug: "stockton-on-tees", name: "Stockton-on-Tees", ons: "E06000004" },
  { slug: "sunderland", name: "Sunderland", ons: "E08000024" },
] as const;

const FIRST_NAMES = ["Amira", "Ben", "Cerys", "Dev", "Eleanor", "Fraser", "Grace", "Harvey", "Imani", "Joel", "Kirsty", "Liam", "Maya", "Niall", "Orla", "Priya"];
const SURNAMES = ["Ashworth", "Bell", "Charlton", "Dodds", "Elliott", "Forster", "Gibson", "Hedley", "Irving", "Jobling", "Kell", "Lamb", "Milburn", "Nixon", "Oliver", "Pattinson"];

const DEMO_ROLES: { prefix: string; role: MembershipRole; title: string }[] = [
  { prefix: "lead", role: "editor", title: "SLI lead" },
  { prefix: "dcs", role: "dcs", title: "Director of Children's Services" },
  { prefix: "ceo", role: "chief_executive", title: "Chief Executive" },
  { prefix: "member", role: "lead_member", title: "Lead Member for Children" },
];

function demoName(index: number): string {
  return `${FIRST_NAMES[index % FIRST_NAMES.length]} ${SURNAMES[(index * 7 + 3) % SURNAMES.length]}`;
}

/**
 * Seeds the demo region into an empty database. Returns false (and changes nothing) when any
 * region already exists, so it is safe to run at every start.
 */
export async function seedIfEmpty(db: Kysely<Database>, demoPassword: string): Promise<boolean> {
  return aloneAcrossInstances(db, "sli-peer-challenge:seed", () => seedUnlessRegions(db, demoPassword));
}

async function seedUnlessRegions(db: Kysely<Database>, demoPassword: string): Promise<boolean> {
  const existing = await db.selectFrom("regions").select("id").limit(1).executeTakeFirst();
  if (existing) return false;
  // Every demo account shares one password, so hash it once.
  const passwordHash = await hashPassword(demoPassword);
  const { regionId, coordinatorId } = await db.transaction().execute(async (trx) => {
    const t = Date.now();
    const region = await trx
      .insertInto("regions")
      .values({ name: "North East", slug: "north-east", created_at: t })
      .returning("id")
      .executeTakeFirstOrThrow();
    const coordinator = await createUser(trx, { email: "coordinator@northeast.example", name: "Sam Robson", passwordHash });
    await trx.insertInto("coordinators").values({ user_id: coordinator.id, region_id: region.id, created_at: t }).execute();

    let person = 0;
    for (const a of NORTH_EAST_AUTHORITIES) {
      const authority = await trx
        .insertInto("authorities")
        .values({ region_id: region.id, name: a.name, slug: a.slug, ons_code: a.ons, created_at: t })
        .returning("id")
        .executeTakeFirstOrThrow();
      for (const r of DEMO_ROLES) {
        const user = await createUser(trx, { email: `${r.prefix}@${a.slug}.example`, name: demoName(person++), passwordHash });
        await trx.insertInto("memberships").values({ user_id: user.id, authority_id: authority.id, role: r.role, created_at: t }).execute();
      }
    }
    return { regionId: region.id, coordinatorId: coordinator.id };
  });
  await seedCycles(db, regionId, coordinatorId);
  return true;
}

/** Writes a demo assessment's sections through the real save path, checked against the template. */
async function writeSections(db: Kysely<Database>, assessmentId: number, sections: Record<string, Record<string, unknown>>, authorId: string) {
  const assessment = (await loadAssessment(db, assessmentId))!;
  const actor = (await actorFor(db, authorId))!;
  for (const [sectionKey, values] of Object.entries(sections)) {
    const section = findSection(assessment.cycle.template, sectionKey)!;
    const parsed = parseSectionValues(section, values);
    if (!parsed.ok) throw new Error(`Demo content for section ${sectionKey} is invalid: ${parsed.errors.map((e) => `${e.path.join(".")}: ${e.message}`).join("; ")}`);
    await saveSection(db, { assessment, section, author: section.author, actor, baseVersion: 0, fields: parsed.values });
  }
}

/** Every member of the authority signs every sign-off of the authority's they are a signer of. */
async function signAll(db: Kysely<Database>, assessmentId: number, authorityId: number) {
  const members = await db.selectFrom("memberships").select("user_id").where("authority_id", "=", authorityId).execute();
  for (const member of members) {
    const actor = (await actorFor(db, member.user_id))!;
    const assessment = (await loadAssessment(db, assessmentId))!;
    for (const entry of signOffsOf(assessment.cycle.template)) {
      if (entry.side !== "authority") continue;
      if (!can(actor, "signOff.sign", signOffSubject(assessment, entry.side, entry.field))) continue;
      await sign(db, { assessment, signOffKey: entry.field.key, actor });
    }
  }
}

/**
 * The two years before, complete for all 12 authorities (ratings, offers and requests for the
 * regional pages, and a trend for the year-on-year pages), and this year's, open: one authority
 * submitted, one part-way, the rest new.
 */
async function seedCycles(db: Kysely<Database>, regionId: number, coordinatorId: string) {
  const template = currentTemplate();
  // Two years back, so the year-on-year pages have a trend to show.
  const older = await openCycle(db, {
    regionId,
    label: "2024–25",
    opensOn: "2024-04-01",
    submissionDeadline: "2024-06-30",
    challengeDeadline: "2024-09-30",
    createdBy: coordinatorId,
    template,
  });
  const earlier = await openCycle(db, {
    regionId,
    label: "2025–26",
    opensOn: "2025-04-01",
    submissionDeadline: "2025-06-30",
    challengeDeadline: "2025-09-30",
    createdBy: coordinatorId,
    template,
  });
  const current = await openCycle(db, {
    regionId,
    label: "2026–27",
    opensOn: "2026-10-01",
    submissionDeadline: "2027-01-31",
    challengeDeadline: "2027-03-31",
    createdBy: coordinatorId,
    template,
  });
  const assessments = await db
    .selectFrom("assessments")
    .innerJoin("authorities", "authorities.id", "assessments.authority_id")
    .select(["assessments.id", "assessments.cycle_id", "authorities.id as authorityId", "authorities.name", "authorities.slug"])
    .orderBy("authorities.name")
    .execute();
  for (const [index, a] of assessments.entries()) {
    const lead = await db
      .selectFrom("memberships")
      .innerJoin("users", "users.id", "memberships.user_id")
      .select(["users.id", "users.name"])
      .where("memberships.authority_id", "=", a.authorityId)
      .where("memberships.role", "=", "editor")
      .executeTakeFirstOrThrow();
    const seed = index % NORTH_EAST_AUTHORITIES.length;
    if (a.cycle_id === older) {
      await writeSections(db, a.id, demoAssessment(a.name, seed + 5, 2024), lead.id);
      await signAll(db, a.id, a.authorityId);
      await markSubmitted(db, a.id, lead.id, Date.parse("2024-06-24T10:00:00Z"));
    } else if (a.cycle_id === earlier) {
      await writeSections(db, a.id, demoAssessment(a.name, seed, 2025), lead.id);
      await signAll(db, a.id, a.authorityId);
      await markSubmitted(db, a.id, lead.id, Date.parse("2025-06-20T10:00:00Z"));
    } else if (a.cycle_id === current && a.slug === "gateshead") {
      await writeSections(db, a.id, demoAssessment(a.name, seed + 1, 2026), lead.id);
      await signAll(db, a.id, a.authorityId);
      await markSubmitted(db, a.id, lead.id, Date.now());
    } else if (a.cycle_id === current && a.slug === "darlington") {
      const full = demoAssessment(a.name, seed + 1, 2026);
      await writeSections(db, a.id, { "1": { "1a": full["1"]!["1a"], "1b": full["1"]!["1b"], "1d": full["1"]!["1d"] }, "2": { "2a": full["2"]!["2a"] } }, lead.id);
    }
  }

  // Peer challenge. Last year each authority was challenged by the directors two and five
  // places before it round the table, and both signed it off; this year by the directors one and
  // three places before (so Gateshead by Durham and Sunderland), with no pair repeated or reciprocal.
  await pairCycle(db, older!, [4, 6], coordinatorId);
  await pairCycle(db, earlier!, [2, 5], coordinatorId);
  for (const [index, a] of (await listAssessmentsOfCycle(db, older!)).entries()) {
    await writeChallenge(db, a.id, index + 1, "2024-09-10", 2, true);
  }
  await pairCycle(db, current!, [1, 3], coordinatorId);
  for (const [index, a] of (await listAssessmentsOfCycle(db, earlier!)).entries()) {
    await writeChallenge(db, a.id, index, "2025-09-12", 3, true);
  }
  // Last year's recommendations that needed action now wait in this year's drafts.
  await carryForward(db, current!);
  const gateshead = (await listAssessmentsOfCycle(db, current!)).find((a) => a.authoritySlug === "gateshead")!;
  await writeChallenge(db, gateshead.id, 0, "2027-02-16", 1, false);
}

/**
 * Submitted on a date of the story's choosing (the workflow's submit would stamp today), with
 * its offers and requests published to the regional offer as a real submission does.
 */
async function markSubmitted(db: Kysely<Database>, assessmentId: number, leadId: string, at: number) {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("assessments").set({ status: "submitted", submitted_at: at, submitted_by: leadId }).where("id", "=", assessmentId).execute();
    await publishOffers(trx, (await loadAssessment(trx, assessmentId))!, at);
  });
}

/** Pairs each authority's assessment with the DCSs of the authorities `offsets` places before it (by name). */
async function pairCycle(db: Kysely<Database>, cycleId: number, offsets: number[], coordinatorId: string) {
  const list = await listAssessmentsOfCycle(db, cycleId);
  for (const [i, a] of list.entries()) {
    for (const offset of offsets) {
      const peer = list[(i - offset + list.length) % list.length]!;
      const director = await db
        .selectFrom("memberships")
        .select("user_id")
        .where("authority_id", "=", peer.authorityId)
        .where("role", "=", "dcs")
        .executeTakeFirstOrThrow();
      await assignPeer(db, { assessmentId: a.id, peerAuthorityId: peer.authorityId, userId: director.user_id, assignedBy: coordinatorId });
    }
  }
}

/** The first peer writes section 5 through the real save path; with `signOff`, both peers sign it. */
async function writeChallenge(db: Kysely<Database>, assessmentId: number, seed: number, meetingDate: string, keyPoints: number, signOff: boolean) {
  const pairings = await db
    .selectFrom("peer_assignments")
    .innerJoin("authorities", "authorities.id", "peer_assignments.peer_authority_id")
    .select(["peer_assignments.user_id", "authorities.name"])
    .where("assessment_id", "=", assessmentId)
    .orderBy("peer_assignments.id")
    .execute();
  const assessment = (await loadAssessment(db, assessmentId))!;
  const section = findSection(assessment.cycle.template, "5")!;
  const content = demoChallenge([pairings[0]!.name, pairings[1]!.name], seed, meetingDate, keyPoints);
  const parsed = parseSectionValues(section, content);
  if (!parsed.ok) throw new Error(`Demo challenge is invalid: ${parsed.errors.map((e) => e.message).join("; ")}`);
  const first = (await actorFor(db, pairings[0]!.user_id!))!;
  await saveSection(db, { assessment, section, author: section.author, actor: first, baseVersion: 0, fields: parsed.values });
  if (!signOff) return;
  for (const pairing of pairings) {
    const actor = (await actorFor(db, pairing.user_id!))!;
    await sign(db, { assessment: (await loadAssessment(db, assessmentId))!, signOffKey: "5c", actor });
  }
}
