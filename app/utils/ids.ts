/**
 * Ids in addresses and forms: accepted only as the app writes them, in canonical decimal — no
 * sign, no leading zero, no decimal point, exponent, hexadecimal or spaces. `025`, `25.0`,
 * `+25`, `2.5e1`, `0x19` and ` 25` are not another name for 25; they are nothing (a 404).
 * The one schema every route and form uses for a row id, so no copy of it drifts.
 */
import { z } from "zod";

const CANONICAL = /^[1-9][0-9]{0,15}$/;

/** The id, or null when the text is not an id written the canonical way (or is past the largest safe integer). */
export function parseId(text: string | null | undefined): number | null {
  if (typeof text !== "string" || !CANONICAL.test(text)) return null;
  const id = Number(text);
  return Number.isSafeInteger(id) ? id : null;
}

/** A row id in a route parameter or a form field, as zod; `message` is what a form shows when it is missing or wrong. */
export function idSchema(message = "Not a valid id") {
  return z.string({ error: message }).transform((text, ctx) => {
    const id = parseId(text);
    if (id === null) {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    return id;
  });
}

/** A route parameter that must be an id: the id, or null (the route answers 404). */
export const IdParam = idSchema();
