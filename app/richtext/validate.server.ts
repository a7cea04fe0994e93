import { getSchema } from "@tiptap/core";
import type { Node as ProseMirrorNode, Schema } from "@tiptap/pm/model";

import type { RichTextDoc, RichTextMark, RichTextNode } from "./doc";
import { countCharacters } from "./doc";
import { HEADING_LEVELS, richTextExtensions } from "./extensions";
import { LINK_REL, isAllowedHref } from "./links";

export interface RichTextLimits {
  /** Most characters of text allowed; more gives a 413. */
  maxChars: number;
  /** Deepest nesting of nodes, counting the document itself. */
  maxDepth?: number;
  /** Most nodes of any kind, so a flood of empty paragraphs is also refused. */
  maxNodes?: number;
}

export type RichTextResult =
  | { ok: true; doc: RichTextDoc }
  | { ok: false; status: 400 | 413; message: string };

export const DEFAULT_MAX_DEPTH = 20;
export const DEFAULT_MAX_NODES = 50_000;

const ORDERED_LIST_TYPES = new Set(["1", "a", "A", "i", "I"]);
const MAX_LINK_TITLE = 500;

let cachedSchema: Schema | undefined;
/** The ProseMirror schema built from the editor's own extension list, once. */
export function editorSchema(): Schema {
  cachedSchema ??= getSchema(richTextExtensions);
  return cachedSchema;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Quote user text in a message without letting it grow the message. */
function quote(value: string): string {
  return `“${value.length > 60 ? `${value.slice(0, 57)}…` : value}”`;
}

const formatter = new Intl.NumberFormat("en-GB");

function refuse(message: string, status: 400 | 413 = 400): RichTextResult {
  return { ok: false, status, message };
}

/**
 * Check a rich-text answer sent by the editor and return a clean copy.
 *
 * The JSON is walked first (iteratively) for shape, depth, size, unknown types and
 * unsafe links, so nothing deep or hostile reaches ProseMirror. Then ProseMirror builds
 * the document against the editor's own schema and checks it; re-serialising drops any
 * attribute the schema does not know, and link attributes are reset to ours.
 */
export function parseRichText(json: unknown, limits: RichTextLimits): RichTextResult {
  const maxDepth = limits.maxDepth ?? DEFAULT_MAX_DEPTH;
  const maxNodes = limits.maxNodes ?? DEFAULT_MAX_NODES;
  const schema = editorSchema();

  if (typeof json === "string") {
    return refuse("Rich text must be sent as a document from the editor, not as HTML or plain text.");
  }
  if (!isPlainObject(json)) return refuse("Rich text must be sent as a document from the editor.");
  if (json.type !== "doc") return refuse("Rich text must be a whole document.");

  let characters = 0;
  let nodes = 0;
  const stack: Array<{ node: unknown; depth: number }> = [{ node: json, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (depth > maxDepth) {
      return refuse("The text is nested too deeply: lists inside lists go down too many levels.");
    }
    if (++nodes > maxNodes) {
      return refuse("The text has too many parts to save. Split it up or remove empty lines.", 413);
    }
    if (!isPlainObject(node) || typeof node.type !== "string") {
      return refuse("The text contains something the editor did not create.");
    }
    if (!Object.hasOwn(schema.nodes, node.type)) {
      return refuse(`The text contains content the editor does not support (${quote(node.type)}).`);
    }
    if (node.attrs !== undefined && !isPlainObject(node.attrs)) {
      return refuse("The text contains settings the editor did not create.");
    }
    if (node.type === "text") {
      if (typeof node.text !== "string" || node.text.length === 0) {
        return refuse("The text contains an empty or broken piece of text.");
      }
      characters += countCharacters(node.text);
    } else if (node.text !== undefined) {
      return refuse("The text contains something the editor did not create.");
    }
    if (node.marks !== undefined) {
      if (!Array.isArray(node.marks)) return refuse("The text contains formatting the editor did not create.");
      for (const mark of node.marks) {
        const problem = checkMark(mark, schema);
        if (problem) return refuse(problem);
      }
    }
    if (node.content !== undefined) {
      if (!Array.isArray(node.content)) return refuse("The text contains something the editor did not create.");
      for (let i = node.content.length - 1; i >= 0; i--) stack.push({ node: node.content[i], depth: depth + 1 });
    }
  }

  if (characters > limits.maxChars) {
    return refuse(
      `This answer is ${formatter.format(characters)} characters long. The limit is ${formatter.format(limits.maxChars)}: shorten it and try again.`,
      413,
    );
  }

  let doc: ProseMirrorNode;
  try {
    doc = schema.nodeFromJSON(json);
    doc.check();
  } catch {
    return refuse(
      "The text is not laid out in a way the editor supports (for example, each list item must start with a paragraph).",
    );
  }

  const problem = checkAttributes(doc);
  if (problem) return refuse(problem);

  return { ok: true, doc: clean(doc.toJSON()) as RichTextDoc };
}

function checkMark(mark: unknown, schema: Schema): string | undefined {
  if (!isPlainObject(mark) || typeof mark.type !== "string") return "The text contains formatting the editor did not create.";
  if (!Object.hasOwn(schema.marks, mark.type)) {
    return `The text contains formatting the editor does not support (${quote(mark.type)}).`;
  }
  if (mark.attrs !== undefined && !isPlainObject(mark.attrs)) return "The text contains formatting the editor did not create.";
  if (mark.type === "link") {
    const href = mark.attrs?.href;
    if (typeof href !== "string" || href.length === 0) return "A link has no web address.";
    if (!isAllowedHref(href)) {
      return `Links must be web addresses starting with https:// or http://, or email addresses starting with mailto:. ${quote(href)} is not allowed.`;
    }
  }
  return undefined;
}

/** Attribute values ProseMirror accepts without looking at them. */
function checkAttributes(doc: ProseMirrorNode): string | undefined {
  let problem: string | undefined;
  doc.descendants((node) => {
    if (problem) return false;
    if (node.type.name === "heading" && !(HEADING_LEVELS as readonly unknown[]).includes(node.attrs.level)) {
      problem = `Headings can only be levels ${HEADING_LEVELS[0]} to ${HEADING_LEVELS[HEADING_LEVELS.length - 1]}.`;
    } else if (node.type.name === "orderedList") {
      const { start, type } = node.attrs;
      if (!Number.isInteger(start) || start < 0 || start > 100_000) problem = "A numbered list starts at an unusable number.";
      else if (type !== null && !ORDERED_LIST_TYPES.has(type)) problem = "A numbered list has an unknown numbering style.";
    }
    for (const mark of node.marks) {
      if (mark.type.name !== "link") continue;
      const { title } = mark.attrs;
      if (title !== null && (typeof title !== "string" || title.length > MAX_LINK_TITLE)) {
        problem = "A link has an unusable title.";
      }
    }
    return !problem;
  });
  return problem;
}

/**
 * Fresh copy of ProseMirror's JSON (its attrs objects may be shared with the schema's
 * defaults), with link attributes fixed to our own rel and no target or class.
 */
function clean(node: RichTextNode): RichTextNode {
  const copy: RichTextNode = { type: node.type };
  if (node.attrs) copy.attrs = { ...node.attrs };
  if (node.text !== undefined) copy.text = node.text;
  if (node.marks) copy.marks = node.marks.map(cleanMark);
  if (node.content) copy.content = node.content.map(clean);
  return copy;
}

function cleanMark(mark: RichTextMark): RichTextMark {
  if (mark.type !== "link") return mark.attrs ? { type: mark.type, attrs: { ...mark.attrs } } : { type: mark.type };
  return {
    type: "link",
    attrs: { href: mark.attrs?.href, target: null, rel: LINK_REL, class: null, title: mark.attrs?.title ?? null },
  };
}
