/** A date: the browser's date input, and the date in words. */
import type { DateField } from "~/template/definition";

import { NotAnswered, readableDate } from "./answer-parts";
import type { FieldComponents, FieldEditorProps, FieldViewProps } from "./types";

function DateEditor({ value, error, controlId, describedBy, onChange }: FieldEditorProps<DateField>) {
  return (
    <input
      className="input input--date"
      id={controlId}
      type="date"
      value={typeof value === "string" ? value : ""}
      aria-describedby={describedBy}
      aria-invalid={error ? true : undefined}
      onChange={(event) => onChange(() => (event.target.value === "" ? undefined : event.target.value))}
    />
  );
}

function DateView({ value }: FieldViewProps<DateField>) {
  return typeof value === "string" && value ? <p>{readableDate(value)}</p> : <NotAnswered />;
}

export const dateComponents: FieldComponents<DateField> = { Editor: DateEditor, View: DateView, labelsOneControl: true };
