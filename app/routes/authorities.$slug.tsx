import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { getDb } from "../../db/connection.server";
import { requireActor } from "~/auth/actor.server";
import { findAuthorityBySlug, listAuthorityMembers } from "~/models/authority.server";
import { assertCan } from "~/permissions.server";
import { roleLabel } from "~/utils/roles";
import { notFound } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.authority.name ?? "Authority"} — SLI Peer Challenge` },
];

const SlugSchema = z.string().regex(/^[a-z0-9-]{1,80}$/);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const slug = SlugSchema.safeParse(params.slug);
  const db = getDb();
  const authority = slug.success ? await findAuthorityBySlug(db, slug.data) : undefined;
  if (!authority) throw notFound();
  assertCan(actor, "authority.view", { type: "authority", id: authority.id, regionId: authority.region_id });
  const members = await listAuthorityMembers(db, authority.id);
  return json({
    authority: { name: authority.name, onsCode: authority.ons_code },
    members: members.map((m) => ({ ...m, role: roleLabel(m.role) })),
  });
}

export default function AuthorityPage() {
  const { authority, members } = useLoaderData<typeof loader>();
  return (
    <>
      <span className="caption">Authority · ONS code {authority.onsCode}</span>
      <h1>{authority.name}</h1>
      <h2>Members</h2>
      <table className="table">
        <caption className="visually-hidden">People with a role in {authority.name}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email address</th>
            <th scope="col">Role</th>
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.userId}>
              <td>
                {m.name} {m.disabled ? <span className="tag tag--grey">Disabled</span> : null}
              </td>
              <td>{m.email}</td>
              <td>{m.role}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
