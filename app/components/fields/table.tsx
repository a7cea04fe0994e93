/** A table: the editor's rows of cells, and the answer as a table. */
import type { TableField as TableFieldDefinition } from "~/template/definition";

import { asRows } from "../assessment/field-values";
import { TableField } from "../assessment/table-field";
import { Cell, cellText, NotAnswered } from "./answer-parts";
import type { FieldComponents, FieldEditorProps, FieldViewProps } from "./types";

function TableEditor({ field, value, onChange, writerAuthority }: FieldEditorProps<TableFieldDefinition>) {
  return <TableField field={field} value={value} onChange={onChange} writerAuthority={writerAuthority} />;
}

function TableView({ field, value, vocabulary }: FieldViewProps<TableFieldDefinition>) {
  const rows = asRows(value).filter((row) => field.columns.some((column) => cellText(column, row) !== ""));
  if (rows.length === 0) return <NotAnswered />;
  return (
    <table className="table answer-table">
      <caption className="visually-hidden">{field.title}</caption>
      <thead>
        <tr>
          {field.columns.map((column) => (
            <th scope="col" key={column.key}>
              {column.title}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id}>
            {field.columns.map((column) => (
              <td key={column.key}>
                <Cell text={cellText(column, row, vocabulary)} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}


export const tableComponents: FieldComponents<TableFieldDefinition> = { Editor: TableEditor, View: TableView, labelsOneControl: false };
