import { databaseFileFromEnv, getDb, migrateToLatest } from "../db/connection.server";

const applied = await migrateToLatest(getDb());
console.log(
  applied.length ? `Applied ${applied.length} migration(s) to ${databaseFileFromEnv()}: ${applied.join(", ")}` : `${databaseFileFromEnv()} is up to date.`,
);
await getDb().destroy();
