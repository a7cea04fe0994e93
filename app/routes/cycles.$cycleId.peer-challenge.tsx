import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { emailSchema } from "~/auth/schemas";
import { getDb } from "../../db/connection.server";
import { PairingError, pairDirector, pairingBoard, unpair, type PairingRefusal } from "~/challenge/pairing.server";
import { requireActor } from "~/auth/actor.server";
import { Banner, ErrorSummary, FormGroup, SelectField, TextField } from "~/components/forms";
import { appUrl, sendMail } from "~/mail.server";
import { findCycle } from "~/models/cycle.server";
import { assertCoordinator } from "~/permissions.server";
import { PEERS_PER_CHALLENGE } from "~/template/definition";
import { formErrorResponse, formMessage, parseForm } from "~/utils/forms.server";
import { STATUS_LABELS, STATUS_TAG } from "~/utils/format";
import { notFound } from "~/utils/http.server";
import { idSchema, parseId } from "~/utils/ids";
import { ROLE_CAPABILITIES, roleLabel } from "~/utils/roles";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Peer challenge ${data.cycle.label} — SLI Peer Challenge` : "Peer challenge — SLI Peer Challenge" },
];

const IdSchema = idSchema();

const PairingSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("pair"),
      assessmentId: IdSchema,
      // "authorityId:userId", from the list of directors.
      director: z.string({ error: "Choose a director" }).regex(/^\d{1,12}:[A-Za-z0-9_-]{1,64}$/, "Choose a director from the list"),
    }),
    z.object({
      intent: z.literal("invite"),
      assessmentId: IdSchema,
      peerAuthorityId: idSchema("Choose the director's authority"),
      email: emailSchema("Enter the director's email address"),
    }),
    z.object({ intent: z.literal("remove"), pairingId: IdSchema }),
  ],
  { error: "Choose what to do" },
);

const REFUSED: Record<PairingRefusal, string> = {
  self: "An authority cannot challenge its own self-assessment: choose a director from another authority.",
  full: `This assessment already has ${PEERS_PER_CHALLENGE} peer directors. Remove one first.`,
  already_paired: "That authority or director is already paired with this assessment.",
  not_in_region: "Choose a director from an authority in this region.",
  unknown_assessment: "That assessment or pairing is not in this cycle.",
};

async function requireCycle(request: Request, cycleIdParam: string | undefined) {
  const actor = await requireActor(request);
  const regionIds = assertCoordinator(actor);
  const id = parseId(cycleIdParam);
  const cycle = id !== null ? await findCycle(getDb(), id) : undefined;
  // Another region's cycle does not exist as far as this coordinator knows.
  if (!cycle || !regionIds.includes(cycle.regionId)) throw notFound();
  return { actor, cycle };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cycle } = await requireCycle(request, params.cycleId);
  const board = await pairingBoard(getDb(), cycle);
  const nameOfAuthority = new Map(board.assessments.map((a) => [a.authorityId, a.authorityName]));
  const directorName = (director: string) =>
    board.pairings.find((p) => (p.userId ?? `invited:${p.invitedEmail ?? p.id}`) === director)?.directorName ??
    director.replace(/^invited:/, "");
  const warnings = board.warnings.map((w) => {
    switch (w.kind) {
      case "self":
        return `${nameOfAuthority.get(w.authorityId)} is paired with itself.`;
      case "reciprocal":
        return `${nameOfAuthority.get(w.authorityId)} and ${nameOfAuthority.get(w.peerAuthorityId)} challenge each other.`;
      case "repeat":
        return `${nameOfAuthority.get(w.peerAuthorityId)} also challenged ${nameOfAuthority.get(w.authorityId)} last cycle.`;
      case "overload":
        return `${directorName(w.director)} has ${w.load} challenges; a fair share is ${w.fairShare}.`;
    }
  });
  return json({
    cycle: { id: cycle.id, label: cycle.label },
    warnings,
    authorities: board.assessments.map((a) => {
      const peers = board.pairings.filter((p) => p.assessmentId === a.id);
      return {
        assessmentId: a.id,
        authorityId: a.authorityId,
        name: a.authorityName,
        status: a.status,
        peers: peers.map((p) => ({
          id: p.id,
          name: p.directorName ?? `${p.invitedEmail} (invited)`,
          authorityName: p.peerAuthorityName,
        })),
        full: peers.length >= PEERS_PER_CHALLENGE,
        // Directors of every other authority; each authority's director of children's services first.
        candidates: board.candidates
          .filter((c) => c.authorityId !== a.authorityId && !peers.some((p) => p.peerAuthorityId === c.authorityId))
          .sort((x, y) => x.authorityName.localeCompare(y.authorityName) || Number(ROLE_CAPABILITIES[y.role].directs) - Number(ROLE_CAPABILITIES[x.role].directs))
          .map((c) => ({ value: `${c.authorityId}:${c.userId}`, label: `${c.name} — ${c.authorityName} (${roleLabel(c.role).toLowerCase()})` })),
      };
    }),
    peerAuthorities: board.assessments.map((a) => ({ value: String(a.authorityId), label: a.authorityName })),
    loads: [...board.loads.entries()]
      .map(([director, load]) => ({ director: directorName(director), load }))
      .sort((x, y) => y.load - x.load || x.director.localeCompare(y.director)),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, cycle } = await requireCycle(request, params.cycleId);
  const form = await parseForm(request, PairingSchema);
  if (!form.ok) return formErrorResponse(form.errors);
  const db = getDb();
  try {
    if (form.data.intent === "remove") {
      const removed = await unpair(db, { cycleId: cycle.id, pairingId: form.data.pairingId, actor });
      return json({ done: `${removed.directorName ?? removed.invitedEmail} no longer challenges this assessment, and cannot open it.` });
    }
    const [peerAuthorityId, director] =
      form.data.intent === "pair"
        ? [Number(form.data.director.split(":")[0]), { userId: form.data.director.split(":")[1]! }]
        : [form.data.peerAuthorityId, { email: form.data.email }];
    const assessmentId = form.data.assessmentId;
    const paired = await pairDirector(db, { cycle, assessmentId, peerAuthorityId, director, actor });
    const board = await pairingBoard(db, cycle);
    const authorityName = board.assessments.find((a) => a.id === assessmentId)?.authorityName ?? "an authority";
    const base = appUrl();
    await sendMail({
      to: paired.email,
      regionId: cycle.regionId,
      subject: `Peer challenge: ${authorityName}'s self-assessment ${cycle.label}`,
      text: [
        `You have been asked to be a peer director for ${authorityName}'s self-assessment ${cycle.label}.`,
        "",
        "You can read the self-assessment once the authority has submitted it, then record the key points and",
        "recommendations of the challenge meeting and sign the challenge off with the other peer director.",
        "",
        paired.invitationToken
          ? `Create your account (the link works once and for 7 days): ${base}/invitations/${paired.invitationToken}`
          : `Sign in to see the assessments you are challenging: ${base}/`,
      ].join("\n"),
    });
    return json({ done: `Paired. We have emailed ${paired.email}${paired.invitationToken ? " an invitation" : ""}.` });
  } catch (error) {
    if (error instanceof PairingError) return formErrorResponse(formMessage(form.formData, REFUSED[error.code]));
    throw error;
  }
}

export default function PeerChallenge() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result && "errors" in result ? result.errors : undefined;
  return (
    <>
      <p>
        <Link to="/cycles">Back to cycles</Link>
      </p>
      {result && "done" in result ? <Banner>{result.done}</Banner> : null}
      <ErrorSummary errors={errors} />
      <span className="caption">{data.cycle.label}</span>
      <h1>Peer challenge</h1>
      <p>
        Pair each authority with {PEERS_PER_CHALLENGE} directors from other authorities. Peers can read the
        self-assessment only once it has been submitted.
      </p>
      {data.warnings.length > 0 ? (
        <div className="banner banner--warning" role="status">
          <h2>Check these pairings</h2>
          <ul>
            {data.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <table className="table">
        <caption>Authorities and their peer directors</caption>
        <thead>
          <tr>
            <th scope="col">Authority</th>
            <th scope="col">Stage</th>
            <th scope="col">Peer directors</th>
            <th scope="col">Add a peer director</th>
          </tr>
        </thead>
        <tbody>
          {data.authorities.map((a) => (
            <tr key={a.assessmentId}>
              <th scope="row">{a.name}</th>
              <td>
                <span className={`tag ${STATUS_TAG[a.status]}`}>{STATUS_LABELS[a.status]}</span>
              </td>
              <td>
                {a.peers.length === 0 ? "None yet" : null}
                <ul className="plain-list">
                  {a.peers.map((p) => (
                    <li key={p.id}>
                      {p.name} ({p.authorityName}){" "}
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="remove" />
                        <input type="hidden" name="pairingId" value={p.id} />
                        <button type="submit" className="button button--secondary button--small">
                          Remove<span className="visually-hidden">{` ${p.name} from ${a.name}`}</span>
                        </button>
                      </Form>
                    </li>
                  ))}
                </ul>
              </td>
              <td>
                {a.full ? (
                  "Both peers chosen"
                ) : (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="pair" />
                    <input type="hidden" name="assessmentId" value={a.assessmentId} />
                    <FormGroup id={`director-${a.assessmentId}`} label={`Peer director for ${a.name}`}>
                      {(control) => (
                        <select {...control} className="select" name="director">
                          {a.candidates.map((c) => (
                            <option key={c.value} value={c.value}>
                              {c.label}
                            </option>
                          ))}
                        </select>
                      )}
                    </FormGroup>{" "}
                    <button type="submit" className="button button--small">
                      Pair<span className="visually-hidden">{` with ${a.name}`}</span>
                    </button>
                  </Form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Directors&apos; load</h2>
      {data.loads.length === 0 ? <p>Nobody is paired yet.</p> : null}
      <ul>
        {data.loads.map((l) => (
          <li key={l.director}>
            {l.director}: {l.load} {l.load === 1 ? "challenge" : "challenges"}
          </li>
        ))}
      </ul>

      <h2>Invite a director who has no account</h2>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="invite" />
        <SelectField
          name="assessmentId"
          label="Authority to challenge"
          errors={errors}
          options={data.authorities.map((a) => ({ value: String(a.assessmentId), label: a.name }))}
        />
        <SelectField name="peerAuthorityId" label="The director's authority" errors={errors} options={data.peerAuthorities} />
        <TextField name="email" type="email" label="The director's email address" autoComplete="off" maxLength={254} errors={errors} />
        <button type="submit" className="button">
          Send the invitation
        </button>
      </Form>
    </>
  );
}
