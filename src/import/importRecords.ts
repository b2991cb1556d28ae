/**
 * Writes a data package's rows into the database: each record upserted by its public id (new
 * records keep the package's version and timestamps; a record whose fields, children or citations
 * differ from what is stored becomes its next version; an identical one is left alone), each
 * changed record entering the change feed as the import's change, all in the caller's transaction.
 *
 * The package states references by global ID (a city, a source) or slug (an organisation a trip
 * names); each is resolved against the records already in the database and those the import
 * writes, and one that names neither is a problem of its row. Citations come back as the export
 * wrote them: one per source and fact, with the fields it backs; the fields the package lists as
 * unsourced are cited to the dataset's illustrative source, as the seed cites them.
 */
import { and, eq, getTableName, inArray, type SQL } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "../../db/connection.js";
import { refreshPlannerStatistics } from "../../db/dialect/queries.js";
import type { ChangeType, Provenance, RecordType } from "../../db/enums.js";
import * as t from "../../db/schema.js";
import { loadIsoCountries } from "../../seeds/loadSeed.js";
import { ChangeSequence } from "../data/changeFeed.js";
import { indexForSearch, type SearchDocument } from "../data/search.js";
import { jalaliColumns } from "../data/writes/upsert.js";
import { fromGlobalId, type NodeTypeName } from "../graphql/globalId.js";
import { graphqlFieldNames, storedFieldNames, type CitedRecordType } from "../lib/recordFields.js";
import type { ImportProblem, ImportRow, ProblemList } from "./packageRows.js";

/** The actor the import's changes are written as. */
export const IMPORT_ACTOR = "import";

type Values = Record<string, unknown>;
type AnyTable = SQLiteTable & { id: SQLiteColumn; publicId: SQLiteColumn };

export interface TableCounts {
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** For a table of parts of records (a trip's destinations): the records' table, whose counts say what was written. */
  partOf?: string;
}

const PARTS: Record<string, string> = {
  trip_destinations: "trips",
  delegates: "trips",
  coverage: "cities",
  citations: "the records they cite",
};

/** The package's rows by table name, checked (packageRows.ts). */
export type PackageRows = Record<string, ImportRow[]>;

/** A table of rows that hang off a record (a trip's legs, a record's citations), replaced with it. */
interface ChildTable {
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

const CHILD_TABLES = {
  legs: {
    table: t.tripLegs,
    parent: (id) => ({ tripId: id }),
    of: (ids) => inArray(t.tripLegs.tripId, ids),
    parentColumn: "tripId",
  },
  delegates: {
    table: t.tripDelegates,
    parent: (id) => ({ tripId: id }),
    of: (ids) => inArray(t.tripDelegates.tripId, ids),
    parentColumn: "tripId",
  },
  tripEvents: {
    table: t.tripEvents,
    parent: (id) => ({ tripId: id }),
    of: (ids) => inArray(t.tripEvents.tripId, ids),
    parentColumn: "tripId",
  },
  tripOrganisations: {
    table: t.tripOrganisations,
    parent: (id) => ({ tripId: id }),
    of: (ids) => inArray(t.tripOrganisations.tripId, ids),
    parentColumn: "tripId",
  },
  coverage: {
    table: t.coverage,
    parent: (id) => ({ cityId: id }),
    of: (ids) => inArray(t.coverage.cityId, ids),
    parentColumn: "cityId",
  },
} satisfies Record<string, ChildTable>;

// One per table and record type: the upsert groups stored children by these objects.
const recordChildren = new Map<string, ChildTable>();
function recordChild(table: typeof t.recordSources | typeof t.externalIds, recordType: RecordType): ChildTable {
  const key = `${getTableName(table)}\n${recordType}`;
  let found = recordChildren.get(key);
  if (!found) recordChildren.set(key, (found = recordChildOf(table, recordType)));
  return found;
}

function recordChildOf(table: typeof t.recordSources | typeof t.externalIds, recordType: RecordType): ChildTable {
  return {
    table,
    parent: (id) => ({ recordType, recordId: id }),
    of: (ids) => and(eq(table.recordType, recordType), inArray(table.recordId, ids)) as SQL,
    parentColumn: "recordId",
    ...(table === t.recordSources ? { normalise: citationAsPackaged(recordType, () => illustrativeSource.id) } : {}),
  };
}

/** The dataset's illustrative source in the database being imported into (set once the sources are). */
const illustrativeSource: { id: number | null } = { id: null };

/** One record's row as the import writes it. */
interface Planned {
  publicId: string;
  line: number;
  values: Values;
  /** Bookkeeping a new record takes from the package. */
  version: number;
  createdAt: string | null;
  updatedAt: string | null;
  children: Map<ChildTable, Values[]>;
  search?: (id: number) => SearchDocument;
}

interface RecordTableSpec {
  name: string;
  table: AnyTable;
  recordType: RecordType;
  changeType?: ChangeType;
}

/** A cell, typed as the dictionary reads it. */
const str = (row: ImportRow, name: string) => row[name] as string | null;
const list = (row: ImportRow, name: string) => (row[name] as string[] | null) ?? [];

/** Equal as stored values: JSON columns, booleans and numbers compare by their JSON. */
function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** Child rows as comparable text: their columns but the row's own id (as `normalise` leaves them), in any order. */
function comparable(rows: Values[], normalise: ((row: Values) => Values) | undefined): string[] {
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

export class PackageImport {
  readonly counts: Record<string, TableCounts> = {};
  changes = 0;
  private readonly sequence: ChangeSequence;
  private readonly at = new Date().toISOString();
  /** Public id → id, per node type; slug → id for cities and organisations. */
  private readonly ids = new Map<NodeTypeName, Map<string, number>>();
  private readonly slugs = { city: new Map<string, number>(), organisation: new Map<string, number>() };
  private countryIds = new Map<string, number>();
  private illustrativeSourceId: number | null = null;
  private readonly search: SearchDocument[] = [];
  private readonly childrenByParent = new Map<string, Map<string, ImportRow[]>>();

  constructor(
    private readonly tx: Db,
    private readonly rows: PackageRows,
    private readonly problems: ProblemList,
    private readonly onProgress: (table: string, done: number, total: number) => void = () => {},
  ) {
    this.sequence = new ChangeSequence(tx);
  }

  private problem(table: string, row: ImportRow | null, field: string | undefined, message: string): void {
    const problem: ImportProblem = { file: `data/${table}.csv`, message };
    if (row) problem.line = row.__line;
    if (field) problem.field = field;
    this.problems.add(problem);
  }

  /** The public id in a global ID of `type`; a problem when it is not one. */
  private publicIdOf(table: string, row: ImportRow, field: string, type: NodeTypeName): string | null {
    const text = str(row, field);
    if (text === null) return null;
    const decoded = fromGlobalId(text);
    if (decoded?.type === type) return decoded.publicId;
    this.problem(table, row, field, `expected the global ID of a ${type}, found "${text}"`);
    return null;
  }

  /** The id of the `type` record a global ID names, in the database or the package; a problem when none. */
  private ref(table: string, row: ImportRow, field: string, type: NodeTypeName): number | null {
    const publicId = this.publicIdOf(table, row, field, type);
    if (publicId === null) return null;
    const id = this.ids.get(type)?.get(publicId);
    if (id === undefined)
      this.problem(table, row, field, `no ${type} with the ID "${str(row, field)}" in the package or the database`);
    return id ?? null;
  }

  private bySlug(
    table: string,
    row: ImportRow,
    field: string,
    kind: "city" | "organisation",
    slug: string | null,
  ): number | null {
    if (slug === null) return null;
    const id = this.slugs[kind].get(slug);
    if (id === undefined) this.problem(table, row, field, `no ${kind} with the slug "${slug}" in the package or the database`);
    return id ?? null;
  }

  private async loadKeys(type: NodeTypeName, table: AnyTable): Promise<void> {
    const map = new Map<string, number>();
    for (const r of (await this.tx.select({ id: table.id, publicId: table.publicId }).from(table)) as {
      id: number;
      publicId: string;
    }[])
      map.set(r.publicId, r.id);
    this.ids.set(type, map);
  }

  /** The child rows of another table that belong to each record (trip_destinations by trip_id). */
  private childRows(table: string, key: string): Map<string, ImportRow[]> {
    const cacheKey = `${table}\n${key}`;
    let found = this.childrenByParent.get(cacheKey);
    if (!found) {
      found = new Map();
      for (const row of this.rows[table] ?? []) {
        const parent = str(row, key) as string;
        const group = found.get(parent);
        if (group) group.push(row);
        else found.set(parent, [row]);
      }
      for (const group of found.values()) group.sort((a, b) => (a.position as number) - (b.position as number));
      this.childrenByParent.set(cacheKey, found);
    }
    return found;
  }

  /** The record's citations: the package's, then the illustrative source for the fields it lists as unsourced. */
  private citations(table: string, row: ImportRow, type: CitedRecordType): Values[] {
    const out: Values[] = [];
    for (const c of this.childRows("citations", "record_id").get(str(row, "id") as string) ?? []) {
      const sourceId = this.ref("citations", c, "source_id", "Source");
      if (sourceId === null) continue;
      const statedOtherwise: Record<string, string> = {};
      for (const pair of list(c, "stated_otherwise")) {
        const eq = pair.indexOf("=");
        for (const field of storedFieldNames(type, [pair.slice(0, eq)])) statedOtherwise[field] = pair.slice(eq + 1);
      }
      out.push({
        sourceId,
        locator: str(c, "fact") ?? "",
        fields: storedFieldNames(type, list(c, "fields")),
        statedOtherwise: Object.keys(statedOtherwise).length ? statedOtherwise : null,
      });
    }
    const unsourced = list(row, "unsourced_fields");
    if (unsourced.length > 0) {
      if (this.illustrativeSourceId === null)
        this.problem(
          table,
          row,
          "unsourced_fields",
          "unsourced fields need the dataset's ILLUSTRATIVE source, which neither the package nor the database has",
        );
      else
        out.push({
          sourceId: this.illustrativeSourceId,
          locator: "",
          fields: storedFieldNames(type, unsourced),
          statedOtherwise: null,
        });
    }
    return out;
  }

  private externalIds(table: string, row: ImportRow, namespace: number): Values[] {
    return list(row, "external_ids").flatMap((text) => {
      const colon = text.indexOf(":");
      if (colon < 1) {
        this.problem(table, row, "external_ids", `expected <scheme>:<value>, found "${text}"`);
        return [];
      }
      return [{ scheme: text.slice(0, colon), value: text.slice(colon + 1), namespace }];
    });
  }

  /** Bookkeeping every exported record carries. */
  private record(row: ImportRow): Pick<Planned, "line" | "version" | "createdAt" | "updatedAt"> & { provenance: Provenance } {
    return {
      line: row.__line,
      version: (row.version as number | null) ?? 1,
      createdAt: str(row, "created_at"),
      updatedAt: str(row, "updated_at"),
      provenance: str(row, "provenance") as Provenance,
    };
  }

  async run(): Promise<void> {
    await this.sequence.open();
    for (const [type, table] of [
      ["Source", t.sources],
      ["City", t.cities],
      ["Organisation", t.organisations],
      ["Event", t.events],
      ["Trip", t.trips],
      ["Membership", t.memberships],
      ["Attendance", t.attendances],
      ["Partnership", t.partnerships],
    ] as const)
      await this.loadKeys(type, table);
    for (const r of await this.tx.select({ id: t.cities.id, slug: t.cities.slug }).from(t.cities))
      this.slugs.city.set(r.slug, r.id);
    for (const r of await this.tx.select({ id: t.organisations.id, slug: t.organisations.slug }).from(t.organisations))
      this.slugs.organisation.set(r.slug, r.id);

    await this.upsertSources();
    // The reference list the cities point into (and its source, which the package's sources hold):
    // present in any seeded database, loaded into an empty one.
    this.countryIds = (await loadIsoCountries(this.tx)).countryIds;
    await this.upsertCities();
    await this.upsertOrganisations();
    await this.upsertEvents();
    await this.upsertTrips();
    await this.upsertMemberships();
    await this.upsertAttendances();
    await this.upsertPartnerships();
    await this.upsertReportedFigures();
    // Rows of these tables are parts of records, written (or left) with them.
    for (const [name, partOf] of Object.entries(PARTS)) {
      const n = this.rows[name]?.length ?? 0;
      this.counts[name] = { rows: n, inserted: 0, updated: 0, unchanged: 0, partOf };
      this.onProgress(name, n, n);
    }

    await indexForSearch(this.tx, this.search);
    await this.sequence.close();
    const written = [t.sources, t.cities, t.organisations, t.events, t.trips, t.tripLegs, t.tripDelegates, t.tripEvents];
    const more = [
      t.tripOrganisations,
      t.memberships,
      t.attendances,
      t.partnerships,
      t.reportedFigures,
      t.coverage,
      t.recordSources,
    ];
    await refreshPlannerStatistics(this.tx, [
      ...[...written, ...more, t.externalIds, t.changes].map((x) => getTableName(x)),
      "search_index",
    ]);
  }

  private async upsertSources(): Promise<void> {
    const planned: Planned[] = [];
    for (const row of this.rows.sources ?? []) {
      const publicId = this.publicIdOf("sources", row, "id", "Source");
      if (publicId === null) continue;
      planned.push({
        publicId,
        line: row.__line,
        version: 1,
        createdAt: null,
        updatedAt: null,
        values: {
          kind: row.kind,
          title: row.title,
          publisher: row.publisher,
          url: row.url,
          publishedOn: row.published_on,
          locator: row.locator,
          provenance: row.provenance,
        },
        children: new Map(),
      });
    }
    await this.upsert({ name: "sources", table: t.sources, recordType: "SOURCE" }, "Source", planned);
    const illustrative = await this.tx
      .select({ id: t.sources.id })
      .from(t.sources)
      .where(eq(t.sources.provenance, "ILLUSTRATIVE"));
    this.illustrativeSourceId = illustrative.length === 1 ? illustrative[0].id : null;
    illustrativeSource.id = this.illustrativeSourceId;
  }

  private async upsertCities(): Promise<void> {
    const table = "cities";
    const coverage = this.childRows("coverage", "city_id");
    const planned: Planned[] = [];
    for (const row of this.rows.cities ?? []) {
      const publicId = this.publicIdOf(table, row, "id", "City");
      if (publicId === null) continue;
      const { provenance, ...bookkeeping } = this.record(row);
      const countryId = this.countryIds.get(str(row, "country") as string);
      if (countryId === undefined) this.problem(table, row, "country", `no country with the ISO code "${str(row, "country")}"`);
      const stretches = (coverage.get(str(row, "id") as string) ?? []).flatMap((c) => {
        const sourceId = this.ref("coverage", c, "source_id", "Source");
        return sourceId === null
          ? []
          : [{ periodFrom: c.from_date, periodTo: c.to_date, status: c.status, sourceId, locator: c.locator, note: c.note }];
      });
      const values = {
        slug: row.slug,
        nameFa: row.name_fa,
        nameEn: row.name_en,
        countryId: countryId ?? null,
        latitude: row.latitude,
        longitude: row.longitude,
        population: row.population,
        provenance,
      };
      planned.push({
        publicId,
        ...bookkeeping,
        values,
        children: new Map<ChildTable, Values[]>([
          [CHILD_TABLES.coverage, stretches],
          [recordChild(t.recordSources, "CITY"), this.citations(table, row, "City")],
          [recordChild(t.externalIds, "CITY"), this.externalIds(table, row, 0)],
        ]),
        search: (id) => ({ type: "CITY", id, keys: [str(row, "slug")], names: [str(row, "name_fa"), str(row, "name_en")] }),
      });
    }
    const ids = await this.upsert({ name: table, table: t.cities, recordType: "CITY", changeType: "CITY" }, "City", planned);
    for (const [i, p] of planned.entries()) if (ids[i] !== undefined) this.slugs.city.set(p.values.slug as string, ids[i]);
  }

  private async upsertOrganisations(): Promise<void> {
    const table = "organisations";
    const planned: Planned[] = [];
    for (const row of this.rows.organisations ?? []) {
      const publicId = this.publicIdOf(table, row, "id", "Organisation");
      if (publicId === null) continue;
      const { provenance, ...bookkeeping } = this.record(row);
      planned.push({
        publicId,
        ...bookkeeping,
        values: {
          slug: row.slug,
          acronym: row.acronym,
          nameFa: row.name_fa,
          nameEn: row.name_en,
          kind: row.kind,
          focus: list(row, "focus"),
          website: row.website,
          headquartersCityId: str(row, "headquarters_id") === null ? null : this.ref(table, row, "headquarters_id", "City"),
          monitored: row.monitored,
          provenance,
        },
        children: new Map<ChildTable, Values[]>([
          [recordChild(t.recordSources, "ORGANISATION"), this.citations(table, row, "Organisation")],
          [recordChild(t.externalIds, "ORGANISATION"), this.externalIds(table, row, 0)],
        ]),
        search: (id) => ({
          type: "ORGANISATION",
          id,
          keys: [str(row, "slug"), str(row, "acronym")],
          names: [str(row, "name_fa"), str(row, "name_en")],
          body: list(row, "focus"),
        }),
      });
    }
    const ids = await this.upsert(
      { name: table, table: t.organisations, recordType: "ORGANISATION", changeType: "ORGANISATION" },
      "Organisation",
      planned,
    );
    for (const [i, p] of planned.entries())
      if (ids[i] !== undefined) this.slugs.organisation.set(p.values.slug as string, ids[i]);
  }

  private optionalRef(table: string, row: ImportRow, field: string, type: NodeTypeName): number | null {
    return str(row, field) === null ? null : this.ref(table, row, field, type);
  }

  private async upsertEvents(): Promise<void> {
    const table = "events";
    const planned: Planned[] = [];
    for (const row of this.rows.events ?? []) {
      const publicId = this.publicIdOf(table, row, "id", "Event");
      if (publicId === null) continue;
      const { provenance, ...bookkeeping } = this.record(row);
      planned.push({
        publicId,
        ...bookkeeping,
        values: {
          nameFa: row.name_fa,
          nameEn: row.name_en,
          kind: row.kind,
          format: row.format,
          status: row.status,
          organiserId: this.optionalRef(table, row, "organiser_id", "Organisation"),
          hostCityId: this.optionalRef(table, row, "host_id", "City"),
          startDate: row.start_date,
          ...jalaliColumns("start", str(row, "start_date")),
          endDate: row.end_date,
          provenance,
        },
        children: new Map<ChildTable, Values[]>([
          [recordChild(t.recordSources, "EVENT"), this.citations(table, row, "Event")],
          [recordChild(t.externalIds, "EVENT"), this.externalIds(table, row, 0)],
        ]),
        search: (id) => ({ type: "EVENT", id, keys: [], names: [str(row, "name_fa"), str(row, "name_en")] }),
      });
    }
    await this.upsert({ name: table, table: t.events, recordType: "EVENT", changeType: "EVENT" }, "Event", planned);
  }

  private async upsertTrips(): Promise<void> {
    const table = "trips";
    const destinations = this.childRows("trip_destinations", "trip_id");
    const delegates = this.childRows("delegates", "trip_id");
    const planned: Planned[] = [];
    // Listed newest first (the trips connection's order, ties by id descending): written oldest
    // first, so that trips of one day keep their order in the new database too.
    for (const row of [...(this.rows.trips ?? [])].reverse()) {
      const publicId = this.publicIdOf(table, row, "id", "Trip");
      if (publicId === null) continue;
      const id = str(row, "id") as string;
      const { provenance, ...bookkeeping } = this.record(row);
      const legs = (destinations.get(id) ?? []).map((d, position) => ({
        position,
        cityId: this.ref("trip_destinations", d, "city_id", "City"),
      }));
      const people = (delegates.get(id) ?? []).map((d, position) => ({
        position,
        nameFa: d.name_fa,
        nameEn: d.name_en,
        title: d.post_fa ?? d.post_en ?? "",
        titleEn: d.post_en,
        unit: d.unit_fa,
        unitEn: d.unit_en,
        role: d.role,
      }));
      if (people.length !== row.delegation_size)
        this.problem(
          table,
          row,
          "delegation_size",
          `the trip has ${people.length} rows in delegates, not ${String(row.delegation_size)}`,
        );
      const slugsOf = (field: string) => list(row, field);
      const requestingUnit = str(row, "requesting_unit_fa") ?? str(row, "requesting_unit_en") ?? "";
      planned.push({
        publicId,
        ...bookkeeping,
        values: {
          code: row.code,
          titleFa: row.title_fa,
          titleEn: row.title_en,
          purpose: row.purpose,
          status: row.status,
          cityId: this.ref(table, row, "city_id", "City"),
          requestingUnit,
          requestingUnitEn: row.requesting_unit_en,
          requestedOn: row.requested_on,
          decisionOutcome: row.decision,
          decidedOn: row.decided_on,
          decisionReason: row.decision_reason_fa,
          decisionReasonEn: row.decision_reason_en,
          startDate: row.start_date,
          ...jalaliColumns("start", str(row, "start_date")),
          endDate: row.end_date,
          delegationSize: people.length,
          headedByMayor: row.headed_by_mayor,
          invitedById: this.bySlug(table, row, "invited_by", "organisation", str(row, "invited_by")),
          funding: row.funding,
          costMinor: row.cost_minor_units,
          costCurrency: row.cost_currency,
          reportSubmittedOn: row.report_submitted_on,
          provenance,
        },
        children: new Map<ChildTable, Values[]>([
          [CHILD_TABLES.legs, legs],
          [CHILD_TABLES.delegates, people],
          [CHILD_TABLES.tripEvents, slugsOf("events").map((_, i) => ({ eventId: this.refIn(table, row, "events", i, "Event") }))],
          [
            CHILD_TABLES.tripOrganisations,
            slugsOf("organisations").map((slug) => ({
              organisationId: this.bySlug(table, row, "organisations", "organisation", slug),
            })),
          ],
          [recordChild(t.recordSources, "TRIP"), this.citations(table, row, "Trip")],
          [recordChild(t.externalIds, "TRIP"), this.externalIds(table, row, 0)],
        ]),
        search: (tripId) => ({
          type: "TRIP",
          id: tripId,
          keys: [str(row, "code")],
          names: [str(row, "title_fa"), str(row, "title_en")],
          body: [requestingUnit, str(row, "requesting_unit_en")],
        }),
      });
    }
    await this.upsert({ name: table, table: t.trips, recordType: "TRIP", changeType: "TRIP" }, "Trip", planned);
  }

  /** The id of the `type` record the i-th item of a list column names. */
  private refIn(table: string, row: ImportRow, field: string, i: number, type: NodeTypeName): number | null {
    const item = list(row, field)[i];
    const decoded = fromGlobalId(item);
    const id = decoded?.type === type ? this.ids.get(type)?.get(decoded.publicId) : undefined;
    if (id === undefined) this.problem(table, row, field, `no ${type} with the ID "${item}" in the package or the database`);
    return id ?? null;
  }

  private async upsertMemberships(): Promise<void> {
    const table = "memberships";
    const planned: Planned[] = [];
    for (const row of this.rows.memberships ?? []) {
      const publicId = this.publicIdOf(table, row, "id", "Membership");
      if (publicId === null) continue;
      const { provenance, ...bookkeeping } = this.record(row);
      const organisationId = this.ref(table, row, "organisation_id", "Organisation");
      planned.push({
        publicId,
        ...bookkeeping,
        values: {
          memberCityId: this.ref(table, row, "member_id", "City"),
          organisationId,
          viaOrganisationId: this.bySlug(table, row, "via", "organisation", str(row, "via")),
          status: row.status,
          category: row.category,
          categoryLabel: row.category_label,
          role: row.role,
          startDate: row.start_date,
          startPrecision: row.start_precision,
          ...jalaliColumns("start", str(row, "start_date")),
          endDate: row.end_date,
          endPrecision: row.end_precision,
          provenance,
        },
        children: new Map<ChildTable, Values[]>([
          [recordChild(t.recordSources, "MEMBERSHIP"), this.citations(table, row, "Membership")],
          // A membership's ids belong to its organisation's registry (db/tables.ts, external_ids).
          [recordChild(t.externalIds, "MEMBERSHIP"), this.externalIds(table, row, organisationId ?? 0)],
        ]),
      });
    }
    await this.upsert(
      { name: table, table: t.memberships, recordType: "MEMBERSHIP", changeType: "MEMBERSHIP" },
      "Membership",
      planned,
    );
  }

  private async upsertAttendances(): Promise<void> {
    const table = "attendances";
    const planned: Planned[] = [];
    for (const row of this.rows.attendances ?? []) {
      const publicId = this.publicIdOf(table, row, "id", "Attendance");
      if (publicId === null) continue;
      const { provenance, ...bookkeeping } = this.record(row);
      planned.push({
        publicId,
        ...bookkeeping,
        values: {
          cityId: this.ref(table, row, "city_id", "City"),
          eventId: this.ref(table, row, "event_id", "Event"),
          mode: row.mode,
          tripId: this.optionalRef(table, row, "trip_id", "Trip"),
          membershipId: this.optionalRef(table, row, "membership_id", "Membership"),
          outcomes: list(row, "outcomes"),
          provenance,
        },
        children: new Map<ChildTable, Values[]>([
          [recordChild(t.recordSources, "ATTENDANCE"), this.citations(table, row, "Attendance")],
          [recordChild(t.externalIds, "ATTENDANCE"), this.externalIds(table, row, 0)],
        ]),
      });
    }
    await this.upsert(
      { name: table, table: t.attendances, recordType: "ATTENDANCE", changeType: "ATTENDANCE" },
      "Attendance",
      planned,
    );
  }

  private async upsertPartnerships(): Promise<void> {
    const table = "partnerships";
    const planned: Planned[] = [];
    for (const row of this.rows.partnerships ?? []) {
      const publicId = this.publicIdOf(table, row, "id", "Partnership");
      if (publicId === null) continue;
      const { provenance, ...bookkeeping } = this.record(row);
      planned.push({
        publicId,
        ...bookkeeping,
        values: {
          cityId: this.ref(table, row, "city_id", "City"),
          partnerCityId: this.ref(table, row, "partner_id", "City"),
          kind: row.kind,
          status: row.status,
          signedOn: row.signed_date,
          signedPrecision: row.signed_precision,
          ...jalaliColumns("signed", str(row, "signed_date")),
          provenance,
        },
        children: new Map<ChildTable, Values[]>([
          [recordChild(t.recordSources, "PARTNERSHIP"), this.citations(table, row, "Partnership")],
          [recordChild(t.externalIds, "PARTNERSHIP"), this.externalIds(table, row, 0)],
        ]),
      });
    }
    await this.upsert(
      { name: table, table: t.partnerships, recordType: "PARTNERSHIP", changeType: "PARTNERSHIP" },
      "Partnership",
      planned,
    );
  }

  private async upsertReportedFigures(): Promise<void> {
    const table = "reported_figures";
    const existing = new Map<string, number>();
    for (const r of await this.tx
      .select({ id: t.reportedFigures.id, publicId: t.reportedFigures.publicId })
      .from(t.reportedFigures))
      existing.set(r.publicId, r.id);
    const planned: Planned[] = [];
    for (const row of this.rows.reported_figures ?? []) {
      const sourceId = this.ref(table, row, "source_id", "Source");
      const values = {
        cityId: this.ref(table, row, "city_id", "City"),
        metric: row.metric,
        periodFrom: row.period_from,
        periodTo: row.period_to,
        value: row.value,
        attendanceMode: row.attendance_mode,
        sourceId,
        locator: row.locator,
        note: row.note,
        provenance: "SOURCED" as const,
      };
      // A figure is its source's statement: it cites that source for what it states.
      const citation = {
        sourceId,
        locator: str(row, "locator") ?? "",
        fields: ["metric", "periodFrom", "periodTo", "value"],
        statedOtherwise: null,
      };
      planned.push({
        publicId: str(row, "id") as string,
        line: row.__line,
        version: 1,
        createdAt: null,
        updatedAt: null,
        values,
        children: new Map<ChildTable, Values[]>([[recordChild(t.recordSources, "REPORTED_FIGURE"), [citation]]]),
      });
    }
    await this.upsert({ name: table, table: t.reportedFigures, recordType: "REPORTED_FIGURE" }, null, planned, existing);
  }

  /**
   * Inserts the planned records that are new, updates those that differ from what is stored (own
   * columns, children, citations), and leaves the rest; returns each planned record's id.
   */
  private async upsert(
    spec: RecordTableSpec,
    type: NodeTypeName | null,
    planned: Planned[],
    known?: Map<string, number>,
  ): Promise<number[]> {
    const counts: TableCounts = { rows: planned.length, inserted: 0, updated: 0, unchanged: 0 };
    this.counts[spec.name] = counts;
    const ids = known ?? (type ? this.ids.get(type) : undefined) ?? new Map<string, number>();
    const result: number[] = [];
    const position = new Map(planned.map((p, i) => [p, i]));
    const CHUNK = 400;
    for (let start = 0; start < planned.length; start += CHUNK) {
      // A problem anywhere means nothing is written: stop writing, keep checking.
      const chunk = planned.slice(start, start + CHUNK);
      const existingIds = chunk.map((p) => ids.get(p.publicId)).filter((id): id is number => id !== undefined);
      const stored = new Map<number, Values>();
      if (existingIds.length)
        for (const r of (await this.tx.select().from(spec.table).where(inArray(spec.table.id, existingIds))) as Values[])
          stored.set(r.id as number, r);
      const storedChildren = new Map<ChildTable, Map<number, Values[]>>();
      if (existingIds.length)
        for (const child of chunk[0]?.children.keys() ?? []) {
          const byParent = new Map<number, Values[]>();
          for (const r of (await this.tx.select().from(child.table).where(child.of(existingIds))) as Values[]) {
            const parent = r[child.parentColumn] as number;
            const group = byParent.get(parent);
            if (group) group.push(r);
            else byParent.set(parent, [r]);
          }
          storedChildren.set(child, byParent);
        }

      const inserts: Planned[] = [];
      const changed: { planned: Planned; id: number; version: number }[] = [];
      for (const p of chunk) {
        const id = ids.get(p.publicId);
        const row = id === undefined ? undefined : stored.get(id);
        if (id === undefined || !row) {
          inserts.push(p);
          continue;
        }
        result[position.get(p) as number] = id;
        const differs =
          Object.entries(p.values).some(([k, v]) => v !== undefined && !same(v, row[k])) ||
          [...p.children].some(
            ([child, rows]) =>
              !same(
                comparable(
                  rows.map((r) => ({ ...r, ...child.parent(id) })),
                  child.normalise,
                ),
                comparable(storedChildren.get(child)?.get(id) ?? [], child.normalise),
              ),
          );
        if (differs) changed.push({ planned: p, id, version: (row.version as number) + 1 });
        else counts.unchanged++;
      }
      if (!this.problems.empty) {
        // Nothing will be written; the new records get stand-in ids so that rows naming them still check.
        for (const p of inserts) {
          const id = -++this.standIns;
          ids.set(p.publicId, id);
          result[position.get(p) as number] = id;
        }
        this.onProgress(spec.name, Math.min(start + CHUNK, planned.length), planned.length);
        continue;
      }

      if (inserts.length) {
        const created = (await this.tx
          .insert(spec.table)
          .values(
            inserts.map((p) => ({
              ...p.values,
              publicId: p.publicId,
              version: p.version,
              ...(p.createdAt ? { createdAt: p.createdAt } : {}),
              ...(p.updatedAt ? { updatedAt: p.updatedAt } : {}),
            })) as never,
          )
          .returning({ id: spec.table.id, publicId: spec.table.publicId })) as { id: number; publicId: string }[];
        const byPublicId = new Map(created.map((c) => [c.publicId, c.id]));
        for (const p of inserts) {
          const id = byPublicId.get(p.publicId) as number;
          ids.set(p.publicId, id);
          result[position.get(p) as number] = id;
          counts.inserted++;
          await this.afterWrite(spec, p, id, p.version, false);
        }
      }
      for (const c of changed) {
        await this.tx
          .update(spec.table)
          .set({ ...c.planned.values, version: c.version, updatedAt: this.at })
          .where(eq(spec.table.id, c.id));
        counts.updated++;
        await this.afterWrite(spec, c.planned, c.id, c.version, true);
      }
      await this.flushChildren();
      this.onProgress(spec.name, Math.min(start + CHUNK, planned.length), planned.length);
    }
    return result;
  }

  private standIns = 0;
  private pendingChildren = new Map<SQLiteTable, Values[]>();

  /** A written record's children (replacing the stored ones), its change and its search entry. */
  private async afterWrite(spec: RecordTableSpec, p: Planned, id: number, version: number, replace: boolean): Promise<void> {
    for (const [child, rows] of p.children) {
      if (replace) await this.tx.delete(child.table).where(child.of([id]));
      let pending = this.pendingChildren.get(child.table);
      if (!pending) this.pendingChildren.set(child.table, (pending = []));
      for (const r of rows) pending.push({ ...r, ...child.parent(id) });
    }
    if (p.search) this.search.push(p.search(id));
    if (spec.changeType) {
      let pending = this.pendingChildren.get(t.changes);
      if (!pending) this.pendingChildren.set(t.changes, (pending = []));
      pending.push({
        seq: await this.sequence.take(),
        recordType: spec.changeType,
        recordId: id,
        publicId: p.publicId,
        op: "UPSERT",
        version,
        at: this.at,
        actor: IMPORT_ACTOR,
        actorRole: "SYSTEM",
      });
      this.changes++;
    }
  }

  private async flushChildren(): Promise<void> {
    for (const [table, rows] of this.pendingChildren)
      for (let i = 0; i < rows.length; i += 200) await this.tx.insert(table).values(rows.slice(i, i + 200));
    this.pendingChildren.clear();
  }
}

/** For messages: the problem's place, as "data/trips.csv line 12, start_date". */
export function describeProblem(p: ImportProblem): string {
  return `${p.file}${p.line ? ` line ${p.line}` : ""}${p.field ? `, ${p.field}` : ""}: ${p.message}`;
}
