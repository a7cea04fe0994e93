/**
 * The control for one column of a table row or one extra field of a list item, chosen
 * by the column's kind in the template: text, number, choice (one or several), month and
 * year (or "due"), date.
 */
import type { ColumnDefinition } from "~/template/definition";
import { deriveComparison } from "~/template/shape";
import type { CellValue } from "~/template/values";

import { FormGroup } from "../forms";
import { Hidden, describedBy, formatNumber, optionText } from "./field-parts";

export interface CellControlProps {
  column: ColumnDefinition;
  id: string;
  /** Which row or item, for the accessible name: "row 2", "request 1". */
  context: string;
  /** Table cells keep their label for screen readers only; list items show it. */
  showLabel: boolean;
  value: CellValue | undefined;
  /** The whole row, for columns worked out from others. */
  row: Record<string, unknown>;
  error?: string;
  onChange: (value: CellValue | undefined) => void;
}

/** "Activity, row 2" for a table cell (read by screen readers only); "Themes" shown, "for request 1" read, in a list item. */
function LabelText({ column, context, showLabel }: Pick<CellControlProps, "column" | "context" | "showLabel">) {
  if (!showLabel) return <>{`${column.title}, ${context}`}</>;
  return (
    <>
      {column.title}
      <Hidden>{` for ${context}`}</Hidden>
    </>
  );
}

function CellLabel({ column, id, context, showLabel }: Pick<CellControlProps, "column" | "id" | "context" | "showLabel">) {
  return (
    <label className={showLabel ? "label" : "visually-hidden"} htmlFor={id}>
      <LabelText column={column} context={context} showLabel={showLabel} />
    </label>
  );
}

function text(value: CellValue | undefined): string {
  return typeof value === "string" ? value : "";
}

export function CellControl(props: CellControlProps) {
  const { column, id, context, showLabel, value, row, error, onChange } = props;
  const hintId = showLabel && column.hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const described = describedBy(hintId, errorId);
  const invalid = error ? true : undefined;
  const hint = hintId ? (
    <div className="hint" id={hintId}>
      {column.hint}
    </div>
  ) : null;
  const errorMessage = error ? (
    <p className="error-message" id={errorId}>
      <span className="visually-hidden">Error:</span> {error}
    </p>
  ) : null;

  let control: JSX.Element;
  switch (column.kind) {
    case "text":
      control = column.multiline ? (
        <textarea
          className="textarea"
          id={id}
          rows={3}
          maxLength={column.maxLength}
          value={text(value)}
          aria-describedby={described}
          aria-invalid={invalid}
          onChange={(event) => onChange(event.target.value === "" ? undefined : event.target.value)}
        />
      ) : (
        <input
          className="input"
          id={id}
          type="text"
          maxLength={column.maxLength}
          value={text(value)}
          aria-describedby={described}
          aria-invalid={invalid}
          onChange={(event) => onChange(event.target.value === "" ? undefined : event.target.value)}
        />
      );
      break;

    case "number":
      control = (
        <input
          className="input input--number"
          id={id}
          type="number"
          inputMode="decimal"
          step="any"
          min={column.min}
          max={column.max}
          value={typeof value === "number" ? value : ""}
          aria-describedby={described}
          aria-invalid={invalid}
          onChange={(event) => {
            const number = event.target.valueAsNumber;
            onChange(Number.isFinite(number) ? number : undefined);
          }}
        />
      );
      break;

    case "choice": {
      if (column.multiple) {
        return <ChoiceList {...props} hint={hint} errorMessage={errorMessage} described={described} />;
      }
      if (column.derived === "comparisonWithEngland" && typeof row.ourValue === "number" && typeof row.englandAverage === "number") {
        const derived = deriveComparison(row);
        const option = column.options.find((o) => o.value === derived);
        return (
          <div className="cell-derived">
            <span className="cell-derived__value">{option ? optionText(option) : "Not compared"}</span>
            <span className="cell-derived__note">
              Worked out from our value ({formatNumber(row.ourValue)}) and the England average ({formatNumber(row.englandAverage)})
            </span>
          </div>
        );
      }
      control = (
        <select
          className="select"
          id={id}
          value={text(value)}
          aria-describedby={described}
          aria-invalid={invalid}
          onChange={(event) => onChange(event.target.value === "" ? undefined : event.target.value)}
        >
          <option value="">Not chosen</option>
          {column.options.filter((option) => !option.retired || option.value === value).map((option) => (
            <option key={option.value} value={option.value}>
              {optionText(option)}
            </option>
          ))}
        </select>
      );
      break;
    }

    case "monthYear": {
      const due = value === "due";
      control = (
        <div className="cell-month">
          <input
            className="input input--month"
            id={id}
            type="month"
            placeholder="2026-03"
            disabled={due}
            value={due ? "" : text(value)}
            aria-describedby={described}
            aria-invalid={invalid}
            onChange={(event) => onChange(event.target.value === "" ? undefined : event.target.value)}
          />
          {column.allowDue ? (
            <span className="checkbox-inline">
              <input
                type="checkbox"
                id={`${id}-due`}
                checked={due}
                onChange={(event) => onChange(event.target.checked ? "due" : undefined)}
              />
              <label htmlFor={`${id}-due`}>
                Due<Hidden>{` (no date yet) for ${context}`}</Hidden>
              </label>
            </span>
          ) : null}
        </div>
      );
      break;
    }

    case "date":
      control = (
        <input
          className="input input--date"
          id={id}
          type="date"
          value={text(value)}
          aria-describedby={described}
          aria-invalid={invalid}
          onChange={(event) => onChange(event.target.value === "" ? undefined : event.target.value)}
        />
      );
      break;
  }

  if (showLabel) {
    // A list item's field: the same form group as every other field (its ids match `described`).
    return (
      <FormGroup id={id} label={<LabelText column={column} context={context} showLabel />} hint={hintId ? column.hint : undefined} error={error}>
        {control}
      </FormGroup>
    );
  }
  // A table cell: the label is for screen readers only, and the cell itself is the frame.
  return (
    <>
      <CellLabel column={column} id={id} context={context} showLabel={false} />
      {errorMessage}
      {control}
    </>
  );
}

/** Several options may be chosen: a group of checkboxes. */
function ChoiceList({
  column,
  id,
  context,
  showLabel,
  value,
  error,
  onChange,
  hint,
  errorMessage,
  described,
}: CellControlProps & { hint: JSX.Element | null; errorMessage: JSX.Element | null; described?: string }) {
  if (column.kind !== "choice") return null;
  const chosen = Array.isArray(value) ? value : [];
  const most = column.maxSelected;
  const full = most !== undefined && chosen.length >= most;
  const limitId = `${id}-limit`;
  const toggle = (option: string, on: boolean) => {
    // Keep the template's order, whatever order they were ticked in.
    const next = column.options.map((o) => o.value).filter((v) => (v === option ? on : chosen.includes(v)));
    onChange(next.length > 0 ? next : undefined);
  };
  return (
    <fieldset className={`form-group checkbox-group${error ? " form-group--error" : ""}`} aria-describedby={describedBy(described, most ? limitId : null)}>
      <legend className={showLabel ? "label" : "visually-hidden"}>
        <LabelText column={column} context={context} showLabel={showLabel} />
      </legend>
      {hint}
      {most !== undefined ? (
        <p className="hint" id={limitId}>
          {full ? `You have chosen ${most}, the most allowed. Untick one to choose another.` : `Choose up to ${most}.`}
        </p>
      ) : null}
      {errorMessage}
      <div className="checkboxes">
        {column.options.map((option) => {
          const optionId = `${id}-${option.value}`;
          const checked = chosen.includes(option.value);
          // A retired theme stays on the answers that chose it, and is offered to nobody else.
          if (option.retired && !checked) return null;
          return (
            <div className="checkboxes__item" key={option.value}>
              <input
                type="checkbox"
                id={optionId}
                checked={checked}
                disabled={full && !checked}
                onChange={(event) => toggle(option.value, event.target.checked)}
              />
              <label htmlFor={optionId}>{optionText(option)}</label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
