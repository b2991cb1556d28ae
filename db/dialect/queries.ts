/**
 * Where the SQL the data layer writes by hand differs between SQLite and PostgreSQL, other than
 * search (src/data/search.ts): reading rows of a raw statement, and binding a list of keys.
 * Everything else the data layer writes with drizzle's query builder, which renders each dialect.
 */
import { sql, type SQL } from "drizzle-orm";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Db } from "../connection.js";
import { activeDialect } from "../schema.js";

/**
 * The rows a raw statement returns. Aggregates come back as the driver gives them (PostgreSQL's
 * bigint and numeric as strings), so callers convert numbers with `Number`.
 */
export async function selectRows<Row>(db: Db, query: SQL): Promise<Row[]> {
  if (activeDialect() === "postgres") return (await (db as unknown as NodePgDatabase).execute(query)).rows as Row[];
  return db.all<Row>(query);
}

/** Runs a raw statement for its effect. */
export async function runStatement(db: Db, query: SQL): Promise<void> {
  if (activeDialect() === "postgres") await (db as unknown as NodePgDatabase).execute(query);
  else db.run(query);
}

/**
 * `column` is one of the keys bound to the placeholder "keys": one statement, prepared once,
 * serves any number of keys. SQLite binds the list as a JSON array (json_each), PostgreSQL as
 * an array parameter.
 */
export function inKeyList(column: SQLiteColumn): SQL {
  return activeDialect() === "postgres"
    ? sql`${column} = any(${sql.placeholder("keys")})`
    : sql`${column} in (select value from json_each(${sql.placeholder("keys")}))`;
}

/** The value for the "keys" placeholder of `inKeyList`. */
export function keyListParam(keys: readonly (string | number)[]): unknown {
  return activeDialect() === "postgres" ? keys : JSON.stringify(keys);
}

/** A statement prepared once and run with parameters, as either driver names it. */
export interface PreparedRows {
  rows(params: Record<string, unknown>): Promise<unknown[]>;
}

/**
 * Prepares `query` (a drizzle select builder). PostgreSQL prepares named statements per
 * connection, so `name` must be unique to the SQL text.
 */
export function prepareRows(query: { prepare(name?: string): unknown }, name: string): PreparedRows {
  const prepared = query.prepare(name) as { all?(p: unknown): unknown; execute(p: unknown): unknown };
  if (activeDialect() === "postgres") return { rows: async (params) => (await prepared.execute(params)) as unknown[] };
  return { rows: async (params) => (prepared.all as (p: unknown) => unknown[])(params) };
}

/**
 * Refreshes the query planner's statistics after a bulk load, so the first queries on a freshly
 * loaded database are planned for its real size (PostgreSQL's autovacuum would get there later;
 * SQLite never does by itself).
 */
export async function refreshPlannerStatistics(db: Db, tables: readonly string[]): Promise<void> {
  if (activeDialect() === "postgres") await runStatement(db, sql.raw(`analyze ${tables.map((t) => `"${t}"`).join(", ")}`));
  else await runStatement(db, sql`analyze`);
}
