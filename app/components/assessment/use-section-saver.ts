/**
 * Autosave for one section: sends only the changed fields, one request at a time, retries
 * when the network or server fails, merges a colleague's save when it safely can, and keeps
 * a copy of unsaved changes in this browser. The rules themselves are in saver-logic.ts.
 */
import { useCallback, useEffect, useReducer, useRef, useState } from "react";

import {
  classifyResponse,
  draftWorthRestoring,
  hasUnsaved,
  initialSaverState,
  localDraftFor,
  localDraftKey,
  nextRequest,
  retryDelay,
  saverReducer,
  statusText,
  type LocalDraft,
  type SaveRequestPlan,
  type SaverAction,
  type SaverState,
} from "./saver-logic";

/** Save this long after the person stops typing. */
export const AUTOSAVE_DELAY_MS = 2_000;

export interface SectionSaverOptions {
  assessmentId: number;
  sectionKey: string;
  /** Keys of the fields the editor shows (a stored copy is filtered to these). */
  fieldKeys: readonly string[];
  stored: { version: number; values: Record<string, unknown> };
  /** False for people who may only read: nothing is saved or kept locally. */
  enabled: boolean;
}

export interface SectionSaver {
  state: SaverState;
  /** "Saving…", "Saved at 10:42" … ("" before the first change). */
  status: string;
  /** Change one field, given its previous value (so quick successive changes never overwrite each other). */
  updateField: (field: string, update: (previous: unknown) => unknown) => void;
  /** Save now: the Save button. */
  saveNow: () => void;
  /** The person left a field: save what they wrote. */
  fieldLeft: () => void;
  keepMine: (field: string) => void;
  takeTheirs: (field: string) => void;
  /** Unsaved changes found in this browser from an earlier visit, until restored or discarded. */
  localCopy: LocalDraft | null;
  restoreLocalCopy: () => void;
  discardLocalCopy: () => void;
}

function saveInit(plan: SaveRequestPlan, keepalive = false): RequestInit {
  return {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    credentials: "same-origin",
    keepalive,
    body: JSON.stringify({ intent: "save", baseVersion: plan.baseVersion, fields: plan.fields }),
  };
}

async function postSave(url: string, plan: SaveRequestPlan): Promise<SaverAction> {
  let response: Response;
  try {
    response = await fetch(url, saveInit(plan));
  } catch {
    return { type: "failed" };
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  return classifyResponse(response.status, body, response.redirected);
}

function readStorage(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeStorage(key: string, draft: LocalDraft | null): void {
  try {
    if (draft) window.localStorage.setItem(key, JSON.stringify(draft));
    else window.localStorage.removeItem(key);
  } catch {
    // Storage full or switched off: the server save still works; there is just no local copy.
  }
}

export function useSectionSaver({ assessmentId, sectionKey, fieldKeys, stored, enabled }: SectionSaverOptions): SectionSaver {
  const [state, dispatch] = useReducer(saverReducer, stored, initialSaverState);
  const url = `/api/assessments/${assessmentId}/sections/${sectionKey}`;
  const storageKey = localDraftKey(assessmentId, sectionKey);

  // --- Sending: one request at a time; the next waits until this one has an answer.
  const sending = useRef(false);
  useEffect(() => {
    if (!enabled || sending.current) return;
    const plan = nextRequest(state);
    if (!plan) return;
    sending.current = true;
    dispatch({ type: "sent", stamps: plan.stamps });
    void postSave(url, plan).then((answer) => {
      sending.current = false;
      dispatch(answer);
    });
  }, [enabled, state, url]);

  // --- Autosave after a pause in typing.
  const typingTimer = useRef<ReturnType<typeof setTimeout>>();
  const stopTypingTimer = () => clearTimeout(typingTimer.current);
  useEffect(() => stopTypingTimer, []);

  const updateField = useCallback((field: string, update: (previous: unknown) => unknown) => {
    dispatch({ type: "edit", field, update });
    clearTimeout(typingTimer.current);
    typingTimer.current = setTimeout(() => dispatch({ type: "requestSave" }), AUTOSAVE_DELAY_MS);
  }, []);

  const saveNow = useCallback(() => {
    clearTimeout(typingTimer.current);
    dispatch({ type: "requestSave", explicit: true });
  }, []);

  const fieldLeft = useCallback(() => {
    clearTimeout(typingTimer.current);
    dispatch({ type: "requestSave" });
  }, []);

  const keepMine = useCallback((field: string) => dispatch({ type: "keepMine", field }), []);
  const takeTheirs = useCallback((field: string) => dispatch({ type: "useTheirs", field }), []);

  // --- Retrying after a failure: 2 s, 4 s, 8 s … 30 s, and at once when the connection returns.
  const waitingToRetry = enabled && state.failures > 0 && !state.inFlight && state.phase !== "refused" && state.phase !== "signedOut";
  useEffect(() => {
    if (!waitingToRetry) return;
    const timer = setTimeout(() => dispatch({ type: "requestSave" }), retryDelay(state.failures));
    const online = () => dispatch({ type: "requestSave" });
    window.addEventListener("online", online);
    return () => {
      clearTimeout(timer);
      window.removeEventListener("online", online);
    };
  }, [waitingToRetry, state.failures]);

  // --- The copy kept in this browser.
  const [localCopy, setLocalCopy] = useState<LocalDraft | null>(null);
  const [localChecked, setLocalChecked] = useState(false);
  const fieldKeysRef = useRef(fieldKeys);
  fieldKeysRef.current = fieldKeys;
  const storedValuesRef = useRef(stored.values);

  useEffect(() => {
    if (!enabled) return;
    const found = draftWorthRestoring(readStorage(storageKey), fieldKeysRef.current, storedValuesRef.current);
    if (found) setLocalCopy(found);
    else writeStorage(storageKey, null);
    setLocalChecked(true);
  }, [enabled, storageKey]);

  useEffect(() => {
    if (!enabled || !localChecked) return;
    const current = localDraftFor(state, Date.now());
    if (!localCopy) {
      writeStorage(storageKey, current);
      return;
    }
    // Not yet restored or discarded: keep the old copy, with any newer changes on top.
    writeStorage(storageKey, {
      baseVersion: Math.min(localCopy.baseVersion, current?.baseVersion ?? localCopy.baseVersion),
      fields: { ...localCopy.fields, ...current?.fields },
      at: localCopy.at,
    });
  }, [enabled, localChecked, localCopy, state, storageKey]);

  const restoreLocalCopy = useCallback(() => {
    if (!localCopy) return;
    dispatch({ type: "restore", draft: localCopy });
    setLocalCopy(null);
  }, [localCopy]);

  const discardLocalCopy = useCallback(() => setLocalCopy(null), []);

  // --- Leaving the page (or moving to another section) before the autosave pause is over:
  // send what is waiting, without waiting for the answer. It carries its base version, so a
  // colleague's newer save is never overwritten; the local copy stays until the next visit,
  // when it is dropped if it matches what was saved. (Browsers cap keepalive bodies at 64 kB.)
  const latest = useRef(state);
  latest.current = state;
  useEffect(() => {
    if (!enabled) return;
    const flush = () => {
      const current = latest.current;
      if (current.inFlight || current.phase === "signedOut") return;
      const plan = nextRequest({ ...current, phase: current.phase === "refused" ? "refused" : "idle", saveWanted: true });
      if (!plan) return;
      fetch(url, saveInit(plan, true)).catch(() => undefined);
    };
    const onPageHide = () => flush();
    window.addEventListener("pagehide", onPageHide);
    return () => {
      window.removeEventListener("pagehide", onPageHide);
      flush();
    };
  }, [enabled, url]);

  // --- Warn before leaving with unsaved changes.
  // Signed out, the text is already kept in this browser and leaving (to sign in) loses nothing.
  const unsaved = enabled && hasUnsaved(state) && state.phase !== "signedOut";
  useEffect(() => {
    if (!unsaved) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [unsaved]);

  return {
    state,
    status: statusText(state),
    updateField,
    saveNow,
    fieldLeft,
    keepMine,
    takeTheirs,
    localCopy,
    restoreLocalCopy,
    discardLocalCopy,
  };
}
