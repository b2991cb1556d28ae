/**
 * Row versions: every state every data row has had, and reading the tables as they stood at a
 * change-feed sequence number.
 *
 * Triggers on each versioned table copy a row into `row_versions` (as JSON) whenever it is
 * inserted or updated, and close its previous version when it is updated or deleted, in the
 * writing transaction, whoever writes: the API's write path, the seed, the CLI. A version is valid
 * from the sequence number in `history_clock` (the write's first change, set by ChangeSequence) or,
 * when no write set it, one past the feed's last change.
 *
 * The triggers are built here from the table definitions (db/tables.ts), so a column added to a
 * table is versioned with it; `installRowVersioning` (re)creates them after every migration.
 *
 * "As of" N, a query sees each versioned table as the rows valid at N: `asOfPrelude(N)` is a WITH
 * clause that defines, for every versioned table, a common table expression of the same name over
 * `row_versions`; put before a SELECT, it shadows the tables (SQLite and PostgreSQL both resolve an
 * unqualified name to a CTE first), so the same SQL answers as of N.
 */
import { createHash } from "node:crypto";
import { getTableColumns, getTableName, type Column } from "drizzle-orm";
import { getTableConfig as postgresTableConfig, type PgTable } from "drizzle-orm/pg-core";
import { getTableConfig as sqliteTableConfig, type SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Dialect } from "./schema.js";
import * as schema from "./schema.js";

/**
 * The tables whose rows are records or part of one: everything a query as of a moment reads.
 * Countries are not among them: the ISO reference list, keyed by code, that no write changes.
 */
export function versionedTables() {
  return [
    schema.sources,
    schema.recordSources,
    schema.externalIds,
    schema.cities,
    schema.organisations,
    schema.memberships,
    schema.events,
    schema.trips,
    schema.tripLegs,
    schema.tripDelegates,
    schema.tripEvents,
    schema.tripOrganisations,
    schema.attendances,
    schema.partnerships,
    schema.reportedFigures,
    schema.coverage,
  ];
}

type AnyTable = ReturnType<typeof versionedTables>[number];

function columnsOf(table: AnyTable): Column[] {
  return Object.values(getTableColumns(table)) as Column[];
}

/**
 * The columns that name one row: `id`, or, for a link table (trip_events: a trip and an event),
 * all of its columns. The first is stored as `row_id`; the others are matched in the version's JSON.
 */
function keyOf(table: AnyTable): string[] {
  const columns = columnsOf(table).map((c) => c.name);
  return columns.includes("id") ? ["id"] : columns;
}

/** The sequence number a version written now is valid from (the same SQL on both dialects). */
const CLOCK = `coalesce((select seq from history_clock where id = 1), (select coalesce(max(seq), 0) + 1 from changes))`;

/** Statements that (re)create the versioning triggers on every versioned table. */
export function rowVersioningStatements(dialect: Dialect): string[] {
  const clock = CLOCK;
  if (dialect === "postgres") {
    // One function for every table; the trigger's arguments name the table's key columns.
    const statements = [
      `create or replace function footprint_row_version() returns trigger language plpgsql as $$
declare
  at_seq integer := ${clock};
  old_row jsonb;
  new_row jsonb;
begin
  if tg_op in ('UPDATE', 'DELETE') then
    old_row := to_jsonb(old);
    update row_versions v set valid_to = at_seq
      where v.table_name = tg_table_name and v.row_id = (old_row ->> tg_argv[0])::integer and v.valid_to is null
        and (tg_nargs < 2 or (v.data::jsonb ->> tg_argv[1]) = (old_row ->> tg_argv[1]))
        and (tg_nargs < 3 or (v.data::jsonb ->> tg_argv[2]) = (old_row ->> tg_argv[2]));
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    new_row := to_jsonb(new);
    insert into row_versions (table_name, row_id, valid_from, data)
      values (tg_table_name, (new_row ->> tg_argv[0])::integer, at_seq, new_row::text);
  end if;
  return null;
end $$`,
    ];
    for (const table of versionedTables()) {
      const name = getTableName(table);
      const key = keyOf(table)
        .map((c) => `'${c}'`)
        .join(", ");
      statements.push(
        `create or replace trigger ${name}_versions after insert or update or delete on "${name}" for each row execute function footprint_row_version(${key})`,
      );
    }
    return statements;
  }
  const statements: string[] = [];
  for (const table of versionedTables()) {
    const name = getTableName(table);
    const [rowKey, ...rest] = keyOf(table);
    const json = (row: "new" | "old") =>
      `json_object(${columnsOf(table)
        .map((c) => `'${c.name}', ${row}."${c.name}"`)
        .join(", ")})`;
    const sameRow = [`row_id = old."${rowKey}"`, ...rest.map((c) => `json_extract(data, '$."${c}"') = old."${c}"`)].join(" and ");
    const close = `update row_versions set valid_to = ${clock} where table_name = '${name}' and ${sameRow} and valid_to is null;`;
    const open = `insert into row_versions (table_name, row_id, valid_from, data) values ('${name}', new."${rowKey}", ${clock}, ${json("new")});`;
    for (const op of ["insert", "update", "delete"] as const) statements.push(`drop trigger if exists ${name}_versions_${op}`);
    statements.push(`create trigger ${name}_versions_insert after insert on "${name}" begin ${open} end`);
    statements.push(`create trigger ${name}_versions_update after update on "${name}" begin ${close} ${open} end`);
    statements.push(`create trigger ${name}_versions_delete after delete on "${name}" begin ${close} end`);
  }
  return statements;
}

/**
 * Rows that have no current version (written before versioning was installed) get one, valid from
 * 0: their earlier states are unknown, so as of any moment they read as they are now.
 */
export function backfillStatements(dialect: Dialect): string[] {
  return versionedTables().map((table) => {
    const name = getTableName(table);
    const data =
      dialect === "postgres"
        ? `to_jsonb(t)::text`
        : `json_object(${columnsOf(table)
            .map((c) => `'${c.name}', t."${c.name}"`)
            .join(", ")})`;
    const [rowKey, ...rest] = keyOf(table);
    const same = rest.map((c) =>
      dialect === "postgres"
        ? ` and (v.data::jsonb ->> '${c}') = t."${c}"::text`
        : ` and json_extract(v.data, '$."${c}"') = t."${c}"`,
    );
    return `insert into row_versions (table_name, row_id, valid_from, data)
select '${name}', t."${rowKey}", 0, ${data} from "${name}" t
where not exists (select 1 from row_versions v where v.table_name = '${name}' and v.row_id = t."${rowKey}" and v.valid_to is null${same.join("")})`;
  });
}

/**
 * A column's value read out of a version's JSON (`json`: the JSON value on PostgreSQL), typed as
 * the column is. The as-of CTEs read columns with it and the version indexes index the same
 * expressions, so a query's conditions on a CTE's column can use them.
 */
function versionValue(dialect: Dialect, column: Column, json = "j"): string {
  const name = column.name;
  if (dialect === "sqlite") return `json_extract(data, '$."${name}"')`;
  const type = column.getSQLType();
  const text = `(${json} ->> '${name}')`;
  if (/^(integer|serial|smallint)$/.test(type)) return `${text}::integer`;
  if (type === "bigint") return `${text}::bigint`;
  if (type === "double precision" || type === "real") return `${text}::double precision`;
  if (type === "boolean") return `${text}::boolean`;
  return text;
}

/** A column as an as-of CTE selects it: the row key from `row_id` (indexed), the rest from the JSON. */
function extract(dialect: Dialect, table: AnyTable, column: Column): string {
  if (column.name === "id" && keyOf(table)[0] === "id") return `row_id as "id"`;
  return `${versionValue(dialect, column)} as "${column.name}"`;
}

export interface VersionIndex {
  name: string;
  sql: string;
  /** The versioned table and the columns (of that table) the index mirrors. */
  table: string;
  columns: string[];
}

/** Names of the indexes on `row_versions` that mirror the versioned tables' own (db/tables.ts). */
export const VERSION_INDEX_PREFIX = "rv_";

/**
 * The versioned tables' indexes (and unique columns), each mirrored on `row_versions` as a partial
 * index over the same columns read out of the versions' JSON: as of a moment, a lookup by public
 * ID, a relation by its foreign key or a page in a list's order then searches an index, as the
 * same query does on the live table, instead of reading every version of the table. An index's
 * name carries a hash of its definition, so a changed definition is a new index and the old one
 * is dropped (`staleVersionIndexes`).
 */
export function versionIndexStatements(dialect: Dialect): VersionIndex[] {
  const statements: VersionIndex[] = [];
  for (const table of versionedTables()) {
    const tableName = getTableName(table);
    const byName = new Map(columnsOf(table).map((c) => [c.name, c]));
    const config =
      dialect === "sqlite" ? sqliteTableConfig(table as SQLiteTable) : postgresTableConfig(table as unknown as PgTable);
    const lists = [
      ...config.indexes.map((index) => (index.config.columns as { name?: string }[]).map((c) => c.name)),
      ...columnsOf(table)
        .filter((c) => c.isUnique)
        .map((c) => [c.name]),
    ];
    const seen = new Set<string>();
    for (const list of lists) {
      // Only plain column lists; the row key alone is `row_id`, indexed already.
      if (list.some((name) => name === undefined || !byName.has(name))) continue;
      const names = list as string[];
      if (names.length === 1 && names[0] === keyOf(table)[0]) continue;
      const signature = names.join(",");
      if (seen.has(signature)) continue;
      seen.add(signature);
      // The row key as the CTEs read it, from row_id, so an order ending in it (start_date, id) is the index's.
      const expressions = names.map((name) =>
        name === "id" && keyOf(table)[0] === "id" ? "row_id" : `(${versionValue(dialect, byName.get(name)!, "(data::jsonb)")})`,
      );
      const body = `on row_versions (${expressions.join(", ")}) where table_name = '${tableName}'`;
      const hash = createHash("sha256").update(body).digest("hex").slice(0, 8);
      const name = `${VERSION_INDEX_PREFIX}${tableName}_${names.join("_")}`.slice(0, 50) + `_${hash}`;
      statements.push({ name, sql: `create index if not exists "${name}" ${body}`, table: tableName, columns: names });
    }
  }
  return statements;
}

/** `drop index` statements for the version indexes present that `versionIndexStatements` no longer makes. */
export function staleVersionIndexes(dialect: Dialect, present: string[]): string[] {
  const wanted = new Set(versionIndexStatements(dialect).map((s) => s.name));
  return present
    .filter((name) => name.startsWith(VERSION_INDEX_PREFIX) && !wanted.has(name))
    .map((name) => `drop index if exists "${name}"`);
}

/**
 * `with <table> as (…), …`: every versioned table as of sequence number `seq`, to put before a
 * SELECT. `seq` is inlined (an integer, checked here), so a statement's parameters keep their
 * numbers.
 */
export function asOfPrelude(dialect: Dialect, seq: number): string {
  if (!Number.isSafeInteger(seq) || seq < 0) throw new Error(`Not a sequence number: ${seq}`);
  const key = `${dialect}:${seq}`;
  let prelude = preludes.get(key);
  if (prelude === undefined) {
    prelude = buildPrelude(dialect, seq);
    preludes.set(key, prelude);
    if (preludes.size > PRELUDES_KEPT) preludes.delete(preludes.keys().next().value!);
  }
  return prelude;
}

function orderedPrelude(seq: number, ordered: { table: string; index: string }): string {
  if (!Number.isSafeInteger(seq) || seq < 0) throw new Error(`Not a sequence number: ${seq}`);
  const key = `sqlite:${seq}:${ordered.index}`;
  let prelude = preludes.get(key);
  if (prelude === undefined) {
    prelude = buildPrelude("sqlite", seq, ordered);
    preludes.set(key, prelude);
    if (preludes.size > PRELUDES_KEPT) preludes.delete(preludes.keys().next().value!);
  }
  return prelude;
}

/** Preludes built, by dialect and sequence number: each is some 10 kB, rebuilt for every statement otherwise. */
const preludes = new Map<string, string>();
const PRELUDES_KEPT = 32;

function buildPrelude(dialect: Dialect, seq: number, ordered?: { table: string; index: string }): string {
  const ctes = versionedTables().map((table) => {
    const name = getTableName(table);
    const columns = columnsOf(table)
      .map((c) => extract(dialect, table, c))
      .join(", ");
    const source = ordered?.table === name ? `row_versions indexed by "${ordered.index}"` : "row_versions";
    const valid = `from ${source} where table_name = '${name}' and valid_from <= ${seq} and (valid_to is null or valid_to > ${seq})`;
    // PostgreSQL parses each version's JSON once, then reads every column out of it.
    return dialect === "sqlite"
      ? `"${name}" as (select ${columns} ${valid})`
      : `"${name}" as (select ${columns} from (select row_id, data::jsonb as j ${valid}) v)`;
  });
  return ctes.join(", ");
}

/**
 * A page of a whole table in the order of one of its indexes, as a root list without a filter
 * reads it (src/data/pagination.ts): `select … from "t" [where <cursor on the order's columns>]
 * order by "t"."a" desc, "t"."id" desc limit ?`. As of a moment, SQLite's planner reads such a
 * page from the table's versions by validity (row_versions_as_of) and sorts all of them, since it
 * does not count the limit against the sort: every page of an export then cost a pass over the
 * whole table (over a second a page at 100k trips). The version index in the page's order reads
 * only the page. Null for any other statement, which keeps the planner's choice.
 */
function orderedWholeTablePage(sqlText: string): { table: string; index: string } | null {
  const shape =
    /^select [^;]*? from "(\w+)"(?: where (\([^;]*\)))? order by ((?:"\w+"\."\w+" (?:asc|desc)(?:, )?)+) limit \?$/.exec(sqlText);
  if (!shape) return null;
  const [, table, where, orderBy] = shape;
  const order = [...orderBy.matchAll(/"(\w+)"\."(\w+)"/g)].map((m) => (m[1] === table ? m[2] : null));
  if (order.some((c) => c === null)) return null;
  // Only a cursor: comparisons of the order's own columns with parameters, nothing else.
  if (where !== undefined) {
    const rest = where.replace(/"(\w+)"\."(\w+)"/g, (all, t: string, c: string) => (t === table && order.includes(c) ? "" : all));
    if (!/^[\s()?=<>]*(?:(?:and|or)[\s()?=<>]*)*$/.test(rest)) return null;
  }
  const index = sqliteOrderIndexes().get(`${table}:${order.join(",")}`);
  return index ? { table, index } : null;
}

let orderIndexes: Map<string, string> | undefined;
function sqliteOrderIndexes(): Map<string, string> {
  orderIndexes ??= new Map(versionIndexStatements("sqlite").map((i) => [`${i.table}:${i.columns.join(",")}`, i.name]));
  return orderIndexes;
}

/** `sqlText` (a SELECT, or a WITH … SELECT) as of `seq`. Other statements are returned unchanged. */
export function selectAsOf(dialect: Dialect, sqlText: string, seq: number): string {
  if (dialect === "sqlite") {
    const ordered = orderedWholeTablePage(sqlText);
    if (ordered) return `with ${orderedPrelude(seq, ordered)} ${sqlText}`;
  }
  const withClause = /^\s*with\s+(recursive\s+)?/i.exec(sqlText);
  if (withClause) return `${withClause[0]}${asOfPrelude(dialect, seq)}, ${sqlText.slice(withClause[0].length)}`;
  if (/^\s*\(?\s*select\b/i.test(sqlText)) return `with ${asOfPrelude(dialect, seq)} ${sqlText}`;
  return sqlText;
}
