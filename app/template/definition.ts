/**
 * The self-assessment template as data: the schema every template must satisfy, and its
 * checks. A template's wording lives in JSON (the built-in one is north-east.json,
 * loaded like a region's TEMPLATE_FILE by current.server.ts); each field kind's part of the
 * schema and of the checks lives in its module under ./kinds. Shared by browser and server.
 *
 * Each cycle keeps the template it opened with, so old assessments render as they were written.
 */
import { z } from "zod";

import type { ColumnDefinition } from "./columns";
import { FIELD_DEFINITIONS, kindOf } from "./kinds";
import type { SignOffField } from "./kinds/sign-off";
import { authorSchema, checkOptions, checkUnique, keySchema, optionSchema, templateError, wording, type OptionDefinition } from "./schema-parts";

export { LIST_ITEM_BUILT_IN, LIST_TITLE_MAX_LENGTH, listBodyMaxChars, type ListField } from "./kinds/list";
export { richTextMaxChars, type RichTextField } from "./kinds/rich-text";
export { PEER_SIGNER, PEERS_PER_CHALLENGE, type SignOffField } from "./kinds/sign-off";
export type { RatingGridField } from "./kinds/rating-grid";
export type { TableField } from "./kinds/table";
export type { DateField } from "./kinds/date";
export type { FieldDefinition, FieldKind, FieldOfKind } from "./kinds";
export type { ColumnDefinition, OptionDefinition };

// ---------------------------------------------------------------------------
// The schema every template must satisfy

const fieldSchema = z.discriminatedUnion("kind", FIELD_DEFINITIONS);

const sectionSchema = z.strictObject({
  key: keySchema,
  /** Shown before the title: "Section 1". Absent for a section made only of a sign-off. */
  number: z.string().optional(),
  title: wording,
  intro: z.string().optional(),
  /** Who writes the section: "authority", or "peers" (the peer directors, after submission). */
  author: authorSchema,
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
export type SectionAuthor = SectionDefinition["author"];

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

/**
 * Check a template definition and return it typed. Throws an Error whose message names
 * the section, field, column, role or option at fault.
 */
export function validateTemplate(def: unknown): TemplateDefinition {
  const parsed = templateSchema.safeParse(def);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((issue) => `${describePath(def, issue.path)}: ${issue.message}`);
    templateError(issues.join("; "));
  }
  const template = parsed.data;

  checkOptions(template.themes, "themes");
  checkOptions(template.supportKinds, "supportKinds");
  checkUnique(
    template.sections.map((section) => section.key),
    (key) => `section key "${key}"`,
  );
  // Field keys are unique across the whole template: they name anchors, signatures and missing items.
  checkUnique(
    template.sections.flatMap((section) => section.fields.map((field) => field.key)),
    (key) => `field key "${key}"`,
  );
  for (const section of template.sections) {
    for (const field of section.fields) {
      kindOf(field).check(field, `field "${field.key}"`, { template, sectionAuthor: section.author });
    }
  }
  return template;
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
