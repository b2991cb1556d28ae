/**
 * Aggregates for dashboards, computed in SQL with GROUP BY (never by loading rows and counting in
 * JavaScript). Each function is one statement, whatever the number of trips.
 *
 * Definitions (the GraphQL descriptions repeat them for clients):
 * - a trip falls in a period by its start date;
 * - requested: every request; rejected / approved: the committee's decision (an approved trip stays
 *   approved when it is later completed or cancelled); cancelled: approved, never carried out;
 *   completed: carried out; participants: delegates of completed trips.
 * - an event is attended in a period by the event's start date; each event counts once per city,
 *   even when attended both in person and online (then it counts once under each mode).
 */
import { and, asc, between, eq, gte, inArray, isNull, lte, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/connection.js";
import { selectRows } from "../../db/dialect/queries.js";
import {
  attendances,
  cities,
  countries,
  events,
  organisations,
  partnerships,
  reportedFigures,
  tripLegs,
  tripOrganisations,
  trips,
} from "../../db/schema.js";
import type { TripTotals } from "./figures.js";
import { eventWhere, type EventCriteria } from "./events.js";
import { tripWhere, type TripCriteria } from "./trips.js";
import type { CityRow, ReportedFigureRow } from "./rows.js";

export interface DateRange {
  from: string;
  to: string;
}

export type { TripTotals };

export interface EventTotals {
  all: number;
  inPerson: number;
  online: number;
}

/** How rows are put in buckets. Time groupings use the stored Gregorian dates or Jalali columns. */
export type TripBucketing =
  "MONTH" | "YEAR" | "JALALI_MONTH" | "JALALI_YEAR" | "COUNTRY" | "PURPOSE" | "ORGANISATION" | "REQUESTING_UNIT" | "DESTINATION";
export type EventBucketing = "MONTH" | "YEAR" | "JALALI_MONTH" | "JALALI_YEAR" | "COUNTRY" | "ORGANISATION" | "ATTENDANCE_MODE";

/** One dimension's key as SQL returns it: one or two parts (Jalali year and month). */
export interface BucketKey {
  k1: string | number | null;
  k2: number | null;
  /** The bucket's English name where the key is a Persian text (REQUESTING_UNIT); else absent. */
  labelEn?: string | null;
}

/** A bucket of one or more dimensions: `keys[i]` is the key of the i-th bucketing asked for. */
export interface Bucketed<T> {
  keys: BucketKey[];
  totals: T;
}

interface BucketSql {
  k1: SQL;
  k2?: SQL;
  labelEn?: SQL;
}

/** Each dimension's key columns under aliases of its own, so two dimensions can share one select. */
function bucketColumns(dims: readonly BucketSql[]): { select: SQL; groupBy: SQL } {
  const select: SQL[] = [];
  const groupBy: SQL[] = [];
  dims.forEach((d, i) => {
    select.push(sql`${d.k1} as ${sql.raw(`d${i}_k1`)}`);
    groupBy.push(sql.raw(`d${i}_k1`));
    if (d.k2) {
      select.push(sql`${d.k2} as ${sql.raw(`d${i}_k2`)}`);
      groupBy.push(sql.raw(`d${i}_k2`));
    }
    if (d.labelEn) select.push(sql`${d.labelEn} as ${sql.raw(`d${i}_en`)}`);
  });
  return { select: sql.join(select, sql`, `), groupBy: sql.join(groupBy, sql`, `) };
}

function bucketKeysOf(row: Record<string, unknown>, dims: readonly BucketSql[]): BucketKey[] {
  return dims.map((d, i) => ({
    k1: row[`d${i}_k1`] as string | number | null,
    k2: d.k2 && row[`d${i}_k2`] !== null ? Number(row[`d${i}_k2`]) : null,
    ...(d.labelEn ? { labelEn: (row[`d${i}_en`] as string | null) ?? null } : {}),
  }));
}

const num = (v: unknown) => Number(v ?? 0);

function tripTotalsFrom(row: Record<string, unknown>): TripTotals {
  return {
    requested: num(row.requested),
    rejected: num(row.rejected),
    approved: num(row.approved),
    cancelled: num(row.cancelled),
    completed: num(row.completed),
    participants: num(row.participants),
  };
}

const TRIP_SUMS = sql`count(${trips.id}) as requested,
  coalesce(sum(case when ${trips.decisionOutcome} = 'REJECTED' then 1 else 0 end), 0) as rejected,
  coalesce(sum(case when ${trips.decisionOutcome} = 'APPROVED' then 1 else 0 end), 0) as approved,
  coalesce(sum(case when ${trips.status} = 'CANCELLED' then 1 else 0 end), 0) as cancelled,
  coalesce(sum(case when ${trips.status} = 'COMPLETED' then 1 else 0 end), 0) as completed,
  coalesce(sum(case when ${trips.status} = 'COMPLETED' then ${trips.delegationSize} else 0 end), 0) as participants`;

/**
 * Each trip in scope once per destination country (or city), however many legs it has there. The
 * legs are read only for the trips in scope (the scope repeats inside), never the whole table.
 */
function tripCountries(scope: SQL): SQL {
  return sql`(select distinct ${tripLegs.tripId} as trip_id, ${countries.code} as code
    from ${tripLegs} join ${cities} on ${cities.id} = ${tripLegs.cityId} join ${countries} on ${countries.id} = ${cities.countryId}
    where ${tripLegs.tripId} in (select ${trips.id} from ${trips} where ${scope})) as trip_country`;
}
function tripCities(scope: SQL): SQL {
  return sql`(select distinct ${tripLegs.tripId} as trip_id, ${tripLegs.cityId} as city_id from ${tripLegs}
    where ${tripLegs.tripId} in (select ${trips.id} from ${trips} where ${scope})) as trip_city`;
}

const tripBuckets: Record<TripBucketing, BucketSql & { join?: (scope: SQL) => SQL }> = {
  MONTH: { k1: sql`substr(${trips.startDate}, 1, 7)` },
  YEAR: { k1: sql`substr(${trips.startDate}, 1, 4)` },
  JALALI_MONTH: { k1: sql`${trips.startJy}`, k2: sql`${trips.startJm}` },
  JALALI_YEAR: { k1: sql`${trips.startJy}` },
  PURPOSE: { k1: sql`${trips.purpose}` },
  REQUESTING_UNIT: { k1: sql`${trips.requestingUnit}`, labelEn: sql`max(${trips.requestingUnitEn})` },
  COUNTRY: {
    k1: sql`trip_country.code`,
    join: (scope) => sql`join ${tripCountries(scope)} on trip_country.trip_id = ${trips.id}`,
  },
  DESTINATION: {
    k1: sql`trip_city.city_id`,
    join: (scope) => sql`join ${tripCities(scope)} on trip_city.trip_id = ${trips.id}`,
  },
  ORGANISATION: {
    k1: sql`${organisations.slug}`,
    join: () =>
      sql`join ${tripOrganisations} on ${tripOrganisations.tripId} = ${trips.id} join ${organisations} on ${organisations.id} = ${tripOrganisations.organisationId}`,
  },
};

export interface TripScope {
  cityId: number;
  range: DateRange;
  criteria?: TripCriteria;
}

function tripScope(scope: TripScope): SQL {
  return and(
    eq(trips.cityId, scope.cityId),
    between(trips.startDate, scope.range.from, scope.range.to),
    tripWhere(scope.criteria ?? {}),
  ) as SQL;
}

/**
 * Trip totals per bucket of one or two bucketings (distinct ones: their joins would clash);
 * buckets without trips are absent (callers add the empty ones).
 */
export async function tripTotalsBy(
  db: Db,
  scope: TripScope,
  bucketings: readonly TripBucketing[],
): Promise<Bucketed<TripTotals>[]> {
  const dims = bucketings.map((b) => tripBuckets[b]);
  const where = tripScope(scope);
  const columns = bucketColumns(dims);
  const rows = await selectRows<Record<string, unknown>>(
    db,
    sql`
    select ${columns.select}, ${TRIP_SUMS}
    from ${trips} ${sql.join(
      dims.map((d) => d.join?.(where) ?? sql``),
      sql` `,
    )}
    where ${where}
    group by ${columns.groupBy}
    order by ${columns.groupBy}`,
  );
  return rows.map((row) => ({ keys: bucketKeysOf(row, dims), totals: tripTotalsFrom(row) }));
}

/** Completed trips' costs in one currency; `currency` null gathers the completed trips with no cost. */
export interface CostTotalRow {
  currency: string | null;
  trips: number;
  minorUnits: number;
}

/** Costs of the scope's completed trips, summed per currency, in one statement. */
export async function completedTripCosts(db: Db, scope: Omit<TripScope, "criteria">): Promise<CostTotalRow[]> {
  const costed = sql`${trips.costMinor} is not null and ${trips.costCurrency} is not null`;
  const rows = await selectRows<Record<string, unknown>>(
    db,
    sql`
    select case when ${costed} then ${trips.costCurrency} end as currency,
      count(${trips.id}) as trips,
      coalesce(sum(case when ${costed} then ${trips.costMinor} end), 0) as minor_units
    from ${trips}
    where ${tripScope({ ...scope, criteria: { status: ["COMPLETED"] } })}
    group by currency
    order by currency`,
  );
  return rows.map((r) => ({
    currency: (r.currency as string | null) ?? null,
    trips: num(r.trips),
    minorUnits: num(r.minor_units),
  }));
}

function periodsTable(ranges: readonly DateRange[]): SQL {
  return sql`periods(idx, date_from, date_to) as (values ${sql.join(
    ranges.map((r, i) => sql`(${i}, ${r.from}, ${r.to})`),
    sql`, `,
  )})`;
}

/** Trip totals for several periods at once (a footprint's period and its reported figures' periods). */
export async function tripTotalsForPeriods(db: Db, cityId: number, ranges: readonly DateRange[]): Promise<TripTotals[]> {
  if (ranges.length === 0) return [];
  const rows = await selectRows<Record<string, unknown>>(
    db,
    sql`
    with ${periodsTable(ranges)}
    select periods.idx as idx, ${TRIP_SUMS}
    from periods left join ${trips} on ${trips.cityId} = ${cityId} and ${trips.startDate} between periods.date_from and periods.date_to
    group by periods.idx
    order by periods.idx`,
  );
  return rows.map(tripTotalsFrom);
}

/**
 * Distinct events a city attended, overall and by mode, for several periods at once: from each
 * period to its events (by start date), then to the city's attendances of them (index lookups).
 */
export async function eventTotalsForPeriods(db: Db, cityId: number, ranges: readonly DateRange[]): Promise<EventTotals[]> {
  if (ranges.length === 0) return [];
  const rows = await selectRows<Record<string, unknown>>(
    db,
    sql`
    with ${periodsTable(ranges)}
    select periods.idx as idx,
      count(distinct ${attendances.eventId}) as all_modes,
      count(distinct case when ${attendances.mode} = 'IN_PERSON' then ${attendances.eventId} end) as in_person,
      count(distinct case when ${attendances.mode} = 'ONLINE' then ${attendances.eventId} end) as online
    from periods
    left join ${events} on ${events.startDate} between periods.date_from and periods.date_to
    left join ${attendances} on ${attendances.eventId} = ${events.id} and ${attendances.cityId} = ${cityId}
    group by periods.idx
    order by periods.idx`,
  );
  return rows.map((r) => ({ all: num(r.all_modes), inPerson: num(r.in_person), online: num(r.online) }));
}

const eventBuckets: Record<EventBucketing, BucketSql & { join?: SQL }> = {
  MONTH: { k1: sql`substr(${events.startDate}, 1, 7)` },
  YEAR: { k1: sql`substr(${events.startDate}, 1, 4)` },
  JALALI_MONTH: { k1: sql`${events.startJy}`, k2: sql`${events.startJm}` },
  JALALI_YEAR: { k1: sql`${events.startJy}` },
  ATTENDANCE_MODE: { k1: sql`${attendances.mode}` },
  ORGANISATION: {
    k1: sql`${organisations.slug}`,
    join: sql`join ${organisations} on ${organisations.id} = ${events.organiserId}`,
  },
  COUNTRY: {
    k1: sql`${countries.code}`,
    join: sql`join ${cities} on ${cities.id} = ${events.hostCityId} join ${countries} on ${countries.id} = ${cities.countryId}`,
  },
};

/**
 * Distinct events attended per bucket of none, one or two distinct bucketings (by the event's
 * start date). `mode` is how the city itself took part; `criteria` narrow the events.
 */
export async function eventsAttendedBy(
  db: Db,
  scope: { cityId: number; range: DateRange; mode?: "IN_PERSON" | "ONLINE" | null; criteria?: EventCriteria },
  bucketings: readonly EventBucketing[],
): Promise<Bucketed<number>[]> {
  const dims = bucketings.map((b) => eventBuckets[b]);
  const columns = bucketColumns(dims);
  const grouped = dims.length > 0;
  const rows = await selectRows<Record<string, unknown>>(
    db,
    sql`
    select ${grouped ? sql`${columns.select}, ` : sql``}count(distinct ${attendances.eventId}) as attended
    from ${attendances} join ${events} on ${events.id} = ${attendances.eventId} ${sql.join(
      dims.map((d) => d.join ?? sql``),
      sql` `,
    )}
    where ${and(
      eq(attendances.cityId, scope.cityId),
      between(events.startDate, scope.range.from, scope.range.to),
      scope.mode ? eq(attendances.mode, scope.mode) : undefined,
      scope.criteria ? eventWhere(scope.criteria) : undefined,
    )}
    ${grouped ? sql`group by ${columns.groupBy} order by ${columns.groupBy}` : sql``}`,
  );
  return rows.map((row) => ({ keys: bucketKeysOf(row, dims), totals: num(row.attended) }));
}

/** The span of a city's trips, for a footprint or series asked for without a period. */
export async function tripDateSpan(db: Db, cityId: number): Promise<DateRange | null> {
  const [row] = await selectRows<{ first: string | null; last: string | null }>(
    db,
    sql`select min(${trips.startDate}) as first, max(${trips.startDate}) as last from ${trips} where ${trips.cityId} = ${cityId}`,
  );
  return row?.first && row.last ? { from: row.first, to: row.last } : null;
}

/** Figures sources report for the city over periods that lie within the range. */
export async function reportedFiguresWithin(db: Db, cityId: number, range: DateRange): Promise<ReportedFigureRow[]> {
  return db
    .select()
    .from(reportedFigures)
    .where(
      and(
        eq(reportedFigures.cityId, cityId),
        gte(reportedFigures.periodFrom, range.from),
        lte(reportedFigures.periodTo, range.to),
      ),
    )
    .orderBy(asc(reportedFigures.periodFrom), asc(reportedFigures.metric), asc(reportedFigures.id));
}

/** Partner cities in an active partnership signed by the day (or with no known signing date). */
export async function activePartnerCities(db: Db, cityId: number, onDay: string): Promise<CityRow[]> {
  const rows = await db
    .select({ city: cities })
    .from(partnerships)
    .innerJoin(cities, eq(cities.id, partnerships.partnerCityId))
    .where(
      and(
        eq(partnerships.cityId, cityId),
        inArray(partnerships.status, ["ACTIVE"]),
        or(isNull(partnerships.signedOn), lte(partnerships.signedOn, onDay)),
      ),
    )
    .orderBy(asc(cities.nameEn));
  return rows.map((r) => r.city);
}
