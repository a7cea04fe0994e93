import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";

import { getDb } from "../../db/connection.server";
import { requireAssessment } from "~/assessment/access.server";
import { ErrorSummary } from "~/components/forms";
import { UploadRefused } from "~/uploads/refused";
import { DOCX_PROBLEMS, MAX_UPLOAD_BYTES } from "~/word/import/docx-reader.server";
import { readForImport } from "~/word/import/import.server";
import type { FormErrors } from "~/utils/forms.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Import from Word — ${data.authorityName} ${data.cycleLabel} — SLI Peer Challenge` : "Import from Word" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { assessment } = await requireAssessment(request, params, "assessment.import");
  return json({ id: assessment.id, authorityName: assessment.authority.name, cycleLabel: assessment.cycle.label });
}

function refused(message: string, status = 400) {
  const errors: FormErrors = { fieldErrors: { document: message }, formErrors: [], values: {} };
  return json({ errors }, { status });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, assessment } = await requireAssessment(request, params, "assessment.import");
  // Refuse a large upload before reading it; an upload whose size is not declared is not read at all.
  const declared = request.headers.get("content-length");
  const length = Number(declared);
  if (declared === null || !Number.isFinite(length)) return refused("Choose a Word document (.docx) to import.", 411);
  if (length > MAX_UPLOAD_BYTES + 64 * 1024) return refused(DOCX_PROBLEMS.too_big, 413);
  // The platform's own form reader: Remix's multipart parser refuses file names with "=" in them.
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return refused("Choose a Word document (.docx) to import.");
  }
  const file = form.get("document");
  if (!(file instanceof File) || file.size === 0) return refused("Choose a Word document (.docx) to import.");
  if (file.size > MAX_UPLOAD_BYTES) return refused(DOCX_PROBLEMS.too_big, 413);
  if (/\.docm$/i.test(file.name)) return refused(DOCX_PROBLEMS.macros);
  try {
    const id = await readForImport(getDb(), { assessment, actor, fileName: file.name || "document.docx", bytes: new Uint8Array(await file.arrayBuffer()) });
    return redirect(`/assessments/${assessment.id}/import/${id}`, 303);
  } catch (error) {
    if (error instanceof UploadRefused) return refused(error.message, error.status);
    throw error;
  }
}

export default function ImportFromWord() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const error = result?.errors.fieldErrors.document;
  return (
    <>
      <p>
        <Link to={`/assessments/${data.id}`}>Back to the self-assessment</Link>
      </p>
      <span className="caption">
        {data.authorityName} · {data.cycleLabel}
      </span>
      <h1>Import from Word</h1>
      <ErrorSummary errors={result?.errors} />
      <p>
        Bring in last year's self-assessment, or a form filled in Word. The app reads the document, finds the form's sections and
        questions, and shows you what it found. Nothing is changed until you choose what to take.
      </p>
      <Form method="post" encType="multipart/form-data">
        <div className={`form-group${error ? " form-group--error" : ""}`}>
          <label className="label" htmlFor="document">
            Word document
          </label>
          <p className="hint" id="document-hint">
            A .docx file of up to 10 MB. Old .doc files, password-protected documents and documents with macros cannot be read: save them
            as a plain .docx first.
          </p>
          {error ? (
            <p className="error-message" id="document-error">
              <span className="visually-hidden">Error:</span> {error}
            </p>
          ) : null}
          <input
            className="file-upload"
            type="file"
            id="document"
            name="document"
            accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            aria-describedby={error ? "document-hint document-error" : "document-hint"}
            required
          />
        </div>
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Reading the document…" : "Read the document"}
        </button>
      </Form>
    </>
  );
}
