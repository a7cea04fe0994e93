/**
 * The HTTP answers routes throw. Only routes (and the permissions module, which routes call)
 * speak HTTP; models and domain modules throw domain errors that routes map to these.
 */

/** 404: the thing does not exist, or the person may not know that it does. */
export function notFound(): Response {
  return new Response("Not found", { status: 404, statusText: "Not Found" });
}

/** 403 with the reason shown on the error page. */
export function forbidden(reason: string): Response {
  return new Response(reason, { status: 403, statusText: "Forbidden" });
}

/** 409: the thing moved on (a colleague submitted, signed or reopened it first). */
export function conflict(reason: string): Response {
  return new Response(reason, { status: 409, statusText: "Conflict" });
}
