/**
 * The self-assessment template as data: sections, fields, prompts, limits and guidance.
 * The editor, server validation, completeness, print view and Word export are all
 * generated from this one definition. Shared by browser and server (no Node imports).
 *
 * To change wording or limits for a new cycle, edit TEMPLATE and bump its version;
 * each cycle keeps the version it opened with.
 */
import { z } from "zod";

import { DEFAULT_MAX_CHARS } from "../richtext/doc";

// ---------------------------------------------------------------------------
// The schema every template must satisfy

const keySchema = z
  .string()
  .regex(/^[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)*$/, "must be letters and digits, joined by - or _");
const wording = z.string().trim().min(1, "must not be empty");
const limit = z.int("must be a whole number").positive("must be more than 0");

const optionSchema = z.strictObject({
  value: keySchema,
  label: wording,
  /** Shown next to the label, e.g. an arrow for a direction of travel. */
  symbol: z.string().optional(),
  hint: z.string().optional(),
});

/** What one row or item is called, in the users' words: "strength", "strengths". */
const nounSchema = z.strictObject({ singular: wording, plural: wording });

const columnBase = {
  key: keySchema,
  title: wording,
  hint: z.string().optional(),
  /** Needed for the row (or list item) to count as complete. */
  required: z.boolean(),
  /** Who writes this column when it differs from the section's author. */
  author: z.enum(["authority", "peers"]).optional(),
};

const columnSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    ...columnBase,
    kind: z.literal("text"),
    maxLength: limit,
    /** Several lines expected: show a text area rather than a one-line input. */
    multiline: z.boolean().optional(),
  }),
  z.strictObject({
    ...columnBase,
    kind: z.literal("choice"),
    options: z.array(optionSchema).min(1, "needs at least one option"),
    /** Several options may be chosen; the value is then a list. */
    multiple: z.boolean().optional(),
    maxSelected: limit.optional(),
    /** Worked out from other columns when they are filled in (see deriveComparison). */
    derived: z.literal("comparisonWithEngland").optional(),
  }),
  z.strictObject({
    ...columnBase,
    kind: z.literal("number"),
    min: z.number().optional(),
    max: z.number().optional(),
  }),
  z.strictObject({
    ...columnBase,
    kind: z.literal("monthYear"),
    /** Allow "due" instead of a month, for something expected but not yet dated. */
    allowDue: z.boolean().optional(),
  }),
  z.strictObject({ ...columnBase, kind: z.literal("date") }),
]);

const fieldBase = {
  key: keySchema,
  title: wording,
  /** The question; also the accessible name of the field's control. */
  prompt: wording,
  guidance: z.string().optional(),
  required: z.boolean(),
};

const areaSchema = z.strictObject({
  key: keySchema,
  title: wording,
  /** What good looks like in this area. */
  guidance: wording,
});

export const PEER_SIGNER = "peer" as const;
export const PEERS_PER_CHALLENGE = 2;
const roleSchema = z.strictObject({
  key: keySchema,
  title: wording,
  /** How many different people in this role must sign (two peer directors, say). */
  signers: limit,
  signedBy: z.string(),
});

const fieldSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    ...fieldBase,
    kind: z.literal("richText"),
    /** Characters of text allowed; DEFAULT_MAX_CHARS when absent. */
    maxChars: limit.optional(),
  }),
  z.strictObject({
    ...fieldBase,
    kind: z.literal("table"),
    columns: z.array(columnSchema).min(1, "needs at least one column"),
    maxRows: limit.optional(),
    rowName: nounSchema,
  }),
  z.strictObject({
    ...fieldBase,
    kind: z.literal("list"),
    maxItems: limit,
    itemName: nounSchema,
    /** Characters allowed in each item's description; DEFAULT_MAX_CHARS when absent. */
    bodyMaxChars: limit.optional(),
    /** Fields each item has besides its title and description. */
    itemFields: z.array(columnSchema).optional(),
  }),
  z.strictObject({
    ...fieldBase,
    kind: z.literal("ratingGrid"),
    areas: z.array(areaSchema).min(1, "needs at least one area"),
    ratings: z.array(optionSchema).min(1, "needs at least one rating"),
    directions: z.array(optionSchema).min(1, "needs at least one direction of travel"),
  }),
  z.strictObject({ ...fieldBase, kind: z.literal("date") }),
  z.strictObject({
    ...fieldBase,
    kind: z.literal("signOff"),
    covers: z.array(keySchema).min(1),
    roles: z.array(roleSchema).min(1, "needs at least one role"),
  }),
]);

const sectionSchema = z.strictObject({
  key: keySchema,
  /** Shown before the title: "Section 1". Absent for the sign-off. */
  number: z.string().optional(),
  title: wording,
  intro: z.string().optional(),
  /** "peers": written by the peer directors; the authority's editor skips it. */
  author: z.enum(["authority", "peers"]),
  fields: z.array(fieldSchema).min(1, "needs at least one field"),
});

export const templateSchema = z.strictObject({
  version: z.string().regex(/^\d{4}\.\d+$/, 'must look like "2026.1"'),
  title: wording,
  /** The regional vocabulary of themes for offers and requests. */
  themes: z.array(optionSchema).min(1, "needs at least one theme"),
  /** The kinds of support a request can ask for. */
  supportKinds: z.array(optionSchema).min(1, "needs at least one kind of support"),
  sections: z.array(sectionSchema).min(1, "needs at least one section"),
});

export type TemplateDefinition = z.infer<typeof templateSchema>;
export type SectionDefinition = TemplateDefinition["sections"][number];
export type FieldDefinition = SectionDefinition["fields"][number];
export type FieldKind = FieldDefinition["kind"];
export type FieldOfKind<K extends FieldKind> = Extract<FieldDefinition, { kind: K }>;
export type RichTextField = FieldOfKind<"richText">;
export type TableField = FieldOfKind<"table">;
export type ListField = FieldOfKind<"list">;
export type RatingGridField = FieldOfKind<"ratingGrid">;
export type DateField = FieldOfKind<"date">;
export type SignOffField = FieldOfKind<"signOff">;
export type ColumnDefinition = z.infer<typeof columnSchema>;
export type OptionDefinition = z.infer<typeof optionSchema>;
export type SectionAuthor = SectionDefinition["author"];

/** List items always have these; a list's own itemFields may not reuse the names. */
export const LIST_ITEM_BUILT_IN = ["id", "title", "body"] as const;
export const LIST_TITLE_MAX_LENGTH = 200;

/** Character limit of a rich-text field. */
export function richTextMaxChars(field: RichTextField): number {
  return field.maxChars ?? DEFAULT_MAX_CHARS;
}

/** Character limit of each list item's description. */
export function listBodyMaxChars(field: ListField): number {
  return field.bodyMaxChars ?? DEFAULT_MAX_CHARS;
}

// ---------------------------------------------------------------------------
// Checking a definition

/** Readable location for a zod issue: `field "1d" › maxItems` rather than `sections.0.fields.3.maxItems`. */
function describePath(def: unknown, path: readonly PropertyKey[]): string {
  const parts: string[] = [];
  let cursor: unknown = def;
  for (const segment of path) {
    const next: unknown = cursor && typeof cursor === "object" ? (cursor as Record<PropertyKey, unknown>)[segment] : undefined;
    if (typeof segment === "number") {
      const collection = parts.pop() ?? "";
      const id =
        next && typeof next === "object"
          ? ((next as { key?: unknown; value?: unknown }).key ?? (next as { value?: unknown }).value)
          : undefined;
      const noun = SINGULAR[collection] ?? collection;
      parts.push(typeof id === "string" ? `${noun} "${id}"` : `${noun} ${segment + 1}`);
    } else {
      parts.push(String(segment));
    }
    cursor = next;
  }
  return parts.join(" › ") || "template";
}

const SINGULAR: Record<string, string> = {
  sections: "section",
  fields: "field",
  columns: "column",
  itemFields: "item field",
  areas: "area",
  ratings: "rating",
  directions: "direction",
  options: "option",
  roles: "role",
  themes: "theme",
  supportKinds: "kind of support",
};

function fail(message: string): never {
  throw new Error(`The template is not valid: ${message}`);
}

function checkUnique(values: string[], what: (value: string) => string): void {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) fail(`${what(value)} is used more than once`);
    seen.add(value);
  }
}

function checkOptions(options: OptionDefinition[], where: string): void {
  checkUnique(
    options.map((option) => option.value),
    (value) => `${where} option "${value}"`,
  );
}

function checkColumns(columns: ColumnDefinition[], where: string, reserved: readonly string[]): void {
  checkUnique(
    columns.map((column) => column.key),
    (key) => `${where} column "${key}"`,
  );
  for (const column of columns) {
    const at = `${where} column "${column.key}"`;
    if (reserved.includes(column.key)) fail(`${at} uses a reserved name (${reserved.join(", ")})`);
    if (column.kind === "choice") {
      checkOptions(column.options, at);
      if (column.maxSelected !== undefined && !column.multiple) fail(`${at} has maxSelected but is not multiple`);
      if (column.derived === "comparisonWithEngland") {
        for (const needed of ["ourValue", "englandAverage"]) {
          if (!columns.some((other) => other.key === needed && other.kind === "number")) {
            fail(`${at} is derived from "${needed}", which must be a number column`);
          }
        }
        for (const needed of ["higher", "lower", "similar"]) {
          if (!column.options.some((option) => option.value === needed)) fail(`${at} needs an option "${needed}"`);
        }
      }
    }
    if (column.kind === "number" && column.min !== undefined && column.max !== undefined && column.min > column.max) {
      fail(`${at} has min above max`);
    }
  }
}

/**
 * Check a template definition and return it typed. Throws an Error whose message names
 * the section, field, column or option at fault.
 */
export function validateTemplate(def: unknown): TemplateDefinition {
  const parsed = templateSchema.safeParse(def);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((issue) => `${describePath(def, issue.path)}: ${issue.message}`);
    fail(issues.join("; "));
  }
  const template = parsed.data;

  checkOptions(template.themes, "themes");
  checkOptions(template.supportKinds, "supportKinds");
  checkUnique(
    template.sections.map((section) => section.key),
    (key) => `section key "${key}"`,
  );
  // Field keys are unique across the whole template: they name anchors and missing items.
  checkUnique(
    template.sections.flatMap((section) => section.fields.map((field) => field.key)),
    (key) => `field key "${key}"`,
  );

  for (const section of template.sections) {
    for (const field of section.fields) {
      const where = `field "${field.key}"`;
      switch (field.kind) {
        case "table":
          checkColumns(field.columns, where, ["id"]);
          break;
        case "list":
          checkColumns(field.itemFields ?? [], where, LIST_ITEM_BUILT_IN);
          break;
        case "ratingGrid":
          checkUnique(
            field.areas.map((area) => area.key),
            (key) => `${where} area "${key}"`,
          );
          checkOptions(field.ratings, `${where} ratings`);
          checkOptions(field.directions, `${where} directions`);
          break;
        case "signOff":
          checkUnique(
            field.roles.map((role) => role.key),
            (key) => `${where} role "${key}"`,
          );
          break;
        default:
          break;
      }
    }
  }
  return template;
}

// ---------------------------------------------------------------------------
// The current template

const THEMES: OptionDefinition[] = [
  { value: "front_door", label: "Front door" },
  { value: "early_help", label: "Early help" },
  { value: "child_protection", label: "Child protection" },
  { value: "exploitation", label: "Exploitation and children missing from home" },
  { value: "domestic_abuse", label: "Domestic abuse" },
  { value: "edge_of_care", label: "Edge of care" },
  { value: "kinship_care", label: "Kinship care" },
  { value: "fostering", label: "Fostering" },
  { value: "placement_sufficiency", label: "Placement sufficiency" },
  { value: "care_leavers", label: "Care leavers" },
  { value: "send_quality_assurance", label: "SEND quality assurance" },
  { value: "attendance", label: "Attendance" },
  { value: "exclusions", label: "Exclusions" },
  { value: "voice_of_children", label: "Voice of children and families" },
  { value: "workforce", label: "Workforce recruitment and retention" },
  { value: "performance_data", label: "Performance data and insight" },
];

const SUPPORT_KINDS: OptionDefinition[] = [
  { value: "peer_challenge", label: "Peer challenge" },
  { value: "peer_audit", label: "Peer audit" },
  { value: "diagnostic_review", label: "Diagnostic review" },
  { value: "mentoring", label: "Mentoring" },
  { value: "shared_practice", label: "Shared practice or resources" },
  { value: "other", label: "Other" },
];

const SELF_EVALUATION_GUIDANCE =
  "Say what your self-evaluation tells you, and how you know: audit findings, performance data, " +
  "what children and families tell you, and what inspectors and peers have said.";

const PLANS_GUIDANCE =
  "Name the few things you will do, who leads each, and how you will know they have made a difference. " +
  "Link them to your priorities in section 1.";

export const TEMPLATE: TemplateDefinition = {
  version: "2026.1",
  title: "Sector-led improvement self-assessment",
  themes: THEMES,
  supportKinds: SUPPORT_KINDS,
  sections: [
    {
      key: "1",
      number: "Section 1",
      title: "Overview",
      intro:
        "A short picture of your authority: the year you have had, the facts that matter, " +
        "what you do well, what you will improve and how you rate yourselves.",
      author: "authority",
      fields: [
        {
          key: "1a",
          title: "Our story",
          prompt: "Our story: tell the story of your children's services over the last year",
          guidance:
            "Cover inspections and visits, your workforce, demand for services, your budget and your plans. " +
            "Write for a director from another authority who does not know your area.",
          kind: "richText",
          required: true,
          maxChars: DEFAULT_MAX_CHARS,
        },
        {
          key: "1b",
          title: "External challenge",
          prompt: "External challenge: list the inspections, visits and reviews you have had or expect",
          guidance:
            "Include inspections, focused visits, joint targeted area inspections, peer reviews, peer audits " +
            "and your annual conversation with Ofsted. Give the month and year, or choose “Due” if no date is set yet.",
          kind: "table",
          required: true,
          maxRows: 20,
          rowName: { singular: "activity", plural: "activities" },
          columns: [
            { key: "when", title: "When", kind: "monthYear", allowDue: true, required: true },
            { key: "activity", title: "Activity", kind: "text", maxLength: 300, required: true },
          ],
        },
        {
          key: "1c",
          title: "Our authority at a glance",
          prompt: "Our authority at a glance: key facts and how they compare with England",
          guidance:
            "Choose the facts a visiting director most needs, such as the number of children, the rate of " +
            "children in need or in care, or take-up of early help. If you give your value and the England " +
            "average as numbers, the comparison is worked out for you: within 2% of the England figure counts as similar.",
          kind: "table",
          required: true,
          maxRows: 15,
          rowName: { singular: "fact", plural: "facts" },
          columns: [
            { key: "statement", title: "Fact", kind: "text", maxLength: 200, required: true },
            { key: "value", title: "Our figure", kind: "text", maxLength: 60, required: true },
            {
              key: "comparison",
              title: "Compared with England",
              kind: "choice",
              required: true,
              derived: "comparisonWithEngland",
              options: [
                { value: "higher", label: "Higher", symbol: "↑" },
                { value: "lower", label: "Lower", symbol: "↓" },
                { value: "similar", label: "Similar", symbol: "↔" },
                { value: "not_compared", label: "Not compared" },
              ],
            },
            { key: "ourValue", title: "Our value as a number", kind: "number", required: false },
            { key: "englandAverage", title: "England average", kind: "number", required: false },
            { key: "regionalAverage", title: "Regional average", kind: "number", required: false },
          ],
        },
        {
          key: "1d",
          title: "Strengths",
          prompt: "Strengths: the outcomes you are most proud of from the last year",
          guidance:
            "Up to four. Give each a short title, then say what changed for children and families and how you know.",
          kind: "list",
          required: true,
          maxItems: 4,
          bodyMaxChars: 5_000,
          itemName: { singular: "strength", plural: "strengths" },
        },
        {
          key: "1e",
          title: "Priorities",
          prompt: "Priorities: your top areas for improvement in the coming year",
          guidance: "Up to three. Give each a short title, then say why it matters and what you will do.",
          kind: "list",
          required: true,
          maxItems: 3,
          bodyMaxChars: 5_000,
          itemName: { singular: "priority", plural: "priorities" },
        },
        {
          key: "1f",
          title: "Signatures of success",
          prompt: "Signatures of success: rate each area and give its direction of travel",
          guidance:
            "For each area choose the rating that fits best, and say whether things are improving, stable or " +
            "declining. Test your judgement against what good looks like; sections 2 to 4 should hold the evidence.",
          kind: "ratingGrid",
          required: true,
          areas: [
            {
              key: "leadership",
              title: "Impact of vision, leadership and governance",
              guidance:
                "Leaders share a clear ambition for children that staff and partners can describe. Political and " +
                "corporate leaders know the service well, fund it realistically and hold it to account.",
            },
            {
              key: "performance",
              title: "Performance culture and challenge",
              guidance:
                "Leaders use timely data, audit and feedback to understand practice, act quickly on what they find " +
                "and welcome challenge from outside, including from peers.",
            },
            {
              key: "outcomes",
              title: "Outcomes for children and young people",
              guidance:
                "Children are safer, healthier and doing better at school because of the help they get. Gaps for " +
                "the most vulnerable are narrowing and leaders can show it.",
            },
            {
              key: "voice",
              title: "Voice of children, young people and families",
              guidance:
                "Children and families are listened to in their own plans and in shaping services, and they can " +
                "see what changed as a result.",
            },
            {
              key: "commissioning",
              title: "Effectiveness of commissioning arrangements",
              guidance:
                "Commissioning starts from a clear picture of need, gives children enough good local placements " +
                "and services, and gives value for money.",
            },
            {
              key: "resources",
              title: "Resource and workforce management",
              guidance:
                "Budgets are managed well. Caseloads are manageable and staff are stable, well supported, well " +
                "trained and supervised. Reliance on agency staff is reducing.",
            },
            {
              key: "partnership",
              title: "Partnership and working together",
              guidance:
                "Partners such as health, police, schools and the voluntary sector share responsibility for " +
                "children, work to agreed plans and challenge one another constructively.",
            },
          ],
          ratings: [
            { value: "good_practice", label: "Area of good practice" },
            { value: "improving_practice", label: "Area of improving practice" },
            { value: "further_development", label: "Area requiring further development" },
            { value: "priority_focus", label: "Area of priority focus" },
          ],
          directions: [
            { value: "improving", label: "Improving", symbol: "↑" },
            { value: "stable", label: "Stable", symbol: "↔" },
            { value: "declining", label: "Declining", symbol: "↓" },
          ],
        },
      ],
    },
    {
      key: "2",
      number: "Section 2",
      title: "Children's social care and safeguarding",
      intro: SELF_EVALUATION_GUIDANCE,
      author: "authority",
      fields: [
        {
          key: "2a",
          title: "Impact of leaders on social work practice",
          prompt: "What difference do your leaders make to social work practice?",
          guidance: SELF_EVALUATION_GUIDANCE,
          kind: "richText",
          required: true,
        },
        {
          key: "2b",
          title: "Children who need help and protection",
          prompt: "How good is practice for children who need help and protection, including early help?",
          guidance: SELF_EVALUATION_GUIDANCE,
          kind: "richText",
          required: true,
        },
        {
          key: "2c",
          title: "Children in care and care leavers",
          prompt: "How good is practice for children in care and care leavers?",
          guidance: SELF_EVALUATION_GUIDANCE,
          kind: "richText",
          required: true,
        },
        {
          key: "2d",
          title: "Plans for the next 12 months",
          prompt: "What will you do in the next 12 months to improve social care and safeguarding?",
          guidance: PLANS_GUIDANCE,
          kind: "richText",
          required: true,
        },
      ],
    },
    {
      key: "3",
      number: "Section 3",
      title: "Effectiveness of SEND arrangements",
      intro:
        "How well the local area works for children and young people with special educational needs and " +
        `disabilities. ${SELF_EVALUATION_GUIDANCE}`,
      author: "authority",
      fields: [
        {
          key: "3a",
          title: "Identifying needs",
          prompt: "How well do you identify children's and young people's needs?",
          guidance: SELF_EVALUATION_GUIDANCE,
          kind: "richText",
          required: true,
        },
        {
          key: "3b",
          title: "Assessing needs",
          prompt: "How well do you assess children's and young people's needs?",
          guidance: `${SELF_EVALUATION_GUIDANCE} Include the timeliness and quality of education, health and care plans.`,
          kind: "richText",
          required: true,
        },
        {
          key: "3c",
          title: "Meeting needs",
          prompt: "How well do you meet children's and young people's needs?",
          guidance: SELF_EVALUATION_GUIDANCE,
          kind: "richText",
          required: true,
        },
        {
          key: "3d",
          title: "Plans for the next 12 months",
          prompt: "What will you do in the next 12 months to improve SEND arrangements?",
          guidance: PLANS_GUIDANCE,
          kind: "richText",
          required: true,
        },
      ],
    },
    {
      key: "4",
      number: "Section 4",
      title: "Education and vulnerable learners",
      intro: `How well children and young people learn and achieve, especially the most vulnerable. ${SELF_EVALUATION_GUIDANCE}`,
      author: "authority",
      fields: [
        {
          key: "4a",
          title: "Early years and primary outcomes",
          prompt: "How well do children achieve in the early years and at primary school?",
          guidance: SELF_EVALUATION_GUIDANCE,
          kind: "richText",
          required: true,
        },
        {
          key: "4b",
          title: "Secondary outcomes",
          prompt: "How well do young people achieve at secondary school?",
          guidance: `${SELF_EVALUATION_GUIDANCE} Include attendance, suspensions and exclusions.`,
          kind: "richText",
          required: true,
        },
        {
          key: "4c",
          title: "Post-16 outcomes",
          prompt: "How well do young people achieve after 16, and how many are in education, employment or training?",
          guidance: SELF_EVALUATION_GUIDANCE,
          kind: "richText",
          required: true,
        },
        {
          key: "4d",
          title: "Plans for the next 12 months",
          prompt: "What will you do in the next 12 months to improve outcomes for vulnerable learners?",
          guidance: PLANS_GUIDANCE,
          kind: "richText",
          required: true,
        },
      ],
    },
    {
      key: "5",
      number: "Section 5",
      title: "Directors' challenge",
      intro:
        "Written by the two peer directors after the challenge meeting. The authority can add a response " +
        "to each recommendation.",
      author: "peers",
      fields: [
        {
          key: "5a",
          title: "Key points and recommendations",
          prompt: "Key points raised in the challenge meeting, and your recommendations",
          guidance:
            "One row for each key point. Say which peer authority raised it, what you recommend, and whether " +
            "it needs action.",
          kind: "table",
          required: true,
          maxRows: 20,
          rowName: { singular: "key point", plural: "key points" },
          columns: [
            { key: "keyPoint", title: "Key point raised", kind: "text", maxLength: 1_000, multiline: true, required: true },
            { key: "peerAuthority", title: "Raised by", kind: "text", maxLength: 100, required: true },
            {
              key: "recommendation",
              title: "Recommendation",
              kind: "text",
              maxLength: 1_000,
              multiline: true,
              required: true,
            },
            {
              key: "outcome",
              title: "Outcome",
              kind: "choice",
              required: true,
              options: [
                { value: "action", label: "Action" },
                { value: "no_further_action", label: "No further action" },
              ],
            },
            {
              key: "response",
              title: "Authority's response",
              kind: "text",
              maxLength: 1_000,
              multiline: true,
              required: false,
              author: "authority",
            },
          ],
        },
        {
          key: "5b",
          title: "Date of the challenge meeting",
          prompt: "Date of the challenge meeting",
          kind: "date",
          required: true,
        },
        {
          key: "5c",
          title: "Peer directors' sign-off",
          prompt: "Sign off the directors' challenge",
          guidance: "Both peer directors sign once the key points and recommendations are agreed.",
          kind: "signOff",
          required: true,
          covers: ["5"],
          roles: [{ key: "peer_director", title: "Peer director", signers: 2, signedBy: "peer" }],
        },
      ],
    },
    {
      key: "6",
      number: "Section 6",
      title: "Regional SLI offer",
      intro:
        "What you can offer other authorities in the region, and the support you would like. Every offer and " +
        "request goes into the regional offer once your self-assessment is submitted.",
      author: "authority",
      fields: [
        {
          key: "6a",
          title: "Offers",
          prompt: "Offers: good practice you can share with other authorities",
          guidance:
            "Up to five. Describe the practice, what difference it has made, and how others could learn from it " +
            "(visits, materials, a named contact). Tag each with the themes it covers.",
          kind: "list",
          required: true,
          maxItems: 5,
          bodyMaxChars: 3_000,
          itemName: { singular: "offer", plural: "offers" },
          itemFields: [
            { key: "themes", title: "Themes", kind: "choice", multiple: true, maxSelected: 5, required: true, options: THEMES },
          ],
        },
        {
          key: "6b",
          title: "Requests for support",
          prompt: "Requests: support you would like from other authorities",
          guidance:
            "Up to five. Say what you want to improve and what help would make a difference, then choose the kind " +
            "of support and the themes.",
          kind: "list",
          required: false,
          maxItems: 5,
          bodyMaxChars: 3_000,
          itemName: { singular: "request", plural: "requests" },
          itemFields: [
            { key: "supportKind", title: "Kind of support", kind: "choice", required: true, options: SUPPORT_KINDS },
            { key: "themes", title: "Themes", kind: "choice", multiple: true, maxSelected: 5, required: true, options: THEMES },
          ],
        },
      ],
    },
    {
      key: "sign-off",
      title: "Sign-off",
      intro:
        "The director of children's services, the chief executive and the lead member each sign the whole " +
        "self-assessment. Any change after a signature removes it, and that person must sign again.",
      author: "authority",
      fields: [
        {
          key: "sign-off",
          title: "Sign-off",
          prompt: "Sign off the self-assessment",
          guidance: "By signing you confirm you have read the whole self-assessment and that it is a fair account.",
          kind: "signOff",
          required: true,
          covers: ["1", "2", "3", "4", "6"],
          roles: [
            { key: "dcs", title: "Director of children's services", signers: 1, signedBy: "dcs" },
            { key: "chief_executive", title: "Chief executive", signers: 1, signedBy: "chief_executive" },
            { key: "lead_member", title: "Lead member for children's services", signers: 1, signedBy: "lead_member" },
          ],
        },
      ],
    },
  ],
};

/** Validate the current template and return it. Called at server start-up so a broken edit fails fast. */
export function loadTemplate(): TemplateDefinition {
  return validateTemplate(TEMPLATE);
}

/** Find a section by key, or undefined. */
export function findSection(template: TemplateDefinition, sectionKey: string): SectionDefinition | undefined {
  return template.sections.find((section) => section.key === sectionKey);
}

/** Every sign-off field of the template, with its section, in template order. */
export function signOffFields(template: TemplateDefinition): Array<{ section: SectionDefinition; field: SignOffField }> {
  return template.sections.flatMap((section) =>
    section.fields.filter((field): field is SignOffField => field.kind === "signOff").map((field) => ({ section, field })),
  );
}
