import type { ReactNode } from "react";

/** The GOV.UK summary list: a key and its value per row. Rows with a null value are left out. */
export function SummaryList({ rows }: { rows: [key: string, value: ReactNode][] }) {
  return (
    <dl className="summary-list">
      {rows
        .filter(([, value]) => value !== null && value !== undefined)
        .map(([key, value]) => (
          <div className="summary-list__row" key={key}>
            <dt className="summary-list__key">{key}</dt>
            <dd className="summary-list__value">{value}</dd>
          </div>
        ))}
    </dl>
  );
}
