import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";

import { getDb } from "../../db/connection.server";
import { requireActor } from "~/auth/actor.server";
import { recheckCode, recheckPassword } from "~/auth/sign-in.server";
import { Banner, ErrorSummary, TextField } from "~/components/forms";
import { assertCan } from "~/permissions.server";
import { recordAudit } from "~/models/audit.server";
import { lockoutMessage, type Lockout } from "~/models/sign-in.server";
import { beginSetUp, confirmSetUp, readTwoStep, replaceRecoveryCodes, turnOff } from "~/models/two-step.server";
import { qrCodeSvg } from "~/two-step/qr.server";
import { groupSecret, otpauthUrl } from "~/two-step/totp.server";
import { TWO_STEP_PATH } from "~/two-step/policy";
import { formErrorResponse, formMessage, parseForm, throttledResponse } from "~/utils/forms.server";
import { passRetryAfter } from "~/utils/retry-after";
import { formatDateTime } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Two-step sign-in — SLI Peer Challenge" }];

const ISSUER = "SLI Peer Challenge";

const appCode = z
  .string({ error: "Enter the 6-digit code from your app" })
  .transform((s) => s.replace(/\s/g, ""))
  .pipe(z.string().min(1, "Enter the 6-digit code from your app").regex(/^\d{6}$/, "Enter the 6 digits your app shows, like 123456"));

const TwoStepSchema = z.discriminatedUnion(
  "intent",
  [
    // Moving an account that has two-step sign-in to a new phone needs the password too.
    z.object({ intent: z.literal("start"), currentPassword: z.string().max(1024, "Password must be 1,024 characters or fewer").optional() }),
    z.object({ intent: z.literal("confirm"), code: appCode }),
    z.object({ intent: z.literal("new-codes"), code: appCode }),
    z.object({
      intent: z.literal("turn-off"),
      password: z.string({ error: "Enter your password" }).min(1, "Enter your password").max(1024, "Password must be 1,024 characters or fewer"),
    }),
  ],
  { error: "Choose what to do" },
);

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request, { settingUpTwoStep: true });
  const db = getDb();
  const summary = await readTwoStep(db, actor.id);
  const pending = summary.pendingSecret
    ? { key: groupSecret(summary.pendingSecret), qr: await qrCodeSvg(otpauthUrl(ISSUER, actor.email, summary.pendingSecret)) }
    : null;
  return json({
    enabledAt: summary.enabledAt,
    recoveryCodesLeft: summary.recoveryCodesLeft,
    isCoordinator: actor.coordinatorOf.length > 0,
    requiredBy: actor.twoStep.requiredBy,
    pending,
  });
}

export const headers = passRetryAfter;

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, { settingUpTwoStep: true });
  const form = await parseForm(request, TwoStepSchema);
  if (!form.ok) return formErrorResponse(form.errors);
  const db = getDb();
  const audit = (action: string) => recordAudit(db, { actorUserId: actor.id, action, subjectType: "user", subjectId: actor.id });
  const who = { userId: actor.id, email: actor.email, clientAddress: context.clientAddress };
  const throttled = (lockout: Lockout, field: string) => throttledResponse(form.formData, lockoutMessage(lockout), lockout.retryAfterSeconds, field);
  switch (form.data.intent) {
    case "start": {
      if ((await readTwoStep(db, actor.id)).enabledAt !== null) {
        const password = await recheckPassword(db, who, form.data.currentPassword);
        if (password.kind === "locked") return throttled(password.lockout, "currentPassword");
        if (password.kind === "wrong") {
          return formErrorResponse(formMessage(form.formData, "Enter your password to set up two-step sign-in on a new phone", "currentPassword"));
        }
      }
      await beginSetUp(db, actor.id);
      return redirect(`${TWO_STEP_PATH}#set-up`);
    }
    case "confirm": {
      const outcome = await confirmSetUp(db, actor.id, form.data.code);
      if (outcome.kind === "not-started") return formErrorResponse(formMessage(form.formData, "Start setting up two-step sign-in first"));
      if (outcome.kind === "wrong-code") {
        return formErrorResponse(formMessage(form.formData, "That code is not right. Enter the code your app shows now (it changes every 30 seconds)", "code"));
      }
      await audit("two_step.enabled");
      return json({ recoveryCodes: outcome.recoveryCodes, done: "Two-step sign-in is on. From now on you will enter a code from your app when you sign in." });
    }
    case "new-codes": {
      const check = await recheckCode(db, who, form.data.code);
      if (check.kind === "locked") return throttled(check.lockout, "code");
      if (check.kind === "wrong") return formErrorResponse(formMessage(form.formData, "That code is not right. Enter the code your app shows now", "code"));
      const recoveryCodes = await replaceRecoveryCodes(db, actor.id);
      await audit("two_step.codes_renewed");
      return json({ recoveryCodes, done: "You have 10 new recovery codes. The old ones no longer work." });
    }
    case "turn-off": {
      assertCan(actor, "account.turnOffTwoStep", { type: "account", userId: actor.id });
      const password = await recheckPassword(db, who, form.data.password);
      if (password.kind === "locked") return throttled(password.lockout, "password");
      if (password.kind === "wrong") return formErrorResponse(formMessage(form.formData, "Your password is not right", "password"));
      await turnOff(db, actor.id);
      await audit("two_step.disabled");
      return json({ recoveryCodes: null, done: "Two-step sign-in is off. You will sign in with your password only." });
    }
  }
}

export default function TwoStep() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const errors = result && "errors" in result ? result.errors : undefined;
  const done = result && "done" in result ? result : null;
  const recoveryUsed = searchParams.get("recovery-used");
  return (
    <>
      {done ? <Banner>{done.done}</Banner> : null}
      {searchParams.get("required") && data.enabledAt === null ? (
        <Banner tone="info">Regional coordinators must use two-step sign-in. Set it up to carry on using SLI Peer Challenge.</Banner>
      ) : null}
      {recoveryUsed !== null && /^\d+$/.test(recoveryUsed) && !done ? (
        <Banner tone="info">
          You signed in with a recovery code, so it no longer works. You have {recoveryUsed} left: make new ones below if you are running out.
        </Banner>
      ) : null}
      <ErrorSummary errors={errors} />
      <h1>Two-step sign-in</h1>
      <p>
        With two-step sign-in, signing in needs your password and a 6-digit code from an authenticator app on your phone (such as
        Microsoft Authenticator or Google Authenticator). Someone who learns your password still cannot get in.
      </p>
      {done?.recoveryCodes ? <RecoveryCodes codes={done.recoveryCodes} /> : null}
      {data.enabledAt !== null ? (
        <>
          <p>
            Two-step sign-in is <strong>on</strong> since {formatDateTime(data.enabledAt)}. You have {data.recoveryCodesLeft} unused
            recovery {data.recoveryCodesLeft === 1 ? "code" : "codes"}.
          </p>
          <h2>New recovery codes</h2>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="new-codes" />
            <TextField name="code" label="Code from your app" hint="New codes replace all your old ones." autoComplete="one-time-code" inputMode="numeric" errors={errors} width="short" />
            <button type="submit" className="button button--secondary">
              Make new recovery codes
            </button>
          </Form>
        </>
      ) : data.requiredBy !== null ? (
        <p>
          As a regional coordinator you must use two-step sign-in. Set it up by {formatDateTime(data.requiredBy)}.
        </p>
      ) : (
        <p>Two-step sign-in is <strong>off</strong>.</p>
      )}
      {data.pending ? (
        <SetUp pending={data.pending} errors={errors} />
      ) : (
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="start" />
          {data.enabledAt !== null ? (
            <>
              <h2>Moving to a new phone</h2>
              <TextField name="currentPassword" label="Your password, to move to a new phone" type="password" autoComplete="current-password" errors={errors} width="medium" />
            </>
          ) : null}
          <button type="submit" className={data.enabledAt !== null ? "button button--secondary" : "button"}>
            {data.enabledAt !== null ? "Set up on a new phone" : "Set up two-step sign-in"}
          </button>
        </Form>
      )}
      {data.enabledAt !== null ? (
        <>
          <h2>Turn off two-step sign-in</h2>
          {data.isCoordinator ? (
            <p>Regional coordinators must use two-step sign-in, so it cannot be turned off. To move to a new phone, set it up again above.</p>
          ) : (
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="turn-off" />
              <TextField name="password" label="Your password, to turn it off" type="password" autoComplete="current-password" errors={errors} width="medium" />
              <button type="submit" className="button button--warning">
                Turn off two-step sign-in
              </button>
            </Form>
          )}
        </>
      ) : null}
    </>
  );
}

function SetUp({ pending, errors }: { pending: { key: string; qr: string }; errors: Parameters<typeof TextField>[0]["errors"] }) {
  return (
    <section id="set-up" aria-labelledby="set-up-heading">
      <h2 id="set-up-heading">Set up your authenticator app</h2>
      <ol className="steps">
        <li>Open an authenticator app on your phone, or install one.</li>
        <li>
          Add an account in the app and scan this QR code.
          <div
            className="qr-code"
            role="img"
            aria-label="QR code for adding SLI Peer Challenge to your authenticator app"
            // The SVG is drawn on the server by the QR library from our own otpauth address.
            dangerouslySetInnerHTML={{ __html: pending.qr }}
          />
          <p>
            If you cannot scan it, choose to enter a key in the app and type: <code className="secret-key">{pending.key}</code>
          </p>
        </li>
        <li>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="confirm" />
            <TextField name="code" label="Enter the 6-digit code the app shows" autoComplete="one-time-code" inputMode="numeric" errors={errors} width="short" />
            <button type="submit" className="button">
              Turn on two-step sign-in
            </button>
          </Form>
        </li>
      </ol>
    </section>
  );
}

function RecoveryCodes({ codes }: { codes: string[] }) {
  return (
    <section aria-labelledby="recovery-heading" className="panel">
      <h2 id="recovery-heading">Your recovery codes</h2>
      <p>
        Keep these somewhere safe, away from your phone (print them, or save them in a password manager). If you lose your phone,
        each code signs you in once instead of a code from the app. They are shown only now.
      </p>
      <ol className="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
    </section>
  );
}
