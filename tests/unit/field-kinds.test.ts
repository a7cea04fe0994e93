/**
 * The registry of field kinds: every kind implements every piece (checked by the compiler
 * here, through `npm run typecheck`, and at run time), every rich-text document any kind holds
 * gets the server's strict check, and plain text says what the page says.
 */
import { describe, expect, expectTypeOf, it } from "vitest";

import { fieldPlainText } from "../../app/assessment/plain-text.server";
import { FIELD_COMPONENTS } from "../../app/components/fields";
import type { FieldComponents } from "../../app/components/fields/types";
import { builtInTemplate } from "../../app/template/built-in";
import type { DateField, FieldDefinition, FieldKind, FieldOfKind, TableField } from "../../app/template/definition";
import { FIELD_KINDS, kindOf, type FieldKindModule } from "../../app/template/kinds";
import { dateKind } from "../../app/template/kinds/date";
import { richTextKind } from "../../app/template/kinds/rich-text";
import { parseSectionValues } from "../../app/template/parse.server";
import { answerFields, fieldColumns, isStored } from "../../app/template/shape";
import { demoAssessment } from "../../scripts/demo-content";

const template = builtInTemplate();
const KIND_PIECES = ["definition", "check", "valueSchema", "progress", "notStarted", "plainText", "richText", "rows", "word", "fromWord"] as const;

describe("the registry of field kinds", () => {
  it("holds a module and components for every kind, each with every piece (the compiler checks the types)", () => {
    expectTypeOf(FIELD_KINDS).toEqualTypeOf<{ [K in FieldKind]: FieldKindModule<FieldOfKind<K>> }>();
    expectTypeOf(FIELD_COMPONENTS).toEqualTypeOf<{ [K in FieldKind]: FieldComponents<FieldOfKind<K>> }>();

    // A kind module that lacks a piece is refused by the compiler…
    const { plainText: _plainText, ...withoutPlainText } = dateKind;
    // @ts-expect-error — no plainText
    const incomplete: FieldKindModule<DateField> = withoutPlainText;
    // …and so is a registry that lacks a kind.
    const { signOff: _signOff, ...withoutSignOff } = FIELD_KINDS;
    // @ts-expect-error — no signOff kind
    const partial: typeof FIELD_KINDS = withoutSignOff;
    // …or one whose module is for another kind.
    // @ts-expect-error — a rich-text module registered as the table kind
    const mismatched: FieldKindModule<TableField> = richTextKind;
    expect([incomplete, partial, mismatched]).toHaveLength(3);

    const kinds = new Set(template.sections.flatMap((s) => s.fields.map((f) => f.kind)));
    for (const kind of kinds) {
      const module = FIELD_KINDS[kind] as unknown as Record<string, unknown>;
      for (const piece of KIND_PIECES) expect(module[piece], `${kind}.${piece}`).toBeDefined();
      expect(FIELD_COMPONENTS[kind].Editor, `${kind} editor`).toBeTypeOf("function");
      expect(FIELD_COMPONENTS[kind].View, `${kind} view`).toBeTypeOf("function");
    }
  });

  it("says which fields are stored and which columns each has, the same for browser and server", () => {
    const fields = Object.fromEntries(template.sections.flatMap((s) => s.fields).map((f) => [f.key, f]));
    const section = (key: string) => template.sections.find((s) => s.key === key)!;
    // Sign-offs are records of their own: never among a section's stored answers.
    expect(answerFields(section("5")).map((f) => f.key)).toEqual(["5a", "5b"]);
    expect(isStored(fields["5c"]!)).toBe(false);
    expect(isStored(fields["1a"]!)).toBe(true);
    // A table's columns, a list's item fields, nothing for the other kinds.
    expect(fieldColumns(fields["5a"]!).map((c) => c.key)).toEqual(["keyPoint", "peerAuthority", "recommendation", "outcome", "response"]);
    expect(fieldColumns(fields["6a"]!).map((c) => c.key)).toEqual(["supportKind", "themes"]);
    expect(fieldColumns(fields["1d"]!)).toEqual([]);
    expect(fieldColumns(fields["1f"]!)).toEqual([]);
    expect(fieldColumns(fields["2a"]!)).toEqual([]);
  });

  it("checks every rich-text document that any kind holds, strictly, wherever it is", () => {
    const hostile = {
      type: "doc",
      content: [{ type: "paragraph", content: [{ type: "text", text: "Click me", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] }] }],
    };
    const unknownNode = { type: "doc", content: [{ type: "iframe", attrs: { src: "https://example.org" } }] };
    const demo = demoAssessment("Testshire", 1, 2026);
    const checked = new Set<string>();
    for (const section of template.sections) {
      for (const field of answerFields(section)) {
        const value = structuredClone(demo[section.key]?.[field.key]);
        if (value === undefined) continue;
        for (const found of kindOf(field).richText(field, value)) {
          for (const bad of [hostile, unknownNode]) {
            const values = structuredClone({ [field.key]: value }) as Record<string, unknown>;
            // Put the bad document where this kind keeps the one it found.
            let cursor: Record<string | number, unknown> = values;
            for (const part of found.path.slice(0, -1)) cursor = cursor[part] as Record<string | number, unknown>;
            cursor[found.path[found.path.length - 1]!] = bad;
            const result = parseSectionValues(section, values);
            expect(result.ok, `${field.key} at ${found.path.join("/")}`).toBe(false);
            if (!result.ok) expect(result.errors[0]!.fieldKey).toBe(field.key);
          }
          checked.add(field.kind);
        }
      }
    }
    // Rich text lives in rich-text fields and in list items' descriptions.
    expect([...checked].sort()).toEqual(["list", "richText"]);
  });

  it("writes plain text as the page shows it: the comparison with England worked out from the numbers", () => {
    const glance = template.sections.flatMap((s) => s.fields).find((f): f is TableField => f.kind === "table" && f.columns.some((c) => c.kind === "choice" && c.derived !== undefined))!;
    // The typed choice says "lower"; the numbers say higher, and the page shows "Higher".
    const row = { id: "r1", statement: "Children in care per 10,000", value: "98", comparison: "lower", ourValue: 98, englandAverage: 70 };
    const text = fieldPlainText(glance as FieldDefinition, [row]);
    expect(text).toContain("Compared with England: Higher");
    expect(text).not.toContain("Lower");
  });
});
