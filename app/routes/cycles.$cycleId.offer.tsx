import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";

import { getDb } from "../../db/connection.server";
import { SelectField } from "~/components/forms";
import { Pager } from "~/components/pager";
import { BoardItem } from "~/components/regional/board-item";
import { CycleSwitcher, RegionalNav } from "~/components/regional/regional-nav";
import { countSubmitted, listCyclesOfRegion } from "~/models/cycle.server";
import { can } from "~/permissions.server";
import { BOARD_PAGE_SIZE, boardQueryString, parseBoardView, SEARCH_MAX_LENGTH } from "~/regional/board-filter";
import { boardFilter, boardPage, boardVocabulary } from "~/regional/board.server";
import { requireRegionalCycle } from "~/regional/cycle-access.server";
import { trendsHrefFor } from "~/regional/links.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Regional offer ${data.cycle.label} — SLI Peer Challenge` : "Regional offer — SLI Peer Challenge" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, cycle } = await requireRegionalCycle(request, params.cycleId);
  const db = getDb();
  const view = parseBoardView(new URL(request.url).searchParams);
  const vocabulary = await boardVocabulary(db, cycle);
  const [page, cycles, counts] = await Promise.all([
    boardPage(db, boardFilter(cycle.id, view, vocabulary), view.page),
    listCyclesOfRegion(db, cycle.regionId),
    countSubmitted(db, cycle.id),
  ]);
  return json({
    cycle: { id: cycle.id, label: cycle.label },
    cycles,
    submitted: counts.submitted,
    authorityCount: counts.total,
    view: { ...view, page: page.page },
    total: page.total,
    pages: page.pages,
    rows: page.rows.map(({ bodyText: _text, ...row }) => row),
    vocabulary,
    coordinator: can(actor, "region.manage", { type: "region", id: cycle.regionId }),
    trendsHref: trendsHrefFor(actor, cycle.regionId, vocabulary.authorities),
  });
}

export default function RegionalOffer() {
  const { cycle, cycles, submitted, authorityCount, view, total, pages, rows, vocabulary, coordinator, trendsHref } = useLoaderData<typeof loader>();
  const label = (list: Array<{ value: string; label: string }>, value: string | null | undefined) => list.find((o) => o.value === value)?.label ?? value ?? "";
  const from = total === 0 ? 0 : (view.page - 1) * BOARD_PAGE_SIZE + 1;
  const to = Math.min(total, view.page * BOARD_PAGE_SIZE);
  const filtered = view.show !== "all" || view.theme || view.support || view.authority || view.q;
  return (
    <>
      <h1>Regional offer {cycle.label}</h1>
      <RegionalNav cycleId={cycle.id} coordinator={coordinator} trendsHref={trendsHref} />
      <p>
        Every offer of good practice and every request for support from the self-assessments submitted this cycle: {submitted} of{" "}
        {authorityCount} authorities so far. Drafts are not included.
      </p>
      <CycleSwitcher cycles={cycles} currentId={cycle.id} page="offer" />
      <Form method="get" className="filters" role="search" aria-label="Offers and requests">
        <div className="filters__search">
          <label className="label" htmlFor="q">
            Search offers and requests
          </label>
          <p className="hint" id="q-hint">
            Words in titles and descriptions. Put a phrase in "quotes"; end a word with * to match its start. Up to {SEARCH_MAX_LENGTH}{" "}
            characters.
          </p>
          <input className="input" type="search" id="q" name="q" defaultValue={view.q} maxLength={SEARCH_MAX_LENGTH} aria-describedby="q-hint" />
        </div>
        <div className="filters__row">
          <SelectField
            name="show"
            label="Show"
            defaultValue={view.show}
            options={[
              { value: "all", label: "Offers and requests" },
              { value: "offer", label: "Offers" },
              { value: "request", label: "Requests" },
            ]}
          />
          <SelectField
            name="theme"
            label="Theme"
            defaultValue={view.theme ?? ""}
            options={[{ value: "", label: "Any theme" }, ...vocabulary.themes.map((t) => ({ value: t.value, label: t.retired ? `${t.label} (retired)` : t.label }))]}
          />
          <SelectField
            name="support"
            label="Kind of support"
            defaultValue={view.support ?? ""}
            options={[{ value: "", label: "Any kind" }, ...vocabulary.supportKinds]}
          />
          <SelectField
            name="authority"
            label="Authority"
            defaultValue={view.authority ?? ""}
            options={[{ value: "", label: "Any authority" }, ...vocabulary.authorities.map((a) => ({ value: a.slug, label: a.name }))]}
          />
        </div>
        <div className="button-group">
          <button type="submit" className="button">
            Apply filters
          </button>
          {filtered ? <Link to={`/cycles/${cycle.id}/offer`}>Clear filters</Link> : null}
        </div>
      </Form>
      <div className="board-summary">
        <p role="status">
          {total === 0 ? "No offers or requests match." : `Showing ${from} to ${to} of ${total} ${total === 1 ? "result" : "results"}${view.q ? `, best match first` : ""}.`}
        </p>
        <p>
          <a href={`/cycles/${cycle.id}/offer/csv${boardQueryString(view, { page: 1 })}`} download>
            Download these {total} as a spreadsheet (CSV)
          </a>{" "}
          ·{" "}
          <a href={`/cycles/${cycle.id}/offer/word${boardQueryString(view, { page: 1 })}`} download>
            as Word (.docx), by theme
          </a>
        </p>
      </div>
      <ol className="board" start={from}>
        {rows.map((row) => (
          <BoardItem
            key={row.id}
            cycleId={cycle.id}
            row={row}
            themeLabel={(t) => label(vocabulary.themes, t)}
            supportLabel={label(vocabulary.supportKinds, row.supportKind)}
          />
        ))}
      </ol>
      <Pager page={view.page} pages={pages} hrefOf={(page) => boardQueryString(view, { page })} label="Pages of results" />
    </>
  );
}
