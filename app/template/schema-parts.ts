/**
 * The building blocks of a template's schema, shared by the field kinds (app/template/kinds)
 * and by definition.ts, which puts them together. Shared by browser and server.
 */
import { z } from "zod";

export const keySchema = z
  .string()
  .regex(/^[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)*$/, "must be letters and digits, joined by - or _");
export const wording = z.string().trim().min(1, "must not be empty");
export const limit = z.int("must be a whole number").positive("must be more than 0");

export const optionSchema = z.strictObject({
  value: keySchema,
  label: wording,
  /** Shown next to the label, e.g. an arrow for a direction of travel. */
  symbol: z.string().optional(),
  hint: z.string().optional(),
  /** No longer offered for new choices; kept so answers that chose it still read right. */
  retired: z.boolean().optional(),
});
export type OptionDefinition = z.infer<typeof optionSchema>;

/** What one row or item is called, in the users' words: "strength", "strengths". */
export const nounSchema = z.strictObject({ singular: wording, plural: wording });

/** Who writes a section, or a column of one: the authority or the peer directors. */
export const authorSchema = z.enum(["authority", "peers"]);

/** What every field has, whatever its kind. */
export const fieldBase = {
  key: keySchema,
  title: wording,
  /** The question; also the accessible name of the field's control. */
  prompt: wording,
  guidance: z.string().optional(),
  required: z.boolean(),
};

/** A template that cannot be used: the message names the section, field, column or option at fault. */
export function templateError(message: string): never {
  throw new Error(`The template is not valid: ${message}`);
}

export function checkUnique(values: string[], what: (value: string) => string): void {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) templateError(`${what(value)} is used more than once`);
    seen.add(value);
  }
}

export function checkOptions(options: OptionDefinition[], where: string): void {
  checkUnique(
    options.map((option) => option.value),
    (value) => `${where} option "${value}"`,
  );
}
