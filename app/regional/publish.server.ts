/**
 * What an assessment gives the regional offer: every item of each list the template marks as
 * a `regionalOffer`, with its themes and kind of support read from the columns marked
 * `offerField`. Called by the workflow inside the submission's transaction, and by the
 * reindex script. Only submitted work is ever published; a return to draft withdraws it.
 */
import type { Executor } from "../../db/schema";
import type { AssessmentContext } from "../models/assessment.server";
import { removeOfferItems, replaceOfferItems, type OfferItemInput } from "../models/offer.server";
import { readParts, type StoredParts } from "../models/section.server";
import { renderRichText, richTextToPlainText } from "../richtext/render.server";
import type { TemplateDefinition } from "../template/definition";
import type { ListItem } from "../template/values";

/** The offers and requests in an assessment's stored sections, in the form's order. */
export function offerItemsOf(template: TemplateDefinition, parts: StoredParts): OfferItemInput[] {
  const items: OfferItemInput[] = [];
  for (const section of template.sections) {
    for (const field of section.fields) {
      if (field.kind !== "list" || !field.regionalOffer) continue;
      const value = parts[section.key]?.[section.author]?.values[field.key];
      if (!Array.isArray(value)) continue;
      const columns = field.itemFields ?? [];
      const themesKey = columns.find((c) => c.kind === "choice" && c.offerField === "themes")?.key;
      const supportKey = columns.find((c) => c.kind === "choice" && c.offerField === "supportKind")?.key;
      for (const item of value as ListItem[]) {
        const themes = themesKey ? item[themesKey] : undefined;
        const support = supportKey ? item[supportKey] : undefined;
        items.push({
          kind: field.regionalOffer!,
          itemKey: item.id,
          position: items.length,
          title: item.title.trim() || `Untitled ${field.itemName.singular}`,
          bodyText: richTextToPlainText(item.body),
          bodyHtml: renderRichText(item.body),
          supportKind: typeof support === "string" ? support : null,
          themes: Array.isArray(themes) ? themes.filter((t): t is string => typeof t === "string") : [],
        });
      }
    }
  }
  return items;
}

/** Copies the assessment's offers and requests into the regional offer (inside the caller's transaction). */
export async function publishOffers(db: Executor, assessment: AssessmentContext, submittedAt: number): Promise<number> {
  const items = offerItemsOf(assessment.cycle.template, await readParts(db, assessment.id));
  await replaceOfferItems(
    db,
    { assessmentId: assessment.id, cycleId: assessment.cycle.id, authorityId: assessment.authority.id, submittedAt },
    items,
  );
  return items.length;
}

/** Takes them out again, when the assessment returns to draft. */
export function withdrawOffers(db: Executor, assessmentId: number): Promise<void> {
  return removeOfferItems(db, assessmentId);
}
