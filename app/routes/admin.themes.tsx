import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { getDb } from "../../db/connection.server";
import { requireActor } from "~/auth/actor.server";
import { Banner, ErrorSummary, TextField } from "~/components/forms";
import { recordAudit } from "~/models/audit.server";
import { listRegions } from "~/models/authority.server";
import { addRegionTheme, listRegionThemes, renameRegionTheme, setRegionThemeRetired } from "~/models/theme.server";
import { assertCan, assertCoordinator } from "~/permissions.server";
import { formErrorResponse, formMessage, parseForm } from "~/utils/forms.server";
import { notFound } from "~/utils/http.server";
import { idSchema } from "~/utils/ids";

export const meta: MetaFunction = () => [{ title: "Themes — SLI Peer Challenge" }];

const THEME_LABEL_MAX = 80;

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const regionIds = assertCoordinator(actor);
  const db = getDb();
  const regions = await listRegions(db, regionIds);
  const done = new URL(request.url).searchParams.get("done");
  return json({
    done: done === "added" || done === "renamed" || done === "retired" || done === "restored" ? done : null,
    regions: await Promise.all(regions.map(async (r) => ({ id: r.id, name: r.name, themes: await listRegionThemes(db, r.id) }))),
  });
}

const label = z
  .string({ error: "Enter the theme's name" })
  .trim()
  .min(2, "Enter the theme's name")
  .max(THEME_LABEL_MAX, `A theme's name can be up to ${THEME_LABEL_MAX} characters`);
const Id = idSchema();

const ThemeAction = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("add"), regionId: Id, label }),
    z.object({ intent: z.literal("rename"), regionId: Id, themeId: Id, label }),
    z.object({ intent: z.literal("retire"), regionId: Id, themeId: Id }),
    z.object({ intent: z.literal("restore"), regionId: Id, themeId: Id }),
  ],
  { error: "Choose what to do" },
);

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  assertCoordinator(actor);
  const form = await parseForm(request, ThemeAction);
  if (!form.ok) return formErrorResponse(form.errors);
  const input = form.data;
  assertCan(actor, "region.manage", { type: "region", id: input.regionId });
  const db = getDb();
  if (input.intent === "add") {
    const added = await addRegionTheme(db, input.regionId, input.label);
    if (!added) return formErrorResponse(formMessage(form.formData, "There is already a theme with that name.", "label"), 409);
    await recordAudit(db, { actorUserId: actor.id, action: "theme.added", subjectType: "region", subjectId: input.regionId, details: { key: added.key, label: added.label } });
    return redirect("/admin/themes?done=added", 303);
  }
  const themes = await listRegionThemes(db, input.regionId);
  if (!themes.some((t) => t.id === input.themeId)) throw notFound();
  if (input.intent === "rename") {
    if (!(await renameRegionTheme(db, input.regionId, input.themeId, input.label))) {
      return formErrorResponse(formMessage(form.formData, "There is already a theme with that name.", "label"), 409);
    }
    await recordAudit(db, { actorUserId: actor.id, action: "theme.renamed", subjectType: "region", subjectId: input.regionId, details: { themeId: input.themeId, label: input.label } });
    return redirect("/admin/themes?done=renamed", 303);
  }
  await setRegionThemeRetired(db, input.regionId, input.themeId, input.intent === "retire");
  await recordAudit(db, { actorUserId: actor.id, action: input.intent === "retire" ? "theme.retired" : "theme.restored", subjectType: "region", subjectId: input.regionId, details: { themeId: input.themeId } });
  return redirect(`/admin/themes?done=${input.intent === "retire" ? "retired" : "restored"}`, 303);
}

const DONE: Record<string, string> = {
  added: "Theme added. Authorities can choose it for offers and requests now.",
  renamed: "Theme renamed everywhere it is used.",
  retired: "Theme retired. Items that have it keep it; nobody new can choose it.",
  restored: "Theme brought back.",
};

export default function Themes() {
  const { regions, done } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData && "errors" in actionData ? actionData.errors : undefined;
  return (
    <>
      <h1>Themes for offers and requests</h1>
      {done ? <Banner>{DONE[done]}</Banner> : null}
      <ErrorSummary errors={errors} />
      <p>
        Authorities tag each offer and request with these themes; the regional offer is filtered and matched by them. Renaming a theme
        changes its name everywhere. Retiring one keeps it on the items that already have it, so history reads right, and stops it being
        offered for new ones.
      </p>
      {regions.map((region) => (
        <section key={region.id} aria-labelledby={`themes-${region.id}`}>
          <h2 id={`themes-${region.id}`}>{region.name} region</h2>
          <table className="table">
            <caption className="visually-hidden">Themes of the {region.name} region</caption>
            <thead>
              <tr>
                <th scope="col">Theme</th>
                <th scope="col">Status</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              {region.themes.map((theme) => (
                <tr key={theme.id}>
                  <td>{theme.label}</td>
                  <td>{theme.retired ? <span className="tag tag--grey">Retired</span> : <span className="tag tag--green">In use</span>}</td>
                  <td>
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="regionId" value={region.id} />
                      <input type="hidden" name="themeId" value={theme.id} />
                      <label className="visually-hidden" htmlFor={`rename-${theme.id}`}>
                        New name for {theme.label}
                      </label>
                      <input className="input input--medium" id={`rename-${theme.id}`} name="label" defaultValue={theme.label} maxLength={THEME_LABEL_MAX} />
                      <button type="submit" name="intent" value="rename" className="button button--secondary">
                        Rename<span className="visually-hidden"> {theme.label}</span>
                      </button>
                    </Form>{" "}
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="regionId" value={region.id} />
                      <input type="hidden" name="themeId" value={theme.id} />
                      <button type="submit" name="intent" value={theme.retired ? "restore" : "retire"} className="button button--secondary">
                        {theme.retired ? "Bring back" : "Retire"}
                        <span className="visually-hidden"> {theme.label}</span>
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>Add a theme</h3>
          <Form method="post">
            <input type="hidden" name="intent" value="add" />
            <input type="hidden" name="regionId" value={region.id} />
            <TextField name="label" label="Name of the new theme" hint={`Up to ${THEME_LABEL_MAX} characters.`} maxLength={THEME_LABEL_MAX} width="medium" errors={errors} />
            <button type="submit" className="button">
              Add theme
            </button>
          </Form>
        </section>
      ))}
    </>
  );
}
