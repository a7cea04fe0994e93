import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { getDb } from "../../db/connection.server";
import { requireActor } from "~/auth/actor.server";
import { Banner, ErrorSummary, FormGroup } from "~/components/forms";
import { remindersOff, setRemindersOff } from "~/models/user.server";
import { formErrorResponse, parseForm } from "~/utils/forms.server";

export const meta: MetaFunction = () => [{ title: "Email reminders — SLI Peer Challenge" }];

const RemindersSchema = z.object({ reminders: z.enum(["on", "off"], { error: "Choose whether to get reminders" }) });

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  return json({ on: !(await remindersOff(getDb(), actor.id)) });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const form = await parseForm(request, RemindersSchema);
  if (!form.ok) return formErrorResponse(form.errors);
  await setRemindersOff(getDb(), actor.id, form.data.reminders === "off");
  return json({ done: form.data.reminders === "on" ? "You will get reminders before deadlines." : "You will not get reminders any more." });
}

export default function Reminders() {
  const { on } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result && "errors" in result ? result.errors : undefined;
  return (
    <>
      {result && "done" in result ? <Banner>{result.done}</Banner> : null}
      <ErrorSummary errors={errors} />
      <h1>Email reminders</h1>
      <p>
        Before each deadline (two weeks and three days before, unless your region chose otherwise) we email the people who
        still have something to do: write or sign a self-assessment, or sign off a peer challenge. Reminders never contain
        anything written in an assessment.
      </p>
      <Form method="post">
        <FormGroup id="reminders" as="legend" label="Do you want reminder emails?" error={errors?.fieldErrors.reminders}>
          <div className="radios">
            <div className="radios__item">
              <input type="radio" id="reminders-on" name="reminders" value="on" defaultChecked={on} />
              <label htmlFor="reminders-on">Yes, remind me before deadlines</label>
            </div>
            <div className="radios__item">
              <input type="radio" id="reminders-off" name="reminders" value="off" defaultChecked={!on} />
              <label htmlFor="reminders-off">No, do not send me reminders</label>
            </div>
          </div>
        </FormGroup>
        <button type="submit" className="button">
          Save
        </button>
      </Form>
    </>
  );
}
