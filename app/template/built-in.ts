/**
 * The built-in template: the North East's form, whose wording lives in
 * north-east.json. It passes through the same function as a region's TEMPLATE_FILE
 * (templateFromJson), so the two are checked alike. Server and tests only: the browser gets
 * a cycle's template from the page's loader.
 */
import northEast from "./north-east.json";
import { validateTemplate, type TemplateDefinition } from "./definition";

/** Checks raw template JSON and returns the template; the error names the file and the bad key. */
export function templateFromJson(raw: unknown, source: string): TemplateDefinition {
  try {
    return validateTemplate(raw);
  } catch (error) {
    throw new Error(`${source}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

let builtIn: TemplateDefinition | undefined;

/** The built-in template, checked once. */
export function builtInTemplate(): TemplateDefinition {
  builtIn ??= templateFromJson(northEast, "The built-in template (app/template/north-east.json)");
  return builtIn;
}

/** The built-in template's raw JSON, for tests that break it on purpose. */
export function builtInTemplateJson(): unknown {
  return structuredClone(northEast);
}
