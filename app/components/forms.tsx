import type { FocusEvent, ReactNode } from "react";
import { useEffect, useRef } from "react";

export interface ShownErrors {
  fieldErrors: Record<string, string>;
  formErrors: string[];
  values: Record<string, string>;
}

/** The GOV.UK-style summary at the top of a failed form; takes focus so screen readers announce it. */
export function ErrorSummary({ errors }: { errors?: ShownErrors }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (errors) ref.current?.focus();
  }, [errors]);
  if (!errors) return null;
  const fieldEntries = Object.entries(errors.fieldErrors);
  if (fieldEntries.length === 0 && errors.formErrors.length === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby="error-summary-title">
      <h2 className="error-summary__title" id="error-summary-title">
        There is a problem
      </h2>
      <ul className="error-summary__list">
        {errors.formErrors.map((message) => (
          <li key={message}>{message}</li>
        ))}
        {fieldEntries.map(([field, message]) => (
          <li key={field}>
            <a href={`#${field}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** What a form group hands its control so the label, hint and error are tied to it. */
export interface ControlProps {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
}

export interface FormGroupProps {
  /** Base of the group's ids: the hint is `${id}-hint`, the error `${id}-error`, a text or heading label `${id}-label`. */
  id: string;
  /** The control's id when it is not `id` itself. */
  controlId?: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  /**
   * How the label is shown: "label" — a <label for> the control; "legend" — a fieldset whose
   * legend names a group of radios or checkboxes; "text" — a paragraph the control names itself
   * by (aria-labelledby); "heading" — an h2 (a question in the section editor) naming a group of
   * controls, or one control through a <label for> inside it when `labelsControl` is set.
   */
  as?: "label" | "legend" | "text" | "heading";
  labelsControl?: boolean;
  labelClassName?: string;
  className?: string;
  /** The wrapper's own id, e.g. to link to a field from an error summary. */
  wrapperId?: string;
  onBlur?: (event: FocusEvent<HTMLElement>) => void;
  children: ReactNode | ((control: ControlProps) => ReactNode);
}

/** Ids of the hint and error that describe a control, for aria-describedby. */
export function describedBy(...ids: Array<string | false | null | undefined>): string | undefined {
  const joined = ids.filter(Boolean).join(" ");
  return joined || undefined;
}

/**
 * The one form group: a label (or legend, or question heading), an optional hint, an error
 * with its visually hidden "Error:" prefix, and the control, tied together by ids. Every field
 * of every form uses it, so labels, hints and errors look and read the same everywhere.
 */
export function FormGroup({
  id,
  controlId = id,
  label,
  hint,
  error,
  as = "label",
  labelsControl = false,
  labelClassName,
  className,
  wrapperId,
  onBlur,
  children,
}: FormGroupProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const control: ControlProps = {
    id: controlId,
    ...(describedBy(hintId, errorId) ? { "aria-describedby": describedBy(hintId, errorId) } : {}),
    ...(error ? { "aria-invalid": true as const } : {}),
  };
  const classes = `form-group${className ? ` ${className}` : ""}${error ? " form-group--error" : ""}`;
  const labelElement =
    as === "label" ? (
      <label className={labelClassName ?? "label"} htmlFor={controlId}>
        {label}
      </label>
    ) : as === "legend" ? (
      <legend className={labelClassName ?? "label"}>{label}</legend>
    ) : as === "text" ? (
      <p className={labelClassName ?? "label"} id={`${id}-label`}>
        {label}
      </p>
    ) : (
      // tabIndex -1: focus can be moved here after a choice removes the button that had it.
      <h2 className={labelClassName ?? "label"} id={`${id}-label`} tabIndex={-1}>
        {labelsControl ? (
          <label className="section-field__label" htmlFor={controlId}>
            {label}
          </label>
        ) : (
          label
        )}
      </h2>
    );
  const body = (
    <>
      {labelElement}
      {hint ? (
        <div className="hint" id={hintId}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <p className="error-message" id={errorId}>
          <span className="visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      {typeof children === "function" ? children(control) : children}
    </>
  );
  return as === "legend" ? (
    <fieldset className={classes} id={wrapperId} onBlur={onBlur} aria-describedby={control["aria-describedby"]}>
      {body}
    </fieldset>
  ) : (
    <div className={classes} id={wrapperId} onBlur={onBlur}>
      {body}
    </div>
  );
}

interface FieldProps {
  name: string;
  label: string;
  hint?: ReactNode;
  errors?: ShownErrors;
  defaultValue?: string;
}

export function TextField({
  name,
  label,
  hint,
  errors,
  defaultValue,
  type = "text",
  autoComplete,
  maxLength,
  required,
  width,
  inputMode,
}: FieldProps & {
  type?: "text" | "email" | "password" | "date" | "number";
  autoComplete?: string;
  inputMode?: "numeric" | "text";
  maxLength?: number;
  required?: boolean;
  width?: "full" | "medium" | "short";
}) {
  const error = errors?.fieldErrors[name];
  return (
    <FormGroup id={name} label={label} hint={hint} error={error}>
      {(control) => (
        <input
          {...control}
          className={`input input--${width ?? "full"}${error ? " input--error" : ""}`}
          name={name}
          type={type}
          autoComplete={autoComplete}
          maxLength={maxLength}
          required={required}
          inputMode={inputMode}
          spellCheck={inputMode === "numeric" ? false : undefined}
          defaultValue={type === "password" ? undefined : (errors?.values[name] ?? defaultValue)}
        />
      )}
    </FormGroup>
  );
}

export function TextareaField({ name, label, hint, errors, defaultValue, maxLength }: FieldProps & { maxLength?: number }) {
  const error = errors?.fieldErrors[name];
  return (
    <FormGroup id={name} label={label} hint={hint} error={error}>
      {(control) => (
        <textarea
          {...control}
          className={`textarea${error ? " textarea--error" : ""}`}
          name={name}
          maxLength={maxLength}
          defaultValue={errors?.values[name] ?? defaultValue}
        />
      )}
    </FormGroup>
  );
}

export function SelectField({
  name,
  label,
  hint,
  errors,
  defaultValue,
  options,
}: FieldProps & { options: { value: string; label: string }[] }) {
  const error = errors?.fieldErrors[name];
  return (
    <FormGroup id={name} label={label} hint={hint} error={error}>
      {(control) => (
        <select {...control} className={`select${error ? " select--error" : ""}`} name={name} defaultValue={errors?.values[name] ?? defaultValue}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FormGroup>
  );
}

export function Banner({ children, tone = "success" }: { children: ReactNode; tone?: "success" | "info" }) {
  return (
    <div className={`banner banner--${tone}`} role={tone === "success" ? "status" : undefined}>
      {children}
    </div>
  );
}
