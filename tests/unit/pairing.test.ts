import { describe, expect, it } from "vitest";

import { directorLoads, pairingWarnings, type Pairing } from "../../app/challenge/pairing";

const pair = (authorityId: number, peerAuthorityId: number, director = `dcs-${peerAuthorityId}`): Pairing => ({ authorityId, peerAuthorityId, director });

describe("pairing warnings", () => {
  it("has nothing to say about a fair round of pairings", () => {
    // Five authorities, each challenged by the next two round the table: two challenges per director.
    const round = [1, 2, 3, 4, 5].flatMap((a) => [pair(a, (a % 5) + 1), pair(a, ((a + 1) % 5) + 1)]);
    expect(pairingWarnings(round, [], 5)).toEqual([]);
  });

  it("flags an authority paired with itself", () => {
    expect(pairingWarnings([pair(5, 5)], [], 4)).toContainEqual({ kind: "self", authorityId: 5 });
  });

  it("flags a reciprocal pair once", () => {
    const warnings = pairingWarnings([pair(1, 2), pair(2, 1)], [], 4);
    expect(warnings.filter((w) => w.kind === "reciprocal")).toEqual([{ kind: "reciprocal", authorityId: 1, peerAuthorityId: 2 }]);
  });

  it("flags a pair repeated from the previous cycle", () => {
    expect(pairingWarnings([pair(1, 2)], [pair(1, 2), pair(3, 4)], 4)).toEqual([{ kind: "repeat", authorityId: 1, peerAuthorityId: 2 }]);
    // The same authorities the other way round is not a repeat.
    expect(pairingWarnings([pair(2, 1)], [pair(1, 2)], 4)).toEqual([]);
  });

  it("flags a director carrying more than a fair share, with the loads", () => {
    const round = [pair(1, 4, "d4"), pair(2, 4, "d4"), pair(3, 4, "d4"), pair(5, 1, "d1")];
    expect(directorLoads(round).get("d4")).toBe(3);
    expect(pairingWarnings(round, [], 4)).toEqual([{ kind: "overload", director: "d4", load: 3, fairShare: 1 }]);
  });
});
