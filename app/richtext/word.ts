/**
 * A stored rich-text document as Word blocks: paragraphs, headings, bold, italic, links, and
 * bulleted and numbered lists, nested as written. Shared; reads the JSON loosely (the
 * document passed the strict check when it was saved).
 */
import type { WordBlock, WordRun } from "../template/kinds/word";
import type { ReadParagraph } from "../word/import/blocks";
import type { RichTextDoc, RichTextNode } from "./doc";

function runs(nodes: RichTextNode[] | undefined): WordRun[] {
  const out: WordRun[] = [];
  for (const node of nodes ?? []) {
    if (node.type === "hardBreak") {
      out.push({ text: "\n" });
      continue;
    }
    if (typeof node.text !== "string") continue;
    const marks = node.marks ?? [];
    const link = marks.find((m) => m.type === "link")?.attrs?.href;
    out.push({
      text: node.text,
      ...(marks.some((m) => m.type === "bold") ? { bold: true } : {}),
      ...(marks.some((m) => m.type === "italic") ? { italic: true } : {}),
      ...(typeof link === "string" ? { link } : {}),
    });
  }
  return out;
}

function blocks(nodes: RichTextNode[] | undefined): WordBlock[] {
  const out: WordBlock[] = [];
  for (const node of nodes ?? []) {
    if (node.type === "paragraph") out.push({ type: "paragraph", runs: runs(node.content) });
    else if (node.type === "heading") {
      const level = node.attrs?.level === 2 ? 3 : 4;
      out.push({ type: "paragraph", runs: runs(node.content), heading: level });
    } else if (node.type === "bulletList" || node.type === "orderedList") {
      out.push({ type: "list", ordered: node.type === "orderedList", items: (node.content ?? []).map((item) => blocks(item.content)) });
    } else if (node.type === "blockquote") out.push(...blocks(node.content));
  }
  return out;
}

export function richTextToWord(doc: unknown): WordBlock[] {
  if (!doc || typeof doc !== "object") return [];
  return blocks((doc as { content?: RichTextNode[] }).content);
}

// ---------------------------------------------------------------------------
// Back from Word: the importer's paragraphs as a TipTap document (the strict check still runs
// on the result, as on every save).


function textNodes(runs: WordRun[]): RichTextNode[] {
  const out: RichTextNode[] = [];
  for (const run of runs) {
    if (run.text === "\n") {
      out.push({ type: "hardBreak" });
      continue;
    }
    const text = run.text.replace(/\t/g, " ");
    if (text === "") continue;
    const marks = [
      ...(run.bold ? [{ type: "bold" }] : []),
      ...(run.italic ? [{ type: "italic" }] : []),
      ...(run.link ? [{ type: "link", attrs: { href: run.link } }] : []),
    ];
    out.push(marks.length > 0 ? { type: "text", text, marks } : { type: "text", text });
  }
  // A document cannot end a paragraph in a break the editor would drop; trim trailing breaks.
  while (out.length > 0 && out[out.length - 1]!.type === "hardBreak") out.pop();
  return out;
}

function block(paragraph: ReadParagraph): RichTextNode {
  const content = textNodes(paragraph.runs);
  const heading = paragraph.heading;
  if (heading !== undefined && heading >= 3) return { type: "heading", attrs: { level: Math.min(heading - 1, 4) }, ...(content.length ? { content } : {}) };
  return { type: "paragraph", ...(content.length ? { content } : {}) };
}

/** Paragraphs (lists nested by their level) as a rich-text document; empty paragraphs are dropped. */
export function wordToRichText(paragraphs: ReadParagraph[]): RichTextDoc {
  const root: RichTextNode[] = [];
  // The open lists, outermost first: each with its items.
  const open: Array<{ node: RichTextNode; level: number }> = [];
  for (const paragraph of paragraphs) {
    const node = block(paragraph);
    const empty = !node.content || node.content.length === 0;
    if (!paragraph.list) {
      open.length = 0;
      if (!empty) root.push(node);
      continue;
    }
    const { level, ordered } = paragraph.list;
    while (open.length > 0 && open[open.length - 1]!.level > level) open.pop();
    let list = open[open.length - 1];
    const type = ordered ? "orderedList" : "bulletList";
    if (!list || list.level < level || list.node.type !== type) {
      if (list && list.level === level) open.pop();
      const fresh: RichTextNode = { type, content: [] };
      const parentItem = open.length > 0 ? open[open.length - 1]!.node.content!.at(-1) : undefined;
      if (parentItem) parentItem.content!.push(fresh);
      else root.push(fresh);
      list = { node: fresh, level };
      open.push(list);
    }
    list.node.content!.push({ type: "listItem", content: [node.type === "heading" ? { type: "paragraph", content: node.content } : node] });
  }
  return { type: "doc", content: root.length > 0 ? root : [{ type: "paragraph" }] };
}
