import type { Kysely } from "kysely";

import type { Database, MembershipRole } from "../../db/schema";
import { saveSection } from "../../app/assessment/workflow.server";
import { actorFor } from "../../app/auth/actor.server";
import { hashPassword } from "../../app/auth/password.server";
import { loadAssessment } from "../../app/models/assessment.server";
import { readPart } from "../../app/models/section.server";
import { assessmentSubject, authorSideOf } from "../../app/permissions.server";
import { openCycle } from "../../app/models/cycle.server";
import { createUser } from "../../app/models/user.server";
import { builtInTemplate } from "../../app/template/built-in";
import { findSection, type TemplateDefinition } from "../../app/template/definition";

export const TEST_PASSWORD = "correct horse battery";

let passwordHash: Promise<string> | undefined;
function testPasswordHash() {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  return passwordHash;
}

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export async function createRegion(db: Kysely<Database>, name = "Test Region") {
  const slug = `region-${unique()}`;
  return db.insertInto("regions").values({ name, slug, created_at: Date.now() }).returningAll().executeTakeFirstOrThrow();
}

export async function createAuthority(db: Kysely<Database>, regionId: number, name = "Testshire") {
  const id = unique();
  return db
    .insertInto("authorities")
    .values({ region_id: regionId, name, slug: `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${id}`, ons_code: `E99${id}`, created_at: Date.now() })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function createPerson(db: Kysely<Database>, name = "Test Person") {
  const email = `${name.toLowerCase().replace(/[^a-z]+/g, ".")}.${unique()}@example.test`;
  return createUser(db, { email, name, passwordHash: await testPasswordHash() });
}

export async function createMember(db: Kysely<Database>, authorityId: number, role: MembershipRole, name?: string) {
  const user = await createPerson(db, name ?? `${role} person`);
  await db.insertInto("memberships").values({ user_id: user.id, authority_id: authorityId, role, created_at: Date.now() }).execute();
  return user;
}

export async function createCoordinator(db: Kysely<Database>, regionId: number, name = "Coordinator Person") {
  const user = await createPerson(db, name);
  await db.insertInto("coordinators").values({ user_id: user.id, region_id: regionId, created_at: Date.now() }).execute();
  return user;
}

/** Two authorities in one region, with an editor and a DCS in A, an editor in B, a coordinator and a disabled member of A. */
export async function createWorld(db: Kysely<Database>) {
  const region = await createRegion(db);
  const otherRegion = await createRegion(db, "Other Region");
  const authorityA = await createAuthority(db, region.id, "Alphaborough");
  const authorityB = await createAuthority(db, region.id, "Betaford");
  const authorityC = await createAuthority(db, otherRegion.id, "Gammaton");
  const editorA = await createMember(db, authorityA.id, "editor", "Edith Editor");
  const dcsA = await createMember(db, authorityA.id, "dcs", "Dana Director");
  const ceoA = await createMember(db, authorityA.id, "chief_executive", "Cal Chief");
  const memberA = await createMember(db, authorityA.id, "lead_member", "Lee Member");
  const editorB = await createMember(db, authorityB.id, "editor", "Bea Editor");
  const dcsB = await createMember(db, authorityB.id, "dcs", "Bo Director");
  const coordinator = await createCoordinator(db, region.id, "Cora Coordinator");
  const otherCoordinator = await createCoordinator(db, otherRegion.id, "Olly Othercoord");
  const disabled = await createMember(db, authorityA.id, "editor", "Dee Disabled");
  return { region, otherRegion, authorityA, authorityB, authorityC, editorA, dcsA, ceoA, memberA, editorB, dcsB, coordinator, otherCoordinator, disabled };
}

export async function disableUser(db: Kysely<Database>, userId: string) {
  await db.updateTable("users").set({ disabled_at: Date.now() }).where("id", "=", userId).execute();
  await db.deleteFrom("sessions").where("user_id", "=", userId).execute();
}

/** Opens a cycle through the real model: one draft assessment per authority in the region. */
export async function openTestCycle(
  db: Kysely<Database>,
  regionId: number,
  options: { label?: string; template?: TemplateDefinition; createdBy?: string | null } = {},
) {
  const cycleId = await openCycle(db, {
    regionId,
    label: options.label ?? `Cycle ${unique()}`,
    opensOn: "2026-10-01",
    submissionDeadline: "2027-01-31",
    challengeDeadline: "2027-03-31",
    createdBy: options.createdBy ?? null,
    template: options.template ?? builtInTemplate(),
  });
  const rows = await db.selectFrom("assessments").select(["id", "authority_id"]).where("cycle_id", "=", cycleId!).execute();
  return { cycleId: cycleId!, assessmentOf: (authorityId: number) => rows.find((r) => r.authority_id === authorityId)!.id };
}

/**
 * Saves fields of a section as this person, through the real workflow (permissions and stage
 * checked inside the transaction), in the part the person writes; on the current version
 * unless a base version is given.
 */
export async function saveSectionAs(
  db: Kysely<Database>,
  user: { id: string },
  assessmentId: number,
  sectionKey: string,
  fields: Record<string, unknown>,
  baseVersion?: number,
) {
  const actor = (await actorFor(db, user.id))!;
  const assessment = (await loadAssessment(db, assessmentId))!;
  const section = findSection(assessment.cycle.template, sectionKey)!;
  const author = authorSideOf(actor, assessmentSubject(assessment)) ?? section.author;
  const base = baseVersion ?? (await readPart(db, assessmentId, sectionKey, author)).version;
  return saveSection(db, { assessment, section, author, actor, baseVersion: base, fields });
}
