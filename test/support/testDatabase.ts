/**
 * The database a test server runs on. Tests run on SQLite, and a second time on PostgreSQL when
 * TEST_DATABASE_URL is set (vitest.config.ts runs the suite once per backend, telling each run
 * its backend in FOOTPRINT_TEST_BACKEND). On PostgreSQL every test server gets a schema of its own,
 * dropped when the server closes, so runs and files never see each other's rows.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { withDefaultUser, type DatabaseHandle } from "../../db/connection.js";

export type TestBackend = "sqlite" | "postgres";

export function testBackend(): TestBackend {
  return process.env.FOOTPRINT_TEST_BACKEND === "postgres" ? "postgres" : "sqlite";
}

export interface TestDatabase {
  /** Settings for bootFootprint (or a server process's environment). */
  config: { DATABASE_URL: string; DATABASE_SCHEMA?: string };
  /** Rows of raw SQL written with `?` placeholders, on either backend. */
  rows(handle: DatabaseHandle, text: string, params: unknown[]): Promise<any[]>;
  drop(): Promise<void>;
}

/** `?` placeholders as PostgreSQL's `$1, $2, …` (tests' SQL has no `?` inside strings). */
function numberedPlaceholders(text: string): string {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
}

/** A schema name no other test server or run uses. */
export function uniqueTestSchema(prefix = "test"): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString("hex")}`;
}

/** Drops a schema a PostgreSQL test created in the TEST_DATABASE_URL database, with its tables. */
export async function dropTestSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDefaultUser(process.env.TEST_DATABASE_URL ?? "") });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}

export async function testDatabase(): Promise<TestDatabase> {
  if (testBackend() === "postgres") {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error("FOOTPRINT_TEST_BACKEND=postgres needs TEST_DATABASE_URL");
    const schema = uniqueTestSchema();
    return {
      config: { DATABASE_URL: url, DATABASE_SCHEMA: schema },
      async rows(handle, text, params) {
        const result = await (handle.pool as pg.Pool).query(numberedPlaceholders(text), params);
        return result.rows;
      },
      drop: () => dropTestSchema(schema),
    };
  }
  // A file, not :memory:, so that writes run on their own connection as in production.
  const dir = mkdtempSync(join(tmpdir(), "footprint-test-"));
  return {
    config: { DATABASE_URL: `file:${join(dir, "test.sqlite")}` },
    async rows(handle, text, params) {
      const statement = (handle.sqlite as NonNullable<DatabaseHandle["sqlite"]>).prepare(text);
      if (statement.reader) return statement.all(...params);
      statement.run(...params);
      return [];
    },
    async drop() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
