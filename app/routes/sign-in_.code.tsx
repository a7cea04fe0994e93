import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";

import { getDb } from "../../db/connection.server";
import { clearChallengeCookie, readChallengeToken, startSession } from "~/auth/session.server";
import { ErrorSummary, TextField } from "~/components/forms";
import { recordAudit } from "~/models/audit.server";
import { clearSignInFailures, lockoutFor, lockoutMessage, recordSignInFailure } from "~/models/sign-in.server";
import { checkCode, endChallenge, failChallenge, findChallenge } from "~/models/two-step.server";
import { formErrorResponse, formMessage, parseForm } from "~/utils/forms.server";
import { safeRedirect } from "~/utils/redirect";

export const meta: MetaFunction = () => [{ title: "Enter your code — SLI Peer Challenge" }];

export const headers: HeadersFunction = ({ actionHeaders }) => {
  const headers = new Headers();
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};

const CodeSchema = z.object({
  code: z
    .string({ error: "Enter the code from your authenticator app" })
    .trim()
    .min(1, "Enter the code from your authenticator app")
    .max(40, "Enter the 6-digit code from your app, or one of your recovery codes"),
  redirectTo: z.string().max(2000).optional(),
});

const WRONG = "That code is not right. Enter the 6-digit code your app shows now, or one of your recovery codes";

const startAgain = () => redirect("/sign-in?reason=code-expired", { headers: { "Set-Cookie": clearChallengeCookie() } });

export async function loader({ request }: LoaderFunctionArgs) {
  const token = readChallengeToken(request);
  if (!token || !(await findChallenge(getDb(), token))) throw startAgain();
  return json({});
}

export async function action({ request, context }: ActionFunctionArgs) {
  const db = getDb();
  const token = readChallengeToken(request);
  const challenge = token ? await findChallenge(db, token) : null;
  if (!token || !challenge) throw startAgain();
  const form = await parseForm(request, CodeSchema);
  if (!form.ok) return formErrorResponse(form.errors);
  const lockout = await lockoutFor(db, challenge.email, context.clientAddress);
  if (lockout) return formErrorResponse(formMessage(form.formData, lockoutMessage(lockout), "code"), 429, { "Retry-After": String(lockout.retryAfterSeconds) });

  const check = await checkCode(db, challenge.userId, form.data.code);
  if (check.kind === "wrong") {
    await recordSignInFailure(db, challenge.email, context.clientAddress);
    await recordAudit(db, { actorUserId: null, action: "session.code_failed", subjectType: "user", subjectId: challenge.userId });
    if (await failChallenge(db, token)) throw startAgain();
    return formErrorResponse(formMessage(form.formData, WRONG, "code"));
  }
  await endChallenge(db, token);
  await clearSignInFailures(db, challenge.email);
  if (check.kind === "recovery") {
    await recordAudit(db, { actorUserId: challenge.userId, action: "two_step.recovery_code_used", subjectType: "user", subjectId: challenge.userId, details: { left: check.left } });
  }
  await recordAudit(db, { actorUserId: challenge.userId, action: "session.signed_in", subjectType: "user", subjectId: challenge.userId, details: { twoStep: check.kind } });
  const headers = new Headers();
  headers.append("Set-Cookie", await startSession(challenge.userId));
  headers.append("Set-Cookie", clearChallengeCookie());
  // After a recovery code, the two-step page says how many are left and offers new ones.
  const next = check.kind === "recovery" ? `/account/two-step?recovery-used=${check.left}` : safeRedirect(form.data.redirectTo);
  return redirect(next, { headers });
}

export default function EnterCode() {
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const errors = actionData?.errors;
  return (
    <div className="narrow">
      <ErrorSummary errors={errors} />
      <h1>Enter your code</h1>
      <p>Open the authenticator app on your phone and enter the 6-digit code it shows for SLI Peer Challenge.</p>
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? "/"} />
        <TextField
          name="code"
          label="Code"
          hint="If you do not have your phone, enter one of your recovery codes instead."
          autoComplete="one-time-code"
          inputMode="numeric"
          errors={errors}
          width="short"
        />
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          Continue
        </button>
      </Form>
    </div>
  );
}
