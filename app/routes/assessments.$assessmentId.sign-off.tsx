import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { getDb } from "../../db/connection.server";
import { requireAssessment } from "~/assessment/access.server";
import { notifyChallengeComplete, notifySubmitted } from "~/challenge/notifications.server";
import { appUrl } from "~/mail.server";
import { WorkflowError } from "~/assessment/errors";
import { assessmentProgress } from "~/assessment/progress.server";
import { findSignOff, signOffsOf } from "~/assessment/signing.server";
import { reopenChallenge, returnToDraft, sign, submit } from "~/assessment/workflow.server";
import { Banner, ErrorSummary, TextareaField } from "~/components/forms";
import { assertCan, assessmentSubject, can, signingRole, signOffSubject } from "~/permissions.server";
import { formErrorResponse, parseForm, type FormErrors } from "~/utils/forms.server";
import { formatDateTime, STATUS_LABELS, STATUS_TAG } from "~/utils/format";
import { notFound } from "~/utils/http.server";
import { refusalResponse } from "~/utils/refusals.server";
import type { MissingItem } from "~/template/values";

export const meta: MetaFunction = () => [{ title: "Sign off and submit — SLI Peer Challenge" }];

const SignOffKeySchema = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, "Choose what to sign");

const SignOffSchema = z.discriminatedUnion(
  "intent",
  [
    // Without a sign-off named, the person signs the first one they are a signer of.
    z.object({ intent: z.literal("sign"), signOff: SignOffKeySchema.optional() }),
    z.object({ intent: z.literal("submit") }),
    z.object({
      intent: z.literal("return"),
      reason: z
        .string({ error: "Say why you are returning it" })
        .trim()
        .min(1, "Say why you are returning it, so the authority knows what to change")
        .max(2000, "Reason must be 2,000 characters or fewer"),
    }),
    z.object({ intent: z.literal("reopen") }),
  ],
  { error: "Choose what to do" },
);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, assessment } = await requireAssessment(request, params, "assessment.view");
  const progress = await assessmentProgress(getDb(), assessment);
  const template = assessment.cycle.template;
  const subject = assessmentSubject(assessment);
  const signOffKeys = new Set(signOffsOf(template).map((entry) => entry.field.key));
  return json({
    id: assessment.id,
    authorityName: assessment.authority.name,
    cycleLabel: assessment.cycle.label,
    status: assessment.status,
    signOffs: signOffsOf(template).map((entry) => {
      const valid = progress.valid[entry.field.key] ?? [];
      const signOff = signOffSubject(assessment, entry.side, entry.field);
      const mine = signingRole(actor, signOff);
      return {
        key: entry.field.key,
        title: entry.field.title,
        guidance: entry.field.guidance ?? null,
        byPeers: entry.side === "peers",
        roles: entry.field.roles.map((role) => ({
          key: role.key,
          title: role.title,
          signers: role.signers,
          signatures: valid.filter((s) => s.roleKey === role.key).map((s) => ({ name: s.name, signedAt: s.signedAt })),
        })),
        canSign: can(actor, "signOff.sign", signOff),
        signAs: entry.field.roles.find((role) => role.signedBy === mine)?.title ?? null,
      };
    }),
    voided: progress.signatures
      .filter((s) => s.voidedAt !== null)
      .slice(0, 5)
      .map((s) => ({
        id: s.id,
        label: findSignOff(template, s.signOffKey)?.field.roles.find((role) => role.key === s.roleKey)?.title ?? s.roleKey,
        name: s.name,
        voidedAt: s.voidedAt!,
        reason: s.voidedReason,
      })),
    missing: progress.missing.filter((m) => !signOffKeys.has(m.fieldKey)),
    waitingForSignatures: progress.missing.some((m) => signOffKeys.has(m.fieldKey)),
    canSubmit: can(actor, "assessment.submit", subject),
    canReturn: can(actor, "assessment.return", subject),
    canReopen: can(actor, "assessment.reopen", subject),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, assessment } = await requireAssessment(request, params, "assessment.view");
  const form = await parseForm(request, SignOffSchema);
  if (!form.ok) return formErrorResponse(form.errors);
  const db = getDb();
  const subject = assessmentSubject(assessment);
  try {
    switch (form.data.intent) {
      case "sign": {
        const template = assessment.cycle.template;
        const key = form.data.signOff;
        const entry = key
          ? findSignOff(template, key)
          : signOffsOf(template).find((e) => signingRole(actor, signOffSubject(assessment, e.side, e.field)) !== null);
        if (!entry) {
          if (key) throw notFound();
          // Nothing this person signs: the rule gives the reason.
          const first = signOffsOf(template)[0];
          if (first) assertCan(actor, "signOff.sign", signOffSubject(assessment, first.side, first.field));
          throw notFound();
        }
        assertCan(actor, "signOff.sign", signOffSubject(assessment, entry.side, entry.field));
        const outcome = await sign(db, { assessment, signOffKey: entry.field.key, actor });
        if (outcome.completed) await notifyChallengeComplete(db, assessment, appUrl());
        return json({
          done: outcome.completed
            ? `You have signed as ${outcome.signedAs.toLowerCase()}. The challenge is complete.`
            : `You have signed “${entry.field.title}” as ${outcome.signedAs.toLowerCase()}.`,
        });
      }
      case "submit": {
        assertCan(actor, "assessment.submit", subject);
        const outcome = await submit(db, { assessment, actor });
        if (!outcome.submitted) {
          const errors: FormErrors = { fieldErrors: {}, formErrors: ["The self-assessment cannot be submitted yet."], values: {} };
          return json({ errors, missing: outcome.missing }, { status: 400 });
        }
        await notifySubmitted(db, assessment, appUrl());
        return redirect(`/assessments/${assessment.id}?submitted=1`);
      }
      case "return": {
        assertCan(actor, "assessment.return", subject);
        await returnToDraft(db, { assessment, actor, reason: form.data.reason });
        return json({ done: "Returned to draft. The authority can edit it again." });
      }
      case "reopen": {
        assertCan(actor, "assessment.reopen", subject);
        const voided = await reopenChallenge(db, { assessment, actor });
        return json({
          done: `The challenge is open again. ${voided === 1 ? "1 peer signature was" : `${voided} peer signatures were`} removed: the peer directors sign again when they have finished.`,
        });
      }
    }
  } catch (error) {
    if (error instanceof WorkflowError) throw refusalResponse(error);
    throw error;
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
      {data.signOffs.map((signOff) => (
        <section key={signOff.key} aria-labelledby={`sign-off-${signOff.key}`}>
          <h2 id={`sign-off-${signOff.key}`}>{signOff.title}</h2>
          {signOff.guidance ? <p>{signOff.guidance}</p> : null}
          <p className="hint">
            A signature records who signed, when, and exactly what they signed: a later change to what it covers removes
            it.
          </p>
          <table className="table">
            <caption className="visually-hidden">Signatures: {signOff.title}</caption>
            <thead>
              <tr>
                <th scope="col">Role</th>
                <th scope="col">Signed</th>
              </tr>
            </thead>
            <tbody>
              {signOff.roles.map((role) => (
                <tr key={role.key}>
                  <th scope="row">
                    {role.title}
                    {role.signers > 1 ? ` (${role.signatures.length} of ${role.signers})` : null}
                  </th>
                  <td>
                    {role.signatures.length > 0 ? (
                      <ul className="plain-list">
                        {role.signatures.map((s) => (
                          <li key={`${s.name}-${s.signedAt}`}>
                            <span className="tag tag--green">Signed</span> by {s.name}, {formatDateTime(s.signedAt)}
                          </li>
                        ))}
                      </ul>
                    ) : (
                      <span className="tag tag--grey">Not signed</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {signOff.canSign ? (
            <Form method="post">
              <input type="hidden" name="intent" value="sign" />
              <input type="hidden" name="signOff" value={signOff.key} />
              <button type="submit" className="button">
                Sign as {signOff.signAs ? signOff.signAs.toLowerCase() : "signatory"}
              </button>
            </Form>
          ) : null}
        </section>
      ))}
      {data.voided.length > 0 ? (
        <details className="details">
          <summary>Removed signatures</summary>
          <ul>
            {data.voided.map((v) => (
              <li key={v.id}>
                {v.label} ({v.name}) — removed {formatDateTime(v.voidedAt)}: {v.reason}
              </li>
            ))}
          </ul>
        </details>
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
          {data.waitingForSignatures ? <p>Everyone who signs the self-assessment must sign the content as it is now.</p> : null}
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

      {data.canReopen ? (
        <>
          <h2>Reopen the challenge</h2>
          <p>Reopening lets the peer directors change their section again. Their signatures are removed, and they sign again.</p>
          <Form method="post">
            <input type="hidden" name="intent" value="reopen" />
            <button type="submit" className="button button--secondary">
              Reopen the challenge
            </button>
          </Form>
        </>
      ) : null}

      {data.canReturn ? (
        <>
          <h2>Return to draft</h2>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="return" />
            <TextareaField name="reason" label="Why are you returning it?" hint="The authority's people will see this." errors={errors} maxLength={2000} />
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
