/**
 * A section's answers, read only, laid out like the familiar Word form: for the print view,
 * the history pages, people who may only read, and "their version" in a conflict.
 *
 * Rich text is shown from HTML the server rendered from validated TipTap JSON (or, in a
 * conflict, HTML generated in the browser from the same JSON) — never HTML a person typed.
 */
import type { FieldDefinition, OptionDefinition, SectionDefinition } from "~/template/definition";
import { answerFields } from "~/template/shape";

import { componentsOf } from "../fields";

export { cellText, NotAnswered, plainText } from "../fields/answer-parts";

export interface SectionViewProps {
  section: SectionDefinition;
  values: Record<string, unknown>;
  /** Server-rendered HTML of each rich-text value, by path ("1a", "1d/0/body"). */
  html: Record<string, string>;
  themes: OptionDefinition[];
  supportKinds: OptionDefinition[];
}

export function SectionView({ section, values, html, themes, supportKinds }: SectionViewProps) {
  const fields = answerFields(section);
  return (
    <div className="section-view">
      {fields.map((field) => (
        <div className="section-view__field" key={field.key} id={`answer-${field.key}`}>
          <h3 className="section-view__prompt">{field.prompt}</h3>
          <FieldAnswer field={field} value={values[field.key]} htmlAt={(path) => html[path]} themes={themes} supportKinds={supportKinds} />
        </div>
      ))}
    </div>
  );
}

export interface FieldAnswerProps {
  field: FieldDefinition;
  value: unknown;
  /** HTML of the rich text at `path`, given its document. */
  htmlAt: (path: string, doc: unknown) => string | undefined;
  themes: OptionDefinition[];
  supportKinds: OptionDefinition[];
}

/** One field's answer, read only, in its kind's own view. */
export function FieldAnswer({ field, value, htmlAt, themes, supportKinds }: FieldAnswerProps) {
  const { View } = componentsOf(field);
  return <View field={field} value={value} htmlAt={htmlAt} vocabulary={[...themes, ...supportKinds]} />;
}

