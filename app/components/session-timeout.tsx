import { useFetcher, useLocation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";

/** How long before the idle timeout the warning appears. */
const WARN_BEFORE_MS = 2 * 60_000;

/**
 * Warns before the 30-minute idle timeout and offers "Stay signed in", which extends the
 * session on the server. When time runs out it sends the person to sign in, coming back here.
 */
export function SessionTimeoutWarning({ expiresAt }: { expiresAt: number }) {
  const fetcher = useFetcher<{ expiresAt: number }>();
  const location = useLocation();
  const [deadline, setDeadline] = useState(expiresAt);
  const [nowMs, setNowMs] = useState(() => Date.now());
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => setDeadline(expiresAt), [expiresAt]);
  useEffect(() => {
    if (fetcher.data?.expiresAt) setDeadline(fetcher.data.expiresAt);
  }, [fetcher.data]);
  useEffect(() => {
    const timer = window.setInterval(() => setNowMs(Date.now()), 5_000);
    return () => window.clearInterval(timer);
  }, []);

  const remaining = deadline - nowMs;
  const warning = remaining <= WARN_BEFORE_MS && remaining > 0;

  useEffect(() => {
    if (warning) buttonRef.current?.focus();
  }, [warning]);
  useEffect(() => {
    if (remaining <= 0) {
      const back = location.pathname + location.search;
      window.location.assign(`/sign-in?reason=timeout&redirectTo=${encodeURIComponent(back)}`);
    }
  }, [remaining, location.pathname, location.search]);

  if (!warning) return null;
  const minutes = Math.max(1, Math.ceil(remaining / 60_000));
  return (
    <div className="timeout-warning" role="alertdialog" aria-labelledby="timeout-title" aria-describedby="timeout-body">
      <h2 id="timeout-title">You will be signed out soon</h2>
      <p id="timeout-body">
        You have been inactive for a while. To protect your information you will be signed out in about{" "}
        {minutes} {minutes === 1 ? "minute" : "minutes"}. Anything you have saved is kept.
      </p>
      <fetcher.Form method="post" action="/session/keepalive">
        <button type="submit" className="button" ref={buttonRef}>
          Stay signed in
        </button>
      </fetcher.Form>
    </div>
  );
}
