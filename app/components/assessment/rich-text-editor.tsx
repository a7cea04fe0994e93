/**
 * One rich-text answer: a TipTap editor with a small formatting toolbar and a character
 * count. Until the editor has started in the browser (server render, first paint, no
 * JavaScript) the server's HTML of the stored answer is shown in its place.
 */
import type { Editor } from "@tiptap/core";
import { EditorContent, useEditor, useEditorState } from "@tiptap/react";
import { useEffect, useMemo, useRef, useState } from "react";

import { countCharacters, emptyDoc, type RichTextDoc } from "~/richtext/doc";
import { richTextExtensions } from "~/richtext/extensions";
import { isAllowedHref } from "~/richtext/links";
import { transformPastedHTML } from "~/richtext/paste";

import { formatNumber } from "./field-parts";

export interface RichTextEditorProps {
  /** Base for this editor's ids. */
  id: string;
  /** Id of the visible label (the prompt). */
  labelledBy: string;
  /** Ids of the guidance and any error. */
  describedBy?: string;
  value: unknown;
  /**
   * Bumped when `value` was replaced from outside (a colleague's version, a restored copy):
   * the editor then loads it in place, keeping focus. Otherwise the editor owns its content.
   */
  revision?: number;
  /** Server HTML of the stored value, shown until the editor starts. */
  initialHtml?: string;
  maxChars: number;
  invalid?: boolean;
  onChange: (doc: RichTextDoc) => void;
}

function asDoc(value: unknown): RichTextDoc {
  return value && typeof value === "object" && (value as { type?: unknown }).type === "doc" ? (value as RichTextDoc) : emptyDoc();
}

const LINK_HELP = "Links must start with https://, http:// or mailto:";

export function RichTextEditor({ id, labelledBy, describedBy, value, revision = 0, initialHtml, maxChars, invalid, onChange }: RichTextEditorProps) {
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const valueRef = useRef(value);
  valueRef.current = value;
  // The editor owns its content once started; `value` is only read when it is created.
  const [initialContent] = useState(() => asDoc(value));
  const countId = `${id}-count`;

  const editorProps = useMemo(
    () => ({
      attributes: {
        id: `${id}-editor`,
        class: "rich-text__content",
        role: "textbox",
        "aria-multiline": "true",
        "aria-labelledby": labelledBy,
        "aria-describedby": [describedBy, countId].filter(Boolean).join(" "),
        ...(invalid ? { "aria-invalid": "true" } : {}),
      },
      transformPastedHTML,
    }),
    [id, labelledBy, describedBy, countId, invalid],
  );

  const editor = useEditor({
    extensions: richTextExtensions,
    content: initialContent,
    immediatelyRender: false,
    shouldRerenderOnTransaction: false,
    editorProps,
    onUpdate: ({ editor: changed }) => onChangeRef.current(changed.getJSON() as RichTextDoc),
  });

  const formatting = useEditorState({
    editor,
    selector: ({ editor: current }) =>
      current
        ? {
            bold: current.isActive("bold"),
            italic: current.isActive("italic"),
            heading: current.isActive("heading"),
            bulletList: current.isActive("bulletList"),
            orderedList: current.isActive("orderedList"),
            link: current.isActive("link"),
            characters: countCharacters(current.state.doc.textContent),
          }
        : null,
  });

  // Load a value replaced from outside without rebuilding the editor (which would lose focus).
  const loadedRevision = useRef(revision);
  useEffect(() => {
    if (!editor || editor.isDestroyed || loadedRevision.current === revision) return;
    loadedRevision.current = revision;
    editor.commands.setContent(asDoc(valueRef.current), { emitUpdate: false });
  }, [editor, revision]);

  const [linkProblem, setLinkProblem] = useState<string | null>(null);
  const characters = formatting?.characters ?? countCharacters(textOf(initialContent));
  const over = characters - maxChars;

  return (
    <div className={`rich-text${invalid || over > 0 ? " rich-text--error" : ""}`}>
      <Toolbar editor={editor} state={formatting} onLinkProblem={setLinkProblem} />
      {linkProblem ? (
        <p className="error-message" role="alert">
          {linkProblem}
        </p>
      ) : null}
      {editor ? (
        <EditorContent editor={editor} className="rich-text__frame" />
      ) : (
        <div className="rich-text__frame">
          <div className="rich-text__content tiptap ProseMirror" dangerouslySetInnerHTML={{ __html: initialHtml ?? "" }} />
        </div>
      )}
      <p className={`rich-text__count${over > 0 ? " rich-text__count--over" : ""}`} id={countId}>
        {formatNumber(characters)} of {formatNumber(maxChars)} characters
      </p>
      {over > 0 ? (
        <p className="error-message" role="alert">
          You have {formatNumber(over)} {over === 1 ? "character" : "characters"} too many. Shorten the text so it can be saved.
        </p>
      ) : null}
    </div>
  );
}

/** Text of a document, for the count before the editor starts. */
function textOf(doc: RichTextDoc): string {
  let text = "";
  const stack: unknown[] = [doc];
  while (stack.length > 0) {
    const node = stack.pop() as { text?: unknown; content?: unknown } | undefined;
    if (!node || typeof node !== "object") continue;
    if (typeof node.text === "string") text += node.text;
    if (Array.isArray(node.content)) for (let i = node.content.length - 1; i >= 0; i--) stack.push(node.content[i]);
  }
  return text;
}

interface FormattingState {
  bold: boolean;
  italic: boolean;
  heading: boolean;
  bulletList: boolean;
  orderedList: boolean;
  link: boolean;
}

function Toolbar({
  editor,
  state,
  onLinkProblem,
}: {
  editor: Editor | null;
  state: FormattingState | null;
  onLinkProblem: (problem: string | null) => void;
}) {
  const run = (command: (editor: Editor) => void) => () => {
    if (!editor) return;
    onLinkProblem(null);
    command(editor);
  };

  const editLink = (current: Editor) => {
    const existing = current.getAttributes("link").href as string | undefined;
    const answer = window.prompt(`Link address. ${LINK_HELP}. Leave empty to remove the link.`, existing ?? "https://");
    if (answer === null) {
      current.commands.focus();
      return;
    }
    const href = answer.trim();
    if (href === "" || href === "https://") {
      current.chain().focus().extendMarkRange("link").unsetLink().run();
      return;
    }
    const quoted = `“${href.length > 60 ? `${href.slice(0, 57)}…` : href}”`;
    if (!isAllowedHref(href)) {
      onLinkProblem(`${quoted} cannot be used. ${LINK_HELP}.`);
      current.commands.focus();
      return;
    }
    if (current.state.selection.empty && !current.isActive("link")) {
      current
        .chain()
        .focus()
        .insertContent({ type: "text", text: href, marks: [{ type: "link", attrs: { href } }] })
        .run();
      return;
    }
    current.chain().focus().extendMarkRange("link").setLink({ href }).run();
  };

  const buttons: Array<{ label: string; pressed: boolean; action: (editor: Editor) => void }> = [
    { label: "Bold", pressed: state?.bold ?? false, action: (e) => e.chain().focus().toggleBold().run() },
    { label: "Italic", pressed: state?.italic ?? false, action: (e) => e.chain().focus().toggleItalic().run() },
    {
      label: "Heading",
      pressed: state?.heading ?? false,
      action: (e) => (e.isActive("heading") ? e.chain().focus().setParagraph().run() : e.chain().focus().setHeading({ level: 3 }).run()),
    },
    { label: "Bulleted list", pressed: state?.bulletList ?? false, action: (e) => e.chain().focus().toggleBulletList().run() },
    { label: "Numbered list", pressed: state?.orderedList ?? false, action: (e) => e.chain().focus().toggleOrderedList().run() },
    { label: "Link", pressed: state?.link ?? false, action: editLink },
  ];

  return (
    <div className="rich-text__toolbar" role="group" aria-label="Formatting">
      {buttons.map((button) => (
        <button
          key={button.label}
          type="button"
          className="rich-text__tool"
          aria-label={button.label}
          aria-pressed={button.pressed}
          disabled={!editor}
          // Keep the editor's selection while the button is pressed.
          onMouseDown={(event) => event.preventDefault()}
          onClick={run(button.action)}
        >
          {button.label}
        </button>
      ))}
    </div>
  );
}
