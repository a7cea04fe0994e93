/**
 * Small pieces shared by every field of the section editor: the field's frame (prompt as
 * its label, guidance, error), ids, focus after adding or moving rows, and wording helpers.
 */
import type { FocusEvent, ReactNode } from "react";
import { useCallback, useEffect, useRef } from "react";

import type { FieldDefinition, OptionDefinition } from "~/template/definition";

import { FormGroup } from "../forms";

/** Ids used for a field's parts, so labels, hints and errors can point at each other. */
export function fieldIds(fieldKey: string) {
  const base = `field-${fieldKey}`;
  return { wrapper: base, label: `${base}-label`, hint: `${base}-hint`, error: `${base}-error`, control: `${base}-input` };
}

export { describedBy } from "../forms";

interface FieldShellProps {
  field: FieldDefinition;
  error?: string;
  /** Id of a single control the prompt labels with <label for>; otherwise controls use aria-labelledby. */
  labelFor?: string;
  /** Called when focus leaves the field altogether (not when it moves between its controls). */
  onLeave?: () => void;
  children: ReactNode;
}

/** The frame of one field: its prompt as an h2 (also the label), its guidance and any error. */
export function FieldShell({ field, error, labelFor, onLeave, children }: FieldShellProps) {
  const ids = fieldIds(field.key);
  const handleBlur = (event: FocusEvent<HTMLElement>) => {
    if (!onLeave) return;
    const next = event.relatedTarget;
    if (next instanceof Node && event.currentTarget.contains(next)) return;
    onLeave();
  };
  return (
    <FormGroup
      id={ids.wrapper}
      wrapperId={ids.wrapper}
      controlId={labelFor}
      as="heading"
      labelsControl={labelFor !== undefined}
      labelClassName="section-field__prompt"
      className="section-field"
      label={field.prompt}
      hint={field.guidance}
      error={error}
      onBlur={handleBlur}
    >
      {children}
    </FormGroup>
  );
}

/** Text only screen readers read, for context a sighted person gets from the layout. */
export function Hidden({ children }: { children: ReactNode }) {
  return <span className="visually-hidden">{children}</span>;
}

/** "a strength", "an offer". */
export function withArticle(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? "an" : "a"} ${noun}`;
}

export function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const numbers = new Intl.NumberFormat("en-GB");
export function formatNumber(value: number): string {
  return numbers.format(value);
}

/** A new id for a row or list item. */
export function newId(): string {
  if (typeof crypto !== "undefined" && typeof crypto.randomUUID === "function") return crypto.randomUUID();
  // randomUUID needs a secure context (https); fall back to random bytes on plain http.
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** The option's label, with its symbol first when it has one: "↑ Improving". */
export function optionText(option: OptionDefinition): string {
  return option.symbol ? `${option.symbol} ${option.label}` : option.label;
}

/**
 * Move focus to an element (by id) once React has drawn the next render: after adding a
 * row, focus its first input; after moving one, keep focus on the button that moved it.
 */
export function useFocusAfterRender(): (id: string) => void {
  const pending = useRef<string | null>(null);
  useEffect(() => {
    if (!pending.current) return;
    const element = document.getElementById(pending.current);
    pending.current = null;
    element?.focus();
  });
  return useCallback((id: string) => {
    pending.current = id;
  }, []);
}

/** Swap an item with its neighbour; returns a new array. */
export function moveItem<T>(items: readonly T[], index: number, by: -1 | 1): T[] {
  const target = index + by;
  if (target < 0 || target >= items.length) return [...items];
  const copy = [...items];
  [copy[index], copy[target]] = [copy[target], copy[index]];
  return copy;
}

/** Buttons to move or remove row/item `index` (0-based) of `count`; `name` is e.g. "row 2" or "strength 2". */
export function RowActions({
  idPrefix,
  index,
  count,
  name,
  onMove,
  onRemove,
}: {
  idPrefix: string;
  index: number;
  count: number;
  name: string;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  return (
    <div className="row-actions">
      <button type="button" id={`${idPrefix}-up`} className="button button--secondary button--small" disabled={index === 0} onClick={() => onMove(-1)}>
        Move up<Hidden>{` ${name}`}</Hidden>
      </button>
      <button
        type="button"
        id={`${idPrefix}-down`}
        className="button button--secondary button--small"
        disabled={index === count - 1}
        onClick={() => onMove(1)}
      >
        Move down<Hidden>{` ${name}`}</Hidden>
      </button>
      <button type="button" id={`${idPrefix}-remove`} className="button button--warning button--small" onClick={onRemove}>
        Remove<Hidden>{` ${name}`}</Hidden>
      </button>
    </div>
  );
}

/**
 * Where focus goes after a move: the same button, or — when the row reached the end and
 * that button is now disabled — the other move button.
 */
export function focusAfterMove(idPrefix: string, newIndex: number, count: number, by: -1 | 1): string {
  if (by === -1) return newIndex === 0 ? `${idPrefix}-down` : `${idPrefix}-up`;
  return newIndex === count - 1 ? `${idPrefix}-up` : `${idPrefix}-down`;
}
