import type { ComponentType } from "react";

import type { OptionDefinition } from "~/template/definition";

/** What the section editor gives every kind's editor. */
export interface FieldEditorProps<F> {
  field: F;
  value: unknown;
  /** Bumped when the value was replaced from outside (their version, a restored copy): rich-text editors reload it. */
  revision: number;
  /** The value as stored when the page loaded. */
  storedValue: unknown;
  /** Server-rendered HTML of the rich text at `path`, while it still matches the stored value. */
  serverHtml: (path: string) => string | undefined;
  error: string | undefined;
  /** The control's id, its label's id, and the ids that describe it (hint, error). */
  controlId: string;
  labelledBy: string;
  describedBy: string | undefined;
  onChange: (update: (previous: unknown) => unknown) => void;
  /** The writer's own authority, for cells the template prefills with it. */
  writerAuthority?: string;
}

/** What every kind's read-only view is given. */
export interface FieldViewProps<F> {
  field: F;
  value: unknown;
  /** HTML of the rich text at `path`, given its document. */
  htmlAt: (path: string, doc: unknown) => string | undefined;
  /** Themes and kinds of support, for choices that name them. */
  vocabulary: OptionDefinition[];
}

export interface FieldComponents<F> {
  Editor: ComponentType<FieldEditorProps<F>>;
  View: ComponentType<FieldViewProps<F>>;
  /** True when the kind has one control that the prompt labels with <label for>; otherwise controls use aria-labelledby. */
  labelsOneControl: boolean;
}
