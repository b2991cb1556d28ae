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
import {
  delegatesByTrip,
  eventsByTrip,
  legCityIdsByTrip,
  organisationsByTrip,
  tripsByEvent,
  type TripDelegateColumn,
  type TripDelegateColumns,
} from "./trips.js";

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

/**
 * Loaders keyed by public id, one per type the `node` field resolves: each is built the first time
 * it is asked for (see RequestLoaders).
 */
class PublicIdLoaders {
  #country?: DataLoader<string, R.CountryRow | null>;
  #city?: DataLoader<string, R.CityRow | null>;
  #organisation?: DataLoader<string, R.OrganisationRow | null>;
  #membership?: DataLoader<string, R.MembershipRow | null>;
  #event?: DataLoader<string, R.EventRow | null>;
  #attendance?: DataLoader<string, R.AttendanceRow | null>;
  #trip?: DataLoader<string, R.TripRow | null>;
  #partnership?: DataLoader<string, R.PartnershipRow | null>;
  #source?: DataLoader<string, R.SourceRow | null>;
  #apiKey?: DataLoader<string, ApiKeyRow | null>;
  #auditEvent?: DataLoader<string, AuditEventRow | null>;

  constructor(
    private readonly db: Db,
    private readonly beforeStatement: BeforeStatement,
  ) {}

  private load<Row extends Record<string, unknown>>(table: Keyed) {
    return rowsByKey<Row, string>(this.db, this.beforeStatement, table, table.publicId, "publicId");
  }

  get Country() {
    return (this.#country ??= this.load<R.CountryRow>(t.countries));
  }
  get City() {
    return (this.#city ??= this.load<R.CityRow>(t.cities));
  }
  get Organisation() {
    return (this.#organisation ??= this.load<R.OrganisationRow>(t.organisations));
  }
  get Membership() {
    return (this.#membership ??= this.load<R.MembershipRow>(t.memberships));
  }
  get Event() {
    return (this.#event ??= this.load<R.EventRow>(t.events));
  }
  get Attendance() {
    return (this.#attendance ??= this.load<R.AttendanceRow>(t.attendances));
  }
  get Trip() {
    return (this.#trip ??= this.load<R.TripRow>(t.trips));
  }
  get Partnership() {
    return (this.#partnership ??= this.load<R.PartnershipRow>(t.partnerships));
  }
  get Source() {
    return (this.#source ??= this.load<R.SourceRow>(t.sources));
  }
  get ApiKey() {
    return (this.#apiKey ??= this.load<ApiKeyRow>(t.apiKeys));
  }
  get AuditEvent() {
    return (this.#auditEvent ??= this.load<AuditEventRow>(t.auditEvents));
  }
}

/**
 * One request's loaders. Each is built the first time the request asks for it: a request uses a
 * handful of the thirty-odd, and building all of them (a DataLoader, its cache and the lookup of
 * its prepared statement each) for every request was measurable work on the hot path.
 */
class RequestLoaders {
  #country?: DataLoader<number, R.CountryRow | null>;
  #city?: DataLoader<number, R.CityRow | null>;
  #organisation?: DataLoader<number, R.OrganisationRow | null>;
  #membership?: DataLoader<number, R.MembershipRow | null>;
  #event?: DataLoader<number, R.EventRow | null>;
  #trip?: DataLoader<number, R.TripRow | null>;
  #attendance?: DataLoader<number, R.AttendanceRow | null>;
  #partnership?: DataLoader<number, R.PartnershipRow | null>;
  #source?: DataLoader<number, R.SourceRow | null>;
  #apiKey?: DataLoader<number, ApiKeyRow | null>;
  #byPublicId?: PublicIdLoaders;
  #countryCode?: DataLoader<string, R.CountryRow | null>;
  #citySlug?: DataLoader<string, R.CityRow | null>;
  #organisationSlug?: DataLoader<string, R.OrganisationRow | null>;
  #tripLegCityIds?: DataLoader<number, number[]>;
  #tripEvents?: DataLoader<number, R.EventRow[]>;
  #tripOrganisations?: DataLoader<number, R.OrganisationRow[]>;
  #eventTrips?: DataLoader<number, R.TripRow[]>;
  #eventAttendances?: DataLoader<number, R.AttendanceRow[]>;
  readonly #tripDelegates = new Map<string, DataLoader<number, TripDelegateColumns[]>>();
  readonly #citations = new Map<RecordType, DataLoader<number, R.CitationRow[]>>();
  readonly #externalIds = new Map<RecordType, DataLoader<number, R.ExternalIdRow[]>>();
  readonly #nestedLists = new Map<string, NestedListLoader<unknown>>();
  readonly #changes = new Map<ChangeType, DataLoader<number, ChangeRow[]>>();
  readonly #versions = new Map<ChangeType, DataLoader<number, RowVersion[]>>();

  constructor(
    private readonly db: Db,
    private readonly beforeStatement: BeforeStatement,
  ) {}

  private byId<Row extends Record<string, unknown>>(table: Keyed) {
    return rowsByKey<Row, number>(this.db, this.beforeStatement, table, table.id, "id");
  }

  private lists<V>(load: (ids: readonly number[]) => Promise<Map<number, V[]>>) {
    return listsByKey(this.beforeStatement, load);
  }

  get country() {
    return (this.#country ??= this.byId<R.CountryRow>(t.countries));
  }
  get city() {
    return (this.#city ??= this.byId<R.CityRow>(t.cities));
  }
  get organisation() {
    return (this.#organisation ??= this.byId<R.OrganisationRow>(t.organisations));
  }
  get membership() {
    return (this.#membership ??= this.byId<R.MembershipRow>(t.memberships));
  }
  get event() {
    return (this.#event ??= this.byId<R.EventRow>(t.events));
  }
  get trip() {
    return (this.#trip ??= this.byId<R.TripRow>(t.trips));
  }
  get attendance() {
    return (this.#attendance ??= this.byId<R.AttendanceRow>(t.attendances));
  }
  get partnership() {
    return (this.#partnership ??= this.byId<R.PartnershipRow>(t.partnerships));
  }
  get source() {
    return (this.#source ??= this.byId<R.SourceRow>(t.sources));
  }
  get apiKey() {
    return (this.#apiKey ??= this.byId<ApiKeyRow>(t.apiKeys));
  }

  /** A record's changes, oldest first, and its own row's stored versions (src/data/history.ts). */
  readonly history = {
    changes: (type: ChangeType): DataLoader<number, ChangeRow[]> => {
      let loader = this.#changes.get(type);
      if (!loader) this.#changes.set(type, (loader = this.lists((ids) => changesOfRecords(this.db, type, ids))));
      return loader;
    },
    versions: (type: ChangeType): DataLoader<number, RowVersion[]> => {
      let loader = this.#versions.get(type);
      if (!loader) this.#versions.set(type, (loader = this.lists((ids) => versionsOfRecords(this.db, type, ids))));
      return loader;
    },
  };

  get byPublicId(): PublicIdLoaders {
    return (this.#byPublicId ??= new PublicIdLoaders(this.db, this.beforeStatement));
  }
  get countryCode() {
    return (this.#countryCode ??= rowsByKey<R.CountryRow, string>(
      this.db,
      this.beforeStatement,
      t.countries,
      t.countries.code,
      "code",
    ));
  }
  get citySlug() {
    return (this.#citySlug ??= rowsByKey<R.CityRow, string>(this.db, this.beforeStatement, t.cities, t.cities.slug, "slug"));
  }
  get organisationSlug() {
    return (this.#organisationSlug ??= rowsByKey<R.OrganisationRow, string>(
      this.db,
      this.beforeStatement,
      t.organisations,
      t.organisations.slug,
      "slug",
    ));
  }

  get tripLegCityIds() {
    return (this.#tripLegCityIds ??= this.lists((ids) => legCityIdsByTrip(this.db, ids)));
  }
  /** A trip's delegates with `columns` read (the look-ahead's list: one loader per list). */
  tripDelegates(columns: readonly TripDelegateColumn[]): DataLoader<number, TripDelegateColumns[]> {
    const key = columns.join(",");
    let loader = this.#tripDelegates.get(key);
    if (!loader) this.#tripDelegates.set(key, (loader = this.lists((ids) => delegatesByTrip(this.db, ids, columns))));
    return loader;
  }
  get tripEvents() {
    return (this.#tripEvents ??= this.lists((ids) => eventsByTrip(this.db, ids)));
  }
  get tripOrganisations() {
    return (this.#tripOrganisations ??= this.lists((ids) => organisationsByTrip(this.db, ids)));
  }
  get eventTrips() {
    return (this.#eventTrips ??= this.lists((ids) => tripsByEvent(this.db, ids)));
  }
  get eventAttendances() {
    return (this.#eventAttendances ??= this.lists((ids) => attendancesByEvent(this.db, ids)));
  }

  citations(recordType: RecordType): DataLoader<number, R.CitationRow[]> {
    let loader = this.#citations.get(recordType);
    if (!loader) this.#citations.set(recordType, (loader = this.lists((ids) => citationsOf(this.db, recordType, ids))));
    return loader;
  }
  externalIds(recordType: RecordType): DataLoader<number, R.ExternalIdRow[]> {
    let loader = this.#externalIds.get(recordType);
    if (!loader) this.#externalIds.set(recordType, (loader = this.lists((ids) => externalIdsOf(this.db, recordType, ids))));
    return loader;
  }

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
    let loader = this.#nestedLists.get(key) as NestedListLoader<Row> | undefined;
    if (!loader) {
      const { db, beforeStatement } = this;
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
      this.#nestedLists.set(key, loader);
    }
    return loader;
  }
}

export function createLoaders(db: Db, beforeStatement: BeforeStatement = () => {}): RequestLoaders {
  return new RequestLoaders(db, beforeStatement);
}

export type Loaders = RequestLoaders;
