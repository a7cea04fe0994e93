/** Rich text: the TipTap editor, and the answer from the server's HTML. */
import type { RichTextField } from "~/template/definition";
import { richTextMaxChars } from "~/template/shape";

import { RichTextEditor } from "../assessment/rich-text-editor";
import { RichTextAnswer } from "./answer-parts";
import type { FieldComponents, FieldEditorProps, FieldViewProps } from "./types";

function RichTextFieldEditor({ field, value, revision, serverHtml, error, controlId, labelledBy, describedBy, onChange }: FieldEditorProps<RichTextField>) {
  return (
    <RichTextEditor
      id={controlId}
      labelledBy={labelledBy}
      describedBy={describedBy}
      value={value}
      revision={revision}
      initialHtml={serverHtml(field.key)}
      maxChars={richTextMaxChars(field)}
      invalid={!!error}
      onChange={(doc) => onChange(() => doc)}
    />
  );
}

function RichTextView({ field, value, htmlAt }: FieldViewProps<RichTextField>) {
  return <RichTextAnswer doc={value} html={htmlAt(field.key, value)} />;
}

export const richTextComponents: FieldComponents<RichTextField> = { Editor: RichTextFieldEditor, View: RichTextView, labelsOneControl: false };
