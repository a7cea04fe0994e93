/**
 * The untrusted-file runner, from source (as tsx and Vitest run it): a file is read in a worker
 * and the result comes back; a parser's refusal comes back as it was thrown; a worker that runs
 * out of heap or of time is stopped and the person is told so in words; the caller's bytes stay
 * as they were; and the runner keeps working after each.
 */
import { Document, Packer, Paragraph, TextRun } from "docx";
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";

import { UploadRefused, WORKER_REFUSALS } from "../../app/uploads/refused";
import { runUntrusted } from "../../app/uploads/untrusted-worker.server";

async function letter(text: string): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph({ children: [new TextRun({ text, bold: true })] }), new Paragraph({ text: "Kind regards" })] }] })));
}

const xmlDocument = (body: string) =>
  zipSync({
    "[Content_Types].xml": strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    "word/document.xml": strToU8(`<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`),
  });

async function refusal(run: Promise<unknown>): Promise<UploadRefused> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UploadRefused);
  return error as UploadRefused;
}

describe("runUntrusted", () => {
  it("reads a document in a worker and hands back its blocks; the caller's bytes are left as they were", async () => {
    const bytes = await letter("Dear colleagues");
    const copy = bytes.slice();
    const blocks = await runUntrusted("docx", bytes);
    expect(blocks).toEqual([
      { type: "paragraph", runs: [{ text: "Dear colleagues", bold: true }] },
      { type: "paragraph", runs: [{ text: "Kind regards" }] },
    ]);
    expect(bytes).toEqual(copy);
  });

  it("passes on the parser's own refusal, with its message and status", async () => {
    const error = await refusal(runUntrusted("docx", strToU8("Not a Word document at all.")));
    expect(error.code).toBe("not_docx");
    expect(error.message).toBe("This is not a Word document. Choose a .docx file.");
    expect(error.status).toBe(400);
  });

  it("stops a worker that takes longer than its time, and says so", async () => {
    const slow = xmlDocument(`<w:p><w:r><w:t>${"a".repeat(200_000)}</w:t></w:r></w:p>`.repeat(30));
    const error = await refusal(runUntrusted("docx", slow, { timeoutMs: 1 }));
    expect(error.code).toBe("too_slow");
    expect(error.message).toBe(WORKER_REFUSALS.too_slow);
    // The next file is read as usual.
    expect(await runUntrusted("docx", await letter("Still here"))).toHaveLength(2);
  });

  it("a worker that would need more heap than it is given dies alone, and the person is told", async () => {
    // One paragraph of 130,000 runs: within every limit of the reader, but its tree of some
    // 400,000 elements takes several times the 16 MB of heap allowed here.
    const heavy = xmlDocument(`<w:p>${"<w:r><w:t>a</w:t></w:r>".repeat(130_000)}</w:p>`);
    const error = await refusal(runUntrusted("docx", heavy, { heapMb: 16 }));
    expect(error.code).toBe("too_heavy");
    expect(error.message).toBe(WORKER_REFUSALS.too_heavy);
    expect(await runUntrusted("docx", await letter("Still here"))).toHaveLength(2);
  });
});
