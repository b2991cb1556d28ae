/**
 * Where the SQL the data layer writes by hand differs between SQLite and PostgreSQL, other than
 * search (src/data/search.ts): reading rows of a raw statement, and binding a list of keys.
 * Everything else the data layer writes with drizzle's query builder, which renders each dialect.
 */
import { Column, is, SQL, sql } from "drizzle-orm";
import { PgPreparedQuery } from "drizzle-orm/pg-core";
import { SQLitePreparedQuery } from "drizzle-orm/sqlite-core";
import { postgresDriver, sqliteDriver, type Db } from "../connection.js";
import { activeDialect } from "../schema.js";

/**
 * The rows a raw statement returns. Aggregates come back as the driver gives them (PostgreSQL's
 * bigint and numeric as strings), so callers convert numbers with `Number`.
 */
export async function selectRows<Row>(db: Db, query: SQL): Promise<Row[]> {
  if (activeDialect() === "postgres") return (await postgresDriver(db).execute(query)).rows as Row[];
  return sqliteDriver(db).all<Row>(query);
}

/** Runs a raw statement for its effect. */
export async function runStatement(db: Db, query: SQL): Promise<void> {
  if (activeDialect() === "postgres") await postgresDriver(db).execute(query);
  else sqliteDriver(db).run(query);
}

/**
 * `column` is one of the keys bound to the placeholder "keys": one statement, prepared once,
 * serves any number of keys. SQLite binds the list as a JSON array (json_each), PostgreSQL as
 * an array parameter.
 */
export function inKeyList(column: Column): SQL {
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
  const prepared = query.prepare(name);
  if (activeDialect() === "postgres") {
    if (!is(prepared, PgPreparedQuery)) throw new Error(`Statement ${name} was not prepared by PostgreSQL's driver.`);
    // A select's prepared statement resolves to its rows.
    return { rows: async (params) => (await prepared.execute(params)) as unknown[] };
  }
  if (!is(prepared, SQLitePreparedQuery)) throw new Error(`Statement ${name} was not prepared by SQLite's driver.`);
  const mapper = sqliteRowMapper(prepared);
  if (mapper) {
    const values = prepared.values.bind(prepared);
    // A synchronous driver: `values` returns the rows, each as an array of its columns.
    return { rows: async (params) => mapper(values(params) as unknown[][]) };
  }
  return { rows: async (params) => prepared.all(params) as unknown[] };
}

interface Decoder {
  mapFromDriverValue(value: unknown): unknown;
}

function isDecoder(value: unknown): value is Decoder {
  return (
    typeof value === "object" && value !== null && "mapFromDriverValue" in value && typeof value.mapFromDriverValue === "function"
  );
}

/** The decoder of a `sql` expression: drizzle keeps it on the SQL object but does not declare it (drizzle-orm 0.45). */
function decoderOf(expression: SQL): Decoder | null {
  return "decoder" in expression && isDecoder(expression.decoder) ? expression.decoder : null;
}

/**
 * What drizzle's better-sqlite3 prepared query keeps about its result, none of it declared
 * (drizzle-orm 0.45): the selected fields and where each goes in the row, which joins may be
 * null, and a result mapper of its own. Null when it keeps something else.
 */
function resultShape(prepared: object): { path: string[]; field: unknown }[] | null {
  if ("customResultMapper" in prepared && prepared.customResultMapper) return null;
  if ("joinsNotNullableMap" in prepared && prepared.joinsNotNullableMap) {
    const map = prepared.joinsNotNullableMap;
    if (typeof map !== "object" || Object.values(map).some((notNullable) => !notNullable)) return null;
  }
  if (!("fields" in prepared) || !Array.isArray(prepared.fields)) return null;
  const entries: unknown[] = prepared.fields;
  const fields: { path: string[]; field: unknown }[] = [];
  for (const entry of entries) {
    if (typeof entry !== "object" || entry === null || !("path" in entry) || !("field" in entry)) return null;
    const path: unknown = entry.path;
    if (!Array.isArray(path)) return null;
    const parts: unknown[] = path;
    if (!parts.every((part): part is string => typeof part === "string")) return null;
    fields.push({ path: parts, field: entry.field });
  }
  return fields;
}

/**
 * The rows of a prepared select as drizzle's `all()` gives them, with the mapping worked out once
 * per statement instead of once per cell (drizzle's `mapResultRow` finds each column's decoder
 * with `is()` checks for every value it reads, which showed in profiles of large pages). Only for
 * selects whose joins are all inner: drizzle's mapping then never turns a nested object into null,
 * so the result is the same. Anything else keeps drizzle's own mapping (null).
 */
function sqliteRowMapper(prepared: object): ((rows: unknown[][]) => unknown[]) | null {
  const fields = resultShape(prepared);
  if (!fields) return null;
  const columns: { path: string[]; decoder: Decoder }[] = [];
  for (const { path, field } of fields) {
    let decoder: Decoder | null;
    if (is(field, Column)) decoder = field;
    else if (is(field, SQL)) decoder = decoderOf(field);
    else if (is(field, SQL.Aliased)) decoder = decoderOf(field.sql);
    else return null; // a subquery, or something drizzle did not select in 0.45
    if (!decoder) return null;
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
