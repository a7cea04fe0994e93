// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";

import { Editor } from "@tiptap/core";
import { generateJSON } from "@tiptap/html/server";

import { richTextExtensions } from "../../app/richtext/extensions";
import { transformPastedHTML } from "../../app/richtext/paste";
import { parseRichText } from "../../app/richtext/validate.server";

/** What Word puts on the clipboard, trimmed: a style block with list definitions, then the fragment. */
const WORD_HTML = `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">
<head><meta name=Generator content="Microsoft Word 15">
<style><!--
p.MsoListParagraph {margin-left:36.0pt; mso-add-space:auto;}
@list l0 {mso-list-id:1402;}
@list l0:level1 {mso-level-number-format:bullet; mso-level-text:\\F0B7; font-family:Symbol;}
@list l0:level2 {mso-level-number-format:bullet; mso-level-text:o; font-family:"Courier New";}
@list l1:level1 {mso-level-tab-stop:none; mso-level-number-position:left; text-indent:-18.0pt;}
--></style></head>
<body lang=EN-GB style='tab-interval:36.0pt'>
<!--StartFragment-->
<p class=MsoNormal><b><span style='font-size:12.0pt;font-family:"Arial",sans-serif'>Our
story<o:p></o:p></span></b></p>
<p class=MsoNormal><span style='font-family:"Arial",sans-serif'>This year we had a
<i>focused visit</i> in <span style='font-weight:bold'>March</span>.<o:p></o:p></span></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span
style='font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;
</span></span></span><![endif]><span style='font-family:"Arial",sans-serif'>Early help <b>redesigned</b><o:p></o:p></span></p>
<p class=MsoListParagraphCxSpMiddle style='margin-left:72.0pt;mso-add-space:auto;text-indent:-18.0pt;mso-list:l0 level2 lfo1'><![if !supportLists]><span
style='font-family:"Courier New"'><span style='mso-list:Ignore'>o<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;
</span></span></span><![endif]>Family hubs open<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span
style='font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;
</span></span></span><![endif]>Workforce <span class=SpellE>stable</span><o:p></o:p></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<!--[if gte vml 1]><v:shape id="Picture_1" type="#_x0000_t75"><v:imagedata src="file:///C:/image001.png"/></v:shape><![endif]-->
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l1 level1 lfo2'><![if !supportLists]><span
style='mso-list:Ignore'>1.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;
</span></span><![endif]>Reduce <i>re-referrals</i><o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l1 level1 lfo2'><![if !supportLists]><span
style='mso-list:Ignore'>2.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;
</span></span><![endif]>See <a href="https://www.example.gov.uk/plan"><span style='color:#0563C1'>our plan</span></a><o:p></o:p></p>
<p class=MsoNormal><img width=100 height=50 src="file:///C:/image001.png"><a href="javascript:alert(1)">Trusted</a> text<o:p></o:p></p>
<!--EndFragment-->
</body></html>`;

describe("transformPastedHTML", () => {
  it("turns Word's list paragraphs into real lists and keeps bold and italic", () => {
    expect(transformPastedHTML(WORD_HTML)).toBe(
      "<p><strong>Our story</strong></p>" +
        "<p>This year we had a <em>focused visit</em> in <strong>March</strong>.</p>" +
        "<ul>" +
        "<li><p>Early help <strong>redesigned</strong></p><ul><li><p>Family hubs open</p></li></ul></li>" +
        "<li><p>Workforce stable</p></li>" +
        "</ul>" +
        "<ol>" +
        "<li><p>Reduce <em>re-referrals</em></p></li>" +
        '<li><p>See <a href="https://www.example.gov.uk/plan">our plan</a></p></li>' +
        "</ol>" +
        "<p>Trusted text</p>",
    );
  });

  it("tells numbered from bulleted Word lists by the marker when there is no style block", () => {
    const html =
      `<p style='mso-list:l3 level1 lfo4'><span style='mso-list:Ignore'>a)&nbsp;</span>First</p>` +
      `<p style='mso-list:l3 level1 lfo4'><span style='mso-list:Ignore'>b)&nbsp;</span>Second</p>` +
      `<p style='mso-list:l4 level1 lfo5'><span style='mso-list:Ignore'>•&nbsp;</span>Bullet</p>`;
    expect(transformPastedHTML(html)).toBe(
      "<ol><li><p>First</p></li><li><p>Second</p></li></ol><ul><li><p>Bullet</p></li></ul>",
    );
  });

  it("drops styles, classes, fonts, comments and embedded objects", () => {
    const html =
      `<div class="x" style="color:red"><font face="Arial"><u>Plain</u></font><!-- note --><script>alert(1)</script>` +
      `<style>p{}</style><img src="x" onerror="alert(1)"><svg><circle r="1"/></svg></div>`;
    expect(transformPastedHTML(html)).toBe("<p>Plain</p>");
  });

  it("keeps real HTML lists, headings and line breaks; moves headings down a level", () => {
    const html =
      `<h1 class="title">Plan</h1><h3>Detail</h3><ul style="margin:0"><li>One<ul><li>One a</li></ul></li>` +
      `<li><span>Two</span><br>more</li></ul><ol><li>First</li></ol>`;
    expect(transformPastedHTML(html)).toBe(
      "<h2>Plan</h2><h4>Detail</h4>" +
        "<ul><li><p>One</p><ul><li><p>One a</p></li></ul></li><li><p>Two<br>more</p></li></ul>" +
        "<ol><li><p>First</p></li></ol>",
    );
  });

  it("reads Google Docs' wrapper as not bold, but its bold spans as bold", () => {
    const html =
      `<b style="font-weight:normal;" id="docs-internal-guid-1"><p dir="ltr"><span style="font-weight:700">Key</span>` +
      `<span style="font-weight:400"> point</span><span style="font-style:italic"> here</span></p></b>`;
    expect(transformPastedHTML(html)).toBe("<p><strong>Key</strong> point<em> here</em></p>");
  });

  it("keeps only http(s) and mailto links", () => {
    const html =
      `<p><a href="mailto:lead@example.gov.uk">Email</a> <a href="data:text/html,hi">data</a> ` +
      `<a href="#_Toc1">toc</a> <a href=" https://example.org ">web</a></p>`;
    expect(transformPastedHTML(html)).toBe(
      '<p><a href="mailto:lead@example.gov.uk">Email</a> data toc <a href="https://example.org">web</a></p>',
    );
  });

  it("gives the editor a document the server accepts", () => {
    const json = generateJSON(transformPastedHTML(WORD_HTML), richTextExtensions);
    const result = parseRichText(json, { maxChars: 50_000 });
    expect(result.ok).toBe(true);
    expect(JSON.stringify(json)).toContain('"type":"orderedList"');
    expect(JSON.stringify(json)).toContain('"type":"bulletList"');
  });

  it("gives the same output every time", () => {
    expect(transformPastedHTML(WORD_HTML)).toBe(transformPastedHTML(WORD_HTML));
  });
});

describe("the shared extensions in a real editor", () => {
  it("builds an editor whose documents the server accepts, and refuses unsafe links", () => {
    const editor = new Editor({
      extensions: richTextExtensions,
      content: generateJSON(transformPastedHTML(WORD_HTML), richTextExtensions),
    });
    try {
      expect(parseRichText(editor.getJSON(), { maxChars: 50_000 }).ok).toBe(true);
      editor.commands.selectAll();
      expect(editor.commands.setLink({ href: "javascript:alert(1)" })).toBe(false);
      expect(editor.commands.setLink({ href: "https://example.org" })).toBe(true);
      expect(editor.getHTML()).toContain('<a rel="noopener noreferrer nofollow" href="https://example.org">');
      expect(editor.can().toggleHeading({ level: 1 })).toBe(false);
      expect(editor.can().toggleHeading({ level: 2 })).toBe(true);
      expect(Object.keys(editor.schema.marks).sort()).toEqual(["bold", "italic", "link"]);
    } finally {
      editor.destroy();
    }
  });
});
