/**
 * The parts of a record that live in tables of their own (a trip's legs, delegates, events and
 * organisations; a city's coverage; every record's citations and external ids): how the import
 * ties them to their record, finds the stored ones, and compares them with the package's, which
 * states some of them more coarsely than they are stored.
 */
import { and, eq, getTableName, inArray, type SQL } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { RecordType } from "../../db/enums.js";
import * as t from "../../db/schema.js";
import { graphqlFieldNames, type CitedRecordType } from "../lib/recordFields.js";

export type Values = Record<string, unknown>;

/** A table of rows that hang off a record, replaced with it. */
export interface ChildTable {
  table: SQLiteTable;
  /** The columns that tie a child row to its record. */
  parent: (id: number) => Values;
  /** The children of the records with these ids. */
  of: (ids: number[]) => SQL;
  /** The column holding the record's id. */
  parentColumn: string;
  /** The row as the package states it, for comparing stored rows with the package's. */
  normalise?: (row: Values) => Values;
}

function tripPart(
  table: typeof t.tripLegs | typeof t.tripDelegates | typeof t.tripEvents | typeof t.tripOrganisations,
): ChildTable {
  return { table, parent: (id) => ({ tripId: id }), of: (ids) => inArray(table.tripId, ids), parentColumn: "tripId" };
}

const CITED_TYPE: Partial<Record<RecordType, CitedRecordType>> = {
  CITY: "City",
  ORGANISATION: "Organisation",
  MEMBERSHIP: "Membership",
  EVENT: "Event",
  TRIP: "Trip",
  ATTENDANCE: "Attendance",
  PARTNERSHIP: "Partnership",
  REPORTED_FIGURE: "ReportedFigure",
};

/**
 * A citation as the package can state it: its fields as the set of GraphQL fields they show (a
 * source may back `nameEn` and not `nameFa`; the package says `name`), and the illustrative
 * source's without its locator (the report facts that shaped the record, which the package does
 * not carry: it lists the unsourced fields).
 */
function citationAsPackaged(recordType: RecordType, illustrativeSourceId: () => number | null) {
  const type = CITED_TYPE[recordType] as CitedRecordType;
  return (row: Values): Values => {
    const fields =
      row.fields === null || row.fields === undefined ? null : graphqlFieldNames(type, row.fields as string[]).sort();
    const { locator, ...rest } = row;
    return rest.sourceId === illustrativeSourceId() ? { ...rest, fields } : { ...rest, locator, fields };
  };
}

/** One import's part tables: one object per table (and record type), so stored parts group by them. */
export class RecordParts {
  readonly legs = tripPart(t.tripLegs);
  readonly delegates = tripPart(t.tripDelegates);
  readonly tripEvents = tripPart(t.tripEvents);
  readonly tripOrganisations = tripPart(t.tripOrganisations);
  readonly coverage: ChildTable = {
    table: t.coverage,
    parent: (id) => ({ cityId: id }),
    of: (ids) => inArray(t.coverage.cityId, ids),
    parentColumn: "cityId",
  };
  private readonly byRecordType = new Map<string, ChildTable>();

  constructor(private readonly illustrativeSourceId: () => number | null) {}

  citations(recordType: RecordType): ChildTable {
    return this.ofRecord(t.recordSources, recordType);
  }

  externalIds(recordType: RecordType): ChildTable {
    return this.ofRecord(t.externalIds, recordType);
  }

  private ofRecord(table: typeof t.recordSources | typeof t.externalIds, recordType: RecordType): ChildTable {
    const key = `${getTableName(table)}\n${recordType}`;
    let found = this.byRecordType.get(key);
    if (!found)
      this.byRecordType.set(
        key,
        (found = {
          table,
          parent: (id) => ({ recordType, recordId: id }),
          of: (ids) => and(eq(table.recordType, recordType), inArray(table.recordId, ids)) as SQL,
          parentColumn: "recordId",
          ...(table === t.recordSources ? { normalise: citationAsPackaged(recordType, this.illustrativeSourceId) } : {}),
        }),
      );
    return found;
  }
}

/** Equal as stored values: JSON columns, booleans and numbers compare by their JSON. */
export function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** Child rows as comparable text: their columns but the row's own id (as `normalise` leaves them), in any order. */
export function comparable(rows: Values[], normalise: ((row: Values) => Values) | undefined): string[] {
  return rows
    .map((row) => {
      const { id: _id, ...rest } = normalise ? normalise(row) : row;
      return JSON.stringify(
        Object.keys(rest)
          .sort()
          .map((k) => [k, rest[k] ?? null]),
      );
    })
    .sort();
}
