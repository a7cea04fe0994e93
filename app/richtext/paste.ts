/**
 * Clean-up of pasted HTML (mostly from Word) before the editor reads it.
 * Browser-safe: uses the global DOMParser. Deterministic: the same input gives the same output.
 *
 * Kept: paragraphs, headings (moved down a level to fit levels 2–4), bold, italic, line
 * breaks, http(s)/mailto links, and lists — including Word's fake lists, which are
 * paragraphs with an `mso-list` style and a typed bullet or number. Everything else goes:
 * styles, classes, spans, fonts, comments, `<o:p>`, images and other embedded objects.
 * Text inside unknown or layout elements (tables, divs) is kept as paragraphs.
 */
import { isAllowedHref } from "./links";

/** Dropped together with everything inside them. */
const DROPPED = new Set([
  "script",
  "style",
  "head",
  "title",
  "meta",
  "link",
  "base",
  "img",
  "picture",
  "svg",
  "math",
  "video",
  "audio",
  "source",
  "track",
  "iframe",
  "frame",
  "frameset",
  "object",
  "embed",
  "applet",
  "canvas",
  "map",
  "noscript",
  "template",
  "input",
  "button",
  "select",
  "textarea",
  "option",
  "xml",
  "hr",
]);

/** Elements that start a new block; their content is cleaned as blocks, not inline text. */
const BLOCKS = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "body",
  "caption",
  "center",
  "dd",
  "details",
  "dialog",
  "div",
  "dl",
  "dt",
  "fieldset",
  "figcaption",
  "figure",
  "footer",
  "form",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "html",
  "li",
  "main",
  "nav",
  "ol",
  "p",
  "pre",
  "section",
  "summary",
  "table",
  "tbody",
  "td",
  "tfoot",
  "th",
  "thead",
  "tr",
  "ul",
]);

/** Word's headings 1–6 become our levels 2–4. */
const HEADING_FOR: Record<string, string> = { h1: "h2", h2: "h3", h3: "h4", h4: "h4", h5: "h4", h6: "h4" };

const WORD_LIST_STYLE = /mso-list:\s*(l\d+)\s+level(\d+)/i;
const WORD_LIST_MARKER = /mso-list:\s*ignore/i;
/** "1." "a)" "(iv)" "B." — anything else (•, o, §, ·, –) is a bullet. */
const NUMBERED_MARKER = /^\(?([0-9]+|[a-z]|[ivxlcdm]+)[.)]$/i;

interface Formatting {
  strong: boolean;
  em: boolean;
  link: boolean;
}

const PLAIN: Formatting = { strong: false, em: false, link: false };

function nameOf(element: Element): string {
  return element.tagName.toLowerCase();
}

function isDropped(element: Element): boolean {
  const name = nameOf(element);
  // Office namespaces: o:p is Word's empty-paragraph marker, v: is drawing (VML).
  if (name.startsWith("o:") || name.startsWith("v:")) return true;
  if (DROPPED.has(name)) return true;
  return WORD_LIST_MARKER.test(element.getAttribute("style") ?? "");
}

function isElement(node: Node): node is Element {
  return node.nodeType === 1;
}

function isText(node: Node): node is Text {
  return node.nodeType === 3;
}

function hasBlockInside(element: Element): boolean {
  return Array.from(element.querySelectorAll("*")).some((inner) => BLOCKS.has(nameOf(inner)) && !isDroppedOrInside(inner, element));
}

function isDroppedOrInside(element: Element, root: Element): boolean {
  for (let at: Element | null = element; at && at !== root; at = at.parentElement) if (isDropped(at)) return true;
  return false;
}

function styleOf(element: Element): string {
  return (element.getAttribute("style") ?? "").toLowerCase();
}

function isBold(element: Element): boolean {
  const weight = /font-weight:\s*([a-z0-9]+)/.exec(styleOf(element))?.[1];
  if (weight) return weight === "bold" || weight === "bolder" || Number(weight) >= 600;
  const name = nameOf(element);
  return name === "b" || name === "strong";
}

function isItalic(element: Element): boolean {
  const style = /font-style:\s*([a-z]+)/.exec(styleOf(element))?.[1];
  if (style) return style === "italic" || style === "oblique";
  const name = nameOf(element);
  return name === "i" || name === "em";
}

/** Word's list formats from its <style> block: "l0:1" → "bullet", "decimal", "alpha-lower"… */
function readWordListFormats(doc: Document): Map<string, string> {
  const formats = new Map<string, string>();
  const css = Array.from(doc.querySelectorAll("style"))
    .map((style) => style.textContent ?? "")
    .join("\n");
  for (const match of css.matchAll(/@list\s+(l\d+):level(\d+)\s*\{([^}]*)\}/gi)) {
    const format = /mso-level-number-format:\s*([a-z-]+)/i.exec(match[3])?.[1] ?? "decimal";
    formats.set(`${match[1].toLowerCase()}:${match[2]}`, format.toLowerCase());
  }
  return formats;
}

class Cleaner {
  constructor(
    private readonly doc: Document,
    private readonly listFormats: Map<string, string>,
  ) {}

  /** Clean the children of `source` as blocks, appending them to `target`. */
  blocks(source: Element, target: Element, formatting: Formatting): void {
    let run: Node[] = [];
    let wordList: WordList | undefined;
    const flushRun = () => {
      if (run.length > 0) this.appendBlock("p", run, target, formatting);
      run = [];
    };

    for (const child of Array.from(source.childNodes)) {
      if (isText(child)) {
        if (!/\S/.test((child.data ?? "").replace(/\u00a0/g, " "))) continue;
        wordList = undefined;
        run.push(child);
        continue;
      }
      if (!isElement(child) || isDropped(child)) continue;

      const name = nameOf(child);
      const listStyle = WORD_LIST_STYLE.exec(child.getAttribute("style") ?? "");
      if (listStyle && (name === "p" || name === "div" || Object.hasOwn(HEADING_FOR, name))) {
        flushRun();
        wordList ??= new WordList(this, target);
        wordList.add(child, listStyle[1].toLowerCase(), Number(listStyle[2]), formatting);
        continue;
      }
      if (name === "br" && run.length === 0) continue;
      if (!BLOCKS.has(name) && !hasBlockInside(child)) {
        wordList = undefined;
        run.push(child);
        continue;
      }

      flushRun();
      wordList = undefined;
      if (name === "p") this.appendBlock("p", Array.from(child.childNodes), target, formatting);
      else if (Object.hasOwn(HEADING_FOR, name)) this.appendBlock(HEADING_FOR[name], Array.from(child.childNodes), target, formatting);
      else if (name === "ul" || name === "ol") this.appendList(child, target, formatting);
      else if (BLOCKS.has(name)) this.blocks(child, target, formatting);
      else this.blocks(child, target, this.formattingFor(child, formatting));
    }
    flushRun();
  }

  /** A paragraph or heading from inline content; nothing when it has no text. */
  appendBlock(tag: string, nodes: Node[], target: Element, formatting: Formatting): Element | undefined {
    const block = this.doc.createElement(tag);
    // Bold or italic inherited from a wrapper around whole blocks (Google Docs does this).
    let container = block;
    if (formatting.strong) container = container.appendChild(this.doc.createElement("strong"));
    if (formatting.em) container = container.appendChild(this.doc.createElement("em"));
    for (const node of nodes) this.inline(node, container, formatting);
    tidyWhitespace(block);
    if (!/\S/.test(block.textContent ?? "")) return undefined;
    target.appendChild(block);
    return block;
  }

  /** A real HTML list (from the web, Outlook or Word online). */
  appendList(source: Element, target: Element, formatting: Formatting): void {
    const list = this.doc.createElement(nameOf(source));
    for (const child of Array.from(source.childNodes)) {
      if (!isElement(child) || isDropped(child)) continue;
      const name = nameOf(child);
      if (name === "ul" || name === "ol") {
        // A list directly inside a list belongs to the item before it.
        const owner = list.lastElementChild ?? list.appendChild(this.doc.createElement("li"));
        this.appendList(child, owner, formatting);
        continue;
      }
      const item = this.doc.createElement("li");
      this.blocks(child, item, formatting);
      if (item.childNodes.length === 0) continue;
      if (nameOf(item.firstElementChild!) !== "p") item.insertBefore(this.doc.createElement("p"), item.firstChild);
      list.appendChild(item);
    }
    if (list.childNodes.length > 0) target.appendChild(list);
  }

  formattingFor(element: Element, outer: Formatting): Formatting {
    return { strong: outer.strong || isBold(element), em: outer.em || isItalic(element), link: outer.link };
  }

  /** Clean one inline node into `target`, wrapping in <strong>, <em> or <a> as needed. */
  inline(node: Node, target: Element, formatting: Formatting): void {
    if (isText(node)) {
      const text = (node.data ?? "").replace(/[\r\n\t\u00a0 ]+/g, " ");
      if (text) target.appendChild(this.doc.createTextNode(text));
      return;
    }
    if (!isElement(node) || isDropped(node)) return;
    if (nameOf(node) === "br") {
      target.appendChild(this.doc.createElement("br"));
      return;
    }

    const inner = this.formattingFor(node, formatting);
    let container = target;
    const wrap = (tag: string) => {
      const wrapper = this.doc.createElement(tag);
      container.appendChild(wrapper);
      container = wrapper;
      return wrapper;
    };
    const href = nameOf(node) === "a" ? node.getAttribute("href")?.trim() : undefined;
    if (href && !formatting.link && isAllowedHref(href)) {
      wrap("a").setAttribute("href", href);
      inner.link = true;
    }
    if (inner.strong && !formatting.strong) wrap("strong");
    if (inner.em && !formatting.em) wrap("em");

    for (const child of Array.from(node.childNodes)) this.inline(child, container, inner);

    // Drop wrappers that ended up empty (formatting on a bare space, say).
    for (let at: Element = container; at !== target; ) {
      const parent = at.parentElement!;
      if (at.childNodes.length === 0) parent.removeChild(at);
      at = parent;
    }
  }

  listFormat(listId: string, level: number): string | undefined {
    return this.listFormats.get(`${listId}:${level}`);
  }
}

/** Builds nested <ul>/<ol> from a run of Word list paragraphs. */
class WordList {
  private readonly open: Array<{ level: number; listId: string; ordered: boolean; list: Element }> = [];

  constructor(
    private readonly cleaner: Cleaner,
    private readonly target: Element,
  ) {}

  add(paragraph: Element, listId: string, level: number, formatting: Formatting): void {
    const ordered = this.isOrdered(paragraph, listId, level);
    const doc = paragraph.ownerDocument;
    const item = doc.createElement("li");
    if (!this.cleaner.appendBlock("p", Array.from(paragraph.childNodes), item, formatting)) return;

    while (this.open.length > 0 && this.top().level > level) this.open.pop();
    if (this.open.length > 0) {
      const top = this.top();
      const sameList = top.ordered === ordered && (level > 1 || top.listId === listId);
      if (top.level === level && !sameList) this.open.pop();
    }
    if (this.open.length === 0 || this.top().level < level) {
      const list = doc.createElement(ordered ? "ol" : "ul");
      if (this.open.length === 0) this.target.appendChild(list);
      else {
        const parent = this.top().list;
        const owner = parent.lastElementChild ?? parent.appendChild(doc.createElement("li"));
        owner.appendChild(list);
      }
      this.open.push({ level, listId, ordered, list });
    }
    this.top().list.appendChild(item);
  }

  private top() {
    return this.open[this.open.length - 1];
  }

  /** From Word's list definitions when present, otherwise from the typed marker. */
  private isOrdered(paragraph: Element, listId: string, level: number): boolean {
    const format = this.cleaner.listFormat(listId, level);
    if (format) return format !== "bullet" && format !== "none";
    const marker = Array.from(paragraph.querySelectorAll("span")).find((span) =>
      WORD_LIST_MARKER.test(span.getAttribute("style") ?? ""),
    );
    const text = (marker?.textContent ?? "").replace(/[\s\u00a0]+/g, "");
    return NUMBERED_MARKER.test(text);
  }
}

/** Trim a block's edges and drop spaces next to line breaks. */
function tidyWhitespace(block: Element): void {
  const texts: Text[] = [];
  const walk = (node: Node) => {
    for (const child of Array.from(node.childNodes)) {
      if (isText(child)) texts.push(child);
      else walk(child);
    }
  };
  walk(block);
  // Collapse spaces across neighbouring text nodes ("a </b> b" → "a b").
  let previousEndsWithSpace = true;
  for (const text of texts) {
    if (previousEndsWithSpace) text.data = text.data.replace(/^ +/, "");
    if (text.data.length > 0) previousEndsWithSpace = text.data.endsWith(" ");
  }
  for (let i = texts.length - 1; i >= 0; i--) {
    texts[i].data = texts[i].data.replace(/ +$/, "");
    if (texts[i].data.length > 0) break;
  }
  for (const text of texts) if (text.data.length === 0) text.parentNode?.removeChild(text);
  // Remove formatting wrappers left empty by trimming.
  for (const element of Array.from(block.querySelectorAll("strong, em, a")).reverse()) {
    if (element.childNodes.length === 0) element.parentNode?.removeChild(element);
  }
}

/** Clean pasted HTML for the editor; see the notes at the top of this file. */
export function transformPastedHTML(html: string): string {
  const doc = new DOMParser().parseFromString(html, "text/html");
  const cleaner = new Cleaner(doc, readWordListFormats(doc));
  const out = doc.createElement("div");
  cleaner.blocks(doc.body, out, PLAIN);
  return out.innerHTML;
}
