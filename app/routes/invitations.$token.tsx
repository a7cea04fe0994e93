import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { getDb } from "../../db/connection.server";
import { hashPassword } from "~/auth/password.server";
import { withNewPassword } from "~/auth/schemas";
import { beginSecondStep, completeSignIn } from "~/auth/sign-in.server";
import { ErrorSummary, TextField } from "~/components/forms";
import { SummaryList } from "~/components/summary-list";
import { acceptInvitation, lookUpInvitation } from "~/models/invitation.server";
import { attemptSignIn, lockoutMessage } from "~/models/sign-in.server";
import { formErrorResponse, formMessage, parseForm, throttledResponse } from "~/utils/forms.server";
import { PASSWORD_HINT } from "~/utils/password-rules";
import { passRetryAfter } from "~/utils/retry-after";
import { PEER_DIRECTOR, roleLabel } from "~/utils/roles";

export const meta: MetaFunction = () => [{ title: "Accept your invitation — SLI Peer Challenge" }];

const TokenSchema = z.string().min(10).max(100);

const NewAccountSchema = withNewPassword({
  name: z.string({ error: "Enter your full name" }).trim().min(1, "Enter your full name").max(120, "Name must be 120 characters or fewer"),
});

const ExistingAccountSchema = z.object({
  password: z.string({ error: "Enter your current password" }).min(1, "Enter your current password").max(1024),
});

async function validInvitation(token: string | undefined) {
  const parsed = TokenSchema.safeParse(token);
  if (!parsed.success) return { state: "unknown" as const };
  return lookUpInvitation(getDb(), parsed.data);
}

export async function loader({ params }: LoaderFunctionArgs) {
  const found = await validInvitation(params.token);
  if (found.state !== "valid") return json({ state: found.state, invitation: null }, { status: found.state === "unknown" ? 404 : 410 });
  const { invitation, existingUser } = found;
  return json({
    state: "valid" as const,
    invitation: {
      email: invitation.email,
      role: roleLabel(invitation.role),
      asPeer: invitation.role === PEER_DIRECTOR,
      authorityName: invitation.authority_name,
      hasAccount: existingUser !== undefined,
    },
  });
}

export const headers = passRetryAfter;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const found = await validInvitation(params.token);
  if (found.state !== "valid") {
    return formErrorResponse(formMessage(await request.formData(), "This invitation has expired or has already been used."), 410);
  }
  const db = getDb();
  let userId: string | null;
  if (found.existingUser) {
    const form = await parseForm(request, ExistingAccountSchema);
    if (!form.ok) return formErrorResponse(form.errors);
    // Exactly as at sign-in: throttled, recorded, and with two-step sign-in on, the code still comes next.
    const outcome = await attemptSignIn(db, found.existingUser.email, form.data.password, context.clientAddress);
    if (outcome.kind === "locked") return throttledResponse(form.formData, lockoutMessage(outcome), outcome.retryAfterSeconds, "password");
    if (outcome.kind === "wrong" || outcome.kind === "disabled") {
      return formErrorResponse(formMessage(form.formData, "That password is not right", "password"));
    }
    userId = await acceptInvitation(db, found.invitation.id, { kind: "existing", userId: outcome.user.id });
    if (userId && outcome.kind === "code-needed") return redirect("/sign-in/code", { headers: { "Set-Cookie": await beginSecondStep(db, userId) } });
  } else {
    const form = await parseForm(request, NewAccountSchema);
    if (!form.ok) return formErrorResponse(form.errors);
    userId = await acceptInvitation(db, found.invitation.id, {
      kind: "new",
      name: form.data.name,
      passwordHash: await hashPassword(form.data.password),
    });
  }
  if (!userId) return formErrorResponse(formMessage(new FormData(), "This invitation has expired or has already been used."), 410);
  return redirect("/", { headers: { "Set-Cookie": await completeSignIn(db, userId) } });
}

export default function AcceptInvitation() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (data.state !== "valid" || !data.invitation) {
    return (
      <>
        <h1>{data.state === "unknown" ? "This invitation link is not valid" : "This invitation has expired or has already been used"}</h1>
        <p>Invitation links work once and for 7 days. Ask your regional coordinator to send you a new one.</p>
      </>
    );
  }
  const { invitation } = data;
  const errors = actionData?.errors;
  return (
    <>
      <ErrorSummary errors={errors} />
      <h1>Accept your invitation</h1>
      {invitation.asPeer ? (
        <p className="lead">
          You have been invited to SLI Peer Challenge as a peer director
          {invitation.authorityName ? ` from ${invitation.authorityName}` : ""}. You will be able to read the self-assessment
          you are challenging once the authority has submitted it, and nothing else of that authority.
        </p>
      ) : (
        <p className="lead">
          You have been invited to join SLI Peer Challenge as {invitation.role}
          {invitation.authorityName ? ` for ${invitation.authorityName}` : ""}.
        </p>
      )}
      <SummaryList rows={[["Email address", invitation.email]]} />
      <Form method="post" noValidate>
        {invitation.hasAccount ? (
          <>
            <p>You already have an account. Enter your password to add this role to it.</p>
            <TextField name="password" label="Password" type="password" autoComplete="current-password" errors={errors} width="medium" />
          </>
        ) : (
          <>
            <TextField name="name" label="Full name" autoComplete="name" errors={errors} maxLength={120} width="medium" />
            <TextField name="password" label="Choose a password" type="password" autoComplete="new-password" hint={PASSWORD_HINT} errors={errors} width="medium" />
            <TextField name="confirmPassword" label="Confirm password" type="password" autoComplete="new-password" errors={errors} width="medium" />
          </>
        )}
        <button type="submit" className="button">
          Accept invitation
        </button>
      </Form>
    </>
  );
}
