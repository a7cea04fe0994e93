import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { getDb } from "../../db/connection.server";
import { requireActor } from "~/auth/actor.server";
import { ErrorSummary, SelectField, TextField } from "~/components/forms";
import { listRegions } from "~/models/authority.server";
import { openCycleCarryingForward } from "~/assessment/carry-forward.server";
import { assertCan, assertCoordinator } from "~/permissions.server";
import { currentTemplate } from "~/template/current.server";
import { formErrorResponse, formMessage, parseForm } from "~/utils/forms.server";
import { idSchema } from "~/utils/ids";

export const meta: MetaFunction = () => [{ title: "Open a cycle — SLI Peer Challenge" }];

const isoDate = (what: string) =>
  z
    .string({ error: `Enter the ${what}` })
    .min(1, `Enter the ${what}`)
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Enter the ${what} as a real date`)
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), `Enter the ${what} as a real date`);

const OpenCycleSchema = z
  .object({
    region: idSchema("Choose a region"),
    label: z
      .string({ error: "Enter a label for the cycle" })
      .trim()
      .min(1, "Enter a label for the cycle, like 2026–27")
      .max(40, "Label must be 40 characters or fewer"),
    opensOn: isoDate("opening date"),
    submissionDeadline: isoDate("submission deadline"),
    challengeDeadline: isoDate("challenge deadline"),
    reminderDays: z
      .string()
      .max(40, "List at most a few numbers of days")
      .optional()
      .transform((text) => (text ?? "").split(/[\s,]+/).filter(Boolean))
      .pipe(
        z
          .array(
            z
              .string()
              .regex(/^\d{1,3}$/, "Give the days as whole numbers, like 14, 3")
              .transform(Number)
              .pipe(z.number().max(365, "Remind at most 365 days before")),
          )
          .max(5, "Give at most 5 reminder days"),
      ),
  })
  .refine((v) => v.submissionDeadline > v.opensOn, {
    message: "The submission deadline must be after the opening date",
    path: ["submissionDeadline"],
  })
  .refine((v) => v.challengeDeadline > v.submissionDeadline, {
    message: "The challenge deadline must be after the submission deadline",
    path: ["challengeDeadline"],
  });

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const regions = await listRegions(getDb(), assertCoordinator(actor));
  return json({ regions: regions.map((r) => ({ value: String(r.id), label: r.name })) });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  assertCoordinator(actor);
  const form = await parseForm(request, OpenCycleSchema);
  if (!form.ok) return formErrorResponse(form.errors);
  assertCan(actor, "region.manage", { type: "region", id: form.data.region });
  const cycleId = await openCycleCarryingForward(getDb(), {
    regionId: form.data.region,
    label: form.data.label,
    opensOn: form.data.opensOn,
    submissionDeadline: form.data.submissionDeadline,
    challengeDeadline: form.data.challengeDeadline,
    reminderDays: form.data.reminderDays.length > 0 ? [...new Set(form.data.reminderDays)].sort((a, b) => b - a) : undefined,
    createdBy: actor.id,
    template: currentTemplate(),
  });
  if (cycleId === null) {
    return formErrorResponse(formMessage(form.formData, "Your region already has a cycle with this label", "label"));
  }
  return redirect("/cycles");
}

export default function OpenCycle() {
  const { regions } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const errors = data?.errors;
  return (
    <>
      <ErrorSummary errors={errors} />
      <h1>Open a cycle</h1>
      <p>Opening a cycle creates a draft self-assessment for every authority in the region, on the current template.</p>
      <Form method="post" noValidate>
        <SelectField name="region" label="Region" options={regions} errors={errors} />
        <TextField name="label" label="Label" hint="For example, 2026–27" errors={errors} maxLength={40} width="short" />
        <TextField name="opensOn" label="Opening date" type="date" errors={errors} width="medium" />
        <TextField name="submissionDeadline" label="Submission deadline" type="date" errors={errors} width="medium" />
        <TextField name="challengeDeadline" label="Challenge deadline" type="date" errors={errors} width="medium" />
        <TextField
          name="reminderDays"
          label="Reminders (days before each deadline)"
          hint="Numbers of days, separated by commas. Leave empty for 14, 3: two weeks and three days before."
          errors={errors}
          maxLength={40}
          width="short"
        />
        <button type="submit" className="button">
          Open cycle
        </button>
      </Form>
    </>
  );
}
