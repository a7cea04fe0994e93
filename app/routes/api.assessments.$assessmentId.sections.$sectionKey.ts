import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";

import { getDb } from "../../db/connection.server";
import { findAssessment, requireSection } from "~/assessment/access.server";
import { WorkflowError } from "~/assessment/errors";
import { MAX_SAVE_BYTES, SaveRequestSchema, type SaveResponse } from "~/assessment/save-contract";
import { saveSection } from "~/assessment/workflow.server";
import { getActor, mustSetUpTwoStep } from "~/auth/actor.server";
import { assertCan, assessmentSubject, authorSideOf, can, sectionPartSubject } from "~/permissions.server";
import { parseSectionValues } from "~/template/parse.server";
import { readPart } from "~/models/section.server";
import { keepCarried, touchesCarriedRows } from "~/template/carry-forward";
import { parseOthersPart, partFieldKeys, withoutOthersColumns } from "~/template/parts";
import { REFUSALS } from "~/utils/refusals.server";
import { parseUntrustedJson } from "~/utils/json";

function refuse(
  status: number,
  error: "invalid" | "too_large" | "signed_out" | "forbidden",
  message: string,
  fieldErrors?: Record<string, string>,
) {
  return json<SaveResponse>({ ok: false, error, message, ...(fieldErrors ? { fieldErrors } : {}) }, { status });
}

export async function loader() {
  throw new Response("Method not allowed", { status: 405 });
}

/**
 * Saves changed fields of the asker's part of one section (the editor's autosave). JSON in,
 * JSON out, refusals included; the request carries the version it was based on, and a stale
 * one gets 409 with the current text. Who writes which fields and columns is the template's
 * `author`, asked of the permissions module.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await getActor(request);
  if (!actor) return refuse(401, "signed_out", "Your session has ended. Sign in again to save; your text is kept in this browser.");
  if (mustSetUpTwoStep(actor)) return refuse(403, "forbidden", "Set up two-step sign-in first (Two-step sign-in, at the top of the page); your text is kept in this browser.");
  const assessment = await findAssessment(params);
  assertCan(actor, "assessment.view", assessmentSubject(assessment));
  const section = requireSection(assessment, params.sectionKey);
  const author = authorSideOf(actor, assessmentSubject(assessment));
  const fieldKeys = author ? partFieldKeys(section, author) : [];
  if (!author || fieldKeys.length === 0) return refuse(403, "forbidden", "You do not write anything in this section.");
  if (!can(actor, "section.write", sectionPartSubject(assessment, section.author, author))) {
    return refuse(403, "forbidden", REFUSALS.not_editable.message);
  }

  // Read the body whole before answering (the server already caps it at 2 MB), so the
  // connection stays usable for the editor's next save.
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_SAVE_BYTES) {
    return refuse(413, "too_large", "This save is larger than 1 MB. Shorten the text, then try again.");
  }
  let body: unknown;
  try {
    body = parseUntrustedJson(text);
  } catch {
    return refuse(400, "invalid", "The save could not be read. Reload the page and try again.");
  }
  const save = SaveRequestSchema.safeParse(body);
  if (!save.success) return refuse(400, "invalid", "The save could not be read. Reload the page and try again.");

  const unknownField = Object.keys(save.data.fields).find((key) => !fieldKeys.includes(key));
  if (unknownField) return refuse(400, "invalid", `This section has no field "${unknownField.slice(0, 40)}" that you write.`);

  // null clears a field (a date taken out, say); everything else is checked against the template.
  const cleared = Object.keys(save.data.fields).filter((key) => save.data.fields[key] === null);
  const given = Object.fromEntries(Object.entries(save.data.fields).filter(([, value]) => value !== null));
  // Rows carried forward from last cycle stay as carried: only their other cells are the authority's to write.
  // (Read only when the save touches such rows: the save reads the part again in its own transaction.)
  const stored = author === section.author && touchesCarriedRows(section, given) ? (await readPart(getDb(), assessment.id, section.key, author)).values : {};
  const parsed =
    author === section.author
      ? parseSectionValues(section, keepCarried(section, stored, withoutOthersColumns(section, given)))
      : { ...parseOthersPart(section, author, given), status: 400 as const };
  if (!parsed.ok) {
    const fieldErrors: Record<string, string> = {};
    for (const e of parsed.errors) if (e.fieldKey) fieldErrors[e.fieldKey] ??= e.message;
    const first = parsed.errors[0]?.message ?? "Something in this section could not be saved.";
    return refuse(parsed.status, parsed.status === 413 ? "too_large" : "invalid", first, fieldErrors);
  }

  let outcome;
  try {
    outcome = await saveSection(getDb(), {
      assessment,
      section,
      author,
      actor,
      baseVersion: save.data.baseVersion,
      fields: { ...parsed.values, ...Object.fromEntries(cleared.map((key) => [key, undefined])) },
    });
  } catch (error) {
    if (error instanceof WorkflowError) return refuse(REFUSALS[error.code].status, "forbidden", REFUSALS[error.code].message);
    throw error;
  }
  if (!outcome.ok) {
    return json<SaveResponse>(
      {
        ok: false,
        error: "conflict",
        message: `${outcome.current.updatedByName ?? "Someone"} saved this section while you were editing. Your text has not been saved yet: compare the two versions, then choose what to keep.`,
        current: {
          version: outcome.current.version,
          fields: outcome.current.values,
          savedAt: outcome.current.updatedAt,
          savedByName: outcome.current.updatedByName,
        },
        changedSince: outcome.changedSince,
      },
      { status: 409 },
    );
  }
  return json<SaveResponse>({
    ok: true,
    version: outcome.version,
    savedAt: outcome.savedAt,
    savedByName: actor.name,
    voidedSignatures: outcome.voidedSignatures,
  });
}
