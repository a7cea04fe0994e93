import type { ReactNode } from "react";
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
}: FieldProps & {
  type?: "text" | "email" | "password" | "date" | "number";
  autoComplete?: string;
  maxLength?: number;
  required?: boolean;
  width?: "full" | "medium" | "short";
}) {
  const error = errors?.fieldErrors[name];
  const describedBy = [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(" ");
  return (
    <div className={`form-group${error ? " form-group--error" : ""}`}>
      <label className="label" htmlFor={name}>
        {label}
      </label>
      {hint ? (
        <div className="hint" id={`${name}-hint`}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <p className="error-message" id={`${name}-error`}>
          <span className="visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      <input
        className={`input input--${width ?? "full"}${error ? " input--error" : ""}`}
        id={name}
        name={name}
        type={type}
        autoComplete={autoComplete}
        maxLength={maxLength}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        defaultValue={type === "password" ? undefined : (errors?.values[name] ?? defaultValue)}
      />
    </div>
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
  const describedBy = [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(" ");
  return (
    <div className={`form-group${error ? " form-group--error" : ""}`}>
      <label className="label" htmlFor={name}>
        {label}
      </label>
      {hint ? (
        <div className="hint" id={`${name}-hint`}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <p className="error-message" id={`${name}-error`}>
          <span className="visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      <select
        className={`select${error ? " select--error" : ""}`}
        id={name}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        defaultValue={errors?.values[name] ?? defaultValue}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Banner({ children, tone = "success" }: { children: ReactNode; tone?: "success" | "info" }) {
  return (
    <div className={`banner banner--${tone}`} role={tone === "success" ? "status" : undefined}>
      {children}
    </div>
  );
}
