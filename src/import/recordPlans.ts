/**
 * What each table of a package becomes in the database: per record, the columns it writes, its
 * parts (legs, delegates, coverage, citations, external ids), the bookkeeping a new record keeps
 * from the package, and its search entry. References are resolved through the PlanContext (the
 * import's keys), which reports a row's problems.
 */
import type { Provenance } from "../../db/enums.js";
import * as t from "../../db/schema.js";
import type { SearchDocument } from "../data/search.js";
import { jalaliColumns } from "../data/writes/upsert.js";
import type { NodeTypeName } from "../graphql/globalId.js";
import type { CitedRecordType } from "../lib/recordFields.js";
import type { ImportRow } from "./packageRows.js";
import type { ChildTable, RecordParts, Values } from "./recordParts.js";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { ChangeType, RecordType } from "../../db/enums.js";

/** The package's rows by table name, checked (packageRows.ts). */
export type PackageRows = Record<string, ImportRow[]>;

/** One record's row as the import writes it. */
export interface Planned {
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

export type AnyTable = SQLiteTable & { id: SQLiteColumn; publicId: SQLiteColumn };

export interface RecordTableSpec {
  name: string;
  table: AnyTable;
  recordType: RecordType;
  changeType?: ChangeType;
}

/** The keys a table's records are found by: a node type's public ids, or the reported figures'. */
export type KeyType = NodeTypeName | "ReportedFigure";

export interface TablePlan {
  spec: RecordTableSpec;
  keys: KeyType;
  /** The table's rows, planned a chunk at a time so that a large table is never held twice. */
  rows: readonly ImportRow[];
  /** A row as the import writes it; null for a row with a problem (reported). */
  plan: (row: ImportRow) => Planned | null;
  /** Records that others name by slug (cities, organisations). */
  slugs?: "city" | "organisation";
}

/** The import's keys and problem list, as the plans use them. */
export interface PlanContext {
  parts: RecordParts;
  problem(table: string, row: ImportRow | null, field: string | undefined, message: string): void;
  publicIdOf(table: string, row: ImportRow, field: string, type: NodeTypeName): string | null;
  ref(table: string, row: ImportRow, field: string, type: NodeTypeName): number | null;
  optionalRef(table: string, row: ImportRow, field: string, type: NodeTypeName): number | null;
  refIn(table: string, row: ImportRow, field: string, i: number, type: NodeTypeName): number | null;
  bySlug(table: string, row: ImportRow, field: string, kind: "city" | "organisation", slug: string | null): number | null;
  countryId(code: string): number | undefined;
  childRows(table: string, key: string): Map<string, ImportRow[]>;
  citations(table: string, row: ImportRow, type: CitedRecordType): Values[];
  externalIds(table: string, row: ImportRow, namespace: number): Values[];
  record(row: ImportRow): Pick<Planned, "line" | "version" | "createdAt" | "updatedAt"> & { provenance: Provenance };
}

/** A cell, typed as the dictionary reads it. */
export const str = (row: ImportRow, name: string) => row[name] as string | null;
export const list = (row: ImportRow, name: string) => (row[name] as string[] | null) ?? [];

export function planSources(ctx: PlanContext, rows: PackageRows): TablePlan {
  const planRow = (row: ImportRow): Planned | null => {
    const publicId = ctx.publicIdOf("sources", row, "id", "Source");
    if (publicId === null) return null;
    return {
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
    };
  };
  return {
    spec: { name: "sources", table: t.sources, recordType: "SOURCE" },
    keys: "Source",
    rows: rows.sources ?? [],
    plan: planRow,
  };
}

/** The record types whose rows carry the common record columns, and where they are stored. */
type RecordKind = "City" | "Organisation" | "Event" | "Trip" | "Membership" | "Attendance" | "Partnership";

// A function, not a constant: db/schema.ts binds the tables of the dialect the database opened
// with, so they are read when an import runs, not when this module loads.
const recordTables = (): Record<RecordKind, { name: string; table: AnyTable; recordType: ChangeType }> => ({
  City: { name: "cities", table: t.cities, recordType: "CITY" },
  Organisation: { name: "organisations", table: t.organisations, recordType: "ORGANISATION" },
  Event: { name: "events", table: t.events, recordType: "EVENT" },
  Trip: { name: "trips", table: t.trips, recordType: "TRIP" },
  Membership: { name: "memberships", table: t.memberships, recordType: "MEMBERSHIP" },
  Attendance: { name: "attendances", table: t.attendances, recordType: "ATTENDANCE" },
  Partnership: { name: "partnerships", table: t.partnerships, recordType: "PARTNERSHIP" },
});

/** What a record's row becomes beyond what every record has (its id, bookkeeping, citations, external ids). */
interface RecordRowPlan {
  values: Values;
  /** Its part tables besides citations and external ids (a trip's legs, a city's coverage). */
  parts?: [ChildTable, Values[]][];
  /** Whose registry its external ids belong to: an organisation's id, or 0 for none. */
  namespace?: number;
  search?: (id: number) => SearchDocument;
}

/**
 * The plan of a table of records: each row found by its global ID, with the package's
 * bookkeeping, its own columns and parts (`describe`), and its citations and external ids.
 */
function recordTable(
  ctx: PlanContext,
  kind: RecordKind,
  rows: readonly ImportRow[],
  describe: (row: ImportRow) => RecordRowPlan,
  slugs?: TablePlan["slugs"],
): TablePlan {
  const { name, table, recordType } = recordTables()[kind];
  return {
    spec: { name, table, recordType, changeType: recordType },
    keys: kind,
    rows,
    slugs,
    plan: (row) => {
      const publicId = ctx.publicIdOf(name, row, "id", kind);
      if (publicId === null) return null;
      const { provenance, ...bookkeeping } = ctx.record(row);
      const described = describe(row);
      return {
        publicId,
        ...bookkeeping,
        values: { ...described.values, provenance },
        children: new Map<ChildTable, Values[]>([
          ...(described.parts ?? []),
          [ctx.parts.citations(recordType), ctx.citations(name, row, kind)],
          [ctx.parts.externalIds(recordType), ctx.externalIds(name, row, described.namespace ?? 0)],
        ]),
        search: described.search,
      };
    },
  };
}

export function planCities(ctx: PlanContext, rows: PackageRows): TablePlan {
  const coverage = ctx.childRows("coverage", "city_id");
  return recordTable(
    ctx,
    "City",
    rows.cities ?? [],
    (row) => {
      const countryId = ctx.countryId(str(row, "country") as string);
      if (countryId === undefined) ctx.problem("cities", row, "country", `no country with the ISO code "${str(row, "country")}"`);
      const stretches = (coverage.get(str(row, "id") as string) ?? []).flatMap((c) => {
        const sourceId = ctx.ref("coverage", c, "source_id", "Source");
        return sourceId === null
          ? []
          : [{ periodFrom: c.from_date, periodTo: c.to_date, status: c.status, sourceId, locator: c.locator, note: c.note }];
      });
      return {
        values: {
          slug: row.slug,
          nameFa: row.name_fa,
          nameEn: row.name_en,
          countryId: countryId ?? null,
          latitude: row.latitude,
          longitude: row.longitude,
          population: row.population,
        },
        parts: [[ctx.parts.coverage, stretches]],
        search: (id) => ({ type: "CITY", id, keys: [str(row, "slug")], names: [str(row, "name_fa"), str(row, "name_en")] }),
      };
    },
    "city",
  );
}

export function planOrganisations(ctx: PlanContext, rows: PackageRows): TablePlan {
  return recordTable(
    ctx,
    "Organisation",
    rows.organisations ?? [],
    (row) => ({
      values: {
        slug: row.slug,
        acronym: row.acronym,
        nameFa: row.name_fa,
        nameEn: row.name_en,
        kind: row.kind,
        focus: list(row, "focus"),
        website: row.website,
        headquartersCityId: ctx.optionalRef("organisations", row, "headquarters_id", "City"),
        monitored: row.monitored,
      },
      search: (id) => ({
        type: "ORGANISATION",
        id,
        keys: [str(row, "slug"), str(row, "acronym")],
        names: [str(row, "name_fa"), str(row, "name_en")],
        body: list(row, "focus"),
      }),
    }),
    "organisation",
  );
}

export function planEvents(ctx: PlanContext, rows: PackageRows): TablePlan {
  return recordTable(ctx, "Event", rows.events ?? [], (row) => ({
    values: {
      nameFa: row.name_fa,
      nameEn: row.name_en,
      kind: row.kind,
      format: row.format,
      status: row.status,
      organiserId: ctx.optionalRef("events", row, "organiser_id", "Organisation"),
      hostCityId: ctx.optionalRef("events", row, "host_id", "City"),
      startDate: row.start_date,
      ...jalaliColumns("start", str(row, "start_date")),
      endDate: row.end_date,
    },
    search: (id) => ({ type: "EVENT", id, keys: [], names: [str(row, "name_fa"), str(row, "name_en")] }),
  }));
}

export function planTrips(ctx: PlanContext, rows: PackageRows): TablePlan {
  const table = "trips";
  const destinations = ctx.childRows("trip_destinations", "trip_id");
  const delegates = ctx.childRows("delegates", "trip_id");
  // Listed newest first (the trips connection's order, ties by id descending): written oldest
  // first, so that trips of one day keep their order in the new database too.
  return recordTable(ctx, "Trip", [...(rows.trips ?? [])].reverse(), (row) => {
    const id = str(row, "id") as string;
    const legs = (destinations.get(id) ?? []).map((d, position) => ({
      position,
      cityId: ctx.ref("trip_destinations", d, "city_id", "City"),
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
      ctx.problem(
        table,
        row,
        "delegation_size",
        `the trip has ${people.length} rows in delegates, not ${String(row.delegation_size)}`,
      );
    const requestingUnit = str(row, "requesting_unit_fa") ?? str(row, "requesting_unit_en") ?? "";
    return {
      values: {
        code: row.code,
        titleFa: row.title_fa,
        titleEn: row.title_en,
        purpose: row.purpose,
        status: row.status,
        cityId: ctx.ref(table, row, "city_id", "City"),
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
        invitedById: ctx.bySlug(table, row, "invited_by", "organisation", str(row, "invited_by")),
        funding: row.funding,
        costMinor: row.cost_minor_units,
        costCurrency: row.cost_currency,
        reportSubmittedOn: row.report_submitted_on,
      },
      parts: [
        [ctx.parts.legs, legs],
        [ctx.parts.delegates, people],
        [ctx.parts.tripEvents, list(row, "events").map((_, i) => ({ eventId: ctx.refIn(table, row, "events", i, "Event") }))],
        [
          ctx.parts.tripOrganisations,
          list(row, "organisations").map((slug) => ({
            organisationId: ctx.bySlug(table, row, "organisations", "organisation", slug),
          })),
        ],
      ],
      search: (tripId) => ({
        type: "TRIP",
        id: tripId,
        keys: [str(row, "code")],
        names: [str(row, "title_fa"), str(row, "title_en")],
        body: [requestingUnit, str(row, "requesting_unit_en")],
      }),
    };
  });
}

export function planMemberships(ctx: PlanContext, rows: PackageRows): TablePlan {
  const table = "memberships";
  return recordTable(ctx, "Membership", rows.memberships ?? [], (row) => {
    const organisationId = ctx.ref(table, row, "organisation_id", "Organisation");
    return {
      values: {
        memberCityId: ctx.ref(table, row, "member_id", "City"),
        organisationId,
        viaOrganisationId: ctx.bySlug(table, row, "via", "organisation", str(row, "via")),
        status: row.status,
        category: row.category,
        categoryLabel: row.category_label,
        role: row.role,
        startDate: row.start_date,
        startPrecision: row.start_precision,
        ...jalaliColumns("start", str(row, "start_date")),
        endDate: row.end_date,
        endPrecision: row.end_precision,
      },
      // A membership's ids belong to its organisation's registry (db/tables.ts, external_ids).
      namespace: organisationId ?? 0,
    };
  });
}

export function planAttendances(ctx: PlanContext, rows: PackageRows): TablePlan {
  const table = "attendances";
  return recordTable(ctx, "Attendance", rows.attendances ?? [], (row) => ({
    values: {
      cityId: ctx.ref(table, row, "city_id", "City"),
      eventId: ctx.ref(table, row, "event_id", "Event"),
      mode: row.mode,
      tripId: ctx.optionalRef(table, row, "trip_id", "Trip"),
      membershipId: ctx.optionalRef(table, row, "membership_id", "Membership"),
      outcomes: list(row, "outcomes"),
    },
  }));
}

export function planPartnerships(ctx: PlanContext, rows: PackageRows): TablePlan {
  const table = "partnerships";
  return recordTable(ctx, "Partnership", rows.partnerships ?? [], (row) => ({
    values: {
      cityId: ctx.ref(table, row, "city_id", "City"),
      partnerCityId: ctx.ref(table, row, "partner_id", "City"),
      kind: row.kind,
      status: row.status,
      signedOn: row.signed_date,
      signedPrecision: row.signed_precision,
      ...jalaliColumns("signed", str(row, "signed_date")),
    },
  }));
}

export function planReportedFigures(ctx: PlanContext, rows: PackageRows): TablePlan {
  const table = "reported_figures";
  const planRow = (row: ImportRow): Planned | null => {
    const sourceId = ctx.ref(table, row, "source_id", "Source");
    const values = {
      cityId: ctx.ref(table, row, "city_id", "City"),
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
    return {
      publicId: str(row, "id") as string,
      line: row.__line,
      version: 1,
      createdAt: null,
      updatedAt: null,
      values,
      children: new Map<ChildTable, Values[]>([[ctx.parts.citations("REPORTED_FIGURE"), [citation]]]),
    };
  };
  return {
    spec: { name: "reported_figures", table: t.reportedFigures, recordType: "REPORTED_FIGURE" },
    keys: "ReportedFigure",
    rows: rows.reported_figures ?? [],
    plan: planRow,
  };
}
