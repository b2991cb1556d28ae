/**
 * A record's history: its changes from the feed, each with the record as that change left it (read
 * from the row versions, db/rowVersions.ts). Loaded in batches, one statement per kind of record,
 * whatever the number of records or versions asked for.
 */
import { and, asc, eq, getTableColumns, getTableName, inArray, lte, or, type Column } from "drizzle-orm";
import { asOfSeqOf, type Db, type DbTable } from "../../db/connection.js";
import type { ChangeType } from "../../db/enums.js";
import * as t from "../../db/schema.js";
import { changes, rowVersions } from "../../db/schema.js";
import { groupBy } from "../lib/collections.js";
import { SEED_ACTOR, type ChangeRow } from "./changeFeed.js";

/** The table a kind of record is stored in (its own row; relations are rows of other tables). */
export function recordTable(type: ChangeType): DbTable {
  const tables: Record<ChangeType, DbTable> = {
    ORGANISATION: t.organisations,
    MEMBERSHIP: t.memberships,
    TRIP: t.trips,
    EVENT: t.events,
    PARTNERSHIP: t.partnerships,
    CITY: t.cities,
    ATTENDANCE: t.attendances,
  };
  return tables[type];
}

/** Columns that change with every write and say nothing of their own. */
const BOOKKEEPING = new Set(["id", "publicId", "createdAt", "updatedAt", "version"]);

export interface RowVersion {
  validFrom: number;
  validTo: number | null;
  row: Record<string, unknown>;
}

/** A stored version's JSON as the table's row: column names to property names, values as drizzle maps them. */
function rowOf(table: DbTable, json: string): Record<string, unknown> {
  const data = JSON.parse(json) as Record<string, unknown>;
  const row: Record<string, unknown> = {};
  for (const [property, column] of Object.entries(getTableColumns(table)) as [string, Column][]) {
    const value = data[column.name];
    row[property] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row;
}

/**
 * The changes of each record, oldest first: one statement per kind of record. Read as of a
 * moment, only the changes made by then: a history asked for as of N answers the same later. The
 * seed's load is one moment (its rows are valid from its first change, db/rowVersions.ts), so its
 * version 1 of a record counts from then, whichever number the record's change took within it.
 */
export async function changesOfRecords(
  db: Db,
  type: ChangeType,
  recordIds: readonly number[],
): Promise<Map<number, ChangeRow[]>> {
  const asOf = asOfSeqOf(db);
  const rows = await db
    .select()
    .from(changes)
    .where(
      and(
        eq(changes.recordType, type),
        inArray(changes.recordId, [...recordIds]),
        asOf === null ? undefined : or(lte(changes.seq, asOf), and(eq(changes.actor, SEED_ACTOR), eq(changes.version, 1))),
      ),
    )
    .orderBy(asc(changes.seq));
  return groupBy(
    rows,
    (r) => r.recordId,
    (r) => r,
  );
}

/** Every stored version of each record's own row, oldest first: one statement per kind of record. */
export async function versionsOfRecords(
  db: Db,
  type: ChangeType,
  recordIds: readonly number[],
): Promise<Map<number, RowVersion[]>> {
  const table = recordTable(type);
  const name = getTableName(table);
  const rows = await db
    .select()
    .from(rowVersions)
    .where(and(eq(rowVersions.tableName, name), inArray(rowVersions.rowId, [...recordIds])))
    .orderBy(asc(rowVersions.validFrom), asc(rowVersions.id));
  return groupBy(
    rows,
    (r) => r.rowId,
    (r) => ({ validFrom: r.validFrom, validTo: r.validTo, row: rowOf(table, r.data) }),
  );
}

/**
 * The record as `change` left it: the version valid at its sequence number; for a delete, the last
 * version before it (the record as it was when deleted).
 */
export function rowAtChange(
  versions: readonly RowVersion[],
  change: Pick<ChangeRow, "seq" | "op">,
): Record<string, unknown> | null {
  if (change.op === "DELETE") {
    const closed = versions.filter((v) => v.validTo !== null && v.validTo <= change.seq && v.validTo > v.validFrom);
    return closed.at(-1)?.row ?? null;
  }
  const valid = versions.filter((v) => v.validFrom <= change.seq && (v.validTo === null || v.validTo > change.seq));
  return valid.at(-1)?.row ?? null;
}

/** The stored fields whose values differ between two states of a record (all it has, for the first). */
export function changedFields(previous: Record<string, unknown> | null, current: Record<string, unknown> | null): string[] {
  if (!current) return [];
  return Object.keys(current).filter(
    (field) =>
      !BOOKKEEPING.has(field) &&
      (previous ? JSON.stringify(previous[field]) !== JSON.stringify(current[field]) : current[field] !== null),
  );
}
