/** Readiness: the database answers and every migration this build ships has been applied. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { MIGRATIONS_FOLDER, type DatabaseHandle } from "../../db/connection.js";

export interface Readiness {
  ready: boolean;
  database: "ok" | "unreachable";
  migrations: { applied: number; expected: number };
}

const expectedMigrations = (JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")) as { entries: unknown[] }).entries.length;

export async function checkReadiness(database: DatabaseHandle): Promise<Readiness> {
  try {
    const [row] = await database.db.all<{ n: number }>(sql`select count(*) as n from __drizzle_migrations`);
    const applied = Number(row?.n ?? 0);
    return { ready: applied >= expectedMigrations, database: "ok", migrations: { applied, expected: expectedMigrations } };
  } catch {
    return { ready: false, database: "unreachable", migrations: { applied: 0, expected: expectedMigrations } };
  }
}
