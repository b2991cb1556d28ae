/**
 * How each kind of column is stored, per dialect: the one place table definitions differ.
 *
 * Both kits store the same values the same way the application sees them: ISO-8601 text for
 * instants and dates, JSON as text, booleans as booleans, 64-bit integers only where a value can
 * outgrow 32 bits (amounts in minor units). The PostgreSQL kit is typed as the SQLite kit so the
 * data layer has one set of row types; drizzle builds each dialect's SQL from the runtime objects.
 */
import { sql } from "drizzle-orm";
import * as pg from "drizzle-orm/pg-core";
import * as lite from "drizzle-orm/sqlite-core";

export const sqliteColumns = {
  table: lite.sqliteTable,
  id: (name: string) => lite.integer(name).primaryKey({ autoIncrement: true }),
  text: lite.text,
  integer: lite.integer,
  bigint: (name: string) => lite.integer(name),
  real: lite.real,
  boolean: (name: string) => lite.integer(name, { mode: "boolean" }),
  json: (name: string) => lite.text(name, { mode: "json" }),
  index: lite.index,
  uniqueIndex: lite.uniqueIndex,
  /** The current instant as ISO-8601 text with milliseconds, as a column default. */
  now: sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`,
};

export type ColumnKit = typeof sqliteColumns;

/** JSON kept as text, exactly as the SQLite kit keeps it, so values and comparisons agree. */
const jsonText = pg.customType<{ data: unknown; driverData: string }>({
  dataType: () => "text",
  toDriver: (value) => JSON.stringify(value),
  fromDriver: (value) => JSON.parse(value) as unknown,
});

const pgColumns = {
  table: pg.pgTable,
  id: (name: string) => pg.integer(name).primaryKey().generatedByDefaultAsIdentity(),
  text: (name: string, config?: { enum?: readonly [string, ...string[]] }) =>
    pg.text(name, config?.enum ? { enum: config.enum as [string, ...string[]] } : {}),
  integer: (name: string) => pg.integer(name),
  bigint: (name: string) => pg.bigint(name, { mode: "number" }),
  real: (name: string) => pg.doublePrecision(name),
  boolean: (name: string) => pg.boolean(name),
  json: (name: string) => jsonText(name),
  index: pg.index,
  uniqueIndex: pg.uniqueIndex,
  now: sql`(to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`,
};

/**
 * The one cast of the tables, and why it stays: `defineTables` is written once, against one kit's
 * types, and drizzle has no table type both dialects' tables satisfy (their classes differ, down
 * to each column's), so the tables it builds with this kit are typed as SQLite's. Everything that
 * takes a table takes that type (`DbTable`, db/connection.ts), including the query builders, which
 * get PostgreSQL's tables at run time only on PostgreSQL, where they are PostgreSQL's builders.
 * Typed as itself, this kit's `text` would also lose the enum's literal type, which SQLite's keeps.
 */
export const postgresColumns = pgColumns as unknown as ColumnKit;
