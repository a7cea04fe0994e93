/**
 * JSON from a request, without the keys that reach into JavaScript's object machinery.
 * `__proto__`, `constructor` and `prototype` are never part of anything the app accepts, and a
 * `"constructor": null` makes zod's object check throw (a 500 instead of a clear refusal; found
 * by the fuzz tests), so they are dropped before any schema sees the value. Throws like
 * JSON.parse on text that is not JSON. Shared by browser and server.
 */
const DANGEROUS = new Set(["__proto__", "constructor", "prototype"]);

export function parseUntrustedJson(text: string): unknown {
  return JSON.parse(text, (key, value: unknown) => (DANGEROUS.has(key) ? undefined : value));
}
