import { describe, expect, it } from "vitest";

import { diffWords } from "../../app/assessment/diff";

function rebuild(parts: ReturnType<typeof diffWords>) {
  return {
    before: parts.filter((p) => p.kind !== "added").map((p) => p.text).join(""),
    after: parts.filter((p) => p.kind !== "removed").map((p) => p.text).join(""),
  };
}

describe("diffWords", () => {
  it("marks the words that changed and keeps the rest", () => {
    const parts = diffWords("the cat sat on the mat", "the dog sat on the mat today");
    expect(parts).toEqual([
      { kind: "same", text: "the " },
      { kind: "removed", text: "cat" },
      { kind: "added", text: "dog" },
      { kind: "same", text: " sat on the mat" },
      { kind: "added", text: " today" },
    ]);
  });

  it("always rebuilds both texts exactly", () => {
    const pairs: [string, string][] = [
      ["", "all new"],
      ["all gone", ""],
      ["same", "same"],
      ["one two three four", "zero one three four five"],
      ["a\nb\n\nc", "a\nc\n\nb"],
    ];
    for (const [before, after] of pairs) expect(rebuild(diffWords(before, after))).toEqual({ before, after });
  });

  it("stays cheap on a wholesale rewrite by falling back to removed-then-added", () => {
    const before = Array.from({ length: 5000 }, (_, i) => `old${i}`).join(" ");
    const after = Array.from({ length: 5000 }, (_, i) => `new${i}`).join(" ");
    const parts = diffWords(before, after, 100);
    expect(parts).toEqual([
      { kind: "removed", text: before },
      { kind: "added", text: after },
    ]);
  });
});
