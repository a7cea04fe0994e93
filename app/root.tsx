import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  Form,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useMatches,
  useRouteLoaderData,
  type ShouldRevalidateFunction,
} from "@remix-run/react";

import { getActor } from "./auth/actor.server";
import { GeneralErrorBoundary } from "./components/error-boundary";
import { Banner } from "./components/forms";
import { useNonce } from "./components/nonce";
import { SessionTimeoutWarning } from "./components/session-timeout";
import { TWO_STEP_PATH } from "./two-step/policy";
import { formatDateTime } from "./utils/format";
import stylesheet from "./styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "SLI Peer Challenge" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  return json({
    actor: actor
      ? {
          name: actor.name,
          email: actor.email,
          isCoordinator: actor.coordinatorOf.length > 0,
          authorityName: actor.memberships[0]?.authorityName ?? null,
          sessionExpiresAt: actor.sessionExpiresAt,
          // A coordinator still within the fortnight to turn on two-step sign-in.
          twoStepRequiredBy: actor.twoStep.requiredBy,
        }
      : null,
  });
}

// Every navigation refreshes the header and the session's expiry time, so the idle warning
// counts from the person's last real action.
export const shouldRevalidate: ShouldRevalidateFunction = () => true;

export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}

function Header() {
  const data = useRootData();
  const actor = data?.actor;
  return (
    <header className="header">
      <div className="header__inner width-container">
        <Link to="/" className="header__product">
          SLI Peer Challenge
        </Link>
        {actor ? (
          <nav aria-label="Account" className="header__account">
            <span className="header__who">
              {actor.name}
              {actor.authorityName ? <span className="header__authority">, {actor.authorityName}</span> : null}
              {actor.isCoordinator ? <span className="header__authority"> — regional coordinator</span> : null}
            </span>
            <Link to="/account/password" className="header__link">
              Change password
            </Link>
            <Link to={TWO_STEP_PATH} className="header__link">
              Two-step sign-in
            </Link>
            <Link to="/account/reminders" className="header__link">
              Email reminders
            </Link>
            <Form method="post" action="/sign-out" className="header__signout">
              <button type="submit" className="link-button header__link">
                Sign out
              </button>
            </Form>
          </nav>
        ) : null}
      </div>
    </header>
  );
}

/**
 * A route whose `handle` says `{ scripts: false }` is a read-only page that works without the
 * app's JavaScript (the full view): loaded as a document it sends none, and so not its data a
 * second time for hydration. Reached by a link inside the app, it renders as any page.
 */
export interface RouteHandle {
  scripts?: boolean;
}

export function Layout({ children }: { children: React.ReactNode }) {
  const nonce = useNonce();
  const scripts = !useMatches().some((match) => (match.handle as RouteHandle | undefined)?.scripts === false);
  return (
    <html lang="en-GB">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a href="#main-content" className="skip-link">
          Skip to main content
        </a>
        <Header />
        <div className="width-container">
          <main id="main-content" className="main" tabIndex={-1}>
            {children}
          </main>
        </div>
        <footer className="footer">
          <div className="width-container">SLI Peer Challenge — sector-led improvement for children's services</div>
        </footer>
        {scripts ? (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : null}
      </body>
    </html>
  );
}

export default function App() {
  const data = useRootData();
  return (
    <>
      {data?.actor ? <SessionTimeoutWarning expiresAt={data.actor.sessionExpiresAt} /> : null}
      {data?.actor?.twoStepRequiredBy ? (
        <Banner tone="info">
          Regional coordinators must use two-step sign-in. <Link to={TWO_STEP_PATH}>Set it up</Link> by{" "}
          {formatDateTime(data.actor.twoStepRequiredBy)}.
        </Banner>
      ) : null}
      <Outlet />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
