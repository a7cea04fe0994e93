import type { Transaction } from "kysely";

import type { Database, Executor } from "./schema";

/**
 * Runs `work` atomically: inside the caller's transaction when `db` already is one, else in a
 * transaction of its own. Model functions that write several rows use it, so they are atomic
 * whether or not their caller (the workflow, a script) opened a transaction first.
 */
export function atomically<T>(db: Executor, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db as Transaction<Database>) : db.transaction().execute(work);
}
