/** What `npm run backup` and `npm run restore` share: they work on the SQLite file itself. */
import SQLite from "better-sqlite3";

import { databaseFileFromEnv, SettingError } from "../db/connection.server";

/** The SQLite file DATABASE_URL names; on PostgreSQL, says to use pg_dump and pg_restore instead, and stops. */
export function sqliteFileOrExit(): string {
  try {
    return databaseFileFromEnv();
  } catch (error) {
    if (!(error instanceof SettingError)) throw error;
    console.error(error.message);
    process.exit(2);
  }
}

/** SQLite's integrity check of a database file: "ok", or what is wrong. */
export function integrityOf(file: string): string {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    return String(db.pragma("integrity_check", { simple: true }));
  } finally {
    db.close();
  }
}
