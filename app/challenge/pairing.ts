/**
 * Pairing peer directors with the assessments they challenge: the warnings the coordinator
 * sees before saving a pairing. Pure, so the pairing page and its tests share it.
 *
 * Only pairing an authority with itself is refused; the rest are warnings, because a small
 * region sometimes has no better choice.
 */
export interface Pairing {
  /** The authority being challenged. */
  authorityId: number;
  /** The authority the peer director comes from. */
  peerAuthorityId: number;
  /** The named director (a person's id), or their email while they are still invited. */
  director: string;
}

export type PairingWarning =
  | { kind: "self"; authorityId: number }
  | { kind: "reciprocal"; authorityId: number; peerAuthorityId: number }
  | { kind: "repeat"; authorityId: number; peerAuthorityId: number }
  | { kind: "overload"; director: string; load: number; fairShare: number };

/** How many challenges each director carries. */
export function directorLoads(pairings: readonly Pairing[]): Map<string, number> {
  const loads = new Map<string, number>();
  for (const pairing of pairings) loads.set(pairing.director, (loads.get(pairing.director) ?? 0) + 1);
  return loads;
}

/**
 * Everything worth telling the coordinator about a cycle's pairings:
 * - "self": an authority paired with itself (refused);
 * - "reciprocal": A challenges B and B challenges A in the same cycle (reported once per pair);
 * - "repeat": the same peer authority challenged this authority in the previous cycle;
 * - "overload": a director carries more than their fair share, the total number of challenges
 *   shared out over the directors available (`directorCount`), rounded up.
 */
export function pairingWarnings(
  pairings: readonly Pairing[],
  previous: readonly Pairing[],
  directorCount: number,
): PairingWarning[] {
  const warnings: PairingWarning[] = [];
  const key = (a: number, b: number) => `${a}→${b}`;
  const current = new Set(pairings.map((p) => key(p.authorityId, p.peerAuthorityId)));
  const before = new Set(previous.map((p) => key(p.authorityId, p.peerAuthorityId)));
  const reported = new Set<string>();
  for (const p of pairings) {
    if (p.authorityId === p.peerAuthorityId) {
      warnings.push({ kind: "self", authorityId: p.authorityId });
      continue;
    }
    const pair = [Math.min(p.authorityId, p.peerAuthorityId), Math.max(p.authorityId, p.peerAuthorityId)].join("-");
    if (current.has(key(p.peerAuthorityId, p.authorityId)) && !reported.has(pair)) {
      reported.add(pair);
      warnings.push({ kind: "reciprocal", authorityId: p.authorityId, peerAuthorityId: p.peerAuthorityId });
    }
    if (before.has(key(p.authorityId, p.peerAuthorityId))) {
      warnings.push({ kind: "repeat", authorityId: p.authorityId, peerAuthorityId: p.peerAuthorityId });
    }
  }
  const fairShare = Math.ceil(pairings.length / Math.max(1, directorCount));
  for (const [director, load] of directorLoads(pairings)) {
    if (load > fairShare) warnings.push({ kind: "overload", director, load, fairShare });
  }
  return warnings;
}
