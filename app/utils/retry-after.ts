import type { HeadersFunction } from "@remix-run/node";

/** A route's `headers`: passes a throttled action's Retry-After through to the page's response. */
export const passRetryAfter: HeadersFunction = ({ actionHeaders }) => {
  const headers = new Headers();
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};
