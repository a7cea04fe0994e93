import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";

import { getDb } from "../../db/connection.server";
import { actionLabel, AUDIT_ACTIONS, AUDIT_PAGE_SIZE, auditQueryString, parseAuditView, PERSON_MAX_LENGTH } from "~/audit/audit-view";
import { auditFilter, auditPage } from "~/audit/trail.server";
import { requireActor } from "~/auth/actor.server";
import { Pager } from "~/components/pager";
import { assertCoordinator } from "~/permissions.server";
import { formatDateTime } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Audit trail — SLI Peer Challenge" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const regionIds = assertCoordinator(actor);
  const db = getDb();
  const view = parseAuditView(new URL(request.url).searchParams);
  const page = await auditPage(db, auditFilter(regionIds, view), view.page);
  return json({ view: { ...view, page: page.page }, total: page.total, pages: page.pages, rows: page.rows });
}

export default function AuditTrail() {
  const { view, total, pages, rows } = useLoaderData<typeof loader>();
  const from = total === 0 ? 0 : (view.page - 1) * AUDIT_PAGE_SIZE + 1;
  return (
    <>
      <h1>Audit trail</h1>
      <p>
        Who did what in your region, when, and from which address: sign-ins and failed attempts, roles, invitations, pairings,
        sign-offs, submissions, returns, downloads and imports. Nobody can change or delete these records.
      </p>
      <Form method="get" className="filters" aria-label="Filter the audit trail">
        <div className="filters__row">
          <div className="form-group">
            <label className="label" htmlFor="action">
              What
            </label>
            <select className="select" id="action" name="action" defaultValue={view.action ?? ""}>
              <option value="">Anything</option>
              {AUDIT_ACTIONS.map((a) => (
                <option key={a} value={a}>
                  {actionLabel(a)}
                </option>
              ))}
            </select>
          </div>
          <div className="form-group">
            <label className="label" htmlFor="person">
              Person
            </label>
            <p className="hint" id="person-hint">
              Part of a name or email address.
            </p>
            <input className="input" id="person" name="person" defaultValue={view.person ?? ""} maxLength={PERSON_MAX_LENGTH} aria-describedby="person-hint" />
          </div>
          <div className="form-group">
            <label className="label" htmlFor="from">
              From
            </label>
            <input className="input" type="date" id="from" name="from" defaultValue={view.from ?? ""} />
          </div>
          <div className="form-group">
            <label className="label" htmlFor="to">
              To
            </label>
            <input className="input" type="date" id="to" name="to" defaultValue={view.to ?? ""} />
          </div>
        </div>
        <div className="button-group">
          <button type="submit" className="button">
            Apply filters
          </button>
          <Link to="/admin/audit">Clear filters</Link>
        </div>
      </Form>
      <div className="board-summary">
        <p role="status">{total === 0 ? "No events match." : `Showing ${from} to ${Math.min(total, view.page * AUDIT_PAGE_SIZE)} of ${total} events, newest first.`}</p>
        <p>
          <a href={`/admin/audit/csv${auditQueryString(view, { page: 1 })}`} download>
            Download these {total} as a spreadsheet (CSV)
          </a>
        </p>
      </div>
      <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="audit-caption">
        <table className="table">
          <caption id="audit-caption" className="visually-hidden">
            Audit events
          </caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">About</th>
              <th scope="col">From address</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>{formatDateTime(r.at)}</td>
                <td>{r.actorName ? `${r.actorName} (${r.actorEmail})` : "—"}</td>
                <td>
                  {actionLabel(r.action)}
                  {r.details ? <span className="hint pre-wrap"> {r.details}</span> : null}
                </td>
                <td>{r.subjectName ? `${r.subjectName} (${r.subjectEmail})` : `${r.subjectType} ${r.subjectId}`}</td>
                <td>{r.address ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager page={view.page} pages={pages} hrefOf={(page) => auditQueryString(view, { page })} label="Pages of events" />
    </>
  );
}
