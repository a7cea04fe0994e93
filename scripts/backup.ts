/**
 * `npm run backup -- <file>`: an online, consistent copy of the database while the app runs
 * (SQLite's backup API through better-sqlite3; no `sqlite3` command needed), checked with
 * `PRAGMA integrity_check` before it is reported good.
 */
import fs from "node:fs";
import path from "node:path";

import SQLite from "better-sqlite3";

import { integrityOf, sqliteFileOrExit } from "./sqlite-file";

const target = process.argv[2];
if (!target) {
  console.error("Say where to write the backup: npm run backup -- backups/sli-2026-11-23.sqlite");
  process.exit(2);
}
const source = sqliteFileOrExit();
if (source === ":memory:" || !fs.existsSync(source)) {
  console.error(`There is no database file at ${source} to back up (DATABASE_URL).`);
  process.exit(2);
}
if (fs.existsSync(target)) {
  console.error(`${target} already exists: choose a new file name, so no backup is overwritten.`);
  process.exit(2);
}
fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
const db = new SQLite(source, { readonly: true, fileMustExist: true });
db.pragma("busy_timeout = 5000");
await db.backup(target);
db.close();
const check = integrityOf(target);
if (check !== "ok") {
  console.error(`The backup at ${target} failed its integrity check: ${check}`);
  process.exit(1);
}
console.log(`Backed up ${source} to ${target} (integrity check ok, ${fs.statSync(target).size.toLocaleString("en-GB")} bytes).`);
