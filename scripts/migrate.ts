import { databaseFromEnv, describeTarget, getDb, migrateToLatest } from "../db/connection.server";

const where = describeTarget(databaseFromEnv());
const applied = await migrateToLatest(getDb());
console.log(applied.length ? `Applied ${applied.length} migration(s) to ${where}: ${applied.join(", ")}` : `${where} is up to date.`);
await getDb().destroy();
