/**
 * Writing one's own columns in rows someone else writes: the authority's response to each of
 * the peers' recommendations. Each row of the section's owner is shown as it stands, read
 * only, with a control for each of this author's cells. The value is this author's part:
 * rows of `{ id, …their cells }` keyed by the owner's row ids (app/template/parts.ts).
 */
import type { ColumnDefinition, FieldDefinition, OptionDefinition } from "~/template/definition";
import type { CellValue } from "~/template/values";

import { CellControl } from "../assessment/cell-control";
import { asRows } from "../assessment/field-values";
import { cellText, NotAnswered } from "./answer-parts";

type Row = { id: string } & Record<string, unknown>;

export interface OthersColumnsEditorProps {
  /** The field as this author writes it: only their columns. */
  field: FieldDefinition;
  /** The same field as its owner writes it, for showing each row. */
  ownerField: FieldDefinition;
  columns: ColumnDefinition[];
  ownerColumns: ColumnDefinition[];
  /** The owner's rows as they stand. */
  ownerRows: unknown;
  value: unknown;
  vocabulary: OptionDefinition[];
  onChange: (update: (previous: unknown) => unknown) => void;
}

export function OthersColumnsEditor({ field, ownerField, columns, ownerColumns, ownerRows, value, vocabulary, onChange }: OthersColumnsEditorProps) {
  const rows = asRows(ownerRows) as Row[];
  const mine = new Map((asRows(value) as Row[]).map((row) => [row.id, row]));
  if (rows.length === 0) return <NotAnswered>Nothing to respond to yet</NotAnswered>;
  const setCell = (rowId: string, columnKey: string, cell: CellValue | undefined) =>
    onChange((previous) => {
      const current = asRows(previous) as Row[];
      const existing = current.find((row) => row.id === rowId) ?? { id: rowId };
      const next: Row = { ...existing };
      if (cell === undefined) delete next[columnKey];
      else next[columnKey] = cell;
      const others = current.filter((row) => row.id !== rowId);
      // Keep the owner's order, so the saved part reads like the table.
      const all = [...others, next];
      return rows.map((row) => all.find((r) => r.id === row.id)).filter((row): row is Row => row !== undefined && Object.keys(row).length > 1);
    });
  return (
    <ol className="answer-list">
      {rows.map((row, index) => {
        const context = `${ownerField.title.toLowerCase()} ${index + 1}`;
        return (
          <li className="answer-list__item" key={row.id}>
            <dl className="answer-list__details">
              {ownerColumns.map((column) => (
                <div className="answer-list__detail" key={column.key}>
                  <dt>{column.title}</dt>
                  <dd>{cellText(column, row, vocabulary) || <span className="not-answered">Not given</span>}</dd>
                </div>
              ))}
            </dl>
            {columns.map((column) => (
              <CellControl
                key={column.key}
                column={column}
                id={`field-${field.key}-${row.id}-${column.key}`}
                context={context}
                showLabel
                value={mine.get(row.id)?.[column.key] as CellValue | undefined}
                row={mine.get(row.id) ?? { id: row.id }}
                onChange={(cell) => setCell(row.id, column.key, cell)}
              />
            ))}
          </li>
        );
      })}
    </ol>
  );
}
