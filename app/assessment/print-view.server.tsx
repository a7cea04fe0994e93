/**
 * The full view's answers as HTML, one section at a time, rendered once for each state of the
 * assessment and kept with its progress (app/assessment/progress.server.ts): the same progress
 * object means the same parts and signatures, so the same answers. The region's template is
 * part of the key too, as a renamed theme changes what a cell says. Nothing of who is asking
 * goes into it: comments, which are per reader, are rendered with the page.
 */
import { renderToStaticMarkup } from "react-dom/server";

import { SectionView } from "../components/assessment/section-view";
import type { SectionDefinition, TemplateDefinition } from "../template/definition";
import type { AssessmentProgress } from "./progress.server";
import { renderSectionHtml } from "./render.server";

const rendered = new WeakMap<AssessmentProgress, Map<string, { template: TemplateDefinition; html: string }>>();

export function sectionAnswersHtml(progress: AssessmentProgress, template: TemplateDefinition, section: SectionDefinition): string {
  let bySection = rendered.get(progress);
  if (!bySection) rendered.set(progress, (bySection = new Map()));
  const kept = bySection.get(section.key);
  if (kept && kept.template === template) return kept.html;
  const values = progress.sections[section.key]?.values ?? {};
  const html = renderToStaticMarkup(
    <SectionView section={section} values={values} html={renderSectionHtml(section, values)} themes={template.themes} supportKinds={template.supportKinds} />,
  );
  bySection.set(section.key, { template, html });
  return html;
}
