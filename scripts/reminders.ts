/**
 * Sends the reminders due now (app/challenge/reminders.server.ts). Safe to run every hour,
 * e.g. from cron: `npm run reminders`. Emailed links start with APP_URL (required in production;
 * http://localhost:PORT elsewhere).
 */
import { closeDatabases, getDb, migrateToLatest } from "../db/connection.server";
import { sendDueReminders } from "../app/challenge/reminders.server";
import { appUrlOf, readEnv } from "../app/utils/env.server";

const env = readEnv();
const db = getDb();
await migrateToLatest(db);
const sent = await sendDueReminders(db, Date.now(), appUrlOf(env));
console.log(sent === 1 ? "Sent 1 reminder." : `Sent ${sent} reminders.`);
await closeDatabases();
