import { Form, Link } from "@remix-run/react";

import type { ShownErrors } from "~/components/forms";
import { formatDateTime } from "~/utils/format";

const STAGES: Array<[string, string]> = [
  ["proposed", "Proposed"],
  ["agreed", "Agreed"],
  ["under_way", "Under way"],
  ["done", "Done"],
  ["declined", "Declined"],
];
const STAGE_TAG: Record<string, string> = { proposed: "tag--grey", agreed: "tag--blue", under_way: "tag--yellow", done: "tag--green", declined: "tag--red" };
export const stageLabel = (stage: string) => STAGES.find(([v]) => v === stage)?.[1] ?? stage;

interface LinkEndView {
  authorityName: string;
  item: { id: number; title: string } | null;
}

export interface LinkView {
  id: number;
  stage: string;
  request: LinkEndView;
  offer: LinkEndView;
  notes: Array<{ id: number; stage: string | null; body: string; authorName: string | null; createdAt: number }>;
  canStage: boolean;
  canNote: boolean;
}

function EndLink({ end, cycleId, noun }: { end: LinkEndView; cycleId: number; noun: string }) {
  if (!end.item) return <>{`${end.authorityName}'s ${noun} (withdrawn while their self-assessment is back in draft)`}</>;
  return (
    <>
      <Link to={`/cycles/${cycleId}/offer/${end.item.id}`}>{end.item.title}</Link> from {end.authorityName}
    </>
  );
}

/** One brokered link: the other side, its stage, its dated notes, and what this person can do. */
export function LinkCard({ link, from, cycleId, errors }: { link: LinkView; from: "offer" | "request"; cycleId: number; errors?: ShownErrors }) {
  const other = from === "request" ? link.offer : link.request;
  const headingId = `link-${link.id}-heading`;
  return (
    <article className="card link-card" id={`link-${link.id}`} aria-labelledby={headingId}>
      <h3 id={headingId}>
        <EndLink end={other} cycleId={cycleId} noun={from === "request" ? "offer" : "request"} />
      </h3>
      <p>
        Stage: <span className={`tag ${STAGE_TAG[link.stage] ?? ""}`}>{stageLabel(link.stage)}</span>
      </p>
      <h4>Notes</h4>
      <ol className="plain-list link-notes">
        {link.notes.map((note) => (
          <li key={note.id}>
            <p className="hint">
              {formatDateTime(note.createdAt)} · {note.authorName ?? "Someone no longer here"}
              {note.stage ? ` · moved to ${stageLabel(note.stage).toLowerCase()}` : ""}
            </p>
            <p className="pre-wrap">{note.body}</p>
          </li>
        ))}
      </ol>
      {link.canStage ? (
        <Form method="post" className="inline-form">
          <input type="hidden" name="intent" value="stage" />
          <input type="hidden" name="linkId" value={link.id} />
          <div className="form-group">
            <label className="label" htmlFor={`stage-${link.id}`}>
              Stage
            </label>
            <select className="select" id={`stage-${link.id}`} name="stage" defaultValue={link.stage}>
              {STAGES.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div className="form-group">
            <label className="label" htmlFor={`stage-note-${link.id}`}>
              Note about the change (optional)
            </label>
            <input className="input" id={`stage-note-${link.id}`} name="note" maxLength={2000} />
          </div>
          <button type="submit" className="button button--secondary">
            Change stage
          </button>
        </Form>
      ) : null}
      {link.canNote ? (
        <Form method="post">
          <input type="hidden" name="intent" value="note" />
          <input type="hidden" name="linkId" value={link.id} />
          <div className={`form-group${errors?.fieldErrors.body && errors.values.linkId === String(link.id) ? " form-group--error" : ""}`}>
            <label className="label" htmlFor={`note-${link.id}`}>
              Add a note
            </label>
            <p className="hint" id={`note-${link.id}-hint`}>
              Say how it is going: a date agreed, who is involved, what happened. Up to 2,000 characters.
            </p>
            {errors?.fieldErrors.body && errors.values.linkId === String(link.id) ? (
              <p className="error-message" id={`note-${link.id}-error`}>
                <span className="visually-hidden">Error:</span> {errors.fieldErrors.body}
              </p>
            ) : null}
            <textarea
              className="textarea"
              id={`note-${link.id}`}
              name="body"
              rows={3}
              maxLength={2000}
              aria-describedby={`note-${link.id}-hint`}
              defaultValue={errors?.values.linkId === String(link.id) ? errors.values.body : undefined}
            />
          </div>
          <button type="submit" className="button button--secondary">
            Add note
          </button>
        </Form>
      ) : null}
    </article>
  );
}

export interface SuggestionView {
  id: number;
  title: string;
  authorityName: string;
  reason: string;
  linked: boolean;
}

/** Suggested offers for a request, with why each is suggested; the coordinator links one. */
export function SuggestionList({ cycleId, suggestions, canLink }: { cycleId: number; suggestions: SuggestionView[]; canLink: boolean }) {
  if (suggestions.length === 0) return <p>No offers from other authorities share this request's themes or words yet.</p>;
  return (
    <ol className="suggestions">
      {suggestions.map((s) => (
        <li key={s.id} className="suggestions__item">
          <p>
            <Link to={`/cycles/${cycleId}/offer/${s.id}`}>{s.title}</Link> from {s.authorityName}
          </p>
          <p className="hint">{s.reason}</p>
          {s.linked ? (
            <p>
              <span className="tag tag--grey">Linked</span>
            </p>
          ) : canLink ? (
            <Form method="post">
              <input type="hidden" name="intent" value="link" />
              <input type="hidden" name="offerId" value={s.id} />
              <button type="submit" className="button button--secondary">
                Link this offer<span className="visually-hidden">{`: ${s.title} from ${s.authorityName}`}</span>
              </button>
            </Form>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
