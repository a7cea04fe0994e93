import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";

import { emailSchema } from "~/auth/schemas";
import { getDb } from "../../db/connection.server";
import { getActor } from "~/auth/actor.server";
import { beginSecondStep, completeSignIn } from "~/auth/sign-in.server";
import { ErrorSummary, TextField, Banner } from "~/components/forms";
import { attemptSignIn, lockoutMessage } from "~/models/sign-in.server";
import { formErrorResponse, formMessage, parseForm, throttledResponse } from "~/utils/forms.server";
import { safeRedirect } from "~/utils/redirect";
import { passRetryAfter } from "~/utils/retry-after";

export const meta: MetaFunction = () => [{ title: "Sign in — SLI Peer Challenge" }];

const SignInSchema = z.object({
  email: emailSchema("Enter your email address"),
  password: z
    .string({ error: "Enter your password" })
    .min(1, "Enter your password")
    .max(1024, "Password must be 1,024 characters or fewer"),
  redirectTo: z.string().max(2000).optional(),
});

export const headers = passRetryAfter;

const WRONG = "The email address or password is not right";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  if (actor) throw redirect("/");
  const reason = new URL(request.url).searchParams.get("reason");
  return json({ reason: reason === "timeout" || reason === "signed-out" || reason === "reset" || reason === "code-expired" ? reason : null });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await parseForm(request, SignInSchema);
  if (!form.ok) return formErrorResponse(form.errors);
  const db = getDb();
  const outcome = await attemptSignIn(db, form.data.email, form.data.password, context.clientAddress);
  switch (outcome.kind) {
    case "locked":
      return throttledResponse(form.formData, lockoutMessage(outcome), outcome.retryAfterSeconds);
    case "wrong":
      return formErrorResponse(formMessage(form.formData, WRONG));
    case "disabled":
      return formErrorResponse(
        formMessage(form.formData, "This account has been disabled. Ask your regional coordinator if you need access."),
        403,
      );
    case "code-needed": {
      // The right password, but not yet a session: the code from the app comes next.
      const next = `/sign-in/code?redirectTo=${encodeURIComponent(safeRedirect(form.data.redirectTo))}`;
      return redirect(next, { headers: { "Set-Cookie": await beginSecondStep(db, outcome.user.id) } });
    }
    case "ok":
      return redirect(safeRedirect(form.data.redirectTo), { headers: { "Set-Cookie": await completeSignIn(db, outcome.user.id) } });
  }
}

export default function SignIn() {
  const { reason } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const errors = actionData?.errors;
  return (
    <div className="narrow">
      {reason === "timeout" ? (
        <Banner tone="info">You were signed out because you were inactive for 30 minutes. Anything you had saved is kept.</Banner>
      ) : null}
      {reason === "signed-out" ? <Banner>You have signed out.</Banner> : null}
      {reason === "reset" ? <Banner>Your password has been changed. Sign in with your new password.</Banner> : null}
      {reason === "code-expired" ? (
        <Banner tone="info">Signing in took too long or had too many wrong codes. Enter your email address and password again.</Banner>
      ) : null}
      <ErrorSummary errors={errors} />
      <h1>Sign in</h1>
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? "/"} />
        <TextField name="email" label="Email address" type="email" autoComplete="username" errors={errors} width="medium" />
        <TextField name="password" label="Password" type="password" autoComplete="current-password" errors={errors} width="medium" />
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          Sign in
        </button>
      </Form>
      <p>
        <Link to="/forgot-password">Forgotten your password?</Link>
      </p>
    </div>
  );
}
