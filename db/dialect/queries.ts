/**
 * Where the SQL the data layer writes by hand differs between SQLite and PostgreSQL, other than
 * search (src/data/search.ts): reading rows of a raw statement, and binding a list of keys.
 * Everything else the data layer writes with drizzle's query builder, which renders each dialect.
 */
import { Column, is, SQL, sql, Subquery } from "drizzle-orm";
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
  const mapper = sqliteRowMapper(prepared as unknown as SqlitePrepared);
  if (mapper) {
    const values = (prepared as unknown as SqlitePrepared).values.bind(prepared);
    return { rows: async (params) => mapper(values(params)) };
  }
  return { rows: async (params) => (prepared.all as (p: unknown) => unknown[])(params) };
}

/** What drizzle's better-sqlite3 prepared query keeps about its result (drizzle-orm 0.45). */
interface SqlitePrepared {
  fields?: { path: string[]; field: unknown }[];
  joinsNotNullableMap?: Record<string, boolean>;
  customResultMapper?: unknown;
  /** Binds the placeholders, reports the statement to the logger, returns rows as arrays. */
  values(params: unknown): unknown[][];
}

interface Decoder {
  mapFromDriverValue(value: unknown): unknown;
}

/**
 * The rows of a prepared select as drizzle's `all()` gives them, with the mapping worked out once
 * per statement instead of once per cell (drizzle's `mapResultRow` finds each column's decoder
 * with `is()` checks for every value it reads, which showed in profiles of large pages). Only for
 * selects whose joins are all inner: drizzle's mapping then never turns a nested object into null,
 * so the result is the same. Anything else keeps drizzle's own mapping (null).
 */
function sqliteRowMapper(prepared: SqlitePrepared): ((rows: unknown[][]) => unknown[]) | null {
  const { fields, joinsNotNullableMap, customResultMapper } = prepared;
  if (!fields || customResultMapper || typeof prepared.values !== "function") return null;
  if (joinsNotNullableMap && Object.values(joinsNotNullableMap).some((notNullable) => !notNullable)) return null;
  const columns: { path: string[]; decoder: Decoder }[] = [];
  for (const { path, field } of fields) {
    let decoder: Decoder;
    if (is(field, Column)) decoder = field;
    else if (is(field, SQL)) decoder = (field as unknown as { decoder: Decoder }).decoder;
    else if (is(field, Subquery)) return null;
    else decoder = (field as { sql: { decoder: Decoder } }).sql.decoder;
    columns.push({ path, decoder });
  }
  const mapRow = (row: unknown[]): Record<string, unknown> => {
    const result: Record<string, unknown> = {};
    for (let i = 0; i < columns.length; i++) {
      const { path, decoder } = columns[i];
      const raw = row[i];
      const value = raw === null ? null : decoder.mapFromDriverValue(raw);
      let node = result;
      for (let j = 0; j < path.length - 1; j++) node = (node[path[j]] ??= {}) as Record<string, unknown>;
      node[path[path.length - 1]] = value;
    }
    return result;
  };
  return (rows) => rows.map(mapRow);
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
