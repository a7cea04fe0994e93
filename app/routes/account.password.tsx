import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { z } from "zod";

import { getDb } from "../../db/connection.server";
import { requireActor } from "~/auth/actor.server";
import { hashPassword } from "~/auth/password.server";
import { recheckPassword } from "~/auth/sign-in.server";
import { withNewPassword } from "~/auth/schemas";
import { endOtherSessionsOf } from "~/auth/session.server";
import { Banner, ErrorSummary, TextField } from "~/components/forms";
import { recordAudit } from "~/models/audit.server";
import { lockoutMessage } from "~/models/sign-in.server";
import { setPasswordHash } from "~/models/user.server";
import { formErrorResponse, formMessage, parseForm, throttledResponse } from "~/utils/forms.server";
import { PASSWORD_HINT } from "~/utils/password-rules";
import { passRetryAfter } from "~/utils/retry-after";

export const meta: MetaFunction = () => [{ title: "Change your password — SLI Peer Challenge" }];

const ChangePasswordSchema = withNewPassword(
  { currentPassword: z.string({ error: "Enter your current password" }).min(1, "Enter your current password").max(1024) },
  "Enter the new password again",
);

export async function loader({ request }: LoaderFunctionArgs) {
  await requireActor(request);
  return json({});
}

export const headers = passRetryAfter;

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const form = await parseForm(request, ChangePasswordSchema);
  if (!form.ok) return formErrorResponse(form.errors);
  const db = getDb();
  const current = await recheckPassword(db, { userId: actor.id, email: actor.email, clientAddress: context.clientAddress }, form.data.currentPassword);
  if (current.kind === "locked") return throttledResponse(form.formData, lockoutMessage(current.lockout), current.lockout.retryAfterSeconds, "currentPassword");
  if (current.kind === "wrong") return formErrorResponse(formMessage(form.formData, "Your current password is not right", "currentPassword"));
  await setPasswordHash(db, actor.id, await hashPassword(form.data.password));
  await endOtherSessionsOf(actor.id, actor.sessionId);
  await recordAudit(db, { actorUserId: actor.id, action: "password.changed", subjectType: "user", subjectId: actor.id });
  return json({ changed: true });
}

export default function ChangePassword() {
  const data = useActionData<typeof action>();
  const errors = data && "errors" in data ? data.errors : undefined;
  return (
    <>
      {data && "changed" in data ? <Banner>Your password has been changed. You have been signed out everywhere else.</Banner> : null}
      <ErrorSummary errors={errors} />
      <h1>Change your password</h1>
      <Form method="post" noValidate>
        <TextField name="currentPassword" label="Current password" type="password" autoComplete="current-password" errors={errors} width="medium" />
        <TextField name="password" label="New password" type="password" autoComplete="new-password" hint={PASSWORD_HINT} errors={errors} width="medium" />
        <TextField name="confirmPassword" label="Confirm new password" type="password" autoComplete="new-password" errors={errors} width="medium" />
        <button type="submit" className="button">
          Change password
        </button>
      </Form>
    </>
  );
}
