/** A list of items: the editor's items with titles and descriptions, and the answer as a numbered list. */
import type { ListField as ListFieldDefinition } from "~/template/definition";

import { asItems } from "../assessment/field-values";
import { ListField } from "../assessment/list-field";
import { Cell, cellText, NotAnswered, RichTextAnswer } from "./answer-parts";
import type { FieldComponents, FieldEditorProps, FieldViewProps } from "./types";

function ListEditor({ field, value, revision, storedValue, serverHtml, onChange }: FieldEditorProps<ListFieldDefinition>) {
  const storedItems = asItems(storedValue);
  return (
    <ListField
      field={field}
      value={value}
      revision={revision}
      onChange={onChange}
      initialHtml={(itemId) => {
        const index = storedItems.findIndex((item) => item.id === itemId);
        return index === -1 ? undefined : serverHtml(`${field.key}/${index}/body`);
      }}
    />
  );
}

function ListView({ field, value, htmlAt, vocabulary }: FieldViewProps<ListFieldDefinition>) {
  const items = asItems(value);
  if (items.length === 0) return <NotAnswered />;
  return (
    <ol className="answer-list">
      {items.map((item, index) => (
        <li className="answer-list__item" key={item.id}>
          <p className="answer-list__title">{item.title?.trim() ? item.title : <span className="not-answered">No title</span>}</p>
          <RichTextAnswer doc={item.body} html={htmlAt(`${field.key}/${index}/body`, item.body)} empty="No description" />
          {(field.itemFields ?? []).length > 0 ? (
            <dl className="answer-list__details">
              {(field.itemFields ?? []).map((column) => (
                <div className="answer-list__detail" key={column.key}>
                  <dt>{column.title}</dt>
                  <dd>
                    <Cell text={cellText(column, item, vocabulary)} />
                  </dd>
                </div>
              ))}
            </dl>
          ) : null}
        </li>
      ))}
    </ol>
  );
}


export const listComponents: FieldComponents<ListFieldDefinition> = { Editor: ListEditor, View: ListView, labelsOneControl: false };
