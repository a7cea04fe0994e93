import { AsyncLocalStorage } from "node:async_hooks";

/**
 * A scratch space that lives for one HTTP request. The server (scripts/server.ts) opens it
 * around each request; the root loader and the route's loaders of a page all run inside it,
 * though Remix hands each of them its own copy of the Request. The server and the app are one
 * bundle, so this module, and its store, exist once.
 */
const store = new AsyncLocalStorage<Map<string, unknown>>();

function storage(): AsyncLocalStorage<Map<string, unknown>> {
  return store;
}

export function runInRequestScope<T>(fn: () => T, values: Record<string, unknown> = {}): T {
  return storage().run(new Map(Object.entries(values)), fn);
}

/** A value the server put in this request's scope (the client's address, say), if any. */
export function requestValue<T>(key: string): T | undefined {
  return storage().getStore()?.get(key) as T | undefined;
}

/** The value cached under `key` for this request, made by `make` the first time; uncached outside a request. */
export function oncePerRequest<T>(key: string, make: () => T): T {
  const scope = storage().getStore();
  if (!scope) return make();
  if (!scope.has(key)) scope.set(key, make());
  return scope.get(key) as T;
}
