/** Readiness: the database answers and every migration this build ships has been applied. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { MIGRATIONS_FOLDERS, type DatabaseHandle } from "../../db/connection.js";
import type { Dialect } from "../../db/schema.js";
import { selectRows } from "../../db/dialect/queries.js";

export interface Readiness {
  ready: boolean;
  database: "ok" | "unreachable";
  migrations: { applied: number; expected: number };
}

const expectedByDialect = new Map<Dialect, number>();
function expectedMigrations(dialect: Dialect): number {
  let expected = expectedByDialect.get(dialect);
  if (expected === undefined) {
    const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDERS[dialect], "meta", "_journal.json"), "utf8")) as {
      entries: unknown[];
    };
    expectedByDialect.set(dialect, (expected = journal.entries.length));
  }
  return expected;
}

export async function checkReadiness(database: DatabaseHandle): Promise<Readiness> {
  const expected = expectedMigrations(database.dialect);
  try {
    const [row] = await selectRows<{ n: number }>(database.db, sql`select count(*) as n from __drizzle_migrations`);
    const applied = Number(row?.n ?? 0);
    return { ready: applied >= expected, database: "ok", migrations: { applied, expected } };
  } catch {
    return { ready: false, database: "unreachable", migrations: { applied: 0, expected } };
  }
}
