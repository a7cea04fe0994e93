/**
 * `npm test`'s suite: every test on SQLite, then every test again on PostgreSQL when
 * TEST_DATABASE_URL names a server (.ci/run starts a throwaway one). Arguments are passed to
 * Vitest (a file name runs just that file, on both).
 */
import { spawnSync } from "node:child_process";

import pg from "pg";

/** Files about one database only, left out of the other's run, and why. */
const ONLY_ON = {
  sqlite: {
    "tests/crash.test.ts": "SQLite's integrity check after SIGKILLs (PostgreSQL's durability is the server's)",
    "tests/backup.test.ts": "npm run backup and restore copy a SQLite file (PostgreSQL is backed up with pg_dump)",
    "tests/supervisor.test.ts": "restarting a killed server is about the process, not the database (it runs on a SQLite file)",
  },
  postgres: {
    "tests/two-instances.test.ts": "two app instances share a database server (one SQLite file serves one instance)",
  },
} as const;

function suite(title: string, env: NodeJS.ProcessEnv, leaveOut: Record<string, string>): void {
  console.log(`\n=== ${title} ===`);
  for (const [file, why] of Object.entries(leaveOut)) console.log(`  not in this run: ${file}: ${why}`);
  console.log("");
  const exclude = Object.keys(leaveOut).flatMap((file) => ["--exclude", file]);
  const run = spawnSync("npx", ["vitest", "run", "--config", "tests/vitest.config.ts", ...exclude, ...process.argv.slice(2)], { stdio: "inherit", env });
  if (run.status !== 0) {
    console.error(`\nThe suite failed ${title.toLowerCase()}.`);
    process.exit(run.status ?? 1);
  }
}

const server = process.env.TEST_DATABASE_URL?.trim();
const sqliteEnv = { ...process.env };
delete sqliteEnv.TEST_DATABASE_URL;
suite("On SQLite", sqliteEnv, ONLY_ON.postgres);

if (!server) {
  console.log("\nTEST_DATABASE_URL is not set, so the suite ran on SQLite only. (.ci/run starts a PostgreSQL server and runs it on both.)");
  process.exit(0);
}

// A server that cannot be reached fails here, saying so, rather than in every test.
const where = new URL(server);
const client = new pg.Client({ connectionString: server, connectionTimeoutMillis: 10_000 });
try {
  await client.connect();
  const { rows } = await client.query<{ version: string }>("select current_setting('server_version') as version");
  console.log(`\nPostgreSQL ${rows[0]!.version} at ${where.host}`);
} catch (error) {
  console.error(`TEST_DATABASE_URL names a PostgreSQL server at ${where.host} that cannot be reached: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
} finally {
  await client.end().catch(() => undefined);
}
suite("On PostgreSQL", { ...process.env, TEST_DATABASE_URL: server }, ONLY_ON.sqlite);
