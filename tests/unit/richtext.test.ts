import { describe, expect, it } from "vitest";

import { emptyDoc, richTextLength } from "../../app/richtext/doc";
import { isAllowedHref, toLinkHref } from "../../app/richtext/links";
import { renderRichText, richTextToPlainText } from "../../app/richtext/render.server";
import { parseRichText } from "../../app/richtext/validate.server";

const LIMITS = { maxChars: 50_000 };

function paragraph(...content: unknown[]) {
  return { type: "paragraph", content };
}

function text(value: string, marks?: unknown[]) {
  return marks ? { type: "text", text: value, marks } : { type: "text", text: value };
}

function doc(...content: unknown[]) {
  return { type: "doc", content };
}

const VALID = doc(
  { type: "heading", attrs: { level: 2 }, content: [text("Our year")] },
  paragraph(text("We are "), text("proud", [{ type: "bold" }]), text(" of "), text("this", [{ type: "italic" }])),
  {
    type: "bulletList",
    content: [
      { type: "listItem", content: [paragraph(text("Early help"))] },
      { type: "listItem", content: [paragraph(text("Fostering"))] },
    ],
  },
  paragraph(text("Read "), text("the plan", [{ type: "link", attrs: { href: "https://example.gov.uk/plan" } }])),
);

describe("parseRichText", () => {
  it("accepts a valid document and round-trips it", () => {
    const first = parseRichText(VALID, LIMITS);
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    const second = parseRichText(JSON.parse(JSON.stringify(first.doc)), LIMITS);
    expect(second).toEqual(first);
    expect(first.doc.content[1]).toEqual(VALID.content[1]);
  });

  it("accepts the empty document new answers start with", () => {
    expect(parseRichText(emptyDoc(), LIMITS).ok).toBe(true);
  });

  it("refuses things that are not documents", () => {
    for (const input of [null, 42, "<p>hi</p>", [], { type: "paragraph" }]) {
      const result = parseRichText(input, LIMITS);
      expect(result).toMatchObject({ ok: false, status: 400 });
    }
  });

  it("refuses javascript: and data: links", () => {
    for (const href of ["javascript:alert(1)", " JavaScript:alert(1)", "java\tscript:alert(1)", "data:text/html,<b>x</b>"]) {
      const result = parseRichText(doc(paragraph(text("x", [{ type: "link", attrs: { href } }]))), LIMITS);
      expect(result).toMatchObject({ ok: false, status: 400 });
      if (!result.ok) expect(result.message).toMatch(/Links must be/);
    }
  });

  it("accepts mailto links", () => {
    const result = parseRichText(doc(paragraph(text("x", [{ type: "link", attrs: { href: "mailto:dcs@example.gov.uk" } }]))), LIMITS);
    expect(result.ok).toBe(true);
  });

  it("refuses unknown node types", () => {
    const result = parseRichText(doc({ type: "image", attrs: { src: "https://example.org/x.png" } }), LIMITS);
    expect(result).toMatchObject({ ok: false, status: 400 });
    if (!result.ok) expect(result.message).toMatch(/does not support/);
    expect(parseRichText(doc({ type: "codeBlock", content: [text("x")] }), LIMITS).ok).toBe(false);
    expect(parseRichText(doc({ type: "blockquote", content: [paragraph(text("x"))] }), LIMITS).ok).toBe(false);
  });

  it("refuses unknown marks", () => {
    for (const mark of ["underline", "strike", "code", "textStyle"]) {
      const result = parseRichText(doc(paragraph(text("x", [{ type: mark }]))), LIMITS);
      expect(result).toMatchObject({ ok: false, status: 400 });
    }
  });

  it("refuses content in the wrong place", () => {
    expect(parseRichText(doc(text("loose text")), LIMITS).ok).toBe(false);
    expect(parseRichText(doc({ type: "bulletList", content: [paragraph(text("x"))] }), LIMITS).ok).toBe(false);
    expect(parseRichText(doc(paragraph({ type: "text", text: "" })), LIMITS).ok).toBe(false);
  });

  it("refuses heading levels the editor does not offer", () => {
    const result = parseRichText(doc({ type: "heading", attrs: { level: 1 }, content: [text("x")] }), LIMITS);
    expect(result).toMatchObject({ ok: false, status: 400 });
  });

  it("refuses 1000 levels of nesting without crashing", () => {
    let node: unknown = paragraph(text("deep"));
    for (let i = 0; i < 1000; i++) node = { type: "bulletList", content: [{ type: "listItem", content: [node] }] };
    const result = parseRichText(doc(node), LIMITS);
    expect(result).toMatchObject({ ok: false, status: 400 });
    if (!result.ok) expect(result.message).toMatch(/nested too deeply/);
  });

  it("allows up to the limit and gives 413 above it", () => {
    expect(parseRichText(doc(paragraph(text("a".repeat(50_000)))), LIMITS).ok).toBe(true);
    const result = parseRichText(doc(paragraph(text("a".repeat(25_000))), paragraph(text("b".repeat(25_001)))), LIMITS);
    expect(result).toMatchObject({ ok: false, status: 413 });
    if (!result.ok) expect(result.message).toMatch(/50,001 characters.*50,000/);
  });

  it("counts characters as people do", () => {
    expect(richTextLength(doc(paragraph(text("👍🏽 é"))))).toBe(4);
  });

  it("drops attributes the schema does not know and resets link attributes", () => {
    const result = parseRichText(
      doc(
        { type: "paragraph", attrs: { style: "color:red", onclick: "x" }, content: [text("a")], extra: true },
        paragraph(
          text("b", [
            { type: "link", attrs: { href: "https://example.org", target: "_top", rel: "opener", class: "evil", onmouseover: "x" } },
          ]),
        ),
      ),
      LIMITS,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.doc.content[0]).toEqual({ type: "paragraph", content: [{ type: "text", text: "a" }] });
    expect(result.doc.content[1].content?.[0].marks).toEqual([
      {
        type: "link",
        attrs: { href: "https://example.org", target: null, rel: "noopener noreferrer nofollow", class: null, title: null },
      },
    ]);
  });
});

describe("renderRichText", () => {
  it("renders paragraphs, bold, lists and safe links", () => {
    const html = renderRichText(VALID);
    expect(html).toContain("<h2>Our year</h2>");
    expect(html).toContain("<p>We are <strong>proud</strong> of <em>this</em></p>");
    expect(html).toContain("<ul><li><p>Early help</p></li><li><p>Fostering</p></li></ul>");
    expect(html).toMatch(/<a [^>]*href="https:\/\/example\.gov\.uk\/plan"[^>]*>the plan<\/a>/);
    expect(html).toMatch(/<a [^>]*rel="noopener noreferrer nofollow"/);
    expect(html).not.toContain("target=");
  });

  it("escapes text that looks like HTML", () => {
    const html = renderRichText(doc(paragraph(text("<script>alert(1)</script>"))));
    expect(html).toBe("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>");
    expect(html).not.toContain("<script");
  });

  it("escapes attribute values", () => {
    const html = renderRichText(doc(paragraph(text("x", [{ type: "link", attrs: { href: 'https://example.org/"><script>' } }]))));
    // The quote is escaped, so the address cannot close the attribute and start a tag.
    expect(html).toContain('href="https://example.org/&quot;><script>"');
    expect(html).not.toMatch(/"><script>/);
  });

  it("never takes HTML", () => {
    expect(() => renderRichText("<p>hello</p>")).toThrow(/cannot be shown/);
    expect(() => renderRichText(doc({ type: "image" }))).toThrow();
  });

  it("gives plain text for export and search", () => {
    expect(richTextToPlainText(VALID)).toBe(
      "Our year\n\nWe are proud of this\n\n• Early help\n• Fostering\n\nRead the plan (https://example.gov.uk/plan)",
    );
  });
});

describe("link addresses", () => {
  it("allows only absolute http(s) and mailto addresses", () => {
    expect(isAllowedHref("https://example.gov.uk/a?b=1")).toBe(true);
    expect(isAllowedHref("mailto:lead@example.gov.uk")).toBe(true);
    for (const href of ["/relative", "example.org", "ftp://example.org", "tel:0123", "vbscript:x", "https://", 42]) {
      expect(isAllowedHref(href)).toBe(false);
    }
  });

  it("turns typed addresses into ones the server accepts", () => {
    expect(toLinkHref("example.org/page")).toBe("https://example.org/page");
    expect(toLinkHref("lead@example.gov.uk")).toBe("mailto:lead@example.gov.uk");
    expect(toLinkHref(" https://example.org ")).toBe("https://example.org");
    expect(toLinkHref("javascript:alert(1)")).toBeUndefined();
    expect(toLinkHref("tel:0123")).toBeUndefined();
  });
});
