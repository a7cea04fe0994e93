/**
 * The server's main module. `remix build` bundles this file together with the app into
 * build/index.js (remix.config.js: `server`), so the production server is plain
 * `node build/index.js` and every module — the database connection, the request scope — exists
 * once in the process. Run directly, it checks the template, migrates, seeds the demo region
 * into an empty database (outside production) and serves. Imported (by the tests and the
 * benchmark), it only hands out the pieces below.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import * as build from "@remix-run/dev/server-build";
import type { ServerBuild } from "@remix-run/node";

import { closeDatabases, databaseFromEnv, describeTarget, getDb, migrateToLatest, SettingError } from "../db/connection.server";
import { currentTemplate } from "../app/template/current.server";
import { readEnv } from "../app/utils/env.server";
import { seedIfEmpty } from "./seed-data";
import { createApp } from "./server";

export { closeDatabases, createApp, getDb, migrateToLatest };
export const serverBuild = build as unknown as ServerBuild;

async function main(): Promise<void> {
  // Settings the app cannot use stop it here, with a message naming the setting.
  let env: ReturnType<typeof readEnv>;
  let target: ReturnType<typeof databaseFromEnv>;
  try {
    env = readEnv();
    target = databaseFromEnv();
  } catch (error) {
    if (!(error instanceof SettingError) && !(error instanceof Error && error.message.startsWith("Invalid environment settings"))) throw error;
    console.error(error.message);
    process.exit(1);
  }
  // A broken template stops the app here with a message naming the problem, not mid-request.
  try {
    currentTemplate();
  } catch (error) {
    console.error(`The self-assessment template is not valid: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  const db = getDb();
  let applied: string[];
  try {
    applied = await migrateToLatest(db);
  } catch (error) {
    // An unreachable server or a refused password stops the app here, saying which database.
    console.error(`Could not migrate ${describeTarget(target)} (DATABASE_URL): ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  if (applied.length) console.log(`Migrated ${describeTarget(target)}: ${applied.join(", ")}`);

  const seedDemo = env.SEED_DEMO ? env.SEED_DEMO === "1" : env.NODE_ENV !== "production";
  if (seedDemo && (await seedIfEmpty(db, env.DEMO_PASSWORD))) {
    console.log("Seeded the demo region (North East, 12 authorities).");
  }

  // While the server runs on a database file, `npm run restore` refuses to replace it.
  if (target.kind === "sqlite" && target.file !== ":memory:") {
    const pidFile = `${target.file}.pid`;
    fs.writeFileSync(pidFile, String(process.pid));
    const removePid = () => fs.rmSync(pidFile, { force: true });
    process.once("exit", removePid);
  }
  // Stopped by a service manager or Ctrl-C: exit normally, so exit handlers run (the pid file above).
  // (Every time: Ctrl-C under the supervisor reaches the server twice, from the terminal and passed on.)
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => process.exit(0));

  const app = createApp(serverBuild, env.NODE_ENV, { trustProxy: env.TRUST_PROXY });
  app.listen(env.PORT, () => {
    console.log(`SLI Peer Challenge is running at http://localhost:${env.PORT}`);
    // Under the supervisor (scripts/supervise.mjs): it now knows the server came up.
    process.send?.({ listening: env.PORT });
    if (seedDemo) {
      console.log(`Demo sign-in: coordinator@northeast.example (or lead@darlington.example, dcs@…, ceo@…, member@…)`);
      console.log(`Demo password: ${env.DEMO_PASSWORD}`);
    }
  });
}

const runDirectly = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (runDirectly) await main();
