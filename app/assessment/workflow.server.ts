/**
 * The assessment's workflow in one place:
 *
 *   draft ──submit──▶ submitted ──first peer save──▶ in challenge ──peers' sign-off──▶ complete
 *     ▲                                                                                  │
 *     └──────────── return to draft (coordinator) ◀─── any stage ─── reopen (coordinator)┘
 *
 * Each step opens its own transaction, checks the stage again inside it (a colleague may have
 * moved the assessment on since the page was loaded) and calls models that take that
 * transaction. Steps return outcomes or throw WorkflowError; only routes speak HTTP.
 */
import type { Kysely } from "kysely";

import type { AssessmentStatus, Database, Executor, SectionAuthor } from "../../db/schema";
import type { Actor } from "../auth/actor.server";
import { lockAssessment, setStatus, touchAssessment, type AssessmentContext } from "../models/assessment.server";
import { recordAudit } from "../models/audit.server";
import { readPart, readParts, readSectionVersionAtOrBefore, writePart, type StoredPart } from "../models/section.server";
import { insertSignature, lastSignedAt, listSignatures, replaceOwnSignature, voidSignatures } from "../models/signature.server";
import { publishOffers, withdrawOffers } from "../regional/publish.server";
import { can, sectionPartSubject, signingRole, signOffSubject } from "../permissions.server";
import type { SectionDefinition } from "../template/definition";
import type { MissingItem, SectionValues } from "../template/values";
import { now } from "../utils/clock.server";
import { WorkflowError } from "./errors";
import { assessmentProgress } from "./progress.server";
import { canonicalJson, findSignOff, isSignedOff, signOffHash, signOffsAffectedBy, signOffsOf, validSignatures } from "./signing.server";

/**
 * How close together one person's saves of a section must be to fold into one history entry:
 * five minutes, or HISTORY_FOLD_SECONDS (0 keeps every save as its own entry). An entry
 * stops taking saves half an hour after its first, so a long session keeps its stages.
 */
export function historyFoldMs(): number {
  const seconds = Number(process.env.HISTORY_FOLD_SECONDS ?? 300);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 300_000;
}

/** However steadily someone types, a history entry covers at most half an hour of their saves. */
export const HISTORY_ENTRY_SPAN_MS = 30 * 60_000;

/** The assessment as this transaction sees it now, locked for the rest of it (see lockAssessment). */
async function atStage(db: Executor, assessment: AssessmentContext): Promise<AssessmentContext> {
  const status = await lockAssessment(db, assessment.id);
  if (!status) throw new WorkflowError("unknown", "The assessment no longer exists");
  return { ...assessment, status };
}

export type SaveOutcome =
  | { ok: true; version: number; savedAt: number; voidedSignatures: number }
  | { ok: false; conflict: true; current: StoredPart; changedSince: string[] };

/**
 * Saves the changed fields of one author's part of a section, if and only if that part is
 * still at the version the person's edits were based on. A stale save changes nothing and
 * returns the part as it now stands, with the fields colleagues changed meanwhile. An accepted
 * save is kept in the history and voids the signatures of the sign-offs that cover this part;
 * the peers' first save opens the challenge. `fields` must already be parsed for this part
 * (app/template/parse.server.ts, app/template/parts.ts); undefined clears a field.
 */
export async function saveSection(
  db: Kysely<Database>,
  input: {
    assessment: AssessmentContext;
    section: SectionDefinition;
    author: SectionAuthor;
    actor: Actor;
    baseVersion: number;
    fields: SectionValues;
    restoredFrom?: number;
    /** Kept with the version in the history, e.g. "Imported from Word". */
    note?: string;
  },
): Promise<SaveOutcome> {
  const { section, author, actor } = input;
  return db.transaction().execute(async (trx) => {
    const assessment = await atStage(trx, input.assessment);
    if (!can(actor, "section.write", sectionPartSubject(assessment, section.author, author))) {
      throw new WorkflowError("not_editable");
    }
    const current = await readPart(trx, assessment.id, section.key, author);
    if (input.baseVersion !== current.version) {
      return { ok: false as const, conflict: true as const, current, changedSince: await changedSince(trx, input, current) };
    }

    const changed = Object.keys(input.fields).filter((k) => canonicalJson(input.fields[k]) !== canonicalJson(current.values[k]));
    const t = now();
    if (changed.length === 0 && input.restoredFrom === undefined) {
      return { ok: true as const, version: current.version, savedAt: current.updatedAt ?? t, voidedSignatures: 0 };
    }
    // One person's autosaves a few minutes apart fold into one history entry, unless someone
    // signed since (what they signed stays in the history as it was).
    const lastSigned = await lastSignedAt(trx, assessment.id);
    const fold = { lastSince: Math.max(t - historyFoldMs(), lastSigned + 1), firstSince: Math.max(t - HISTORY_ENTRY_SPAN_MS, lastSigned + 1) };
    const values: SectionValues = { ...current.values, ...input.fields };
    for (const key of Object.keys(values)) if (values[key] === undefined) delete values[key];
    const written = await writePart(trx, {
      assessmentId: assessment.id,
      sectionKey: section.key,
      author,
      fromVersion: current.version,
      values,
      changedFields: changed,
      actorId: actor.id,
      at: t,
      restoredFrom: input.restoredFrom,
      note: input.note,
      fold: historyFoldMs() > 0 ? fold : undefined,
    });
    if (!written.written) throw new Error("The section changed during the save's own transaction");

    const voided = await voidSignatures(
      trx,
      assessment.id,
      signOffsAffectedBy(assessment.cycle.template, section.key, author),
      `${actor.name} edited the assessment after it was signed (“${section.title}”)`,
      t,
    );
    if (author === "peers" && assessment.status === "submitted") {
      await setStatus(trx, assessment.id, ["submitted"], "in_challenge", t);
      await recordAudit(trx, { actorUserId: actor.id, action: "assessment.challenge_started", subjectType: "assessment", subjectId: assessment.id });
    }
    await touchAssessment(trx, assessment.id, t);
    return { ok: true as const, version: written.version, savedAt: t, voidedSignatures: voided };
  });
}

/** The fields of a part that colleagues changed since the version a stale save was based on. */
async function changedSince(
  db: Executor,
  input: { assessment: AssessmentContext; section: SectionDefinition; author: SectionAuthor; baseVersion: number },
  current: StoredPart,
): Promise<string[]> {
  // The base may have been folded into a later entry: then the text as it stood before the
  // fold is compared, which can only name more fields, never fewer.
  const base =
    input.baseVersion > 0 && input.baseVersion < current.version
      ? await readSectionVersionAtOrBefore(db, input.assessment.id, input.section.key, input.author, input.baseVersion)
      : undefined;
  const baseValues = base?.values ?? {};
  const keys = new Set([...Object.keys(baseValues), ...Object.keys(current.values)]);
  return [...keys].filter((k) => canonicalJson(baseValues[k]) !== canonicalJson(current.values[k]));
}

export type SignOutcome = { signedAs: string; completed: boolean };

/**
 * Signs one sign-off field as the person's role in it, over its covered content as it is now.
 * Signing again replaces only one's own signature. When the peers' sign-offs are all met, the
 * challenge is complete.
 */
export async function sign(
  db: Kysely<Database>,
  input: { assessment: AssessmentContext; signOffKey: string; actor: Actor },
): Promise<SignOutcome> {
  const { actor } = input;
  return db.transaction().execute(async (trx) => {
    const assessment = await atStage(trx, input.assessment);
    const template = assessment.cycle.template;
    const entry = findSignOff(template, input.signOffKey);
    if (!entry) throw new WorkflowError("unknown", `No sign-off "${input.signOffKey}"`);
    const subject = signOffSubject(assessment, entry.side, entry.field);
    if (!can(actor, "signOff.sign", subject)) throw new WorkflowError("not_signable");
    const signedBy = signingRole(actor, subject)!;
    const role = entry.field.roles.find((r) => r.signedBy === signedBy)!;

    const [parts, signatures] = await Promise.all([readParts(trx, assessment.id), listSignatures(trx, assessment.id)]);
    const valid = validSignatures(assessment.id, template, signatures, parts)[entry.field.key] ?? [];
    const others = valid.filter((s) => s.roleKey === role.key && s.userId !== actor.id);
    if (others.length >= role.signers) throw new WorkflowError("role_full");

    const t = now();
    await replaceOwnSignature(trx, assessment.id, entry.field.key, actor.id, t);
    await insertSignature(trx, {
      assessmentId: assessment.id,
      signOffKey: entry.field.key,
      roleKey: role.key,
      userId: actor.id,
      contentHash: signOffHash(assessment.id, entry, parts),
      at: t,
    });
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "assessment.signed",
      subjectType: "assessment",
      subjectId: assessment.id,
      details: { signOff: entry.field.key, role: role.key },
    });

    let completed = false;
    if (entry.side === "peers") {
      const validNow = validSignatures(assessment.id, template, await listSignatures(trx, assessment.id), parts);
      const peersDone = signOffsOf(template)
        .filter((e) => e.side === "peers")
        .every((e) => isSignedOff(e, validNow[e.field.key] ?? []));
      if (peersDone && (await setStatus(trx, assessment.id, ["submitted", "in_challenge"], "complete", t))) {
        completed = true;
        await recordAudit(trx, { actorUserId: actor.id, action: "assessment.challenge_completed", subjectType: "assessment", subjectId: assessment.id });
      }
    }
    return { signedAs: role.title, completed };
  });
}

export type SubmitOutcome = { submitted: true } | { submitted: false; missing: MissingItem[] };

/**
 * Submits a draft if nothing the authority writes is missing and its sign-offs are met over
 * the content as it is; checked and marked in one transaction so no save can slip in between.
 */
export async function submit(db: Kysely<Database>, input: { assessment: AssessmentContext; actor: Actor }): Promise<SubmitOutcome> {
  return db.transaction().execute(async (trx) => {
    const assessment = await atStage(trx, input.assessment);
    if (assessment.status !== "draft") throw new WorkflowError("wrong_stage");
    const { missing } = await assessmentProgress(trx, assessment);
    if (missing.length > 0) return { submitted: false as const, missing };
    const t = now();
    if (!(await setStatus(trx, assessment.id, ["draft"], "submitted", t, { submittedBy: input.actor.id }))) {
      throw new WorkflowError("wrong_stage");
    }
    // The offers and requests join the regional offer with the submission, or not at all.
    await publishOffers(trx, assessment, t);
    await recordAudit(trx, { actorUserId: input.actor.id, action: "assessment.submitted", subjectType: "assessment", subjectId: assessment.id });
    return { submitted: true as const };
  });
}

const NOT_DRAFT: readonly AssessmentStatus[] = ["submitted", "in_challenge", "complete"];

/** The coordinator returns a submitted assessment to draft, with the reason the authority will see. */
export async function returnToDraft(db: Kysely<Database>, input: { assessment: AssessmentContext; actor: Actor; reason: string }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!(await setStatus(trx, input.assessment.id, NOT_DRAFT, "draft", now(), { returnedReason: input.reason }))) {
      throw new WorkflowError("wrong_stage");
    }
    await withdrawOffers(trx, input.assessment.id);
    await recordAudit(trx, {
      actorUserId: input.actor.id,
      action: "assessment.returned",
      subjectType: "assessment",
      subjectId: input.assessment.id,
      details: { reason: input.reason },
    });
  });
}

/**
 * The coordinator reopens a signed-off challenge so the peers can change their sections:
 * back to "in challenge", and every peer signature is voided, saying so.
 */
export async function reopenChallenge(db: Kysely<Database>, input: { assessment: AssessmentContext; actor: Actor }): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const t = now();
    if (!(await setStatus(trx, input.assessment.id, ["complete"], "in_challenge", t))) throw new WorkflowError("wrong_stage");
    const peerSignOffs = signOffsOf(input.assessment.cycle.template)
      .filter((entry) => entry.side === "peers")
      .map((entry) => entry.field.key);
    const voided = await voidSignatures(trx, input.assessment.id, peerSignOffs, `${input.actor.name} reopened the challenge`, t);
    await recordAudit(trx, { actorUserId: input.actor.id, action: "assessment.reopened", subjectType: "assessment", subjectId: input.assessment.id });
    return voided;
  });
}
