/**
 * Per-request DataLoaders: every relation the API resolves is batched here, so the number of SQL
 * statements a request runs depends on the shape of the query, never on the number of rows.
 * Loaders live for one request only: no data is cached across requests.
 */
import DataLoader from "dataloader";
import { getTableName, type Column } from "drizzle-orm";
import type { Db, DbTable } from "../../db/connection.js";
import { inKeyList, keyListParam, type PreparedRows } from "../../db/dialect/queries.js";
import type { RecordType } from "../../db/enums.js";
import * as t from "../../db/schema.js";
import type { ApiKeyRow } from "./apiKeys.js";
import type { AuditEventRow } from "./audit.js";
import { attendancesByEvent } from "./events.js";
import { countWithin, paginateWithin, type ListSpec, type Page, type PageArgs, type ParentLink } from "./pagination.js";
import { prepared } from "./prepared.js";
import type * as R from "./rows.js";
import { changesOfRecords, versionsOfRecords, type RowVersion } from "./history.js";
import type { ChangeRow } from "./changeFeed.js";
import type { ChangeType } from "../../db/enums.js";
import { citationsOf, externalIdsOf } from "./sources.js";
import { delegatesByTrip, eventsByTrip, legCityIdsByTrip, organisationsByTrip, tripsByEvent } from "./trips.js";

type Keyed = DbTable & { id: Column; publicId: Column };

/** Called before every statement a loader runs (the request's deadline check). */
export type BeforeStatement = () => void;

/**
 * Statements that fetch rows by a list of keys, prepared once per database and reused by every
 * request (src/data/prepared.ts): the key list is bound as one parameter (db/dialect/queries.ts),
 * so one statement serves any number of keys.
 */
function selectByKeys(db: Db, table: Keyed, column: Column): PreparedRows {
  return prepared(db, `rows_by_${getTableName(table)}_${column.name}`, () => db.select().from(table).where(inKeyList(column)));
}

function rowsByKey<Row extends Record<string, unknown>, K extends string | number>(
  db: Db,
  beforeStatement: BeforeStatement,
  table: Keyed,
  column: Column,
  field: keyof Row,
): DataLoader<K, Row | null> {
  const statement = selectByKeys(db, table, column);
  return new DataLoader<K, Row | null>(async (keys) => {
    beforeStatement();
    const rows = (await statement.rows({ keys: keyListParam(keys) })) as Row[];
    const byKey = new Map(rows.map((row) => [row[field] as K, row]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

function listsByKey<V>(
  beforeStatement: BeforeStatement,
  load: (ids: readonly number[]) => Promise<Map<number, V[]>>,
): DataLoader<number, V[]> {
  return new DataLoader<number, V[]>(async (ids) => {
    beforeStatement();
    const map = await load(ids);
    return ids.map((id) => map.get(id) ?? []);
  });
}

/** A nested connection: pages and counts for many parents, one statement each. */
export interface NestedListLoader<Row> {
  page: DataLoader<number, Page<Row>>;
  count: DataLoader<number, number>;
}

export function createLoaders(db: Db, beforeStatement: BeforeStatement = () => {}) {
  const byId = <Row extends Record<string, unknown>>(table: Keyed) =>
    rowsByKey<Row, number>(db, beforeStatement, table, table.id, "id");
  const byPublicId = <Row extends Record<string, unknown>>(table: Keyed) =>
    rowsByKey<Row, string>(db, beforeStatement, table, table.publicId, "publicId");
  const lists = <V>(load: (ids: readonly number[]) => Promise<Map<number, V[]>>) => listsByKey(beforeStatement, load);
  const citationLoaders = new Map<RecordType, DataLoader<number, R.CitationRow[]>>();
  const externalIdLoaders = new Map<RecordType, DataLoader<number, R.ExternalIdRow[]>>();
  const nestedLists = new Map<string, NestedListLoader<unknown>>();
  const changeLoaders = new Map<ChangeType, DataLoader<number, ChangeRow[]>>();
  const versionLoaders = new Map<ChangeType, DataLoader<number, RowVersion[]>>();
  const perType = <V>(
    cache: Map<ChangeType, DataLoader<number, V[]>>,
    type: ChangeType,
    load: typeof changesOfRecords | typeof versionsOfRecords,
  ) => {
    let loader = cache.get(type);
    if (!loader) cache.set(type, (loader = lists((ids) => load(db, type, ids) as Promise<Map<number, V[]>>)));
    return loader;
  };

  return {
    country: byId<R.CountryRow>(t.countries),
    city: byId<R.CityRow>(t.cities),
    organisation: byId<R.OrganisationRow>(t.organisations),
    membership: byId<R.MembershipRow>(t.memberships),
    event: byId<R.EventRow>(t.events),
    trip: byId<R.TripRow>(t.trips),
    attendance: byId<R.AttendanceRow>(t.attendances),
    partnership: byId<R.PartnershipRow>(t.partnerships),
    source: byId<R.SourceRow>(t.sources),

    /** A record's changes, oldest first, and its own row's stored versions (src/data/history.ts). */
    history: {
      changes: (type: ChangeType) => perType<ChangeRow>(changeLoaders, type, changesOfRecords),
      versions: (type: ChangeType) => perType<RowVersion>(versionLoaders, type, versionsOfRecords),
    },

    byPublicId: {
      Country: byPublicId<R.CountryRow>(t.countries),
      City: byPublicId<R.CityRow>(t.cities),
      Organisation: byPublicId<R.OrganisationRow>(t.organisations),
      Membership: byPublicId<R.MembershipRow>(t.memberships),
      Event: byPublicId<R.EventRow>(t.events),
      Attendance: byPublicId<R.AttendanceRow>(t.attendances),
      Trip: byPublicId<R.TripRow>(t.trips),
      Partnership: byPublicId<R.PartnershipRow>(t.partnerships),
      Source: byPublicId<R.SourceRow>(t.sources),
      ApiKey: byPublicId<ApiKeyRow>(t.apiKeys),
      AuditEvent: byPublicId<AuditEventRow>(t.auditEvents),
    },
    apiKey: byId<ApiKeyRow>(t.apiKeys),
    countryCode: rowsByKey<R.CountryRow, string>(db, beforeStatement, t.countries, t.countries.code, "code"),
    citySlug: rowsByKey<R.CityRow, string>(db, beforeStatement, t.cities, t.cities.slug, "slug"),
    organisationSlug: rowsByKey<R.OrganisationRow, string>(db, beforeStatement, t.organisations, t.organisations.slug, "slug"),

    tripLegCityIds: lists((ids) => legCityIdsByTrip(db, ids)),
    tripDelegates: lists((ids) => delegatesByTrip(db, ids)),
    tripEvents: lists((ids) => eventsByTrip(db, ids)),
    tripOrganisations: lists((ids) => organisationsByTrip(db, ids)),
    eventTrips: lists((ids) => tripsByEvent(db, ids)),
    eventAttendances: lists((ids) => attendancesByEvent(db, ids)),

    citations(recordType: RecordType): DataLoader<number, R.CitationRow[]> {
      let loader = citationLoaders.get(recordType);
      if (!loader) citationLoaders.set(recordType, (loader = lists((ids) => citationsOf(db, recordType, ids))));
      return loader;
    },
    externalIds(recordType: RecordType): DataLoader<number, R.ExternalIdRow[]> {
      let loader = externalIdLoaders.get(recordType);
      if (!loader) externalIdLoaders.set(recordType, (loader = lists((ids) => externalIdsOf(db, recordType, ids))));
      return loader;
    },

    /**
     * The loader for one nested list field with one set of arguments (`key` names both): all the
     * parents that ask for the same page share one statement.
     */
    nestedList<Row extends { id: number }>(
      key: string,
      spec: ListSpec<Row>,
      link: ParentLink,
      args: PageArgs,
    ): NestedListLoader<Row> {
      let loader = nestedLists.get(key) as NestedListLoader<Row> | undefined;
      if (!loader) {
        loader = {
          page: new DataLoader(async (ids) => {
            beforeStatement();
            const pages = await paginateWithin(db, spec, link, ids, args);
            return ids.map((id) => pages.get(id) as Page<Row>);
          }),
          count: new DataLoader(async (ids) => {
            beforeStatement();
            const counts = await countWithin(db, spec.table, link, ids, spec.where);
            return ids.map((id) => counts.get(id) ?? 0);
          }),
        };
        nestedLists.set(key, loader);
      }
      return loader;
    },
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
