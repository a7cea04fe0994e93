/**
 * The section editor, generated from the template: one control per field kind, autosave
 * with conflict handling (use-section-saver.ts), and a read-only layout for people who may
 * only read. The route renders the page heading (the section title); fields use h2.
 */
import { generateHTML } from "@tiptap/core";
import { memo, useCallback, type ReactNode } from "react";

import type { FieldDefinition, OptionDefinition, SectionDefinition } from "~/template/definition";
import { answerFields } from "~/template/shape";
import { richTextExtensions } from "~/richtext/extensions";
import type { JSONContent } from "@tiptap/core";
import { formatDateTime } from "~/utils/format";

import { FieldShell, Hidden, describedBy, fieldIds, useFocusAfterRender } from "./field-parts";
import { fieldColumns } from "~/template/shape";

import { componentsOf } from "../fields";
import { OthersColumnsEditor } from "../fields/others-columns";
import { formatClock, type SaverState, type SectionConflictState } from "./saver-logic";
import { FieldAnswer } from "./section-view";
import { useSectionSaver } from "./use-section-saver";

export interface SectionEditorProps {
  assessmentId: number;
  section: SectionDefinition;
  themes: OptionDefinition[];
  supportKinds: OptionDefinition[];
  stored: { version: number; values: Record<string, unknown>; updatedAt: number | null; updatedByName: string | null };
  /** Server-rendered HTML of every rich-text value, by path: "1a", "1d/0/body". */
  html: Record<string, string>;
  /** False: the same layout, read only. */
  canEdit: boolean;
  /** Live signatures on sign-offs that cover this section: a saved edit voids them. */
  signaturesActive: number;
  /**
   * When the person writes their own columns in rows someone else owns (the authority's
   * responses): the section as its owner wrote it, read only, for the rows to respond to.
   * `section` is then the person's part (app/template/parts.ts: partSection).
   */
  owner?: { section: SectionDefinition; values: Record<string, unknown> };
  /** The writer's own authority, for cells the template prefills with it (who raised a key point). */
  writerAuthority?: string;
}

type Update = (previous: unknown) => unknown;

export function SectionEditor(props: SectionEditorProps) {
  const { assessmentId, section, themes, supportKinds, stored, html, canEdit, signaturesActive, owner, writerAuthority } = props;
  const fields = answerFields(section);
  const saver = useSectionSaver({
    assessmentId,
    sectionKey: section.key,
    fieldKeys: fields.map((field) => field.key),
    stored,
    enabled: canEdit,
  });
  const { state } = saver;
  const focusLater = useFocusAfterRender();

  // After a choice or a restore the buttons pressed disappear: move focus somewhere sensible.
  const keepMine = useCallback(
    (key: string) => {
      saver.keepMine(key);
      focusLater(fieldIds(key).label);
    },
    [saver.keepMine, focusLater],
  );
  const takeTheirs = useCallback(
    (key: string) => {
      saver.takeTheirs(key);
      focusLater(fieldIds(key).label);
    },
    [saver.takeTheirs, focusLater],
  );

  if (fields.length === 0) return null;

  if (!canEdit) {
    return (
      <div className="section-editor section-editor--read-only">
        <p className="hint">You can read this section but not change it.</p>
        {fields.map((field) => (
          <FieldShell key={field.key} field={field}>
            <FieldAnswer field={field} value={stored.values[field.key]} htmlAt={(path) => html[path]} themes={themes} supportKinds={supportKinds} />
          </FieldShell>
        ))}
      </div>
    );
  }

  const restore = () => {
    const first = fields.find((field) => saver.localCopy && field.key in saver.localCopy.fields);
    saver.restoreLocalCopy();
    if (first) focusLater(fieldIds(first.key).label);
  };
  const discard = () => {
    saver.discardLocalCopy();
    focusLater(fieldIds(fields[0].key).label);
  };

  return (
    <div className="section-editor">
      <SignatureBanner active={signaturesActive} voided={state.voidedSignatures} />
      {saver.localCopy ? <LocalCopyBanner at={saver.localCopy.at} onRestore={restore} onDiscard={discard} /> : null}
      {state.conflict ? <ConflictBanner conflict={state.conflict} fields={fields} /> : null}
      {state.refusal ? <RefusalSummary message={state.refusal.message} fieldErrors={state.refusal.fieldErrors} fields={fields} /> : null}

      {fields.map((field) => (
        <EditorField
          key={field.key}
          field={field}
          value={state.values[field.key]}
          revision={state.revisions[field.key] ?? 0}
          storedValue={stored.values[field.key]}
          html={html}
          error={state.refusal?.fieldErrors[field.key]}
          conflict={state.conflict && field.key in state.conflict.theirs ? state.conflict : null}
          themes={themes}
          supportKinds={supportKinds}
          owner={owner}
          writerAuthority={writerAuthority}
          updateField={saver.updateField}
          fieldLeft={saver.fieldLeft}
          keepMine={keepMine}
          takeTheirs={takeTheirs}
        />
      ))}

      <SaveBar
        fields={fields}
        state={state}
        status={saver.status}
        onSave={saver.saveNow}
        lastSaved={stored.updatedAt !== null && state.savedAt === null ? { at: stored.updatedAt, by: stored.updatedByName } : null}
      />
    </div>
  );
}

// ---------------------------------------------------------------------------
// One field

interface EditorFieldProps {
  field: FieldDefinition;
  value: unknown;
  /** Bumped when the value was replaced from outside (their version, a restored copy): rich-text editors reload it. */
  revision: number;
  storedValue: unknown;
  html: Record<string, string>;
  error: string | undefined;
  /** Set while this field is held in a conflict. */
  conflict: SectionConflictState | null;
  themes: OptionDefinition[];
  supportKinds: OptionDefinition[];
  owner: SectionEditorProps["owner"];
  writerAuthority?: string;
  updateField: (field: string, update: Update) => void;
  fieldLeft: () => void;
  keepMine: (field: string) => void;
  takeTheirs: (field: string) => void;
}

const EditorField = memo(function EditorField(props: EditorFieldProps) {
  const { field, conflict, error, fieldLeft, keepMine, takeTheirs } = props;
  const ids = fieldIds(field.key);
  const control = <FieldControl {...props} />;
  return (
    <FieldShell field={field} error={error} labelFor={componentsOf(field).labelsOneControl ? ids.control : undefined} onLeave={fieldLeft}>
      {/* The control keeps its place in the tree whether or not a conflict is shown, so the editor is never rebuilt mid-sentence. */}
      <div className={conflict ? "conflict-compare" : "section-field__body"}>
        {conflict ? <TheirVersion field={field} conflict={conflict} themes={props.themes} supportKinds={props.supportKinds} /> : null}
        <div className={conflict ? "conflict-compare__side conflict-compare__side--mine" : undefined}>
          {conflict ? <h3 className="conflict-compare__heading">Your version</h3> : null}
          {control}
        </div>
        {conflict ? (
          <div className="button-group conflict-compare__choices">
            <button type="button" className="button" onClick={() => keepMine(field.key)}>
              Keep my version<Hidden>{` of “${field.title}”`}</Hidden>
            </button>
            <button type="button" className="button button--secondary" onClick={() => takeTheirs(field.key)}>
              Use their version<Hidden>{` of “${field.title}”`}</Hidden>
            </button>
          </div>
        ) : null}
      </div>
    </FieldShell>
  );
});

function FieldControl({ field, value, revision, storedValue, html, error, owner, themes, supportKinds, writerAuthority, updateField }: EditorFieldProps) {
  const ids = fieldIds(field.key);
  const ownerField = owner?.section.fields.find((f) => f.key === field.key);
  if (owner && ownerField) {
    return (
      <OthersColumnsEditor
        field={field}
        ownerField={ownerField}
        columns={fieldColumns(field)}
        ownerColumns={fieldColumns(ownerField)}
        ownerRows={owner.values[field.key]}
        value={value}
        vocabulary={[...themes, ...supportKinds]}
        onChange={(update) => updateField(field.key, update)}
      />
    );
  }
  const { Editor } = componentsOf(field);
  return (
    <Editor
      field={field}
      value={value}
      revision={revision}
      storedValue={storedValue}
      // Server HTML matches the stored value only until the value is replaced from outside.
      serverHtml={(path) => (revision === 0 ? html[path] : undefined)}
      error={error}
      controlId={ids.control}
      labelledBy={ids.label}
      describedBy={describedBy(field.guidance && ids.hint, error && ids.error)}
      onChange={(update) => updateField(field.key, update)}
      writerAuthority={writerAuthority}
    />
  );
}

// ---------------------------------------------------------------------------
// Conflicts

const generatedHtml = new WeakMap<object, string>();

/** HTML of a colleague's rich text, made in the browser from its JSON with the shared extensions. */
function htmlInBrowser(_path: string, doc: unknown): string | undefined {
  if (!doc || typeof doc !== "object") return undefined;
  const cached = generatedHtml.get(doc);
  if (cached !== undefined) return cached;
  try {
    const made = generateHTML(doc as JSONContent, richTextExtensions);
    generatedHtml.set(doc, made);
    return made;
  } catch {
    return undefined;
  }
}

/**
 * The colleague's version of a field both changed, with what happened. Inserted as a new
 * alert (so screen readers announce it, their text included) beside the person's own
 * editor, which stays where it was.
 */
function TheirVersion({
  field,
  conflict,
  themes,
  supportKinds,
}: {
  field: FieldDefinition;
  conflict: SectionConflictState;
  themes: OptionDefinition[];
  supportKinds: OptionDefinition[];
}) {
  return (
    <div className="conflict-compare__side conflict-compare__side--theirs" role="alert">
      <p className="conflict-compare__what">
        <strong>{conflictHeadline(conflict)}.</strong> You both changed this answer. Their version is saved; yours is not yet. Copy anything
        you need from one to the other, then choose which version to keep.
      </p>
      <h3 className="conflict-compare__heading">Their version</h3>
      <div className="conflict-compare__theirs">
        <FieldAnswer field={field} value={conflict.theirs[field.key]} htmlAt={htmlInBrowser} themes={themes} supportKinds={supportKinds} />
      </div>
    </div>
  );
}

/** "Sam Smith saved this section at 10:42 while you were editing" */
function conflictHeadline(conflict: SectionConflictState): string {
  const who = conflict.savedByName ?? "Someone else";
  const when = conflict.savedAt ? ` at ${formatClock(conflict.savedAt)}` : "";
  return `${who} saved this section${when} while you were editing`;
}

/** Links to every field waiting for a choice (at the top of the page and in the save bar). */
function HeldFieldLinks({ conflict, fields }: { conflict: SectionConflictState; fields: FieldDefinition[] }) {
  const held = fields.filter((field) => field.key in conflict.theirs);
  return (
    <ul className="conflict-links">
      {held.map((field) => (
        <li key={field.key}>
          <a href={`#${fieldIds(field.key).wrapper}`}>{field.title}</a>
        </li>
      ))}
    </ul>
  );
}

function ConflictBanner({ conflict, fields }: { conflict: SectionConflictState; fields: FieldDefinition[] }) {
  const count = Object.keys(conflict.theirs).length;
  return (
    <div className="banner banner--warning conflict-panel">
      <h2 className="conflict-panel__title">
        {count === 1 ? "1 answer needs" : `${count} answers need`} your choice before it can be saved
      </h2>
      <p>
        {conflict.savedByName ?? "Someone else"} changed {count === 1 ? "an answer" : "answers"} you were also changing. Nothing has been lost:
        their version is shown next to yours.
      </p>
      <HeldFieldLinks conflict={conflict} fields={fields} />
    </div>
  );
}

// ---------------------------------------------------------------------------
// Banners and the save bar

function SignatureBanner({ active, voided }: { active: number; voided: number }) {
  if (voided > 0) {
    return (
      <div className="banner banner--info">
        <p>
          Your changes voided {voided === 1 ? "1 signature" : `${voided} signatures`}. The self-assessment must be signed again before it
          can be submitted.
        </p>
      </div>
    );
  }
  if (active === 0) return null;
  return (
    <div className="banner banner--warning">
      <p>
        <strong>Editing will void the {active === 1 ? "signature" : `${active} signatures`} on this assessment.</strong> Anyone who has signed
        will need to sign again.
      </p>
    </div>
  );
}

function whenText(ms: number): string {
  const then = new Date(ms);
  const today = new Date();
  const time = formatClock(ms);
  if (then.toDateString() === today.toDateString()) return time;
  return `${then.toLocaleDateString("en-GB", { weekday: "long", day: "numeric", month: "long" })} at ${time}`;
}

function LocalCopyBanner({ at, onRestore, onDiscard }: { at: number; onRestore: () => void; onDiscard: () => void }) {
  return (
    <div className="banner banner--info local-copy" role="region" aria-labelledby="local-copy-title">
      <h2 className="local-copy__title" id="local-copy-title">
        You have changes from {whenText(at)} that were not saved
      </h2>
      <p>They were kept in this browser. Restore them to carry on where you left off, or discard them to keep the section as it is saved now.</p>
      <div className="button-group">
        <button type="button" className="button" onClick={onRestore}>
          Restore my changes
        </button>
        <button type="button" className="button button--secondary" onClick={onDiscard}>
          Discard them
        </button>
      </div>
    </div>
  );
}

function RefusalSummary({ message, fieldErrors, fields }: { message: string; fieldErrors: Record<string, string>; fields: FieldDefinition[] }) {
  const listed = fields.filter((field) => fieldErrors[field.key]);
  const messageIsListed = listed.some((field) => fieldErrors[field.key] === message);
  return (
    <div className="error-summary" role="alert">
      <h2 className="error-summary__title">Your changes have not been saved</h2>
      {messageIsListed ? null : <p>{message}</p>}
      {listed.length > 0 ? (
        <ul className="error-summary__list">
          {listed.map((field) => (
            <li key={field.key}>
              <a href={`#${fieldIds(field.key).wrapper}`}>
                {field.title}: {fieldErrors[field.key]}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      <p>Your text is still here. Change it and it will be saved again.</p>
    </div>
  );
}

function SaveBar({
  fields,
  state,
  status,
  onSave,
  lastSaved,
}: {
  fields: FieldDefinition[];
  state: SaverState;
  status: string;
  onSave: () => void;
  lastSaved: { at: number; by: string | null } | null;
}) {
  let shown: ReactNode = status;
  if (state.phase === "signedOut" && state.forbidden) {
    shown = (
      <>
        This section can no longer be edited — it may have been submitted, or your role changed. Your text is kept in
        this browser. <a href="">Reload the page</a> to see where things stand.
      </>
    );
  } else if (state.phase === "signedOut") {
    const here = typeof window === "undefined" ? "/" : `${window.location.pathname}${window.location.search}`;
    shown = (
      <>
        Your session has ended — your text is kept in this browser.{" "}
        <a href={`/sign-in?redirectTo=${encodeURIComponent(here)}`}>
          Sign in again to save it.
        </a>
      </>
    );
  }
  return (
    <div className="save-bar no-print">
      <button type="button" className="button save-bar__button" onClick={onSave}>
        Save
      </button>
      <p className={`save-bar__status${state.phase === "signedOut" ? " save-bar__status--problem" : ""}`} role="status" aria-live="polite">
        {shown}
      </p>
      {state.conflict ? (
        <div className="save-bar__conflict">
          <span>Choose a version to keep for:</span>
          <HeldFieldLinks conflict={state.conflict} fields={fields} />
        </div>
      ) : null}
      {lastSaved ? (
        <p className="save-bar__last">
          Last saved{lastSaved.by ? ` by ${lastSaved.by}` : ""} on {formatDateTime(lastSaved.at)}
        </p>
      ) : null}
    </div>
  );
}
