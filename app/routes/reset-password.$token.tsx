import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { getDb } from "../../db/connection.server";
import { hashPassword } from "~/auth/password.server";
import { withNewPassword } from "~/auth/schemas";
import { PASSWORD_HINT } from "~/utils/password-rules";
import { endAllSessionsOf } from "~/auth/session.server";
import { ErrorSummary, TextField } from "~/components/forms";
import { completePasswordReset, findUsableReset } from "~/models/password-reset.server";
import { formErrorResponse, formMessage, parseForm } from "~/utils/forms.server";

export const meta: MetaFunction = () => [{ title: "Choose a new password — SLI Peer Challenge" }];

const TokenSchema = z.string().min(10).max(100);

const ResetSchema = withNewPassword({});

export async function loader({ params }: LoaderFunctionArgs) {
  const token = TokenSchema.safeParse(params.token);
  const reset = token.success ? await findUsableReset(getDb(), token.data) : null;
  return json({ valid: reset !== null }, { status: reset ? 200 : 410 });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const token = TokenSchema.safeParse(params.token);
  const form = await parseForm(request, ResetSchema);
  if (!form.ok) return formErrorResponse(form.errors);
  const userId = token.success ? await completePasswordReset(getDb(), token.data, await hashPassword(form.data.password)) : null;
  if (!userId) {
    return formErrorResponse(formMessage(form.formData, "This reset link has expired or has already been used. Ask for a new one."), 410);
  }
  await endAllSessionsOf(userId);
  return redirect("/sign-in?reason=reset");
}

export default function ResetPassword() {
  const { valid } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  if (!valid) {
    return (
      <>
        <h1>This link has expired or has already been used</h1>
        <p>
          Reset links work once and for 1 hour. <Link to="/forgot-password">Ask for a new link</Link>.
        </p>
      </>
    );
  }
  const errors = data?.errors;
  return (
    <>
      <ErrorSummary errors={errors} />
      <h1>Choose a new password</h1>
      <Form method="post" noValidate>
        <TextField
          name="password"
          label="New password"
          type="password"
          autoComplete="new-password"
          hint={PASSWORD_HINT}
          errors={errors}
          width="medium"
        />
        <TextField name="confirmPassword" label="Confirm new password" type="password" autoComplete="new-password" errors={errors} width="medium" />
        <button type="submit" className="button">
          Save new password
        </button>
      </Form>
    </>
  );
}
