import { describe, expect, it } from "vitest";

import type { RichTextDoc } from "../../app/richtext/doc";
import { emptyDoc } from "../../app/richtext/doc";
import type { ColumnDefinition, FieldDefinition, TemplateDefinition } from "../../app/template/definition";
import { builtInTemplate } from "../../app/template/built-in";
import { findSection, validateTemplate } from "../../app/template/definition";

const TEMPLATE = builtInTemplate();
const loadTemplate = builtInTemplate;
import { parseSectionValues } from "../../app/template/parse.server";
import type { SectionValues } from "../../app/template/values";
import {
  deriveComparison,
  fieldProgress,
  fieldValueSchema,
  isFieldComplete,
  missingItems,
  sectionState,
  sectionValueSchema,
} from "../../app/template/values";

function copy(): TemplateDefinition {
  return structuredClone(TEMPLATE);
}

function section(key: string) {
  const found = findSection(TEMPLATE, key);
  if (!found) throw new Error(`no section ${key}`);
  return found;
}

function field(key: string): FieldDefinition {
  for (const s of TEMPLATE.sections) for (const f of s.fields) if (f.key === key) return f;
  throw new Error(`no field ${key}`);
}

function words(text: string): RichTextDoc {
  return { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] };
}

function cell(column: ColumnDefinition): unknown {
  switch (column.kind) {
    case "text":
      return `Some ${column.title.toLowerCase()}`;
    case "number":
      return 10;
    case "choice":
      return column.multiple ? [column.options[0].value] : column.options[0].value;
    case "monthYear":
      return "2026-03";
    case "date":
      return "2026-03-14";
  }
}

/** A complete answer for any field, built only from its definition. */
function completeValue(f: FieldDefinition): unknown {
  switch (f.kind) {
    case "richText":
      return words(`Answer to ${f.title}`);
    case "table":
      return [{ id: "r1", ...Object.fromEntries(f.columns.map((c) => [c.key, cell(c)])) }];
    case "list":
      return [{ id: "i1", title: "A title", body: words("Details"), ...Object.fromEntries((f.itemFields ?? []).map((c) => [c.key, cell(c)])) }];
    case "ratingGrid":
      return Object.fromEntries(f.areas.map((a) => [a.key, { rating: f.ratings[0].value, direction: f.directions[0].value }]));
    case "date":
      return "2026-03-14";
    case "signOff":
      return f.roles.flatMap((role) => Array.from({ length: role.signers }, () => role.key));
  }
}

function completeSection(key: string): SectionValues {
  return Object.fromEntries(section(key).fields.map((f) => [f.key, completeValue(f)]));
}

function strength(n: number) {
  return { id: `s${n}`, title: `Strength ${n}`, body: words("Why") };
}

describe("template definition", () => {
  it("the current template is valid and loads", () => {
    expect(() => validateTemplate(TEMPLATE)).not.toThrow();
    // 2026.3: the 2026.1 North East form, last year's recommendations carried forward (1g, 2026.2),
    // and the regional offer's markers with a kind of support for offers (2026.3).
    expect(loadTemplate().version).toBe("2026.3");
  });

  it("has sections 1 to 6 and the sign-off, with the fields the design lists", () => {
    expect(TEMPLATE.sections.map((s) => s.key)).toEqual(["1", "2", "3", "4", "5", "6", "sign-off"]);
    expect(section("1").fields.map((f) => `${f.key}:${f.kind}`)).toEqual([
      "1a:richText",
      "1b:table",
      "1c:table",
      "1d:list",
      "1e:list",
      "1f:ratingGrid",
      "1g:table",
    ]);
    for (const key of ["2", "3", "4"]) expect(section(key).fields.map((f) => f.kind)).toEqual(Array(4).fill("richText"));
    expect(section("5").author).toBe("peers");
    const grid = field("1f");
    if (grid.kind !== "ratingGrid") throw new Error("1f should be a rating grid");
    expect(grid.areas).toHaveLength(7);
    expect(grid.ratings).toHaveLength(4);
    expect(grid.directions.map((d) => d.value)).toEqual(["improving", "stable", "declining"]);
    const signOff = field("sign-off");
    if (signOff.kind !== "signOff") throw new Error("sign-off should be a signOff field");
    expect(signOff.roles.map((r) => r.key)).toEqual(["dcs", "chief_executive", "lead_member"]);
  });

  it("declares who signs and what each sign-off covers", () => {
    const authority = field("sign-off");
    const peers = field("5c");
    if (authority.kind !== "signOff" || peers.kind !== "signOff") throw new Error("sign-offs expected");
    expect(authority.covers).toEqual(["1", "2", "3", "4", "6"]);
    expect(authority.roles.map((r) => r.signedBy)).toEqual(["dcs", "chief_executive", "lead_member"]);
    expect(peers.covers).toEqual(["5"]);
    expect(peers.roles).toEqual([{ key: "peer_director", title: "Peer director", signers: 2, signedBy: "peer" }]);
  });

  it("carries forward last year's recommendations that needed action, and refuses a carry-forward it cannot follow", () => {
    const carried = field("1g");
    if (carried.kind !== "table") throw new Error("1g should be a table");
    expect(carried.carryForward).toEqual({ from: "5a", when: { column: "outcome", equals: "action" }, copy: { recommendation: "recommendation", raisedBy: "peerAuthority" } });
    const required = copy();
    (required.sections[0]!.fields.find((f) => f.key === "1g") as { required: boolean }).required = true;
    expect(() => validateTemplate(required)).toThrow(/field "1g" is carried forward, so it cannot be required/);
    const unknown = copy();
    const table = unknown.sections[0]!.fields.find((f) => f.key === "1g")!;
    if (table.kind !== "table" || !table.carryForward) throw new Error("1g should carry forward");
    table.carryForward.copy = { recommendation: "advice" };
    expect(() => validateTemplate(unknown)).toThrow(/field "1g" copies column "advice", which "5a" does not have/);
  });

  describe("refuses sign-offs the app could never satisfy, naming the key", () => {
    function signOffOf(template: TemplateDefinition, key: string) {
      const found = template.sections.flatMap((s) => s.fields).find((f) => f.key === key);
      if (!found || found.kind !== "signOff") throw new Error(`no sign-off ${key}`);
      return found;
    }
    it("a role signed by someone nobody can be", () => {
      const broken = copy();
      (signOffOf(broken, "sign-off").roles[0] as { signedBy: string }).signedBy = "director";
      expect(() => validateTemplate(broken)).toThrow(/field "sign-off" › role "dcs" › signedBy: must be one of/);
    });
    it("a role without anyone named to sign it", () => {
      const broken = copy() as unknown as { sections: Array<{ fields: Array<{ key: string; roles?: Array<Record<string, unknown>> }> }> };
      const roles = broken.sections.flatMap((s) => s.fields).find((f) => f.key === "sign-off")!.roles!;
      roles[0] = { key: "director", title: "Director", signers: 1 };
      expect(() => validateTemplate(broken)).toThrow(/role "director" › signedBy/);
    });
    it("a sign-off covering no section, or one that does not exist, or one with nothing to sign", () => {
      const none = copy();
      signOffOf(none, "sign-off").covers = [];
      expect(() => validateTemplate(none)).toThrow(/field "sign-off" › covers: must cover at least one section/);
      const missing = copy();
      signOffOf(missing, "sign-off").covers = ["1", "9"];
      expect(() => validateTemplate(missing)).toThrow(/field "sign-off" covers section "9", which the template does not have/);
      const itself = copy();
      signOffOf(itself, "sign-off").covers = ["sign-off"];
      expect(() => validateTemplate(itself)).toThrow(/covers section "sign-off", which has nothing to sign/);
    });
    it("a membership role in the peers' sign-off, the peers in the authority's, or more peer signers than peers", () => {
      const wrongSide = copy();
      signOffOf(wrongSide, "5c").roles[0]!.signedBy = "dcs";
      expect(() => validateTemplate(wrongSide)).toThrow(/field "5c" role "peer_director" is signed by "dcs"/);
      const peersSignAuthority = copy();
      signOffOf(peersSignAuthority, "sign-off").roles[0]!.signedBy = "peer";
      expect(() => validateTemplate(peersSignAuthority)).toThrow(/field "sign-off" role "dcs" is signed by the peers/);
      const three = copy();
      signOffOf(three, "5c").roles[0]!.signers = 3;
      expect(() => validateTemplate(three)).toThrow(/field "5c" needs 3 peer signatures, but only 2 peer directors/);
    });
  });

  it("refuses a duplicate field key, naming it", () => {
    const broken = copy();
    broken.sections[1].fields[0].key = "1a";
    expect(() => validateTemplate(broken)).toThrow(/field key "1a" is used more than once/);
  });

  it("refuses a duplicate section key, naming it", () => {
    const broken = copy();
    broken.sections[2].key = "2";
    expect(() => validateTemplate(broken)).toThrow(/section key "2"/);
  });

  it("refuses a zero limit, naming the field", () => {
    const broken = copy();
    const strengths = broken.sections[0].fields[3];
    if (strengths.kind !== "list") throw new Error("1d should be a list");
    strengths.maxItems = 0;
    expect(() => validateTemplate(broken)).toThrow(/field "1d" › maxItems: must be more than 0/);
  });

  it("refuses empty options, naming the field and column", () => {
    const broken = copy();
    const facts = broken.sections[0].fields[2];
    if (facts.kind !== "table") throw new Error("1c should be a table");
    const comparison = facts.columns.find((c) => c.key === "comparison");
    if (comparison?.kind !== "choice") throw new Error("comparison should be a choice");
    comparison.options = [];
    expect(() => validateTemplate(broken)).toThrow(/field "1c" › column "comparison" › options: needs at least one option/);
  });

  it("refuses duplicate options and unknown properties", () => {
    const broken = copy();
    const grid = broken.sections[0].fields[5];
    if (grid.kind !== "ratingGrid") throw new Error("1f should be a rating grid");
    grid.directions.push({ ...grid.directions[0] });
    expect(() => validateTemplate(broken)).toThrow(/field "1f" directions option "improving"/);

    const extra = copy() as unknown as { sections: Array<{ fields: Array<Record<string, unknown>> }> };
    extra.sections[0].fields[0].colour = "red";
    expect(() => validateTemplate(extra)).toThrow(/field "1a"/);
  });

  it("refuses a bad version string", () => {
    expect(() => validateTemplate({ ...copy(), version: "next" })).toThrow(/version/);
  });
});

describe("value schemas come from the definition", () => {
  it("refuses a fifth strength and a fourth priority", () => {
    const schema = fieldValueSchema(field("1d"));
    expect(schema.safeParse([1, 2, 3, 4].map(strength)).success).toBe(true);
    const five = schema.safeParse([1, 2, 3, 4, 5].map(strength));
    expect(five.success).toBe(false);
    expect(five.error?.issues[0].message).toBe("You can add up to 4 strengths");
    expect(fieldValueSchema(field("1e")).safeParse([1, 2, 3, 4].map(strength)).success).toBe(false);
  });

  it("refuses a sixth offer and a sixth request", () => {
    const offer = (n: number) => ({ id: `o${n}`, title: "Offer", body: words("x"), themes: ["early_help"] });
    const offers = fieldValueSchema(field("6a"));
    expect(offers.safeParse([1, 2, 3, 4, 5].map(offer)).success).toBe(true);
    expect(offers.safeParse([1, 2, 3, 4, 5, 6].map(offer)).error?.issues[0].message).toBe("You can add up to 5 offers");
    const request = (n: number) => ({ ...offer(n), supportKind: "mentoring" });
    expect(fieldValueSchema(field("6b")).safeParse([1, 2, 3, 4, 5, 6].map(request)).success).toBe(false);
  });

  it("refuses an unknown kind of support or theme", () => {
    const schema = fieldValueSchema(field("6b"));
    const request = { id: "r1", title: "Help", body: words("x"), supportKind: "money", themes: ["early_help"] };
    expect(schema.safeParse([request]).success).toBe(false);
    expect(schema.safeParse([{ ...request, supportKind: "mentoring", themes: ["astrology"] }]).success).toBe(false);
    expect(schema.safeParse([{ ...request, supportKind: "mentoring", themes: ["fostering", "fostering"] }]).success).toBe(false);
    expect(schema.safeParse([{ ...request, supportKind: "mentoring" }]).success).toBe(true);
  });

  it("refuses a rating outside the four and an area not in the template", () => {
    const schema = fieldValueSchema(field("1f"));
    expect(schema.safeParse({ voice: { rating: "good_practice", direction: "stable" } }).success).toBe(true);
    expect(schema.safeParse({ voice: { rating: "outstanding" } }).success).toBe(false);
    expect(schema.safeParse({ voice: { direction: "sideways" } }).success).toBe(false);
    expect(schema.safeParse({ weather: { rating: "good_practice" } }).success).toBe(false);
  });

  it("refuses a table row with a wrong-typed or unknown cell", () => {
    const facts = fieldValueSchema(field("1c"));
    const row = { id: "f1", statement: "Children in care per 10,000", value: "70", ourValue: 70, englandAverage: 70 };
    expect(facts.safeParse([row]).success).toBe(true);
    expect(facts.safeParse([{ ...row, ourValue: "70" }]).error?.issues[0].message).toBe("Our value as a number must be a number");
    expect(facts.safeParse([{ ...row, comparison: "much higher" }]).success).toBe(false);
    expect(facts.safeParse([{ ...row, colour: "red" }]).success).toBe(false);
    expect(facts.safeParse([{ ...row, statement: "x".repeat(201) }]).success).toBe(false);
    expect(facts.safeParse([row, row]).success).toBe(false); // same id twice
  });

  it("takes a month and year, or 'due', for external challenge", () => {
    const schema = fieldValueSchema(field("1b"));
    expect(schema.safeParse([{ id: "a", when: "2026-02", activity: "Focused visit" }]).success).toBe(true);
    expect(schema.safeParse([{ id: "a", when: "due", activity: "Inspection" }]).success).toBe(true);
    expect(schema.safeParse([{ id: "a", when: "2026-13", activity: "x" }]).success).toBe(false);
    expect(schema.safeParse([{ id: "a", when: "March", activity: "x" }]).success).toBe(false);
  });

  it("limits list titles to 200 characters", () => {
    const schema = fieldValueSchema(field("1e"));
    expect(schema.safeParse([{ ...strength(1), title: "x".repeat(200) }]).success).toBe(true);
    expect(schema.safeParse([{ ...strength(1), title: "x".repeat(201) }]).success).toBe(false);
  });

  it("section schemas refuse unknown fields and never take signatures", () => {
    expect(sectionValueSchema(section("1")).safeParse({ "1a": words("x") }).success).toBe(true);
    expect(sectionValueSchema(section("1")).safeParse({ "2a": words("x") }).success).toBe(false);
    expect(sectionValueSchema(section("sign-off")).safeParse({ "sign-off": ["dcs"] }).success).toBe(false);
    expect(sectionValueSchema(section("5")).safeParse({ "5b": "2026-05-01" }).success).toBe(true);
  });
});

describe("completeness", () => {
  it("moves a section from not started to in progress to complete", () => {
    const overview = section("1");
    expect(sectionState(overview, undefined)).toBe("not started");
    expect(sectionState(overview, { "1a": emptyDoc(), "1d": [] })).toBe("not started");
    expect(sectionState(overview, { "1a": words("Our year") })).toBe("in progress");
    expect(sectionState(overview, completeSection("1"))).toBe("complete");
  });

  it("an empty document does not complete a rich-text field", () => {
    expect(isFieldComplete(field("1a"), emptyDoc())).toBe(false);
    expect(isFieldComplete(field("1a"), words("   "))).toBe(false);
    expect(isFieldComplete(field("1a"), words("Done"))).toBe(true);
  });

  it("a fact is complete when its comparison can be worked out", () => {
    const facts = field("1c");
    const row = { id: "f1", statement: "Rate of children in need", value: "350" };
    expect(isFieldComplete(facts, [row])).toBe(false);
    expect(fieldProgress(facts, [row]).problems).toEqual(["Fact 1 needs “Compared with England”"]);
    expect(isFieldComplete(facts, [{ ...row, ourValue: 350, englandAverage: 340 }])).toBe(true);
    expect(isFieldComplete(facts, [{ ...row, comparison: "not_compared" }])).toBe(true);
  });

  it("a list item needs a title and a description", () => {
    const progress = fieldProgress(field("1d"), [{ id: "s1", title: "", body: emptyDoc() }]);
    expect(progress.problems).toEqual(["Strength 1 needs a title and a description"]);
  });

  it("a rating grid needs every area rated with a direction", () => {
    const grid = field("1f");
    const partial = { leadership: { rating: "good_practice", direction: "stable" }, voice: { rating: "priority_focus" } };
    expect(fieldProgress(grid, partial).problems).toEqual(["6 of 7 areas still need a rating and a direction of travel"]);
    expect(isFieldComplete(grid, completeValue(grid))).toBe(true);
  });

  it("an optional field left empty does not hold a section back, but a half-done one does", () => {
    const regional = section("6");
    const values = completeSection("6");
    expect(sectionState(regional, { ...values, "6b": [] })).toBe("complete");
    expect(sectionState(regional, { ...values, "6b": [{ id: "r1", title: "Help", body: words("x") }] })).toBe("in progress");
  });

  it("sign-off needs each role, and both peer directors", () => {
    const signOff = field("sign-off");
    expect(fieldProgress(signOff, ["dcs"]).problems).toEqual([
      "waiting for the chief executive to sign",
      "waiting for the lead member for children's services to sign",
    ]);
    expect(isFieldComplete(signOff, ["dcs", "chief_executive", "lead_member"])).toBe(true);
    expect(fieldProgress(field("5c"), ["peer_director", "dcs"]).problems).toEqual(["waiting for 1 more peer director to sign"]);
    expect(isFieldComplete(field("5c"), ["peer_director", "peer_director"])).toBe(true);
  });

  it("a value that cannot be read is never complete and never throws", () => {
    expect(isFieldComplete(field("1d"), "not a list")).toBe(false);
    expect(fieldProgress(field("1f"), 42).problems[0]).toMatch(/could not be read/);
  });

  it("lists what is missing for the authority's sections only, with links", () => {
    const hrefFor = (s: string, f: string) => `/assessments/7/sections/${s}#field-${f}`;
    const missing = missingItems(TEMPLATE, {}, hrefFor);
    const required = TEMPLATE.sections
      .filter((s) => s.author === "authority")
      .flatMap((s) => s.fields.filter((f) => f.required).map((f) => f.key));
    expect(missing.map((m) => m.fieldKey)).toEqual(required);
    expect(missing.some((m) => m.sectionKey === "5")).toBe(false);
    expect(missing[0]).toEqual({
      sectionKey: "1",
      fieldKey: "1a",
      label: "Our story: not answered yet",
      href: "/assessments/7/sections/1#field-1a",
    });

    const all = Object.fromEntries(TEMPLATE.sections.map((s) => [s.key, completeSection(s.key)]));
    expect(missingItems(TEMPLATE, all, hrefFor)).toEqual([]);
    const unsigned = { ...all, "sign-off": { "sign-off": ["dcs", "lead_member"] } };
    expect(missingItems(TEMPLATE, unsigned, hrefFor).map((m) => m.label)).toEqual([
      "Sign-off: waiting for the chief executive to sign",
    ]);
  });
});

describe("deriveComparison", () => {
  it("works out the comparison from the numbers, within 2% counting as similar", () => {
    expect(deriveComparison({ ourValue: 102, englandAverage: 100 })).toBe("similar");
    expect(deriveComparison({ ourValue: 98, englandAverage: 100 })).toBe("similar");
    expect(deriveComparison({ ourValue: 102.5, englandAverage: 100 })).toBe("higher");
    expect(deriveComparison({ ourValue: 97, englandAverage: 100, comparison: "higher" })).toBe("lower");
    expect(deriveComparison({ ourValue: -5, englandAverage: -5.05 })).toBe("similar");
    expect(deriveComparison({ ourValue: 0, englandAverage: 0 })).toBe("similar");
    expect(deriveComparison({ ourValue: 1, englandAverage: 0 })).toBe("higher");
  });

  it("falls back to the typed comparison", () => {
    expect(deriveComparison({ ourValue: 5, comparison: "lower" })).toBe("lower");
    expect(deriveComparison({ comparison: "not_compared" })).toBe("not_compared");
    expect(deriveComparison({ comparison: "sideways" })).toBeUndefined();
    expect(deriveComparison({})).toBeUndefined();
  });
});

describe("parseSectionValues", () => {
  it("returns clean values, checking every rich-text document strictly", () => {
    const input = {
      "1a": { type: "doc", content: [{ type: "paragraph", attrs: { style: "x" }, content: [{ type: "text", text: "Hi" }] }] },
      "1d": [strength(1)],
    };
    const before = JSON.stringify(input);
    const result = parseSectionValues(section("1"), input);
    expect(result).toEqual({ ok: true, values: { "1a": words("Hi"), "1d": [strength(1)] } });
    expect(JSON.stringify(input)).toBe(before);
  });

  it("refuses a bad link in a list item's description, naming the field", () => {
    const bad = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "x", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] }] }] };
    const result = parseSectionValues(section("1"), { "1d": [{ ...strength(1), body: bad }] });
    expect(result).toMatchObject({ ok: false, status: 400, errors: [{ fieldKey: "1d", path: ["1d", 0, "body"] }] });
  });

  it("gives 413 when a description is over its limit", () => {
    const result = parseSectionValues(section("1"), { "1d": [{ ...strength(1), body: words("x".repeat(5_001)) }] });
    expect(result).toMatchObject({ ok: false, status: 413 });
  });

  it("gives field-level messages for schema problems", () => {
    const result = parseSectionValues(section("1"), { "1d": [1, 2, 3, 4, 5].map(strength) });
    expect(result).toMatchObject({ ok: false, status: 400, errors: [{ fieldKey: "1d", message: "You can add up to 4 strengths" }] });
  });
});
