/** A word-level difference between two texts, for "what changed" in a section's history. */
export type DiffPart = { kind: "same" | "added" | "removed"; text: string };

function tokens(text: string): string[] {
  return text.match(/\s+|[^\s]+/g) ?? [];
}

/**
 * Myers' O((N+M)·D) difference algorithm over words and whitespace: fast when two versions
 * differ a little, which is what history mostly shows. Falls back to "all removed, all added"
 * beyond maxEdits so a wholesale rewrite stays cheap.
 */
export function diffWords(before: string, after: string, maxEdits = 2000): DiffPart[] {
  const a = tokens(before);
  const b = tokens(after);
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, maxEdits);
  const offset = max + 1;
  let v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = n === 0 && m === 0;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    const next = v.slice();
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      next[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
    v = next;
  }
  if (!found) {
    return [
      ...(before ? [{ kind: "removed" as const, text: before }] : []),
      ...(after ? [{ kind: "added" as const, text: after }] : []),
    ];
  }
  trace.push(v);
  // Walk back through the trace to recover the edit script.
  const parts: DiffPart[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 2; d >= 0; d--) {
    const vd = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[offset + k - 1]! < vd[offset + k + 1]!) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : vd[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      parts.push({ kind: "same", text: a[--x]! });
      y--;
    }
    if (d > 0) {
      if (x === prevX) parts.push({ kind: "added", text: b[--y]! });
      else parts.push({ kind: "removed", text: a[--x]! });
    }
  }
  while (x > 0 && y > 0) {
    parts.push({ kind: "same", text: a[--x]! });
    y--;
  }
  parts.reverse();
  // Merge neighbours of the same kind.
  const merged: DiffPart[] = [];
  for (const part of parts) {
    const last = merged[merged.length - 1];
    if (last && last.kind === part.kind) last.text += part.text;
    else merged.push({ ...part });
  }
  return merged;
}
