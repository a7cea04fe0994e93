import { getDb, migrateToLatest } from "../db/connection.server";
import { readEnv } from "../app/utils/env.server";
import { seedIfEmpty } from "./seed-data";

const db = getDb();
await migrateToLatest(db);
const seeded = await seedIfEmpty(db, readEnv().DEMO_PASSWORD);
console.log(seeded ? "Seeded the demo region." : "The database already has a region; nothing seeded.");
await db.destroy();
