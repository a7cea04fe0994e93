import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";

import { getDb } from "../../db/connection.server";
import { completeSecondStep } from "~/auth/sign-in.server";
import { clearChallengeCookie, readChallengeToken } from "~/auth/session.server";
import { ErrorSummary, TextField } from "~/components/forms";
import { lockoutMessage } from "~/models/sign-in.server";
import { findChallenge } from "~/models/two-step.server";
import { formErrorResponse, formMessage, parseForm, throttledResponse } from "~/utils/forms.server";
import { safeRedirect } from "~/utils/redirect";
import { passRetryAfter } from "~/utils/retry-after";

export const meta: MetaFunction = () => [{ title: "Enter your code — SLI Peer Challenge" }];

export const headers = passRetryAfter;

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
  const token = readChallengeToken(request);
  if (!token) throw startAgain();
  const form = await parseForm(request, CodeSchema);
  if (!form.ok) return formErrorResponse(form.errors);
  const outcome = await completeSecondStep(getDb(), { token, code: form.data.code, clientAddress: context.clientAddress });
  switch (outcome.kind) {
    case "start-again":
      throw startAgain();
    case "locked":
      return throttledResponse(form.formData, lockoutMessage(outcome.lockout), outcome.lockout.retryAfterSeconds, "code");
    case "wrong":
      return formErrorResponse(formMessage(form.formData, WRONG, "code"));
    case "signed-in": {
      const headers = new Headers();
      headers.append("Set-Cookie", outcome.cookie);
      headers.append("Set-Cookie", clearChallengeCookie());
      // After a recovery code, the two-step page says how many are left and offers new ones.
      const next = outcome.recoveryCodesLeft !== null ? `/account/two-step?recovery-used=${outcome.recoveryCodesLeft}` : safeRedirect(form.data.redirectTo);
      return redirect(next, { headers });
    }
  }
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
