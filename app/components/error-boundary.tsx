import { Link, isRouteErrorResponse, useRouteError } from "@remix-run/react";

const MESSAGES: Record<number, { title: string; body: string }> = {
  400: { title: "There is a problem with that request", body: "Check what you entered and try again." },
  403: {
    title: "You do not have permission to see this page",
    body: "If you think you should, ask your authority's lead or your regional coordinator.",
  },
  404: { title: "Page not found", body: "Check the address, or go back to your home page." },
  409: { title: "Someone else changed this first", body: "Reload the page to see the latest version." },
  413: { title: "That is too large to save", body: "Shorten the text or split it up, then try again." },
  429: { title: "Too many attempts", body: "Wait a few minutes, then try again." },
};

/** The one error page: thrown 403/404/409 responses and unexpected failures, shown to people plainly. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const known = MESSAGES[status] ?? {
    title: "Sorry, something went wrong",
    body: "Your work up to the last save is safe. Try again in a moment.",
  };
  if (!isRouteErrorResponse(error)) console.error(error);
  return (
    <div className="error-page">
      <h1>{known.title}</h1>
      <p>{status === 403 && isRouteErrorResponse(error) && typeof error.data === "string" && error.data.length < 300 ? error.data : known.body}</p>
      <p>
        <Link to="/">Go to your home page</Link>
      </p>
      <p className="hint">Error code {status}</p>
    </div>
  );
}
