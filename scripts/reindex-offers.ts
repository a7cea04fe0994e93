/**
 * Rebuilds the regional offer from the assessments themselves: every submitted assessment's
 * offers and requests are copied again (which rewrites their search index entries), and drafts
 * are taken out. Safe to run at any time, also while the app runs. Usage: npm run offers:reindex
 */
import { closeDatabases, getDb, migrateToLatest } from "../db/connection.server";
import { loadAssessment, lockAssessment } from "../app/models/assessment.server";
import { rebuildOfferIndex } from "../app/models/offer.server";
import { publishOffers, withdrawOffers } from "../app/regional/publish.server";

const db = getDb();
await migrateToLatest(db);
const assessments = await db.selectFrom("assessments").select("id").execute();
let published = 0;
let submitted = 0;
for (const { id } of assessments) {
  await db.transaction().execute(async (trx) => {
    // Its stage as it is now, locked: a submission or return to draft on a running app waits.
    const status = await lockAssessment(trx, id);
    if (!status) return;
    if (status === "draft") return withdrawOffers(trx, id);
    const assessment = (await loadAssessment(trx, id))!;
    const { submitted_at } = await trx.selectFrom("assessments").select("submitted_at").where("id", "=", id).executeTakeFirstOrThrow();
    published += await publishOffers(trx, assessment, submitted_at ?? Date.now());
    submitted++;
  });
}
const indexed = await rebuildOfferIndex(db);
console.log(`Regional offer rebuilt: ${published} offers and requests from ${submitted} submitted assessments; ${indexed} in the search index.`);
await closeDatabases();
