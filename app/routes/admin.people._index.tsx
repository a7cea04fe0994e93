import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { getDb } from "../../db/connection.server";
import { MEMBERSHIP_ROLES } from "../../db/schema";
import { requireActor } from "~/auth/actor.server";
import { Banner, ErrorSummary } from "~/components/forms";
import {
  changeMembershipRole,
  findMembership,
  listPeopleInRegions,
  regionsOfUser,
  setUserDisabled,
} from "~/models/people.server";
import { resetByCoordinator } from "~/models/two-step.server";
import { assertCan, assertCoordinator } from "~/permissions.server";
import { formErrorResponse, formMessage, parseForm } from "~/utils/forms.server";
import { ROLE_LABELS, roleLabel } from "~/utils/roles";
import { notFound } from "~/utils/http.server";
import { idSchema } from "~/utils/ids";

export const meta: MetaFunction = () => [{ title: "People — SLI Peer Challenge" }];

const PeopleActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("change-role"),
    membershipId: idSchema("Choose a person"),
    role: z.enum(MEMBERSHIP_ROLES, { error: "Choose a role from the list" }),
  }),
  z.object({ intent: z.literal("disable"), userId: z.string().min(1).max(64) }),
  z.object({ intent: z.literal("enable"), userId: z.string().min(1).max(64) }),
  z.object({ intent: z.literal("reset-two-step"), userId: z.string().min(1).max(64) }),
], { error: "Choose what to do" });

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const regionIds = assertCoordinator(actor);
  const people = await listPeopleInRegions(getDb(), regionIds);
  return json({ people: people.map((p) => ({ ...p, roleLabel: roleLabel(p.role) })), selfId: actor.id });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  assertCoordinator(actor);
  const form = await parseForm(request, PeopleActionSchema);
  if (!form.ok) return formErrorResponse(form.errors);
  const db = getDb();
  const input = form.data;
  if (input.intent === "change-role") {
    const membership = await findMembership(db, input.membershipId);
    if (!membership) throw notFound();
    assertCan(actor, "region.manage", { type: "region", id: membership.regionId });
    await changeMembershipRole(db, actor.id, membership.id, input.role);
    return json({ done: `Role changed to ${ROLE_LABELS[input.role]}.` });
  }
  const regions = await regionsOfUser(db, input.userId);
  const manageable = regions.find((id) => actor.coordinatorOf.includes(id));
  assertCan(actor, "region.manage", { type: "region", id: manageable ?? -1 });
  if (input.intent === "reset-two-step") {
    if (input.userId === actor.id) {
      return formErrorResponse(formMessage(form.formData, "You cannot reset your own two-step sign-in. Ask another coordinator, or use a recovery code"));
    }
    await resetByCoordinator(db, actor.id, input.userId);
    return json({ done: "Two-step sign-in reset: they have been signed out, and can sign in with their password and set it up again." });
  }
  if (input.userId === actor.id) {
    return formErrorResponse(formMessage(form.formData, "You cannot disable your own account"));
  }
  await setUserDisabled(db, actor.id, input.userId, input.intent === "disable");
  return json({ done: input.intent === "disable" ? "Account disabled and signed out everywhere." : "Account enabled." });
}

function renameKey(record: Record<string, string>, from: string, to: string): Record<string, string> {
  const { [from]: value, ...rest } = record;
  return value === undefined ? rest : { ...rest, [to]: value };
}

export default function People() {
  const { people, selfId } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const errors = data && "errors" in data ? data.errors : undefined;
  // A role error belongs to the row that was changed: point the summary and the message there.
  const failedRow = errors?.fieldErrors.role ? errors.values.membershipId : undefined;
  const shown = errors && failedRow ? { ...errors, fieldErrors: renameKey(errors.fieldErrors, "role", `role-${failedRow}`) } : errors;
  return (
    <>
      {data && "done" in data ? <Banner>{data.done}</Banner> : null}
      <ErrorSummary errors={shown} />
      <h1>People</h1>
      <p>
        <Link to="/admin/people/invite" className="button">
          Invite someone
        </Link>
      </p>
      <table className="table">
        <caption className="visually-hidden">Everyone with a role in your region</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Authority</th>
            <th scope="col">Role</th>
            <th scope="col">Account</th>
          </tr>
        </thead>
        <tbody>
          {people.map((p) => (
            <tr key={`${p.userId}-${p.membershipId ?? "coordinator"}`}>
              <td>
                {p.name}
                <br />
                <span className="hint">{p.email}</span>
              </td>
              <td>{p.authorityName ?? "—"}</td>
              <td>
                {p.membershipId !== null ? (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="change-role" />
                    <input type="hidden" name="membershipId" value={p.membershipId} />
                    <label className="visually-hidden" htmlFor={`role-${p.membershipId}`}>
                      Role of {p.name} in {p.authorityName}
                    </label>
                    {String(p.membershipId) === failedRow ? (
                      <p className="error-message" id={`role-${p.membershipId}-error`}>
                        <span className="visually-hidden">Error:</span> {shown?.fieldErrors[`role-${p.membershipId}`]}
                      </p>
                    ) : null}
                    <select
                      className="select"
                      id={`role-${p.membershipId}`}
                      name="role"
                      defaultValue={p.role}
                      aria-invalid={String(p.membershipId) === failedRow ? true : undefined}
                      aria-describedby={String(p.membershipId) === failedRow ? `role-${p.membershipId}-error` : undefined}
                    >
                      {Object.entries(ROLE_LABELS).map(([value, label]) => (
                        <option key={value} value={value}>
                          {label}
                        </option>
                      ))}
                    </select>
                    <button type="submit" className="button button--secondary">
                      Change role<span className="visually-hidden"> of {p.name}</span>
                    </button>
                  </Form>
                ) : (
                  p.roleLabel
                )}
              </td>
              <td>
                {p.userId === selfId ? (
                  "You"
                ) : (
                  <>
                    {p.twoStep ? (
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="reset-two-step" />
                        <input type="hidden" name="userId" value={p.userId} />
                        <span className="tag tag--blue">Two-step on</span>{" "}
                        <button type="submit" className="button button--secondary">
                          Reset two-step sign-in<span className="visually-hidden"> of {p.name}</span>
                        </button>
                      </Form>
                    ) : null}
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value={p.disabled ? "enable" : "disable"} />
                      <input type="hidden" name="userId" value={p.userId} />
                      {p.disabled ? <span className="tag tag--grey">Disabled</span> : null}
                      <button type="submit" className={`button ${p.disabled ? "button--secondary" : "button--warning"}`}>
                        {p.disabled ? "Enable" : "Disable"}
                        <span className="visually-hidden"> {p.name}</span>
                      </button>
                    </Form>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
