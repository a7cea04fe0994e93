import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";

import { requireActor } from "~/auth/actor.server";
import { listOutbox } from "~/mail.server";
import { assertCoordinator } from "~/permissions.server";

export const meta: MetaFunction = () => [{ title: "Email outbox — SLI Peer Challenge" }];

/** Emails the app has sent for the coordinator's regions, newest first (the whole text when no SMTP server is set). */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const regionIds = assertCoordinator(actor);
  const messages = await listOutbox(regionIds);
  return json({ messages });
}

export default function Outbox() {
  const { messages } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Email outbox</h1>
      <p>
        When no mail server is set up, emails are kept here instead of being sent, so you can pass on invitation and
        reset links by hand. The newest 100 are shown.
      </p>
      {messages.length === 0 ? <p>No emails yet.</p> : null}
      {messages.map((m) => (
        <article key={m.id} className="card" aria-labelledby={`mail-${m.id}`}>
          <h2 id={`mail-${m.id}`}>{m.subject}</h2>
          <p className="hint">
            To {m.to_address} · {new Date(m.created_at).toLocaleString("en-GB", { timeZone: "Europe/London" })} ·{" "}
            {m.sent_at ? "sent by SMTP" : "not sent (no mail server)"}
          </p>
          <div className="mail-body">{m.body_text}</div>
        </article>
      ))}
    </>
  );
}
