import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { z } from "zod";

import { emailSchema } from "~/auth/schemas";
import { getDb } from "../../db/connection.server";
import { Banner, ErrorSummary, TextField } from "~/components/forms";
import { appUrl, sendMail } from "~/mail.server";
import { createPasswordReset } from "~/models/password-reset.server";
import { formErrorResponse, parseForm } from "~/utils/forms.server";

export const meta: MetaFunction = () => [{ title: "Forgotten password — SLI Peer Challenge" }];

const ForgotSchema = z.object({
  email: emailSchema("Enter your email address"),
});

export async function loader() {
  return json({});
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await parseForm(request, ForgotSchema);
  if (!form.ok) return formErrorResponse(form.errors);
  const reset = await createPasswordReset(getDb(), form.data.email);
  if (reset) {
    const link = `${appUrl()}/reset-password/${reset.token}`;
    await sendMail({
      to: form.data.email,
      regionId: reset.regionId,
      subject: "Reset your SLI Peer Challenge password",
      text: `Someone asked to reset the password for this address on SLI Peer Challenge.\n\nTo choose a new password, open this link within the next hour:\n${link}\n\nThe link works once. If you did not ask for this, you can ignore this email: your password has not changed.`,
    });
  }
  // The same answer whether or not the address has an account.
  return json({ sent: true, email: form.data.email });
}

export default function ForgotPassword() {
  const data = useActionData<typeof action>();
  if (data && "sent" in data) {
    return (
      <>
        <h1>Check your email</h1>
        <Banner>
          If {data.email} has an account, we have sent it a link to reset the password. The link works for 1 hour.
        </Banner>
      </>
    );
  }
  const errors = data && "errors" in data ? data.errors : undefined;
  return (
    <>
      <ErrorSummary errors={errors} />
      <h1>Forgotten your password?</h1>
      <p>Enter the email address you sign in with. We will send you a link to choose a new password.</p>
      <Form method="post" noValidate>
        <TextField name="email" label="Email address" type="email" autoComplete="email" errors={errors} width="medium" />
        <button type="submit" className="button">
          Send reset link
        </button>
      </Form>
    </>
  );
}
