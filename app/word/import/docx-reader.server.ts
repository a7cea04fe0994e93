/**
 * Reads a .docx without trusting it. A .docx is a zip of XML files; before anything is parsed
 * the file must be a zip (not an old .doc or a password-protected document, which are OLE
 * files), have a sane number of entries, unpack to a bounded size (counted while inflating, so
 * a lying header cannot blow it up), carry no macros, and declare no DTD or entities (the only
 * way XML can reach outside itself). Then word/document.xml becomes blocks: paragraphs with
 * their heading level, list numbering, bold, italic and links, and tables.
 */
import { Unzip, UnzipInflate, UnzipPassThrough } from "fflate";

import { UploadRefused } from "../../uploads/refused";
import type { WordRun } from "../../template/kinds/word";
import type { ReadBlock, ReadParagraph } from "./blocks";

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
const MAX_ENTRIES = 1_000;
/**
 * The XML parts read (document, styles, numbering, links) may unpack to this much in all. The
 * largest assessment the template can hold exports to about 1 MB of document XML, and Word's
 * own re-saving adds perhaps threefold; parsing takes about 14 bytes of memory per byte, so
 * this keeps one import under ~120 MB however the file is made.
 */
const MAX_UNPACKED_BYTES = 8 * 1024 * 1024;

export type DocxProblem = "too_big" | "not_docx" | "old_or_protected" | "corrupt" | "zip_bomb" | "macros" | "entities" | "no_document";

export const DOCX_PROBLEMS: Record<DocxProblem, string> = {
  too_big: "The file is over 10 MB. Save it without embedded pictures, or split it, and try again.",
  not_docx: "This is not a Word document. Choose a .docx file.",
  old_or_protected: "This file is password-protected or in the old Word format (.doc). Open it in Word, remove the password or save it as a .docx, and try again.",
  corrupt: "This Word document is damaged and could not be read. Open it in Word and save it again.",
  zip_bomb: "This file unpacks to far more than a self-assessment could hold, so it was not read.",
  macros: "This document contains macros (.docm). Save it as a plain Word document (.docx) and try again.",
  entities: "This document contains XML declarations the app does not accept. Save it again from Word and try again.",
  no_document: "This file has no Word document inside it. Choose a .docx file.",
};

export class DocxError extends UploadRefused {
  constructor(readonly problem: DocxProblem) {
    super(problem, DOCX_PROBLEMS[problem], problem === "too_big" ? 413 : 400);
    this.name = "DocxError";
  }
}

const WANTED = new Set(["[Content_Types].xml", "word/document.xml", "word/_rels/document.xml.rels", "word/numbering.xml", "word/styles.xml"]);

/** The files of the zip the importer needs, unpacked within the limits. */
function unpack(bytes: Uint8Array): Map<string, string> {
  if (bytes.length > MAX_UPLOAD_BYTES) throw new DocxError("too_big");
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) throw new DocxError("old_or_protected");
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)) throw new DocxError("not_docx");
  const files = new Map<string, Uint8Array[]>();
  const done = new Set<string>();
  const names: string[] = [];
  let unpacked = 0;
  let failure: DocxError | null = null;
  const unzip = new Unzip((file) => {
    if (failure) return;
    names.push(file.name);
    if (names.length > MAX_ENTRIES) {
      failure = new DocxError("zip_bomb");
      return;
    }
    if (!WANTED.has(file.name)) return;
    const chunks: Uint8Array[] = [];
    files.set(file.name, chunks);
    file.ondata = (error, chunk, final) => {
      if (failure) return;
      if (error) {
        failure = new DocxError("corrupt");
        return;
      }
      unpacked += chunk.length;
      if (unpacked > MAX_UNPACKED_BYTES) {
        failure = new DocxError("zip_bomb");
        file.terminate();
        return;
      }
      chunks.push(chunk);
      if (final) done.add(file.name);
    };
    try {
      file.start();
    } catch {
      failure = new DocxError("corrupt");
    }
  });
  unzip.register(UnzipInflate);
  unzip.register(UnzipPassThrough);
  try {
    unzip.push(bytes, true);
  } catch (error) {
    if (error instanceof DocxError) throw error;
    throw new DocxError("corrupt");
  }
  if (failure) throw failure;
  if (names.some((name) => /vbaProject\.bin$/i.test(name))) throw new DocxError("macros");
  const decoder = new TextDecoder("utf-8", { fatal: false });
  const out = new Map<string, string>();
  for (const [name, chunks] of files) {
    if (!done.has(name)) throw new DocxError("corrupt");
    const whole = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const chunk of chunks) {
      whole.set(chunk, at);
      at += chunk.length;
    }
    const text = decoder.decode(whole);
    if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new DocxError("entities");
    out.set(name, text);
  }
  const types = out.get("[Content_Types].xml") ?? "";
  if (/macroEnabled/i.test(types)) throw new DocxError("macros");
  if (!out.has("word/document.xml")) throw new DocxError(names.length === 0 ? "corrupt" : "no_document");
  return out;
}

// ---------------------------------------------------------------------------
// A small XML reader: elements, attributes and text; no DTD (refused above), no entities but
// the five XML ones and character references.

interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}
type XmlNode = XmlElement | string;

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    if (e[0] === "#") {
      const code = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : "";
    }
    return { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" }[e.toLowerCase()]!;
  });
}

function parseXml(xml: string): XmlElement {
  const root: XmlElement = { name: "#root", attrs: {}, children: [] };
  const stack: XmlElement[] = [root];
  const token = /<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
  const attr = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  for (const m of xml.matchAll(token)) {
    const top = stack[stack.length - 1]!;
    if (m[1] !== undefined) top.children.push(m[1]);
    else if (m[3] !== undefined) {
      if (m[2] === "/") {
        if (stack.length > 1) stack.pop();
        continue;
      }
      const attrs: Record<string, string> = {};
      for (const a of (m[4] ?? "").matchAll(attr)) attrs[a[1]!] = decodeEntities(a[2] ?? a[3] ?? "");
      const element: XmlElement = { name: m[3], attrs, children: [] };
      top.children.push(element);
      if (m[5] !== "/") stack.push(element);
    } else if (m[6] !== undefined) top.children.push(decodeEntities(m[6]));
  }
  return root;
}

const elements = (node: XmlElement, name?: string): XmlElement[] =>
  node.children.filter((c): c is XmlElement => typeof c !== "string" && (name === undefined || c.name === name));
const first = (node: XmlElement | undefined, name: string) => (node ? elements(node, name)[0] : undefined);
function descendants(node: XmlElement, name: string, out: XmlElement[] = []): XmlElement[] {
  for (const child of elements(node)) {
    if (child.name === name) out.push(child);
    else descendants(child, name, out);
  }
  return out;
}
/** A w:b or w:i that is on: present, and not w:val="0" or "false". */
const on = (el: XmlElement | undefined) => el !== undefined && !["0", "false", "off"].includes(el.attrs["w:val"] ?? "");

// ---------------------------------------------------------------------------
// From XML to blocks

interface Context {
  links: Map<string, string>;
  /** numId → level → ordered? */
  numbering: Map<string, Map<number, boolean>>;
  /** styleId → heading level (0 for the Title). */
  headings: Map<string, number>;
}

function runsOf(node: XmlElement, context: Context, link?: string): WordRun[] {
  const out: WordRun[] = [];
  for (const child of elements(node)) {
    if (child.name === "w:r") {
      const props = first(child, "w:rPr");
      const style = { ...(on(first(props, "w:b")) ? { bold: true } : {}), ...(on(first(props, "w:i")) ? { italic: true } : {}), ...(link ? { link } : {}) };
      for (const part of elements(child)) {
        if (part.name === "w:t") out.push({ text: part.children.filter((c): c is string => typeof c === "string").join(""), ...style });
        else if (part.name === "w:tab") out.push({ text: "\t", ...style });
        else if (part.name === "w:br" || part.name === "w:cr") out.push({ text: "\n" });
      }
    } else if (child.name === "w:hyperlink") {
      const target = context.links.get(child.attrs["r:id"] ?? "");
      out.push(...runsOf(child, context, target && /^(https?:|mailto:)/i.test(target) ? target : undefined));
    } else if (child.name === "w:ins" || child.name === "w:smartTag" || child.name === "w:sdt" || child.name === "w:sdtContent" || child.name === "w:fldSimple") {
      out.push(...runsOf(child, context, link));
    }
  }
  // Join neighbouring runs that look the same.
  const merged: WordRun[] = [];
  for (const run of out) {
    const last = merged[merged.length - 1];
    if (last && run.text !== "\n" && last.text !== "\n" && last.bold === run.bold && last.italic === run.italic && last.link === run.link) last.text += run.text;
    else merged.push({ ...run });
  }
  return merged;
}

function paragraphOf(p: XmlElement, context: Context): ReadParagraph {
  const props = first(p, "w:pPr");
  const styleId = first(props, "w:pStyle")?.attrs["w:val"];
  const heading = styleId !== undefined ? context.headings.get(styleId) : undefined;
  const numPr = first(props, "w:numPr");
  const numId = first(numPr, "w:numId")?.attrs["w:val"];
  const level = Number(first(numPr, "w:ilvl")?.attrs["w:val"] ?? "0");
  const block: ReadParagraph = { type: "paragraph", runs: runsOf(p, context) };
  if (heading !== undefined) block.heading = heading;
  if (numId !== undefined && numId !== "0") {
    block.list = { ordered: context.numbering.get(numId)?.get(level) ?? false, level: Number.isFinite(level) ? level : 0 };
  }
  return block;
}

function cellText(tc: XmlElement, context: Context): string {
  return descendants(tc, "w:p")
    .map((p) => runsOf(p, context).map((r) => r.text).join(""))
    .join("\n")
    .trim();
}

function blocksOf(body: XmlElement, context: Context): ReadBlock[] {
  const out: ReadBlock[] = [];
  for (const child of elements(body)) {
    if (child.name === "w:p") out.push(paragraphOf(child, context));
    else if (child.name === "w:tbl") {
      out.push({ type: "table", rows: elements(child, "w:tr").map((tr) => elements(tr, "w:tc").map((tc) => cellText(tc, context))) });
    } else if (child.name === "w:sdt" || child.name === "w:sdtContent" || child.name === "w:customXml") out.push(...blocksOf(child, context));
  }
  return out;
}

function readContext(files: Map<string, string>): Context {
  const links = new Map<string, string>();
  const rels = files.get("word/_rels/document.xml.rels");
  if (rels) for (const rel of descendants(parseXml(rels), "Relationship")) if (rel.attrs.Id && rel.attrs.Target) links.set(rel.attrs.Id, rel.attrs.Target);

  const numbering = new Map<string, Map<number, boolean>>();
  const numberingXml = files.get("word/numbering.xml");
  if (numberingXml) {
    const root = parseXml(numberingXml);
    const abstract = new Map<string, Map<number, boolean>>();
    for (const a of descendants(root, "w:abstractNum")) {
      const levels = new Map<number, boolean>();
      for (const lvl of elements(a, "w:lvl")) levels.set(Number(lvl.attrs["w:ilvl"] ?? 0), (first(lvl, "w:numFmt")?.attrs["w:val"] ?? "bullet") !== "bullet");
      abstract.set(a.attrs["w:abstractNumId"] ?? "", levels);
    }
    for (const num of descendants(root, "w:num")) {
      const id = first(num, "w:abstractNumId")?.attrs["w:val"];
      if (id !== undefined) numbering.set(num.attrs["w:numId"] ?? "", abstract.get(id) ?? new Map());
    }
  }

  const headings = new Map<string, number>();
  const styles = files.get("word/styles.xml");
  if (styles) {
    for (const style of descendants(parseXml(styles), "w:style")) {
      const name = (first(style, "w:name")?.attrs["w:val"] ?? "").toLowerCase();
      const id = style.attrs["w:styleId"];
      const level = /^heading\s*([1-6])$/.exec(name)?.[1];
      if (id && level) headings.set(id, Number(level));
      if (id && name === "title") headings.set(id, 0);
    }
  }
  // Word's own style ids, for documents without a styles part.
  for (let level = 1; level <= 6; level++) if (![...headings.values()].includes(level)) headings.set(`Heading${level}`, level);
  if (!headings.has("Title")) headings.set("Title", 0);
  return { links, numbering, headings };
}

/** The blocks of a .docx, or a DocxError saying plainly what is wrong with the file. */
export function readDocx(bytes: Uint8Array): ReadBlock[] {
  const files = unpack(bytes);
  const context = readContext(files);
  const documentRoot = parseXml(files.get("word/document.xml")!);
  const body = descendants(documentRoot, "w:body")[0];
  if (!body) throw new DocxError("corrupt");
  return blocksOf(body, context);
}
