/** A table field: typed rows the person can add, remove and reorder. */
import type { TableField as TableFieldDefinition } from "~/template/definition";
import type { CellValue, TableRow } from "~/template/values";

import { carriedColumns } from "~/template/carry-forward";

import { cellText } from "../fields/answer-parts";
import { CellControl } from "./cell-control";
import { asRows } from "./field-values";
import { Hidden, fieldIds, focusAfterMove, moveItem, newId, RowActions, upperFirst, useFocusAfterRender, withArticle } from "./field-parts";

export function TableField({
  field,
  value,
  onChange,
  writerAuthority,
}: {
  field: TableFieldDefinition;
  value: unknown;
  onChange: (update: (previous: unknown) => unknown) => void;
  /** Prefilled into columns the template marks `prefill: "writerAuthority"` when a row is added. */
  writerAuthority?: string;
}) {
  const rows = asRows(value);
  const ids = fieldIds(field.key);
  const focusLater = useFocusAfterRender();
  const full = field.maxRows !== undefined && rows.length >= field.maxRows;
  const limitId = `${ids.wrapper}-limit`;
  const rowPrefix = (row: TableRow) => `${ids.wrapper}-${row.id}`;
  const cellId = (row: TableRow, columnKey: string) => `${rowPrefix(row)}-${columnKey}`;

  const change = (update: (rows: TableRow[]) => TableRow[]) => onChange((previous) => update(asRows(previous)));

  const setCell = (rowId: string, columnKey: string, cell: CellValue | undefined) =>
    change((current) =>
      current.map((row) => {
        if (row.id !== rowId) return row;
        const next: TableRow = { ...row };
        if (cell === undefined) delete next[columnKey];
        else next[columnKey] = cell;
        return next;
      }),
    );

  const addRow = () => {
    const row: TableRow = { id: newId() };
    for (const column of field.columns) if (column.prefill === "writerAuthority" && writerAuthority) row[column.key] = writerAuthority;
    change((current) => [...current, row]);
    focusLater(cellId(row, field.columns[0].key));
  };

  const removeRow = (index: number) => {
    change((current) => current.filter((_, i) => i !== index));
    const neighbour = rows[index + 1] ?? rows[index - 1];
    focusLater(neighbour ? `${rowPrefix(neighbour)}-remove` : `${ids.wrapper}-add`);
  };

  const moveRow = (index: number, by: -1 | 1) => {
    change((current) => moveItem(current, index, by));
    focusLater(focusAfterMove(rowPrefix(rows[index]), index + by, rows.length, by));
  };

  // Rows carried forward from last cycle are fixed, and their copied cells read only.
  const carried = carriedColumns(field);
  const fixedRows = field.carryForward !== undefined;
  return (
    <div className="editor-table" role="group" aria-labelledby={ids.label}>
      {rows.length === 0 ? (
        <p className="hint">
          {fixedRows ? `No ${field.rowName.plural} to carry forward from last cycle.` : `No ${field.rowName.plural} added yet.`}
        </p>
      ) : (
        <div className="table-scroll">
          <table className="table editor-table__table">
            <caption className="visually-hidden">{field.title}</caption>
            <thead>
              <tr>
                <th scope="col" className="editor-table__number">
                  <Hidden>{upperFirst(field.rowName.singular)} number</Hidden>
                </th>
                {field.columns.map((column) => (
                  <th scope="col" key={column.key}>
                    {column.title}
                    {column.hint ? <span className="editor-table__hint">{column.hint}</span> : null}
                  </th>
                ))}
                {fixedRows ? null : (
                  <th scope="col">
                    <Hidden>Actions</Hidden>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, index) => (
                <tr key={row.id}>
                  <td className="editor-table__number">{index + 1}</td>
                  {field.columns.map((column) => (
                    <td key={column.key}>
                      {carried.includes(column.key) ? (
                        <span className="answer-cell">{cellText(column, row)}</span>
                      ) : (
                        <CellControl
                          column={column}
                          id={cellId(row, column.key)}
                          context={`row ${index + 1}`}
                          showLabel={false}
                          value={row[column.key]}
                          row={row}
                          onChange={(cell) => setCell(row.id, column.key, cell)}
                        />
                      )}
                    </td>
                  ))}
                  {fixedRows ? null : (
                    <td>
                      <RowActions
                        idPrefix={rowPrefix(row)}
                        index={index}
                        count={rows.length}
                        name={`row ${index + 1}`}
                        onMove={(by) => moveRow(index, by)}
                        onRemove={() => removeRow(index)}
                      />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {fixedRows ? null : (
        <button
          type="button"
          id={`${ids.wrapper}-add`}
          className="button button--secondary"
          disabled={full}
          aria-describedby={full ? limitId : undefined}
          onClick={addRow}
        >
          Add {withArticle(field.rowName.singular)}
        </button>
      )}
      {full ? (
        <p className="hint" id={limitId}>
          You have added {field.maxRows} {field.rowName.plural}, the most allowed. Remove one to add another.
        </p>
      ) : null}
    </div>
  );
}
