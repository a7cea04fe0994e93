import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { getDb } from "../../db/connection.server";
import { SIGNATORY_ROLES } from "../../db/schema";
import { requireAssessment } from "~/assessment/access.server";
import { assessmentProgress, submitIfComplete } from "~/assessment/progress.server";
import { Banner, ErrorSummary } from "~/components/forms";
import { listSignatures, returnToDraft, signAssessment } from "~/models/assessment.server";
import { assertCan, can, signatoryRoleOf } from "~/permissions.server";
import { formErrorResponse, parseForm, type FormErrors } from "~/utils/forms.server";
import { formatDateTime, STATUS_LABELS, STATUS_TAG } from "~/utils/format";
import type { MissingItem } from "~/template/values";
import { roleLabel } from "~/utils/roles";

export const meta: MetaFunction = () => [{ title: "Sign off and submit — SLI Peer Challenge" }];

const SignOffSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("sign") }),
    z.object({ intent: z.literal("submit") }),
    z.object({
      intent: z.literal("return"),
      reason: z
        .string({ error: "Say why you are returning it" })
        .trim()
        .min(1, "Say why you are returning it, so the authority knows what to change")
        .max(2000, "Reason must be 2,000 characters or fewer"),
    }),
  ],
  { error: "Choose what to do" },
);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, assessment } = await requireAssessment(request, params, "assessment.view");
  const db = getDb();
  const [progress, signatures] = await Promise.all([assessmentProgress(db, assessment), listSignatures(db, assessment.id)]);
  const myRole = signatoryRoleOf(actor, assessment.authority.id);
  return json({
    id: assessment.id,
    authorityName: assessment.authority.name,
    cycleLabel: assessment.cycle.label,
    status: assessment.status,
    roles: SIGNATORY_ROLES.map((role) => {
      const live = signatures.find((s) => s.role === role && s.voidedAt === null);
      return {
        role,
        label: roleLabel(role),
        valid: progress.signedRoles.has(role),
        signedBy: live?.name ?? null,
        signedAt: live?.signedAt ?? null,
      };
    }),
    voided: signatures.filter((s) => s.voidedAt !== null && s.voidedReason !== "Signed again").slice(0, 5).map((s) => ({
      label: roleLabel(s.role),
      name: s.name,
      voidedAt: s.voidedAt!,
      reason: s.voidedReason,
    })),
    missing: progress.missing.filter((m) => m.sectionKey !== "sign-off"),
    myRole,
    canSign: can(actor, "assessment.sign", assessment.subject),
    canSubmit: can(actor, "assessment.submit", assessment.subject),
    canReturn: can(actor, "assessment.return", assessment.subject),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, assessment } = await requireAssessment(request, params, "assessment.view");
  const form = await parseForm(request, SignOffSchema);
  if (!form.ok) return formErrorResponse(form.errors);
  const db = getDb();
  switch (form.data.intent) {
    case "sign": {
      assertCan(actor, "assessment.sign", assessment.subject);
      await signAssessment(db, assessment, actor, signatoryRoleOf(actor, assessment.authority.id)!);
      return json({ done: "You have signed the self-assessment." });
    }
    case "submit": {
      assertCan(actor, "assessment.submit", assessment.subject);
      const outcome = await submitIfComplete(db, assessment, actor.id);
      if (!outcome.submitted) {
        const errors: FormErrors = { fieldErrors: {}, formErrors: ["The self-assessment cannot be submitted yet."], values: {} };
        return json({ errors, missing: outcome.missing }, { status: 400 });
      }
      return redirect(`/assessments/${assessment.id}?submitted=1`);
    }
    case "return": {
      assertCan(actor, "assessment.return", assessment.subject);
      await returnToDraft(db, assessment.id, actor.id, form.data.reason);
      return json({ done: "Returned to draft. The authority can edit it again." });
    }
  }
}

export default function SignOff() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result && "errors" in result ? result.errors : undefined;
  const refusedMissing: MissingItem[] | null = result && "missing" in result ? (result.missing as MissingItem[]) : null;
  const missing: MissingItem[] = refusedMissing ?? data.missing;
  return (
    <>
      {result && "done" in result ? <Banner>{result.done}</Banner> : null}
      {errors && !refusedMissing ? <ErrorSummary errors={errors} /> : null}
      {refusedMissing ? (
        <div className="error-summary" role="alert" tabIndex={-1} aria-labelledby="missing-title">
          <h2 className="error-summary__title" id="missing-title">
            The self-assessment cannot be submitted yet
          </h2>
          <ul className="error-summary__list">
            {refusedMissing.map((m) => (
              <li key={`${m.sectionKey}-${m.fieldKey}-${m.label}`}>
                <a href={m.href}>{m.label}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <span className="caption">
        {data.authorityName} · {data.cycleLabel}
      </span>
      <h1>Sign off and submit</h1>
      <p>
        Status: <span className={`tag ${STATUS_TAG[data.status]}`}>{STATUS_LABELS[data.status]}</span>
      </p>
      <h2>Signatures</h2>
      <p>
        The director of children&apos;s services, the chief executive and the lead member each sign the whole
        self-assessment. A signature records who signed, when, and exactly what they signed: any later edit removes every
        signature.
      </p>
      <table className="table">
        <caption className="visually-hidden">Signatures</caption>
        <thead>
          <tr>
            <th scope="col">Role</th>
            <th scope="col">Signed</th>
          </tr>
        </thead>
        <tbody>
          {data.roles.map((r) => (
            <tr key={r.role}>
              <th scope="row">{r.label}</th>
              <td>
                {r.valid && r.signedAt ? (
                  <>
                    <span className="tag tag--green">Signed</span> by {r.signedBy}, {formatDateTime(r.signedAt)}
                  </>
                ) : (
                  <span className="tag tag--grey">Not signed</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {data.voided.length > 0 ? (
        <details className="details">
          <summary>Removed signatures</summary>
          <ul>
            {data.voided.map((v) => (
              <li key={`${v.label}-${v.voidedAt}`}>
                {v.label} ({v.name}) — removed {formatDateTime(v.voidedAt)}: {v.reason}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {data.canSign ? (
        <Form method="post">
          <input type="hidden" name="intent" value="sign" />
          <button type="submit" className="button">
            Sign as {data.myRole ? roleLabel(data.myRole).toLowerCase() : "signatory"}
          </button>
        </Form>
      ) : null}

      {data.status === "draft" ? (
        <>
          <h2>Submit</h2>
          {missing.length > 0 && !refusedMissing ? (
            <>
              <p>Before the self-assessment can be submitted:</p>
              <ul>
                {missing.map((m) => (
                  <li key={`${m.sectionKey}-${m.fieldKey}-${m.label}`}>
                    <a href={m.href}>{m.label}</a>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {data.roles.some((r) => !r.valid) ? <p>All three signatories must sign the content as it is now.</p> : null}
          {data.canSubmit ? (
            <Form method="post">
              <input type="hidden" name="intent" value="submit" />
              <button type="submit" className="button">
                Submit the self-assessment
              </button>
            </Form>
          ) : null}
        </>
      ) : null}

      {data.canReturn ? (
        <>
          <h2>Return to draft</h2>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="return" />
            <div className={`form-group${errors?.fieldErrors.reason ? " form-group--error" : ""}`}>
              <label className="label" htmlFor="reason">
                Why are you returning it?
              </label>
              <div className="hint" id="reason-hint">
                The authority&apos;s people will see this.
              </div>
              {errors?.fieldErrors.reason ? (
                <p className="error-message" id="reason-error">
                  <span className="visually-hidden">Error:</span> {errors.fieldErrors.reason}
                </p>
              ) : null}
              <textarea
                className="textarea"
                id="reason"
                name="reason"
                maxLength={2000}
                aria-describedby={errors?.fieldErrors.reason ? "reason-hint reason-error" : "reason-hint"}
                aria-invalid={errors?.fieldErrors.reason ? true : undefined}
                defaultValue={errors?.values.reason}
              />
            </div>
            <button type="submit" className="button button--warning">
              Return to draft
            </button>
          </Form>
        </>
      ) : null}
      <p>
        <Link to={`/assessments/${data.id}`}>Back to the overview</Link>
      </p>
    </>
  );
}
