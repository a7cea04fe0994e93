import { Link } from "@remix-run/react";

import { Highlighted } from "./highlighted";

export interface BoardItemRow {
  id: number;
  kind: "offer" | "request";
  title: string;
  titleMatch: string | null;
  snippet: string | null;
  bodyHtml: string;
  supportKind: string | null;
  authorityName: string;
  themes: string[];
}

/** One offer or request on the board: what it is, whose, its themes, and its description. */
export function BoardItem({ cycleId, row, themeLabel, supportLabel }: { cycleId: number; row: BoardItemRow; themeLabel: (key: string) => string; supportLabel: string }) {
  return (
    <li className="board__item">
      <h2 className="board__title">
        <Link to={`/cycles/${cycleId}/offer/${row.id}`}>{row.titleMatch ? <Highlighted text={row.titleMatch} /> : row.title}</Link>
      </h2>
      <p className="board__meta">
        <span className={`tag ${row.kind === "offer" ? "tag--green" : "tag--blue"}`}>{row.kind === "offer" ? "Offer" : "Request"}</span>{" "}
        from <strong>{row.authorityName}</strong>
        {supportLabel ? <> · {supportLabel}</> : null}
      </p>
      {row.themes.length > 0 ? (
        <ul className="theme-list" aria-label="Themes">
          {row.themes.map((t) => (
            <li key={t} className="tag tag--grey">
              {themeLabel(t)}
            </li>
          ))}
        </ul>
      ) : null}
      {row.snippet ? (
        <p className="board__snippet">
          <span className="visually-hidden">Matching words: </span>
          <Highlighted text={row.snippet} />
        </p>
      ) : null}
      {/* Rendered on the server from checked TipTap JSON at submission: escaped text, safe links. */}
      <div className="rich-text board__body" dangerouslySetInnerHTML={{ __html: row.bodyHtml }} />
    </li>
  );
}
