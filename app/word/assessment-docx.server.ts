/**
 * An assessment as a Word document, laid out like the familiar form and generated from the
 * cycle's template like the editor and the print view: a title page with the authority, cycle,
 * status and signatures ("DRAFT" in every page's header while it is a draft), then each section
 * with its number, title, prompts and answers. Each field kind writes its own blocks
 * (app/template/kinds, `word`); this module only turns blocks into Word. Headings use Word's
 * own Heading styles, so the navigation pane and a table of contents work.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Header,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from "docx";

import type { AssessmentProgress } from "../assessment/progress.server";
import { isSignOffOnly } from "../assessment/progress.server";
import { signOffsOf } from "../assessment/signing.server";
import type { AssessmentContext } from "../models/assessment.server";
import { kindOf } from "../template/kinds";
import type { WordBlock, WordRun } from "../template/kinds/word";
import { answerFields } from "../template/values";
import { fileSlug, formatDateTime, STATUS_LABELS, sectionHeading } from "../utils/format";
import { heavyWork } from "../utils/heavy-work.server";
import { wordSafe } from "./xml-text";

const LIST_LEVELS = 6;


function textRuns(runs: WordRun[]): ParagraphChild[] {
  return runs.map((run) => {
    if (run.text === "\n") return new TextRun({ break: 1 });
    const text = new TextRun({ text: wordSafe(run.text), bold: run.bold, italics: run.italic, ...(run.link ? { style: "Hyperlink" } : {}) });
    return run.link ? new ExternalHyperlink({ link: run.link, children: [text] }) : text;
  });
}

function cell(runs: WordRun[], header = false): TableCell {
  return new TableCell({ children: [new Paragraph({ children: textRuns(header ? runs.map((r) => ({ ...r, bold: true })) : runs) })] });
}

/** Word paragraphs and tables for blocks, lists nested to `depth`. */
function render(blocks: WordBlock[], depth = 0, ordered = false): Array<Paragraph | Table> {
  const out: Array<Paragraph | Table> = [];
  for (const block of blocks) {
    if (block.type === "paragraph") {
      out.push(
        new Paragraph({
          children: textRuns(block.runs),
          ...(block.heading ? { heading: block.heading === 3 ? HeadingLevel.HEADING_3 : HeadingLevel.HEADING_4 } : {}),
          ...(depth > 0 ? { numbering: { reference: ordered ? "numbers" : "bullets", level: Math.min(depth - 1, LIST_LEVELS - 1) } } : {}),
        }),
      );
    } else if (block.type === "list") {
      for (const item of block.items) {
        // The item's first paragraph carries the number or bullet; what follows is indented under it.
        const [first, ...rest] = item;
        if (first) out.push(...render([first], depth + 1, block.ordered));
        for (const more of rest) {
          if (more.type === "list") out.push(...render([more], depth + 1, block.ordered));
          else out.push(...render([more]));
        }
      }
    } else {
      out.push(
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [
            new TableRow({ tableHeader: true, children: block.header.map((title) => cell([{ text: title }], true)) }),
            ...block.rows.map((row) => new TableRow({ cantSplit: true, children: row.map((runs) => cell(runs)) })),
          ],
        }),
      );
    }
  }
  return out;
}

function listLevels(format: (typeof LevelFormat)[keyof typeof LevelFormat], text: (level: number) => string) {
  return Array.from({ length: LIST_LEVELS }, (_, level) => ({
    level,
    format,
    text: text(level),
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
  }));
}

/** The file name people expect: authority, cycle, "self-assessment". */
export function assessmentFileName(assessment: AssessmentContext): string {
  return `${fileSlug(assessment.authority.name)}-${fileSlug(assessment.cycle.label)}-self-assessment.docx`;
}

export function assessmentDocx(assessment: AssessmentContext, progress: AssessmentProgress): Promise<Buffer> {
  return heavyWork(() => buildAssessmentDocx(assessment, progress));
}

async function buildAssessmentDocx(assessment: AssessmentContext, progress: AssessmentProgress): Promise<Buffer> {
  const template = assessment.cycle.template;
  const vocabulary = [...template.themes, ...template.supportKinds];
  const draft = assessment.status === "draft";
  const signatureRows = signOffsOf(template).flatMap((entry) =>
    (progress.valid[entry.field.key] ?? []).map((s) => [
      [{ text: entry.field.roles.find((role) => role.key === s.roleKey)?.title ?? s.roleKey }],
      [{ text: s.name ?? "A former user" }],
      [{ text: formatDateTime(s.signedAt) }],
    ]),
  );

  const titlePage: Array<Paragraph | Table> = [
    new Paragraph({ text: template.title, heading: HeadingLevel.TITLE }),
    new Paragraph({ children: [new TextRun({ text: assessment.authority.name, bold: true, size: 32 })] }),
    new Paragraph({ text: `Cycle ${assessment.cycle.label}` }),
    new Paragraph({ text: `Status: ${STATUS_LABELS[assessment.status]}` }),
    new Paragraph({ text: "Signatures", heading: HeadingLevel.HEADING_2 }),
    ...(signatureRows.length > 0
      ? render([{ type: "table", header: ["Role", "Name", "Signed"], rows: signatureRows }])
      : [new Paragraph({ text: "Not signed yet." })]),
  ];

  const body: Array<Paragraph | Table> = [];
  for (const section of template.sections) {
    if (isSignOffOnly(section)) continue;
    body.push(new Paragraph({ text: sectionHeading(section), heading: HeadingLevel.HEADING_1, pageBreakBefore: true }));
    if (section.intro) body.push(new Paragraph({ children: [new TextRun({ text: section.intro, italics: true })] }));
    const values = progress.sections[section.key]?.values ?? {};
    for (const field of answerFields(section)) {
      body.push(new Paragraph({ text: field.title, heading: HeadingLevel.HEADING_2 }));
      body.push(new Paragraph({ children: [new TextRun({ text: field.prompt, italics: true })] }));
      const blocks = kindOf(field).word(field, values[field.key], vocabulary);
      body.push(...(blocks.length > 0 ? render(blocks) : [new Paragraph({ children: [new TextRun({ text: "Not answered", italics: true })] })]));
    }
  }

  const doc = new Document({
    title: `${assessment.authority.name} self-assessment ${assessment.cycle.label}`,
    creator: assessment.authority.name,
    description: template.title,
    numbering: {
      config: [
        { reference: "bullets", levels: listLevels(LevelFormat.BULLET, (level) => ["•", "◦", "▪"][level % 3]!) },
        { reference: "numbers", levels: listLevels(LevelFormat.DECIMAL, (level) => `%${level + 1}.`) },
      ],
    },
    sections: [
      {
        headers: draft
          ? {
              default: new Header({
                children: [
                  new Paragraph({
                    alignment: AlignmentType.CENTER,
                    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: "999999", space: 1 } },
                    children: [new TextRun({ text: "DRAFT", bold: true, color: "B10E1E" })],
                  }),
                ],
              }),
            }
          : undefined,
        children: [...titlePage, ...body],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
