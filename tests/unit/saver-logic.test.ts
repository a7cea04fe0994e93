import { describe, expect, it } from "vitest";

import {
  classifyResponse,
  draftWorthRestoring,
  initialSaverState,
  localDraftFor,
  localDraftKey,
  mergeDecision,
  nextRequest,
  retryDelay,
  saverReducer,
  statusText,
  type SaverAction,
  type SaverState,
} from "~/components/assessment/saver-logic";

const doc = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

function run(state: SaverState, ...actions: SaverAction[]): SaverState {
  return actions.reduce(saverReducer, state);
}

const edit = (field: string, value: unknown): SaverAction => ({ type: "edit", field, update: () => value });
const ask: SaverAction = { type: "requestSave" };

/** Sends whatever nextRequest says, as the hook does. */
function send(state: SaverState): [SaverState, NonNullable<ReturnType<typeof nextRequest>>] {
  const plan = nextRequest(state);
  if (!plan) throw new Error("expected a request");
  return [saverReducer(state, { type: "sent", stamps: plan.stamps }), plan];
}

const start = () => initialSaverState({ version: 3, values: { "1a": doc("stored"), "1b": [] } });

describe("editing and saving", () => {
  it("sends only the fields that changed, based on the stored version", () => {
    const state = run(start(), edit("1a", doc("mine")), ask);
    const [, plan] = send(state);
    expect(plan).toEqual({ baseVersion: 3, fields: { "1a": doc("mine") }, stamps: { "1a": 1 } });
  });

  it("does nothing until a save is asked for (the 2-second pause, leaving the field or the Save button)", () => {
    const state = run(start(), edit("1a", doc("mine")));
    expect(nextRequest(state)).toBeNull();
    expect(statusText(state)).toBe("Unsaved changes");
  });

  it("applies updates to the latest value, so quick changes never overwrite each other", () => {
    const add = (row: string): SaverAction => ({ type: "edit", field: "1b", update: (rows) => [...(rows as unknown[]), { id: row }] });
    const state = run(start(), add("a"), add("b"));
    expect(state.values["1b"]).toEqual([{ id: "a" }, { id: "b" }]);
  });

  it("keeps one request in flight and queues the next", () => {
    let state = run(start(), edit("1a", doc("one")), ask);
    [state] = send(state);
    expect(statusText(state)).toBe("Saving…");
    state = run(state, edit("1a", doc("two")), ask);
    expect(nextRequest(state)).toBeNull();
    state = run(state, { type: "saved", version: 4, savedAt: Date.UTC(2026, 10, 22, 10, 42), voidedSignatures: 0 });
    // Edited again while in flight: still dirty, and the queued save goes next, on the new version.
    expect(Object.keys(state.dirty)).toEqual(["1a"]);
    const [, plan] = send(state);
    expect(plan.baseVersion).toBe(4);
    expect(plan.fields).toEqual({ "1a": doc("two") });
  });

  it("clears saved fields and reports the time", () => {
    let state = run(start(), edit("1a", doc("mine")), ask);
    [state] = send(state);
    const savedAt = new Date(2026, 10, 22, 10, 42).getTime();
    state = run(state, { type: "saved", version: 4, savedAt, voidedSignatures: 2 });
    expect(state.dirty).toEqual({});
    expect(state.baseVersion).toBe(4);
    expect(state.voidedSignatures).toBe(2);
    expect(statusText(state)).toBe("Saved at 10:42");
  });

  it("sends a cleared field as null", () => {
    const state = run(start(), edit("1c", undefined), ask);
    expect(nextRequest(state)?.fields).toEqual({ "1c": null });
  });
});

describe("failures and retries", () => {
  it("backs off 2, 4, 8, 16 then 30 seconds at most", () => {
    expect([1, 2, 3, 4, 5, 6, 50].map(retryDelay)).toEqual([2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });

  it("says it is retrying and keeps the text dirty", () => {
    let state = run(start(), edit("1a", doc("mine")), ask);
    [state] = send(state);
    state = run(state, { type: "failed" });
    expect(state.phase).toBe("retrying");
    expect(state.failures).toBe(1);
    expect(statusText(state)).toBe("Not saved — retrying");
    // The retry timer (or the online event) asks again.
    state = run(state, ask);
    [state] = send(state);
    state = run(state, { type: "failed" });
    expect(state.failures).toBe(2);
    state = run(state, ask);
    [state] = send(state);
    state = run(state, { type: "saved", version: 4, savedAt: 0, voidedSignatures: 0 });
    expect(state.phase).toBe("idle");
    expect(state.failures).toBe(0);
  });

  it("stops after a refusal until the person edits again", () => {
    let state = run(start(), edit("1a", doc("too long")), ask);
    [state] = send(state);
    state = run(state, { type: "refused", message: "Too long", fieldErrors: { "1a": "Our story is too long" } });
    expect(state.refusal?.fieldErrors["1a"]).toBe("Our story is too long");
    expect(nextRequest(run(state, ask))).toBeNull();
    state = run(state, edit("1a", doc("shorter")), ask);
    expect(nextRequest(state)?.fields).toEqual({ "1a": doc("shorter") });
  });

  it("stops when signed out, and tries again only when the person presses Save", () => {
    let state = run(start(), edit("1a", doc("mine")), ask);
    [state] = send(state);
    state = run(state, { type: "signedOut" });
    expect(nextRequest(run(state, ask, edit("1a", doc("more")), ask))).toBeNull();
    expect(nextRequest(run(state, { type: "requestSave", explicit: true }))).not.toBeNull();
  });
});

describe("conflicts", () => {
  it("decides per field: theirs only, both (clash), or both the same", () => {
    expect(mergeDecision({ "1a": doc("mine"), "1c": [] }, ["1b", "1a", "1c"], { "1a": doc("theirs"), "1b": [{ id: "x" }], "1c": [] })).toEqual({
      takeTheirs: ["1b"],
      clash: ["1a"],
      agreed: ["1c"],
    });
  });

  it("merges silently when the colleague changed other fields, and re-saves mine on their version", () => {
    let state = run(start(), edit("1a", doc("mine")), ask);
    [state] = send(state);
    state = run(state, {
      type: "conflict",
      current: { version: 5, fields: { "1a": doc("stored"), "1b": [{ id: "r1", activity: "Ofsted visit" }] }, savedAt: 1, savedByName: "Sam" },
      changedSince: ["1b"],
    });
    expect(state.phase).toBe("idle");
    expect(state.conflict).toBeNull();
    expect(state.values["1b"]).toEqual([{ id: "r1", activity: "Ofsted visit" }]);
    expect(state.revisions["1b"]).toBe(1);
    const [, plan] = send(state);
    expect(plan).toMatchObject({ baseVersion: 5, fields: { "1a": doc("mine") } });
  });

  it("holds a field both changed, shows both, and saves the others", () => {
    let state = run(start(), edit("1a", doc("mine")), edit("1b", [{ id: "r" }]), ask);
    [state] = send(state);
    state = run(state, {
      type: "conflict",
      current: { version: 6, fields: { "1a": doc("theirs"), "1b": [] }, savedAt: 1, savedByName: "Sam" },
      changedSince: ["1a"],
    });
    expect(state.phase).toBe("conflict");
    expect(state.conflict).toMatchObject({ since: 3, savedByName: "Sam", theirs: { "1a": doc("theirs") } });
    // My text is untouched and still editable.
    expect(state.values["1a"]).toEqual(doc("mine"));
    const [afterSend, plan] = send(state);
    expect(plan).toMatchObject({ baseVersion: 6, fields: { "1b": [{ id: "r" }] } });
    expect(Object.keys(plan.fields)).toEqual(["1b"]);
    state = run(afterSend, { type: "saved", version: 7, savedAt: 2, voidedSignatures: 0 });
    expect(state.phase).toBe("conflict");
    // Editing the held field keeps it held.
    state = run(state, edit("1a", doc("mine, merged")), ask);
    expect(nextRequest(state)).toBeNull();
    // The local copy keeps the older base, so a restore cannot overwrite theirs unseen.
    expect(localDraftFor(state, 9)?.baseVersion).toBe(3);
  });

  it("Keep my version re-saves mine on the current version", () => {
    let state = run(start(), edit("1a", doc("mine")), ask);
    [state] = send(state);
    state = run(state, {
      type: "conflict",
      current: { version: 6, fields: { "1a": doc("theirs") }, savedAt: 1, savedByName: "Sam" },
      changedSince: ["1a"],
    });
    expect(nextRequest(state)).toBeNull();
    state = run(state, { type: "keepMine", field: "1a" });
    expect(state.phase).toBe("idle");
    expect(state.conflict).toBeNull();
    expect(nextRequest(state)).toMatchObject({ baseVersion: 6, fields: { "1a": doc("mine") } });
  });

  it("Use their version replaces mine and forgets my change", () => {
    let state = run(start(), edit("1a", doc("mine")), ask);
    [state] = send(state);
    state = run(state, {
      type: "conflict",
      current: { version: 6, fields: { "1a": doc("theirs") }, savedAt: 1, savedByName: "Sam" },
      changedSince: ["1a"],
    });
    state = run(state, { type: "useTheirs", field: "1a" });
    expect(state.values["1a"]).toEqual(doc("theirs"));
    expect(state.dirty).toEqual({});
    expect(state.revisions["1a"]).toBe(1);
    expect(state.baseVersion).toBe(6);
    expect(nextRequest(run(state, ask))).toBeNull();
  });

  it("treats identical changes on both sides as agreed", () => {
    let state = run(start(), edit("1a", doc("same")), ask);
    [state] = send(state);
    state = run(state, {
      type: "conflict",
      current: { version: 6, fields: { "1a": doc("same") }, savedAt: 1, savedByName: "Sam" },
      changedSince: ["1a"],
    });
    expect(state.phase).toBe("idle");
    expect(state.dirty).toEqual({});
  });
});

describe("reading the server's answer", () => {
  it("maps statuses to actions", () => {
    expect(classifyResponse(200, { ok: true, version: 4, savedAt: 10, savedByName: "Jo", voidedSignatures: 1 })).toEqual({
      type: "saved",
      version: 4,
      savedAt: 10,
      voidedSignatures: 1,
    });
    expect(classifyResponse(401, { ok: false, error: "signed_out" }).type).toBe("signedOut");
    expect(classifyResponse(401, { ok: false, error: "signed_out" })).toEqual({ type: "signedOut" });
    // Signed in but no longer allowed to edit: told apart from a lost session.
    expect(classifyResponse(403, undefined)).toEqual({ type: "signedOut", forbidden: true });
    expect(classifyResponse(404, undefined)).toEqual({ type: "signedOut", forbidden: true });
    expect(classifyResponse(500, undefined).type).toBe("failed");
    expect(classifyResponse(503, { ok: false }).type).toBe("failed");
    expect(classifyResponse(200, undefined, true).type).toBe("signedOut");
    expect(classifyResponse(200, undefined, false).type).toBe("failed");
    expect(classifyResponse(413, { ok: false, error: "too_large", message: "Too big" })).toEqual({ type: "refused", message: "Too big", fieldErrors: {} });
    expect(classifyResponse(400, { ok: false, error: "invalid", message: "Bad", fieldErrors: { "1b": "Row 1 needs a date", x: 3 } })).toEqual({
      type: "refused",
      message: "Bad",
      fieldErrors: { "1b": "Row 1 needs a date" },
    });
    const current = { version: 9, fields: { "1a": doc("x") }, savedAt: 5, savedByName: "Sam" };
    expect(classifyResponse(409, { ok: false, error: "conflict", message: "", current, changedSince: ["1a"] })).toEqual({
      type: "conflict",
      current,
      changedSince: ["1a"],
    });
    expect(classifyResponse(409, { ok: false }).type).toBe("failed");
  });
});

describe("the copy kept in this browser", () => {
  it("holds the dirty fields and their base version, or nothing when all is saved", () => {
    expect(localDraftFor(start(), 1)).toBeNull();
    const state = run(start(), edit("1a", doc("mine")));
    expect(localDraftFor(state, 123)).toEqual({ baseVersion: 3, fields: { "1a": doc("mine") }, at: 123 });
    expect(localDraftKey(42, "1")).toBe("sli:unsaved:42:1");
  });

  it("is offered only for this section's fields that differ from what is saved", () => {
    const stored = { "1a": doc("stored") };
    const raw = (fields: Record<string, unknown>) => JSON.stringify({ baseVersion: 2, fields, at: 5 });
    expect(draftWorthRestoring(null, ["1a"], stored)).toBeNull();
    expect(draftWorthRestoring("not json", ["1a"], stored)).toBeNull();
    expect(draftWorthRestoring(JSON.stringify({ fields: {} }), ["1a"], stored)).toBeNull();
    // Anything that is not a stored copy is ignored, whatever its shape.
    for (const bad of [
      { baseVersion: -1, fields: { "1a": doc("x") }, at: 1 },
      { baseVersion: 1.5, fields: { "1a": doc("x") }, at: 1 },
      { baseVersion: "1", fields: { "1a": doc("x") }, at: 1 },
      { baseVersion: 1, fields: [doc("x")], at: 1 },
      { baseVersion: 1, fields: null, at: 1 },
      { baseVersion: 1, fields: { "1a": doc("x") } },
      [1, 2, 3],
      "a string",
    ]) {
      expect(draftWorthRestoring(JSON.stringify(bad), ["1a"], stored)).toBeNull();
    }
    expect(draftWorthRestoring(JSON.stringify({ baseVersion: 3, fields: { "1a": doc("kept") }, at: 5 }), ["1a"], stored)).toEqual({ baseVersion: 3, fields: { "1a": doc("kept") }, at: 5 });
    expect(draftWorthRestoring(raw({ "1a": doc("stored") }), ["1a"], stored)).toBeNull();
    expect(draftWorthRestoring(raw({ "1a": doc("mine"), "9z": 1 }), ["1a"], stored)).toEqual({
      baseVersion: 2,
      fields: { "1a": doc("mine") },
      at: 5,
    });
  });

  it("restores as dirty fields on the older base version, so a colleague's later save shows as a conflict", () => {
    const state = run(start(), { type: "restore", draft: { baseVersion: 2, fields: { "1a": doc("old draft") } } });
    expect(state.values["1a"]).toEqual(doc("old draft"));
    expect(state.revisions["1a"]).toBe(1);
    expect(nextRequest(state)).toMatchObject({ baseVersion: 2, fields: { "1a": doc("old draft") } });
  });
});
