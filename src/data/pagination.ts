/**
 * Keyset (cursor) pagination, the one way every list in the API is paged.
 *
 * A page is found by comparing the sort keys of rows with the sort keys stored in the cursor, never
 * by OFFSET: the query is an index range scan whatever the page number, and a cursor stays valid
 * when rows are inserted or deleted in front of it (the next page starts after the values the
 * cursor remembers, even if that row is gone).
 *
 * The same specification serves a root list (`paginate`) and a list nested under many parents at
 * once (`paginateWithin`), where one statement pages every parent's children with
 * `row_number() OVER (PARTITION BY parent ...)`. That keeps nested connections free of N+1.
 */
import { and, count, getTableColumns, getTableName, inArray, or, sql, type Column, type SQL } from "drizzle-orm";
import { asOfSeqOf, type Db, type DbColumn, type DbTable } from "../../db/connection.js";

export type SortDirection = "ASC" | "DESC";
type CursorValue = string | number;

/**
 * What a sort key's values are: a cursor carries them back from the client, so each is checked
 * against its kind before it reaches SQL (PostgreSQL would refuse a string or 2^63 for an integer
 * column with an error; SQLite would compare it silently and page wrongly).
 */
export type SortValueKind = "integer" | "text";

/** One ORDER BY term: the SQL expression and how to read the same value from a fetched row. */
export interface SortKey<Row> {
  name: string;
  sql: SQL | Column;
  value(row: Row): CursorValue;
  direction: SortDirection;
  /** Needed when `sql` is an expression; a column's kind is read from the column. */
  kind?: SortValueKind;
}

/** Integer columns are 32-bit on PostgreSQL (`integer`); sort keys never use the 64-bit kind. */
const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;
/** Longer than any text a sort key holds (names, slugs, codes, ISO instants). */
const MAX_CURSOR_TEXT = 1000;

function kindOf(key: SortKey<never>): SortValueKind {
  if (key.kind) return key.kind;
  const dataType = (key.sql as { dataType?: unknown }).dataType;
  if (dataType === "number") return "integer";
  if (dataType === "string") return "text";
  throw new Error(`Sort key ${key.name} needs a kind: its values cannot be checked in cursors.`);
}

function fitsKind(value: CursorValue, kind: SortValueKind): boolean {
  if (kind === "integer") return typeof value === "number" && Number.isInteger(value) && value >= INT_MIN && value <= INT_MAX;
  return typeof value === "string" && value.length <= MAX_CURSOR_TEXT && !value.includes("\u0000");
}

/** Validated paging arguments: exactly one of `first` / `last`. */
export interface PageArgs {
  first?: number;
  after?: string;
  last?: number;
  before?: string;
}

export interface Page<Row> {
  rows: Row[];
  cursors: string[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

export interface ListSpec<Row> {
  /** The table whose rows are listed: its rows are `Row`s. */
  table: DbTable & { id: Column; $inferSelect: Row };
  /** Extra WHERE condition (filters). */
  where?: SQL;
  /** Sort keys; the table's `id` is appended as the final tie-breaker. */
  order: SortKey<Row>[];
}

export class CursorError extends Error {
  override name = "CursorError";
}

/** A type, not an interface, so that a record of unknown columns can be asserted to be one. */
type RowWithId = { id: number };

function withTieBreaker<Row extends RowWithId>(spec: ListSpec<Row>): SortKey<Row>[] {
  const last = spec.order[spec.order.length - 1];
  return [
    ...spec.order,
    { name: "id", sql: spec.table.id, value: (row) => row.id, direction: last?.direction ?? "ASC", kind: "integer" },
  ];
}

/** Names the ordering a cursor was made for, so a cursor is never applied to another ordering. */
function orderSignature(keys: SortKey<unknown>[]): string {
  return keys.map((k) => `${k.name}:${k.direction === "ASC" ? "a" : "d"}`).join(",");
}

/**
 * A cursor is base64url(JSON [list, ordering, ...values]): the list it was issued for (its table:
 * "trips", "events" ...), the ordering, and the sort keys' values of its row. The list comes
 * first so that a cursor of another list is refused as such, whatever its ordering.
 */
export function encodeCursor(list: string, keys: SortKey<never>[], values: CursorValue[]): string {
  return Buffer.from(JSON.stringify([list, orderSignature(keys as SortKey<unknown>[]), ...values]), "utf8").toString("base64url");
}

export function decodeCursor(list: string, keys: SortKey<never>[], cursor: string): CursorValue[] {
  const malformed = () => new CursorError(`Malformed cursor "${cursor}": not a cursor this API issued.`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw malformed();
  }
  if (!Array.isArray(parsed) || typeof parsed[0] !== "string") throw malformed();
  // Cursors issued before they named their list began with the ordering ("START_DATE:d,id:d").
  if (parsed[0].includes(":"))
    throw new CursorError(`Cursor "${cursor}" was issued by an earlier version of this API; start again without it.`);
  const [table, version] = parsed[0].split("@");
  if (table === list.split("@")[0] && parsed[0] !== list)
    throw new CursorError(
      version
        ? `Cursor "${cursor}" was issued as of data version ${version.slice(0, 12)}: give \`asOfVersion: ${version.slice(0, 12)}\` to page on.`
        : `Cursor "${cursor}" was issued for the current data, not as of a version; start again without it.`,
    );
  if (parsed[0] !== list)
    throw new CursorError(
      `Cursor "${cursor}" is a cursor of another list (${parsed[0].slice(0, 40)}), not of ${list}; start again without it.`,
    );
  if (typeof parsed[1] !== "string") throw malformed();
  if (parsed[1] !== orderSignature(keys)) {
    throw new CursorError(`Cursor "${cursor}" was issued for another ordering (orderBy) of this list; start again without it.`);
  }
  if (parsed.length !== keys.length + 2) throw malformed();
  const values = parsed.slice(2) as CursorValue[];
  // Every value as the list's own rows would give it: a cursor edited by hand is refused, never used.
  if (!values.every((v, i) => fitsKind(v, kindOf(keys[i])))) throw malformed();
  return values;
}

function flip(direction: SortDirection): SortDirection {
  return direction === "ASC" ? "DESC" : "ASC";
}

/**
 * Rows strictly after `values` in the order `keys` (expanded form: works with mixed directions).
 * `bounded` adds the first key's range (`a <= v` before `a < v or (a = v and …)`), which the rows
 * meet anyway: SQLite ranges an index only over AND-ed terms, and an as-of list read through its
 * version index (db/rowVersions.ts) would otherwise walk it from the top on every page.
 */
function afterCondition(keys: SortKey<never>[], values: CursorValue[], bounded = false): SQL {
  const branches = keys.map((key, i) => {
    const equalPrefix = keys.slice(0, i).map((k, j) => sql`${k.sql} = ${values[j]}`);
    const beyond = key.direction === "ASC" ? sql`${key.sql} > ${values[i]}` : sql`${key.sql} < ${values[i]}`;
    return and(...equalPrefix, beyond) as SQL;
  });
  if (!bounded || keys.length < 2) return or(...branches) as SQL;
  const [first] = keys;
  const range = first.direction === "ASC" ? sql`${first.sql} >= ${values[0]}` : sql`${first.sql} <= ${values[0]}`;
  return and(range, or(...branches)) as SQL;
}

function orderByClause(keys: SortKey<never>[]): SQL {
  return sql.join(
    keys.map((k) => (k.direction === "ASC" ? sql`${k.sql} asc` : sql`${k.sql} desc`)),
    sql`, `,
  );
}

interface Plan<Row> {
  list: string;
  keys: SortKey<Row>[];
  /** Keys in the direction rows are fetched (reversed for `last`). */
  fetchKeys: SortKey<Row>[];
  limit: number;
  backwards: boolean;
  where: SQL | undefined;
}

/**
 * The list a cursor belongs to: its table, and the data version it was read as of ("trips@120"),
 * so that paging an as-of list stays on the same data.
 */
function listName(db: Db, spec: ListSpec<never>): string {
  const seq = asOfSeqOf(db);
  return seq === null ? getTableName(spec.table) : `${getTableName(spec.table)}@${seq}`;
}

function plan<Row extends RowWithId>(db: Db, spec: ListSpec<Row>, args: PageArgs): Plan<Row> {
  const keys = withTieBreaker(spec);
  const list = listName(db, spec as unknown as ListSpec<never>);
  const backwards = args.last !== undefined;
  const limit = (backwards ? args.last : args.first) ?? 20;
  const fetchKeys = backwards ? keys.map((k) => ({ ...k, direction: flip(k.direction) })) : keys;
  const conditions: (SQL | undefined)[] = [spec.where];
  // `after` and `before` may both be given: the page is then the window between them.
  // Only as of a moment: the live tables' plans are the ones measured (README, Performance).
  const bounded = asOfSeqOf(db) !== null;
  if (args.after !== undefined) conditions.push(afterCondition(keys, decodeCursor(list, keys, args.after), bounded));
  if (args.before !== undefined) {
    const reversed = keys.map((k) => ({ ...k, direction: flip(k.direction) }));
    conditions.push(afterCondition(reversed, decodeCursor(list, keys, args.before)));
  }
  return { list, keys, fetchKeys, limit, backwards, where: and(...conditions) };
}

function toPage<Row>(p: Plan<Row>, fetched: Row[], args: PageArgs): Page<Row> {
  const more = fetched.length > p.limit;
  const rows = fetched.slice(0, p.limit);
  if (p.backwards) rows.reverse();
  const cursors = rows.map((row) =>
    encodeCursor(
      p.list,
      p.keys as SortKey<never>[],
      p.keys.map((k) => k.value(row)),
    ),
  );
  return {
    rows,
    cursors,
    // Relay allows reporting the far side as false when it cannot be known cheaply; it is known
    // here when the client came with a cursor from that side.
    hasNextPage: p.backwards ? args.before !== undefined : more,
    hasPreviousPage: p.backwards ? more : args.after !== undefined,
  };
}

/** One page of a root list. */
export async function paginate<Row extends RowWithId>(db: Db, spec: ListSpec<Row>, args: PageArgs): Promise<Page<Row>> {
  const p = plan(db, spec, args);
  // drizzle types rows from the columns of the table, which a list of any table cannot name; the
  // table's `$inferSelect` is `Row` (ListSpec), so these are Rows.
  const fetched = (await db
    .select()
    .from(spec.table)
    .where(p.where)
    .orderBy(orderByClause(p.fetchKeys))
    .limit(p.limit + 1)) as Row[];
  return toPage(p, fetched, args);
}

export async function countRows(db: Db, table: DbTable, where?: SQL): Promise<number> {
  const [row] = await db.select({ n: count() }).from(table).where(where);
  return row?.n ?? 0;
}

/** How children reach their parent: a column of the child table, or a link table joined in. */
export type ParentLink = { column: DbColumn } | { through: DbTable; on: SQL; column: DbColumn };

/** One page of children for each of many parents, in a single statement. */
export async function paginateWithin<Row extends RowWithId>(
  db: Db,
  spec: ListSpec<Row>,
  link: ParentLink,
  parentIds: readonly number[],
  args: PageArgs,
): Promise<Map<number, Page<Row>>> {
  const p = plan(db, spec, args);
  const parentFilter = inArray(link.column, [...parentIds]);
  const fields = {
    ...getTableColumns(spec.table),
    parentKey: sql<number>`${link.column}`.as("__parent"),
    rowNumber:
      sql<number>`row_number() over (partition by ${link.column} order by ${orderByClause(p.fetchKeys as SortKey<never>[])})`.as(
        "__rn",
      ),
  };
  const base = db.select(fields).from(spec.table);
  const joined = "through" in link ? base.innerJoin(link.through, link.on) : base;
  const inner = joined.where(and(parentFilter, p.where)).as("page");
  // drizzle's type of these rows names only the parent's key and row number: the columns of a table
  // of any list have no names in it. As in `paginate`, they are a `Row`. (Asserted on the query's
  // own type, the relation to `Row` took tsc four minutes and 3 GB.)
  const selected: Record<string, unknown>[] = await db
    .select()
    .from(inner)
    .where(sql`"__rn" <= ${p.limit + 1}`)
    .orderBy(sql`"__parent"`, sql`"__rn"`);
  const fetched = selected as (Row & { parentKey: number })[];
  const byParent = new Map<number, (Row & { parentKey: number })[]>();
  for (const row of fetched) {
    const list = byParent.get(row.parentKey) ?? [];
    list.push(row);
    byParent.set(row.parentKey, list);
  }
  return new Map(parentIds.map((id) => [id, toPage(p, byParent.get(id) ?? [], args)]));
}

/** Row counts per parent, in a single statement. */
export async function countWithin(
  db: Db,
  table: DbTable,
  link: ParentLink,
  parentIds: readonly number[],
  where?: SQL,
): Promise<Map<number, number>> {
  const base = db.select({ parentKey: sql<number>`${link.column}`, n: count() }).from(table);
  const joined = "through" in link ? base.innerJoin(link.through, link.on) : base;
  const rows = await joined.where(and(inArray(link.column, [...parentIds]), where)).groupBy(link.column);
  const counts = new Map(rows.map((r) => [r.parentKey, r.n]));
  return new Map(parentIds.map((id) => [id, counts.get(id) ?? 0]));
}
