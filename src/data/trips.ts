/** Trips: filters, orderings and the queries behind trip lists and trip relations. */
import { and, asc, eq, or, sql } from "drizzle-orm";
import type { Db } from "../../db/connection.js";
import { inKeyList, keyListParam } from "../../db/dialect/queries.js";
import type { Provenance, TripPurpose, TripStatus } from "../../db/enums.js";
import { events, organisations, tripDelegates, tripEvents, tripLegs, tripOrganisations, trips } from "../../db/schema.js";
import type { ResolvedPeriod } from "../lib/period.js";
import { cityIn, cityInCountries, equals, inList, inPeriod, organisationIn, type EntityRef } from "./conditions.js";
import { nullsAs, sortKeys, type OrderTerm, type SortableField } from "./ordering.js";
import type { ListSpec } from "./pagination.js";
import { prepared } from "./prepared.js";
import { groupBy } from "../lib/collections.js";
import type { EventRow, OrganisationRow, TripDelegateRow, TripRow } from "./rows.js";
import { citing, type CitesCriteria } from "./sources.js";

export interface TripCriteria {
  status?: readonly TripStatus[] | null;
  purpose?: readonly TripPurpose[] | null;
  /** ISO codes: trips with at least one destination in one of these countries. */
  countries?: readonly string[] | null;
  /** Trips with at least one destination among these cities. */
  destinations?: readonly EntityRef[] | null;
  /** The requesting city. */
  cities?: readonly EntityRef[] | null;
  /** Trips linked to one of these organisations. */
  organisations?: readonly EntityRef[] | null;
  /** By start date. */
  period?: ResolvedPeriod | null;
  headedByMayor?: boolean | null;
  requestingUnit?: string | null;
  provenance?: Provenance | null;
  /** Records citing this source (at this fact). */
  cites?: CitesCriteria | null;
}

export const TRIP_ORDER_FIELDS = ["START_DATE", "DELEGATION_SIZE", "UPDATED_AT", "CODE"] as const;
export type TripOrderField = (typeof TRIP_ORDER_FIELDS)[number];

const sortable: Record<TripOrderField, SortableField<TripRow>> = {
  START_DATE: { sql: trips.startDate, value: (r) => r.startDate },
  DELEGATION_SIZE: { sql: trips.delegationSize, value: (r) => r.delegationSize },
  UPDATED_AT: { sql: trips.updatedAt, value: (r) => r.updatedAt },
  CODE: nullsAs(trips.code, "", (r) => r.code),
};

export function tripWhere(c: TripCriteria) {
  return and(
    inList(trips.status, c.status),
    inList(trips.purpose, c.purpose),
    c.countries?.length
      ? sql`${trips.id} in (select ${tripLegs.tripId} from ${tripLegs} where ${cityInCountries(tripLegs.cityId, c.countries)})`
      : undefined,
    c.destinations?.length
      ? sql`${trips.id} in (select ${tripLegs.tripId} from ${tripLegs} where ${cityIn(tripLegs.cityId, c.destinations)})`
      : undefined,
    cityIn(trips.cityId, c.cities),
    c.organisations?.length
      ? sql`${trips.id} in (select ${tripOrganisations.tripId} from ${tripOrganisations} where ${organisationIn(tripOrganisations.organisationId, c.organisations)})`
      : undefined,
    inPeriod({ date: trips.startDate, jalaliYear: trips.startJy, jalaliMonth: trips.startJm }, c.period),
    equals(trips.headedByMayor, c.headedByMayor),
    // The unit as written (Persian in the seed) or its English.
    c.requestingUnit ? or(eq(trips.requestingUnit, c.requestingUnit), eq(trips.requestingUnitEn, c.requestingUnit)) : undefined,
    equals(trips.provenance, c.provenance),
    citing("TRIP", trips.id, c.cites),
  );
}

export function tripList(criteria: TripCriteria, order?: readonly OrderTerm<TripOrderField>[] | null): ListSpec<TripRow> {
  return {
    table: trips,
    where: tripWhere(criteria),
    order: sortKeys(sortable, order, [{ field: "START_DATE", direction: "DESC" }]),
  };
}

/** Destination city ids per trip, in leg order. */
export async function legCityIdsByTrip(db: Db, tripIds: readonly number[]): Promise<Map<number, number[]>> {
  const statement = prepared(db, "trip_leg_cities_by_trip", () =>
    db
      .select({ tripId: tripLegs.tripId, cityId: tripLegs.cityId })
      .from(tripLegs)
      .where(inKeyList(tripLegs.tripId))
      .orderBy(asc(tripLegs.tripId), asc(tripLegs.position)),
  );
  const rows = (await statement.rows({ keys: keyListParam(tripIds) })) as { tripId: number; cityId: number }[];
  return groupBy(
    rows,
    (r) => r.tripId,
    (r) => r.cityId,
  );
}

/** A column of trip_delegates a delegate's fields are read from (its trip and order are always read). */
export type TripDelegateColumn = Exclude<keyof TripDelegateRow, "id" | "tripId" | "position">;

/** Delegates with only `columns` read (besides their trip): the fields a query selects need no more. */
export type TripDelegateColumns<C extends TripDelegateColumn = TripDelegateColumn> = Pick<TripDelegateRow, "tripId" | C>;

/**
 * Delegates per trip, in delegation order, with the columns asked for: one prepared statement
 * per column list (the look-ahead bounds how many lists there are).
 */
export async function delegatesByTrip(
  db: Db,
  tripIds: readonly number[],
  columns: readonly TripDelegateColumn[],
): Promise<Map<number, TripDelegateColumns[]>> {
  const statement = prepared(db, `trip_delegates_by_trip:${columns.join(",")}`, () =>
    db
      .select({ tripId: tripDelegates.tripId, ...Object.fromEntries(columns.map((c) => [c, tripDelegates[c]])) })
      .from(tripDelegates)
      .where(inKeyList(tripDelegates.tripId))
      .orderBy(asc(tripDelegates.tripId), asc(tripDelegates.position)),
  );
  const rows = (await statement.rows({ keys: keyListParam(tripIds) })) as TripDelegateColumns[];
  return groupBy(
    rows,
    (r) => r.tripId,
    (r) => r,
  );
}

export async function eventsByTrip(db: Db, tripIds: readonly number[]): Promise<Map<number, EventRow[]>> {
  const statement = prepared(db, "trip_events_by_trip", () =>
    db
      .select({ tripId: tripEvents.tripId, event: events })
      .from(tripEvents)
      .innerJoin(events, eq(events.id, tripEvents.eventId))
      .where(inKeyList(tripEvents.tripId))
      .orderBy(asc(events.startDate), asc(events.id)),
  );
  const rows = (await statement.rows({ keys: keyListParam(tripIds) })) as { tripId: number; event: EventRow }[];
  return groupBy(
    rows,
    (r) => r.tripId,
    (r) => r.event,
  );
}

export async function tripsByEvent(db: Db, eventIds: readonly number[]): Promise<Map<number, TripRow[]>> {
  const statement = prepared(db, "trips_by_event", () =>
    db
      .select({ eventId: tripEvents.eventId, trip: trips })
      .from(tripEvents)
      .innerJoin(trips, eq(trips.id, tripEvents.tripId))
      .where(inKeyList(tripEvents.eventId))
      .orderBy(asc(trips.startDate), asc(trips.id)),
  );
  const rows = (await statement.rows({ keys: keyListParam(eventIds) })) as { eventId: number; trip: TripRow }[];
  return groupBy(
    rows,
    (r) => r.eventId,
    (r) => r.trip,
  );
}

export async function organisationsByTrip(db: Db, tripIds: readonly number[]): Promise<Map<number, OrganisationRow[]>> {
  const statement = prepared(db, "trip_organisations_by_trip", () =>
    db
      .select({ tripId: tripOrganisations.tripId, organisation: organisations })
      .from(tripOrganisations)
      .innerJoin(organisations, eq(organisations.id, tripOrganisations.organisationId))
      .where(inKeyList(tripOrganisations.tripId))
      .orderBy(asc(organisations.slug)),
  );
  const rows = (await statement.rows({ keys: keyListParam(tripIds) })) as { tripId: number; organisation: OrganisationRow }[];
  return groupBy(
    rows,
    (r) => r.tripId,
    (r) => r.organisation,
  );
}
