/**
 * The app's one source of "now". Tests move time with Vitest's fake Date
 * (vi.setSystemTime), which this follows; nothing else in the app reads the clock directly.
 */
export function now(): number {
  return Date.now();
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
