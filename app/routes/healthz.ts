import { json } from "@remix-run/node";
import { sql } from "kysely";

import { getDb } from "../../db/connection.server";

/** Liveness with a real database round trip. Public, and says nothing but "ok". */
export async function loader() {
  try {
    await sql`select 1`.execute(getDb());
    return json({ status: "ok", database: "ok" }, { headers: { "Cache-Control": "no-store" } });
  } catch {
    return json({ status: "error", database: "unreachable" }, { status: 503 });
  }
}
