/**
 * The shape of a stored rich-text answer (TipTap JSON) and small helpers that read it.
 * Shared by browser and server; these helpers tolerate loose input and never throw.
 */

export interface RichTextMark {
  type: string;
  attrs?: Record<string, unknown>;
}

export interface RichTextNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: RichTextNode[];
  marks?: RichTextMark[];
  text?: string;
}

export interface RichTextDoc {
  type: "doc";
  content: RichTextNode[];
}

/** The limit on a rich-text answer unless the template sets another. */
export const DEFAULT_MAX_CHARS = 50_000;

/** A document with one empty paragraph: what a new answer starts as. */
export function emptyDoc(): RichTextDoc {
  return { type: "doc", content: [{ type: "paragraph" }] };
}

/** Characters as people count them (an emoji is one), not UTF-16 units. */
export function countCharacters(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** Calls `visit` with every text string in the document, depth first, without recursion. */
function eachText(doc: unknown, visit: (text: string) => boolean | void): void {
  const stack: unknown[] = [doc];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node || typeof node !== "object") continue;
    const { text, content } = node as { text?: unknown; content?: unknown };
    if (typeof text === "string" && visit(text) === false) return;
    if (Array.isArray(content)) for (let i = content.length - 1; i >= 0; i--) stack.push(content[i]);
  }
}

/** Number of characters of text in the document (formatting and structure are free). */
export function richTextLength(doc: unknown): number {
  let total = 0;
  eachText(doc, (text) => {
    total += countCharacters(text);
  });
  return total;
}

/** True when the document holds any text other than spaces. */
export function richTextHasText(doc: unknown): boolean {
  let found = false;
  eachText(doc, (text) => {
    if (text.trim().length > 0) found = true;
    return !found;
  });
  return found;
}
