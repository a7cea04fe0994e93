/**
 * A stored rich-text document as Word blocks: paragraphs, headings, bold, italic, links, and
 * bulleted and numbered lists, nested as written. Shared; reads the JSON loosely (the
 * document passed the strict check when it was saved).
 */
import type { WordBlock, WordRun } from "../template/kinds/word";
import type { RichTextNode } from "./doc";

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
