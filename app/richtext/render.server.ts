import { DOMSerializer, Node } from "@tiptap/pm/model";
import { Window } from "happy-dom";

import type { RichTextDoc, RichTextNode } from "./doc";
import { editorSchema, parseRichText } from "./validate.server";

/**
 * Check a stored document again (stored JSON is parsed, not trusted) and return the clean copy.
 * Stored answers passed the same check when saved, so a failure here is a bug or tampering.
 */
function trusted(doc: unknown): RichTextDoc {
  const parsed = parseRichText(doc, { maxChars: Number.MAX_SAFE_INTEGER, maxNodes: Number.MAX_SAFE_INTEGER });
  if (!parsed.ok) throw new Error(`Stored rich text cannot be shown: ${parsed.message}`);
  return parsed.doc;
}

/**
 * HTML for a stored rich-text answer, built from its JSON with the editor's own extensions.
 * Takes TipTap JSON only, never HTML; text is escaped by the serialiser and links carry
 * rel="noopener noreferrer nofollow".
 */
export function renderRichText(doc: unknown): string {
  // The same stored document (shared by the progress cache) is rendered once.
  if (doc && typeof doc === "object") {
    const known = rendered.get(doc);
    if (known !== undefined) return known;
    const html = render(doc);
    rendered.set(doc, html);
    return html;
  }
  return render(doc);
}

/** HTML already made for a document object; it goes when the object does. */
const rendered = new WeakMap<object, string>();

function render(doc: unknown): string {
  const { document, serializer } = renderer();
  const wrap = document.createElement("div");
  const node = Node.fromJSON(editorSchema(), trusted(doc));
  serializer.serializeFragment(node.content, { document: document as unknown as globalThis.Document }, wrap as unknown as HTMLElement);
  return wrap.innerHTML;
}

/**
 * What @tiptap/html/server's generateHTML does, without its cost per call: it builds the
 * schema and a new happy-dom window for every document, which made a full assessment take
 * ~130 ms to render. One window (scripts and loading off, as there) and one serialiser, built
 * from the editor's own schema, serve the whole process; serialising is synchronous, so calls
 * never interleave.
 */
let shared: { document: InstanceType<typeof Window>["document"]; serializer: DOMSerializer } | undefined;
function renderer() {
  if (!shared) {
    const window = new Window({
      settings: {
        disableJavaScriptEvaluation: true,
        disableJavaScriptFileLoading: true,
        disableCSSFileLoading: true,
        disableIframePageLoading: true,
        disableComputedStyleRendering: true,
      },
    });
    shared = { document: window.document, serializer: DOMSerializer.fromSchema(editorSchema()) };
  }
  return shared;
}

/**
 * The answer as plain text, for CSV export and search: blank lines between paragraphs,
 * "• " or "1. " before list items (indented when nested), and a link's address after its
 * words when they differ.
 */
export function richTextToPlainText(doc: unknown): string {
  const blocks = trusted(doc).content.map((node) => blockText(node, ""));
  return blocks.filter((block) => block.length > 0).join("\n\n");
}

function blockText(node: RichTextNode, indent: string): string {
  switch (node.type) {
    case "paragraph":
    case "heading":
      return indent + inlineText(node.content ?? []).replace(/\n/g, `\n${indent}`);
    case "bulletList":
    case "orderedList": {
      const start = typeof node.attrs?.start === "number" ? node.attrs.start : 1;
      return (node.content ?? [])
        .map((item, index) => {
          const marker = node.type === "bulletList" ? "• " : `${start + index}. `;
          const parts = (item.content ?? []).map((child, childIndex) =>
            childIndex === 0 ? blockText(child, "") : blockText(child, `${indent}  `),
          );
          return `${indent}${marker}${parts.join("\n")}`;
        })
        .join("\n");
    }
    default:
      return "";
  }
}

function inlineText(nodes: RichTextNode[]): string {
  let out = "";
  let i = 0;
  while (i < nodes.length) {
    const node = nodes[i];
    if (node.type === "hardBreak") {
      out += "\n";
      i++;
      continue;
    }
    const href = node.marks?.find((mark) => mark.type === "link")?.attrs?.href;
    if (typeof href !== "string") {
      out += node.text ?? "";
      i++;
      continue;
    }
    // A link can span several text nodes (part bold, say): gather its words first.
    let words = "";
    while (i < nodes.length && nodes[i].marks?.some((mark) => mark.type === "link" && mark.attrs?.href === href)) {
      words += nodes[i].text ?? "";
      i++;
    }
    out += words === href || `mailto:${words}` === href ? words : `${words} (${href})`;
  }
  return out;
}
