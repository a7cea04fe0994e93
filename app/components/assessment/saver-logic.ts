/**
 * The section editor's saving rules as pure functions: what changed, what to send next,
 * what each answer from the server means, and how to merge a colleague's save with ours.
 * The hook in use-section-saver.ts wires these to fetch, timers and localStorage.
 *
 * Words used here:
 * - dirty field: changed in this browser and not yet confirmed saved. Each change gets a
 *   stamp, so a save only clears a field if it was not changed again while in flight.
 * - held field: both this person and a colleague changed it. It is not sent again until
 *   the person chooses "Keep my version" or "Use their version".
 */
import type { SaveResponse, SectionConflict } from "~/assessment/save-contract";

// ---------------------------------------------------------------------------
// State

export type SaverPhase =
  /** Nothing wrong: saves go out when asked for. */
  | "idle"
  /** The last save failed (network or server error); a retry is scheduled. */
  | "retrying"
  /** A colleague changed fields this person also changed; waiting for their choice. */
  | "conflict"
  /** The server refused the text (400/413); nothing is sent again until the next edit. */
  | "refused"
  /** Signed out or no longer allowed (401/403/404); nothing is sent until they press Save. */
  | "signedOut";

export interface SectionConflictState {
  /** The section version the held fields were based on (kept for the local copy). */
  since: number;
  /** Who saved the colleague's version, and when. */
  savedByName: string | null;
  savedAt: number | null;
  /** Field key → the colleague's value, for each held field. */
  theirs: Record<string, unknown>;
}

export interface SaveRefusal {
  message: string;
  fieldErrors: Record<string, string>;
}

export interface SaverState {
  /** The section version our edits are based on. */
  baseVersion: number;
  /** The value of every field as shown in the editor. */
  values: Record<string, unknown>;
  /** Field key → stamp of its latest unsaved change. */
  dirty: Record<string, number>;
  /** The last stamp given out. */
  stamp: number;
  /** Field key → how many times its value was replaced from outside its control (so the control reloads). */
  revisions: Record<string, number>;
  /** Field key → stamp sent, while a save is in flight. */
  inFlight: Record<string, number> | null;
  /** A save should go out as soon as nothing is in flight. */
  saveWanted: boolean;
  phase: SaverPhase;
  /** Failed attempts in a row, for the retry delay. */
  failures: number;
  /** When our last save was accepted (unix ms). */
  savedAt: number | null;
  conflict: SectionConflictState | null;
  refusal: SaveRefusal | null;
  /** Signatures our saves have voided so far. */
  voidedSignatures: number;
  /** With phase "signedOut": true when the person is signed in but may no longer edit (403/404). */
  forbidden: boolean;
}

export function initialSaverState(stored: { version: number; values: Record<string, unknown> }): SaverState {
  return {
    baseVersion: stored.version,
    values: { ...stored.values },
    dirty: {},
    stamp: 0,
    revisions: {},
    inFlight: null,
    saveWanted: false,
    phase: "idle",
    failures: 0,
    savedAt: null,
    conflict: null,
    refusal: null,
    voidedSignatures: 0,
    forbidden: false,
  };
}

// ---------------------------------------------------------------------------
// Actions

/** A locally kept copy of unsaved changes (see LocalDraft below). */
export interface DraftToRestore {
  baseVersion: number;
  fields: Record<string, unknown>;
}

export type SaverAction =
  | { type: "edit"; field: string; update: (previous: unknown) => unknown }
  | { type: "requestSave"; explicit?: boolean }
  | { type: "sent"; stamps: Record<string, number> }
  | { type: "saved"; version: number; savedAt: number; voidedSignatures: number }
  | { type: "failed" }
  | { type: "conflict"; current: SectionConflict["current"]; changedSince: string[] }
  | { type: "refused"; message: string; fieldErrors: Record<string, string> }
  | { type: "signedOut"; forbidden?: boolean }
  | { type: "keepMine"; field: string }
  | { type: "useTheirs"; field: string }
  | { type: "restore"; draft: DraftToRestore };

// ---------------------------------------------------------------------------
// Helpers

/** Fields with unsaved changes that may be sent now (held fields wait for the person's choice). */
export function sendableFields(state: SaverState): string[] {
  return Object.keys(state.dirty).filter((key) => !(state.conflict && key in state.conflict.theirs));
}

export function hasUnsaved(state: SaverState): boolean {
  return Object.keys(state.dirty).length > 0 || state.inFlight !== null;
}

/** Same JSON (key order included): good enough to spot identical edits from one editor. */
export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** Delay before retry number `failures` (1 → 2 s, 2 → 4 s, 3 → 8 s … at most 30 s). */
export function retryDelay(failures: number): number {
  const exponent = Math.max(0, failures - 1);
  return Math.min(2_000 * 2 ** Math.min(exponent, 10), 30_000);
}

export interface MergeDecision {
  /** Changed only by the colleague: take their value silently. */
  takeTheirs: string[];
  /** Changed by both to different values: the person must choose. */
  clash: string[];
  /** Changed by both to the same value: nothing to save or choose. */
  agreed: string[];
}

/**
 * How to handle a 409: fields the colleague changed that we did not change are taken;
 * fields both changed are a clash unless both ended up identical.
 */
export function mergeDecision(
  mine: Record<string, unknown>,
  changedSince: readonly string[],
  theirs: Record<string, unknown>,
): MergeDecision {
  const decision: MergeDecision = { takeTheirs: [], clash: [], agreed: [] };
  for (const key of new Set(changedSince)) {
    if (!(key in mine)) decision.takeTheirs.push(key);
    else if (sameValue(mine[key], theirs[key])) decision.agreed.push(key);
    else decision.clash.push(key);
  }
  return decision;
}

export interface SaveRequestPlan {
  baseVersion: number;
  /** Only the fields to save. A cleared field is sent as null. */
  fields: Record<string, unknown>;
  stamps: Record<string, number>;
}

/** The save to send now, or null when there is nothing to send or it is not the moment. */
export function nextRequest(state: SaverState): SaveRequestPlan | null {
  if (!state.saveWanted || state.inFlight) return null;
  if (state.phase === "refused" || state.phase === "signedOut") return null;
  const keys = sendableFields(state);
  if (keys.length === 0) return null;
  const fields: Record<string, unknown> = {};
  const stamps: Record<string, number> = {};
  for (const key of keys) {
    fields[key] = state.values[key] ?? null;
    stamps[key] = state.dirty[key];
  }
  return { baseVersion: state.baseVersion, fields, stamps };
}

function without<T>(record: Record<string, T>, keys: Iterable<string>): Record<string, T> {
  const copy = { ...record };
  for (const key of keys) delete copy[key];
  return copy;
}

function bump(revisions: Record<string, number>, keys: Iterable<string>): Record<string, number> {
  const copy = { ...revisions };
  for (const key of keys) copy[key] = (copy[key] ?? 0) + 1;
  return copy;
}

/** After a held field is decided: leave the conflict state once nothing is held. */
function release(state: SaverState, field: string): SaverState {
  if (!state.conflict) return state;
  const theirs = without(state.conflict.theirs, [field]);
  const stillHeld = Object.keys(theirs).length > 0;
  const next: SaverState = {
    ...state,
    conflict: stillHeld ? { ...state.conflict, theirs } : null,
    phase: stillHeld ? "conflict" : state.phase === "conflict" ? "idle" : state.phase,
  };
  return { ...next, saveWanted: sendableFields(next).length > 0 };
}

// ---------------------------------------------------------------------------
// The reducer

export function saverReducer(state: SaverState, action: SaverAction): SaverState {
  switch (action.type) {
    case "edit": {
      const stamp = state.stamp + 1;
      return {
        ...state,
        stamp,
        values: { ...state.values, [action.field]: action.update(state.values[action.field]) },
        dirty: { ...state.dirty, [action.field]: stamp },
        // A refused save may be tried again once the person has changed something.
        phase: state.phase === "refused" ? "idle" : state.phase,
      };
    }

    case "requestSave": {
      let phase = state.phase;
      if (action.explicit && (phase === "refused" || phase === "signedOut")) phase = "idle";
      if (phase === "refused" || phase === "signedOut") return state;
      const next = { ...state, phase };
      if (sendableFields(next).length === 0) return phase === state.phase ? state : next;
      return { ...next, saveWanted: true };
    }

    case "sent":
      return { ...state, inFlight: action.stamps, saveWanted: false };

    case "saved": {
      const sent = state.inFlight ?? {};
      // Clear what was saved, unless it was changed again while the save was in flight.
      const saved = Object.keys(sent).filter((key) => state.dirty[key] === sent[key]);
      return {
        ...state,
        baseVersion: action.version,
        dirty: without(state.dirty, saved),
        inFlight: null,
        phase: state.phase === "retrying" ? "idle" : state.phase,
        failures: 0,
        savedAt: action.savedAt,
        refusal: null,
        voidedSignatures: state.voidedSignatures + action.voidedSignatures,
      };
    }

    case "failed":
      return {
        ...state,
        inFlight: null,
        saveWanted: false,
        phase: state.phase === "conflict" ? "conflict" : "retrying",
        failures: state.failures + 1,
      };

    case "conflict": {
      const { current, changedSince } = action;
      const mine = Object.fromEntries(Object.keys(state.dirty).map((key) => [key, state.values[key]]));
      const decision = mergeDecision(mine, changedSince, current.fields);

      const values = { ...state.values };
      for (const key of decision.takeTheirs) values[key] = current.fields[key];

      const theirs = { ...(state.conflict?.theirs ?? {}) };
      for (const key of decision.clash) theirs[key] = current.fields[key];
      const held = Object.keys(theirs).length > 0;

      const next: SaverState = {
        ...state,
        values,
        baseVersion: current.version,
        dirty: without(state.dirty, decision.agreed),
        revisions: bump(state.revisions, decision.takeTheirs),
        inFlight: null,
        failures: 0,
        phase: held ? "conflict" : "idle",
        conflict: held
          ? {
              since: state.conflict?.since ?? state.baseVersion,
              savedByName: current.savedByName,
              savedAt: current.savedAt,
              theirs,
            }
          : null,
      };
      // Our other changes are re-saved straight away on top of the colleague's version.
      return { ...next, saveWanted: sendableFields(next).length > 0 };
    }

    case "refused":
      return {
        ...state,
        inFlight: null,
        saveWanted: false,
        phase: "refused",
        refusal: { message: action.message, fieldErrors: action.fieldErrors },
      };

    case "signedOut":
      return { ...state, inFlight: null, saveWanted: false, phase: "signedOut", forbidden: action.forbidden ?? false };

    case "keepMine":
      // Our version is saved over theirs, based on the version that holds theirs.
      return release(state, action.field);

    case "useTheirs": {
      if (!state.conflict || !(action.field in state.conflict.theirs)) return state;
      const field = action.field;
      const next: SaverState = {
        ...state,
        values: { ...state.values, [field]: state.conflict.theirs[field] },
        dirty: without(state.dirty, [field]),
        revisions: bump(state.revisions, [field]),
      };
      return release(next, field);
    }

    case "restore": {
      const keys = Object.keys(action.draft.fields);
      if (keys.length === 0) return state;
      let stamp = state.stamp;
      const dirty = { ...state.dirty };
      for (const key of keys) dirty[key] = ++stamp;
      return {
        ...state,
        stamp,
        values: { ...state.values, ...action.draft.fields },
        dirty,
        revisions: bump(state.revisions, keys),
        // The copy may be older than the page: base it on the older version so the
        // server reports anything a colleague changed since, and nothing is overwritten unseen.
        baseVersion: Math.min(state.baseVersion, action.draft.baseVersion),
        phase: state.phase === "refused" ? "idle" : state.phase,
        saveWanted: true,
      };
    }
  }
}

// ---------------------------------------------------------------------------
// Reading the server's answer

/**
 * The action for a response to a save. `body` is the parsed JSON, or undefined when the
 * body was not JSON; `redirected` is true when fetch followed a redirect (to sign-in, say).
 */
export function classifyResponse(status: number, body: unknown, redirected = false): SaverAction {
  const response = (body && typeof body === "object" ? body : {}) as Partial<SaveResponse> & Record<string, unknown>;
  if (status === 401) return { type: "signedOut" };
  // Signed in, but no longer allowed: submitted meanwhile, or the person's role changed.
  if (status === 403 || status === 404) return { type: "signedOut", forbidden: true };
  if (status >= 200 && status < 300) {
    if (response.ok === true && typeof response.version === "number") {
      return {
        type: "saved",
        version: response.version,
        savedAt: typeof response.savedAt === "number" ? response.savedAt : Date.now(),
        voidedSignatures: typeof response.voidedSignatures === "number" ? response.voidedSignatures : 0,
      };
    }
    // A page instead of JSON: we were sent to the sign-in page.
    return redirected ? { type: "signedOut" } : { type: "failed" };
  }
  if (status === 409 && response.error === "conflict" && response.current && typeof response.current === "object") {
    const current = response.current as SectionConflict["current"];
    if (typeof current.version === "number" && current.fields && typeof current.fields === "object") {
      const changedSince = Array.isArray(response.changedSince)
        ? response.changedSince.filter((key): key is string => typeof key === "string")
        : Object.keys(current.fields);
      return { type: "conflict", current, changedSince };
    }
  }
  if (status === 400 || status === 413 || status === 422) {
    const message =
      typeof response.message === "string" && response.message
        ? response.message
        : status === 413
          ? "This section is too long to save. Shorten the text, then try again."
          : "Something in this section could not be saved.";
    const fieldErrors: Record<string, string> = {};
    if (response.fieldErrors && typeof response.fieldErrors === "object") {
      for (const [key, value] of Object.entries(response.fieldErrors)) if (typeof value === "string") fieldErrors[key] = value;
    }
    return { type: "refused", message, fieldErrors };
  }
  // 5xx, 429, a 409 we cannot read, anything else: try again later.
  return { type: "failed" };
}

// ---------------------------------------------------------------------------
// What the person sees

export const STATUS_TEXT = {
  saving: "Saving…",
  retrying: "Not saved — retrying",
  unsaved: "Unsaved changes",
} as const;

export function formatClock(ms: number): string {
  return new Date(ms).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
}

/** The words in the status next to the Save button ("" when there is nothing to say yet). */
export function statusText(state: SaverState): string {
  if (state.inFlight) return STATUS_TEXT.saving;
  if (state.phase === "retrying") return STATUS_TEXT.retrying;
  if (Object.keys(state.dirty).length > 0) return STATUS_TEXT.unsaved;
  if (state.savedAt !== null) return `Saved at ${formatClock(state.savedAt)}`;
  return "";
}

// ---------------------------------------------------------------------------
// The copy kept in this browser

export interface LocalDraft {
  baseVersion: number;
  fields: Record<string, unknown>;
  at: number;
}

/**
 * A stored copy read back from the browser's storage, or null when it is not one. Checked by
 * hand rather than with zod, which would add 50 KB to the editor's JavaScript for three fields.
 */
export function asLocalDraft(json: unknown): LocalDraft | null {
  if (!json || typeof json !== "object" || Array.isArray(json)) return null;
  const { baseVersion, fields, at } = json as Record<string, unknown>;
  if (typeof baseVersion !== "number" || !Number.isInteger(baseVersion) || baseVersion < 0) return null;
  if (!fields || typeof fields !== "object" || Array.isArray(fields)) return null;
  if (typeof at !== "number" || !Number.isFinite(at)) return null;
  return { baseVersion, fields: { ...(fields as Record<string, unknown>) }, at };
}

export function localDraftKey(assessmentId: number, sectionKey: string): string {
  return `sli:unsaved:${assessmentId}:${sectionKey}`;
}

/** The copy to keep locally for the current state, or null when everything is saved. */
export function localDraftFor(state: SaverState, now: number): LocalDraft | null {
  const keys = Object.keys(state.dirty);
  if (keys.length === 0) return null;
  return {
    // While fields are held in a conflict, the edits in them are based on the older version.
    baseVersion: state.conflict ? Math.min(state.conflict.since, state.baseVersion) : state.baseVersion,
    fields: Object.fromEntries(keys.map((key) => [key, state.values[key] ?? null])),
    at: now,
  };
}

/**
 * Read a stored copy: keep only fields this section has and that differ from what is
 * saved. Returns null when there is nothing worth offering.
 */
export function draftWorthRestoring(
  raw: string | null,
  fieldKeys: readonly string[],
  storedValues: Record<string, unknown>,
): LocalDraft | null {
  if (!raw) return null;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return null;
  }
  const draft = asLocalDraft(json);
  if (!draft) return null;
  const fields = Object.fromEntries(
    Object.entries(draft.fields).filter(([key, value]) => fieldKeys.includes(key) && !sameValue(value, storedValues[key])),
  );
  if (Object.keys(fields).length === 0) return null;
  return { ...draft, fields };
}
