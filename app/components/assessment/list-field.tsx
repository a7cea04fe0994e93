/**
 * A list field (strengths, priorities, offers, requests): up to maxItems items, each with a
 * title, a rich-text description and the list's own extra fields (kind of support, themes).
 */
import type { ListField as ListFieldDefinition } from "~/template/definition";
import { listBodyMaxChars, LIST_TITLE_MAX_LENGTH } from "~/template/shape";
import { emptyDoc } from "~/richtext/doc";
import type { CellValue, ListItem } from "~/template/values";

import { CellControl } from "./cell-control";
import { FormGroup } from "../forms";
import { asItems } from "./field-values";
import { Hidden, fieldIds, focusAfterMove, moveItem, newId, RowActions, upperFirst, useFocusAfterRender, withArticle } from "./field-parts";
import { RichTextEditor } from "./rich-text-editor";

export function ListField({
  field,
  value,
  onChange,
  initialHtml,
  revision,
}: {
  field: ListFieldDefinition;
  value: unknown;
  /** Bumped when the whole list was replaced from outside: descriptions reload. */
  revision: number;
  onChange: (update: (previous: unknown) => unknown) => void;
  /** Server HTML of an item's stored description, by item id. */
  initialHtml: (itemId: string) => string | undefined;
}) {
  const items = asItems(value);
  const ids = fieldIds(field.key);
  const focusLater = useFocusAfterRender();
  const { singular, plural } = field.itemName;
  const full = items.length >= field.maxItems;
  const countId = `${ids.wrapper}-count`;
  const limitId = `${ids.wrapper}-limit`;
  const itemPrefix = (item: ListItem) => `${ids.wrapper}-${item.id}`;

  const change = (update: (items: ListItem[]) => ListItem[]) => onChange((previous) => update(asItems(previous)));

  const setPart = (itemId: string, key: string, part: CellValue | ListItem["body"] | undefined) =>
    change((current) =>
      current.map((item) => {
        if (item.id !== itemId) return item;
        const next: ListItem = { ...item };
        if (part === undefined) delete next[key];
        else next[key] = part;
        return next;
      }),
    );

  const addItem = () => {
    const item: ListItem = { id: newId(), title: "", body: emptyDoc() };
    change((current) => [...current, item]);
    focusLater(`${itemPrefix(item)}-title`);
  };

  const removeItem = (index: number) => {
    change((current) => current.filter((_, i) => i !== index));
    const neighbour = items[index + 1] ?? items[index - 1];
    focusLater(neighbour ? `${itemPrefix(neighbour)}-remove` : `${ids.wrapper}-add`);
  };

  const moveListItem = (index: number, by: -1 | 1) => {
    change((current) => moveItem(current, index, by));
    focusLater(focusAfterMove(itemPrefix(items[index]), index + by, items.length, by));
  };

  return (
    <div className="editor-list" role="group" aria-labelledby={ids.label}>
      <p className="editor-list__count" id={countId} aria-live="polite">
        {items.length} of {field.maxItems} {plural}
      </p>
      {items.length > 0 ? (
        <ol className="editor-list__items">
          {items.map((item, index) => {
            const prefix = itemPrefix(item);
            const name = `${singular} ${index + 1}`;
            return (
              <li key={item.id} className="editor-list__item">
                <h3 className="editor-list__heading" id={`${prefix}-heading`}>
                  {upperFirst(name)}
                </h3>
                <FormGroup
                  id={`${prefix}-title`}
                  label={
                    <>
                      Title<Hidden>{` of ${name}`}</Hidden>
                    </>
                  }
                >
                  {(control) => (
                    <input
                      {...control}
                      className="input"
                      type="text"
                      maxLength={LIST_TITLE_MAX_LENGTH}
                      value={item.title ?? ""}
                      onChange={(event) => setPart(item.id, "title", event.target.value)}
                    />
                  )}
                </FormGroup>
                <FormGroup
                  id={`${prefix}-body`}
                  as="text"
                  label={
                    <>
                      Description<Hidden>{` of ${name}`}</Hidden>
                    </>
                  }
                >
                  <RichTextEditor
                    id={`${prefix}-body`}
                    labelledBy={`${prefix}-body-label`}
                    value={item.body}
                    revision={revision}
                    initialHtml={initialHtml(item.id)}
                    maxChars={listBodyMaxChars(field)}
                    onChange={(doc) => setPart(item.id, "body", doc)}
                  />
                </FormGroup>
                {(field.itemFields ?? []).map((column) => (
                  <CellControl
                    key={column.key}
                    column={column}
                    id={`${prefix}-${column.key}`}
                    context={name}
                    showLabel
                    value={item[column.key] as CellValue | undefined}
                    row={item}
                    onChange={(cell) => setPart(item.id, column.key, cell)}
                  />
                ))}
                <RowActions
                  idPrefix={prefix}
                  index={index}
                  count={items.length}
                  name={name}
                  onMove={(by) => moveListItem(index, by)}
                  onRemove={() => removeItem(index)}
                />
              </li>
            );
          })}
        </ol>
      ) : null}
      <button
        type="button"
        id={`${ids.wrapper}-add`}
        className="button button--secondary"
        disabled={full}
        aria-describedby={full ? limitId : countId}
        onClick={addItem}
      >
        Add {withArticle(singular)}
      </button>
      {full ? (
        <p className="hint" id={limitId}>
          You have added {field.maxItems} {field.maxItems === 1 ? singular : plural}, the most allowed. Remove one to add another.
        </p>
      ) : null}
    </div>
  );
}
