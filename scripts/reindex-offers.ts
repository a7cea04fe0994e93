/**
 * Rebuilds the regional offer from the assessments themselves: every submitted assessment's
 * offers and requests are copied again (which rewrites their search index entries), and drafts
 * are taken out. Safe to run at any time, also while the app runs. Usage: npm run offers:reindex
 */
import { closeDatabases, getDb, migrateToLatest } from "../db/connection.server";
import { loadAssessment } from "../app/models/assessment.server";
import { rebuildOfferIndex } from "../app/models/offer.server";
import { publishOffers, withdrawOffers } from "../app/regional/publish.server";

const db = getDb();
await migrateToLatest(db);
const assessments = await db.selectFrom("assessments").select(["id", "status", "submitted_at"]).execute();
let published = 0;
for (const row of assessments) {
  await db.transaction().execute(async (trx) => {
    if (row.status === "draft") return withdrawOffers(trx, row.id);
    published += await publishOffers(trx, (await loadAssessment(trx, row.id))!, row.submitted_at ?? Date.now());
  });
}
const indexed = await rebuildOfferIndex(db);
console.log(`Regional offer rebuilt: ${published} offers and requests from ${assessments.filter((a) => a.status !== "draft").length} submitted assessments; ${indexed} in the search index.`);
await closeDatabases();
