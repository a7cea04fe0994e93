import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { emailSchema } from "~/auth/schemas";
import { getDb } from "../../db/connection.server";
import { requireActor } from "~/auth/actor.server";
import { Banner, ErrorSummary, SelectField, TextField } from "~/components/forms";
import { appUrl, sendMail } from "~/mail.server";
import { listAuthoritiesInRegions, listRegions } from "~/models/authority.server";
import { createInvitation } from "~/models/invitation.server";
import { assertCan, assertCoordinator } from "~/permissions.server";
import { formErrorResponse, parseForm } from "~/utils/forms.server";
import { INVITABLE_ROLES, roleLabel } from "~/utils/roles";

export const meta: MetaFunction = () => [{ title: "Invite someone — SLI Peer Challenge" }];

const InviteSchema = z
  .object({
    email: emailSchema("Enter an email address"),
    role: z.enum(INVITABLE_ROLES, { error: "Choose a role from the list" }),
    authority: z.string({ error: "Choose an authority" }).max(80).optional(),
  })
  .refine((v) => v.role === "coordinator" || (v.authority ?? "") !== "", {
    message: "Choose the authority this person will work in",
    path: ["authority"],
  });

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const regionIds = assertCoordinator(actor);
  const authorities = await listAuthoritiesInRegions(getDb(), regionIds);
  return json({ authorities: authorities.map((a) => ({ value: a.slug, label: a.name })) });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const regionIds = assertCoordinator(actor);
  const form = await parseForm(request, InviteSchema);
  if (!form.ok) return formErrorResponse(form.errors);
  const db = getDb();
  let regionId = regionIds[0]!;
  let authorityId: number | null = null;
  let authorityName: string | null = null;
  if (form.data.role !== "coordinator") {
    const authority = (await listAuthoritiesInRegions(db, regionIds)).find((a) => a.slug === form.data.authority);
    if (!authority) {
      return formErrorResponse({
        fieldErrors: { authority: "Choose an authority from the list" },
        formErrors: [],
        values: { email: form.data.email, role: form.data.role },
      });
    }
    regionId = authority.region_id;
    authorityId = authority.id;
    authorityName = authority.name;
  }
  assertCan(actor, "region.manage", { type: "region", id: regionId });
  const { token } = await createInvitation(db, {
    email: form.data.email,
    role: form.data.role,
    authorityId,
    regionId,
    invitedBy: actor.id,
  });
  const [region] = await listRegions(db, [regionId]);
  const link = `${appUrl()}/invitations/${token}`;
  await sendMail({
    to: form.data.email,
    regionId,
    subject: "You are invited to SLI Peer Challenge",
    text: `${actor.name} has invited you to SLI Peer Challenge, the ${region?.name ?? ""} region's self-assessment and peer challenge workspace, as ${roleLabel(form.data.role)}${authorityName ? ` for ${authorityName}` : ""}.\n\nTo accept, open this link within 7 days and choose your password:\n${link}\n\nThe link works once.`,
  });
  return json({ invited: form.data.email });
}

export default function Invite() {
  const { authorities } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const errors = data && "errors" in data ? data.errors : undefined;
  return (
    <>
      {data && "invited" in data ? <Banner>Invitation sent to {data.invited}. The link works once, for 7 days.</Banner> : null}
      <ErrorSummary errors={errors} />
      <h1>Invite someone</h1>
      <Form method="post" noValidate>
        <TextField name="email" label="Email address" type="email" autoComplete="off" errors={errors} width="medium" />
        <SelectField
          name="role"
          label="Role"
          errors={errors}
          defaultValue={INVITABLE_ROLES[0]}
          options={INVITABLE_ROLES.map((r) => ({ value: r, label: roleLabel(r) }))}
        />
        <SelectField
          name="authority"
          label="Authority"
          hint="Not needed for a regional coordinator."
          errors={errors}
          options={[{ value: "", label: "Choose an authority" }, ...authorities]}
        />
        <button type="submit" className="button">
          Send invitation
        </button>
      </Form>
    </>
  );
}
