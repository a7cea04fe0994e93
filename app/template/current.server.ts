import fs from "node:fs";

import { builtInTemplate, templateFromJson } from "./built-in";
import type { TemplateDefinition } from "./definition";

let current: TemplateDefinition | undefined;

/**
 * The template new cycles open with: the built-in one (north-east.json), or the
 * region's own JSON file named by TEMPLATE_FILE, so wording and limits can change for a new
 * cycle without a code change. Both go through templateFromJson; checked once. The server calls
 * this before serving, so a broken file stops the app with a message that names the bad key.
 */
export function currentTemplate(): TemplateDefinition {
  if (current) return current;
  const file = process.env.TEMPLATE_FILE?.trim();
  if (!file) {
    current = builtInTemplate();
    return current;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`TEMPLATE_FILE ${file} could not be read as JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  current = templateFromJson(raw, `TEMPLATE_FILE ${file}`);
  return current;
}
