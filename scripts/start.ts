import { databaseFileFromEnv, getDb, migrateToLatest } from "../db/connection.server";
import { currentTemplate } from "../app/template/current.server";
import { readEnv } from "../app/utils/env.server";
import { loadBuild } from "./build";
import { seedIfEmpty } from "./seed-data";
import { createApp } from "./server";

const env = readEnv();
// A broken template stops the app here with a message naming the problem, not mid-request.
try {
  currentTemplate();
} catch (error) {
  console.error(`The self-assessment template is not valid: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
const db = getDb();
const applied = await migrateToLatest(db);
if (applied.length) console.log(`Migrated ${databaseFileFromEnv()}: ${applied.join(", ")}`);

const seedDemo = env.SEED_DEMO ? env.SEED_DEMO === "1" : env.NODE_ENV !== "production";
if (seedDemo && (await seedIfEmpty(db, env.DEMO_PASSWORD))) {
  console.log("Seeded the demo region (North East, 12 authorities).");
}

const app = createApp(await loadBuild(), env.NODE_ENV);
app.listen(env.PORT, () => {
  console.log(`SLI Peer Challenge is running at http://localhost:${env.PORT}`);
  if (seedDemo) {
    console.log(`Demo sign-in: coordinator@northeast.example (or lead@darlington.example, dcs@…, ceo@…, member@…)`);
    console.log(`Demo password: ${env.DEMO_PASSWORD}`);
  }
});
