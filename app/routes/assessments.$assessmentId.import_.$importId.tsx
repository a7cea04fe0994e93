import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { getDb } from "../../db/connection.server";
import { requireAssessment } from "~/assessment/access.server";
import { ErrorSummary } from "~/components/forms";
import { applyImport, findImport } from "~/word/import/import.server";
import { formErrorResponse, formMessage, parseForm } from "~/utils/forms.server";
import { notFound } from "~/utils/http.server";
import { parseId } from "~/utils/ids";
import { refusalResponse } from "~/utils/refusals.server";

export const meta: MetaFunction = () => [{ title: "Check the import — SLI Peer Challenge" }];


async function requireImport(request: Request, params: LoaderFunctionArgs["params"]) {
  const { actor, assessment } = await requireAssessment(request, params, "assessment.import");
  const id = parseId(params.importId);
  // Only the person who uploaded it finds it.
  const found = id !== null ? await findImport(getDb(), { id, assessment, actor }) : undefined;
  if (!found) throw notFound();
  return { actor, assessment, found };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { assessment, found } = await requireImport(request, params);
  return json({ id: assessment.id, authorityName: assessment.authority.name, cycleLabel: assessment.cycle.label, fileName: found.fileName, applied: found.appliedAt !== null, result: found.result });
}

const FieldKey = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/);
const ApplySchema = z.object({
  field: z
    .union([FieldKey, z.array(FieldKey).max(200)], { error: "Choose at least one answer to import" })
    .transform((v) => (Array.isArray(v) ? v : [v])),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, assessment, found } = await requireImport(request, params);
  const form = await parseForm(request, ApplySchema);
  if (!form.ok) return formErrorResponse(form.errors);
  if (found.appliedAt !== null) return formErrorResponse(formMessage(form.formData, "This document has already been imported."), 409);
  try {
    const outcome = await applyImport(getDb(), { importId: found.id, result: found.result, assessment, actor, fieldKeys: form.data.field });
    if (outcome.applied) return redirect(`/assessments/${assessment.id}?imported=${encodeURIComponent(outcome.sections.join(", "))}`, 303);
    const message =
      outcome.reason === "nothing_chosen"
        ? "Choose at least one answer to import"
        : outcome.reason === "conflict"
          ? "Someone saved the assessment while the import ran. Nothing more was imported: check the sections and import again."
          : "This document has already been imported.";
    return formErrorResponse(formMessage(form.formData, message, outcome.reason === "nothing_chosen" ? "field" : undefined), outcome.reason === "nothing_chosen" ? 400 : 409);
  } catch (error) {
    return refusalResponse(error);
  }
}

export default function CheckImport() {
  const { id, authorityName, cycleLabel, fileName, applied, result } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData && "errors" in actionData ? actionData.errors : undefined;
  const sections = [...new Set(result.fields.map((f) => f.sectionTitle))];
  return (
    <>
      <p>
        <Link to={`/assessments/${id}`}>Back to the self-assessment</Link>
      </p>
      <span className="caption">
        {authorityName} · {cycleLabel}
      </span>
      <h1>Check what was read from {fileName}</h1>
      <ErrorSummary errors={errors} />
      {applied ? <p className="banner banner--info">This document has been imported.</p> : null}
      <p>
        Tick the answers to take into the draft. Each one you take <strong>replaces</strong> what the draft has for that question now,
        is saved in the section's history as "Imported from Word", and, as with any edit, removes signatures over that section.
      </p>
      <Form method="post">
        {result.fields.length === 0 ? <p>None of the form's questions were found in this document.</p> : null}
        {sections.map((title) => (
          <fieldset key={title} className="fieldset import-section">
            <legend className="fieldset__legend">{title}</legend>
            {result.fields
              .filter((f) => f.sectionTitle === title)
              .map((f) => {
                const inputId = `take-${f.fieldKey}`;
                return (
                  <div key={f.fieldKey} className="import-field">
                    {f.problem ? (
                      <p>
                        <strong>
                          {f.fieldKey} {f.title}
                        </strong>
                        : not imported. {f.problem}
                      </p>
                    ) : (
                      <div className="checkboxes__item">
                        <input type="checkbox" id={inputId} name="field" value={f.fieldKey} defaultChecked aria-describedby={`${inputId}-found`} />
                        <label htmlFor={inputId}>
                          Take {f.fieldKey} {f.title}
                        </label>
                      </div>
                    )}
                    {f.preview ? (
                      <div className="import-found pre-wrap" id={`${inputId}-found`}>
                        {f.preview}
                      </div>
                    ) : null}
                  </div>
                );
              })}
          </fieldset>
        ))}
        {result.unplaced.length > 0 ? (
          <section aria-labelledby="unplaced-heading">
            <h2 id="unplaced-heading">Not placed under any question</h2>
            <p>These parts of the document did not fit any question of the form, so they will not be imported. Copy any you need by hand.</p>
            <ul>
              {result.unplaced.map((text, i) => (
                <li key={i}>{text}</li>
              ))}
            </ul>
          </section>
        ) : null}
        {result.cover.length > 0 ? (
          <details>
            <summary>From the cover page (not imported)</summary>
            <ul>
              {result.cover.map((text, i) => (
                <li key={i}>{text}</li>
              ))}
            </ul>
          </details>
        ) : null}
        {!applied && result.fields.some((f) => !f.problem) ? (
          <button type="submit" className="button">
            Import the chosen answers
          </button>
        ) : null}
      </Form>
    </>
  );
}
