/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { JsonValue, LocalDate } from '../scalars.js';
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** How an event is held or attended. */
export type AttendanceMode =
  | 'HYBRID'
  | 'IN_PERSON'
  | 'ONLINE';

/** The calendar a period is counted in. */
export type Calendar =
  | 'GREGORIAN'
  | 'JALALI';

/** How complete a city's records are for some days, as a source states it. COMPLETE: every record of those days is in; PARTIAL: some are (or the days mix statuses); NOT_PUBLISHED: the records of those days are not published yet; UNKNOWN: no source says (so a 0 there is not known to be a 0). */
export type CoverageStatus =
  | 'COMPLETE'
  | 'NOT_PUBLISHED'
  | 'PARTIAL'
  | 'UNKNOWN';

/** How `series` buckets its points. MONTH / YEAR: Gregorian, keys "2022-09" / "2022"; JALALI_MONTH / JALALI_YEAR: keys "1401-06" / "1401" (time buckets are all present, empty ones as 0); COUNTRY: ISO code of a destination (a trip counts once in each country it visited) or of an event's host; PURPOSE: trip purpose (all purposes, empty ones as 0); ORGANISATION: slug of a linked organisation or an event's organiser; ATTENDANCE_MODE: how events were attended (EVENTS_ATTENDED only); REQUESTING_UNIT: the requesting municipal unit (trip metrics only). */
export type Grouping =
  | 'ATTENDANCE_MODE'
  | 'COUNTRY'
  | 'JALALI_MONTH'
  | 'JALALI_YEAR'
  | 'MONTH'
  | 'ORGANISATION'
  | 'PURPOSE'
  | 'REQUESTING_UNIT'
  | 'YEAR';

/** The member's role in the organisation. */
export type MembershipRole =
  | 'BOARD_MEMBER'
  | 'MEMBER'
  | 'OBSERVER'
  | 'PRESIDENT'
  | 'SECRETARIAT'
  | 'VICE_PRESIDENT';

/** Where a membership stands. */
export type MembershipStatus =
  | 'ACTIVE'
  | 'APPLIED'
  | 'ENDED'
  | 'LAPSED'
  | 'SUSPENDED';

/** A figure computed from records or reported by a source. */
export type Metric =
  | 'AVERAGE_DELEGATION_SIZE'
  | 'EVENTS_ATTENDED'
  | 'NOT_CARRIED_OUT_RATE'
  | 'PARTICIPANTS'
  | 'PARTICIPANTS_PER_MONTH'
  | 'REJECTION_RATE'
  | 'TRIPS_CANCELLED'
  | 'TRIPS_COMPLETED'
  | 'TRIPS_PER_MONTH'
  | 'TRIPS_REJECTED'
  | 'TRIPS_REQUESTED';

/** An inclusive period, given either as ISO dates (`from`, `to`; either may be left open) or as Jalali parts (`jalaliYear` with optional `jalaliMonthFrom` / `jalaliMonthTo`, default 1 and 12, and `jalaliYearTo` for a span over the Jalali new year: Dey 1401 .. Khordad 1402 is `{ jalaliYear: 1401, jalaliMonthFrom: 10, jalaliYearTo: 1402, jalaliMonthTo: 3 }`). A Jalali period covers whole months: from the 1st of the first month to the last day of the last (29 or 30 Esfand in common and leap years). Mixing the two forms, or a range that runs backwards, is a BAD_USER_INPUT error; so is a date before 1700 (it looks Jalali: use `jalaliYear`) and a Jalali year outside 1078..1500 (2022 looks Gregorian: give dates). */
export type PeriodInput = {
  from?: LocalDate | null | undefined;
  /** 1 (Farvardin) .. 12 (Esfand). */
  jalaliMonthFrom?: number | null | undefined;
  /** 1 (Farvardin) .. 12 (Esfand). */
  jalaliMonthTo?: number | null | undefined;
  /** A Jalali year, e.g. 1401 (2022-03-21 .. 2023-03-20). */
  jalaliYear?: number | null | undefined;
  /** The Jalali year `jalaliMonthTo` belongs to, for a period over the Jalali new year (default: `jalaliYear`). */
  jalaliYearTo?: number | null | undefined;
  to?: LocalDate | null | undefined;
};

/** What a coverage statement says of its days: COMPLETE, PARTIAL or NOT_PUBLISHED (see CoverageStatus). */
export type StatedCoverage =
  | 'COMPLETE'
  | 'NOT_PUBLISHED'
  | 'PARTIAL';

export type DashboardQueryVariables = Exact<{
  city?: string | number | null | undefined;
  period: PeriodInput;
  monthly: Grouping;
}>;


export type DashboardQuery = { footprint: { tripsRequested: number, tripsRejected: number, tripsApproved: number, tripsCancelled: number, tripsCompleted: number, participants: number, rejectionRate: number, notCarriedOutRate: number, averageDelegationSize: number, tripsPerMonth: number, tripsWithoutCost: number, geojson: JsonValue, city: { slug: string, latitude: number | null, longitude: number | null, name: { fa: string | null, en: string | null }, memberships: { nodes: Array<{ id: string, role: MembershipRole, status: MembershipStatus, startDate: LocalDate | null, endDate: LocalDate | null, organisation: { slug: string, acronym: string | null, name: { fa: string | null, en: string | null } } }> } }, period: { calendar: Calendar, from: LocalDate, to: LocalDate, months: number, fromJalali: { iso: string }, toJalali: { iso: string } }, costTotals: Array<{ trips: number, total: { currency: string, amount: number } }>, coverage: { status: CoverageStatus, days: number, completeDays: number, unknownDays: number, statements: Array<{ from: LocalDate, to: LocalDate, status: StatedCoverage, source: { title: string } }> }, reportedFigures: Array<{ metric: Metric, mode: AttendanceMode | null, reported: number, computed: number | null, period: { from: LocalDate, to: LocalDate, fromJalali: { iso: string }, toJalali: { iso: string } }, source: { title: string, publisher: string | null, publishedOn: LocalDate | null, locator: string | null, url: string | null } }> }, monthly: Array<{ key: string, value: number, coverage: CoverageStatus, label: { fa: string | null, en: string | null } }>, purposes: Array<{ key: string, value: number, label: { fa: string | null, en: string | null } }> };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const DashboardDocument = new TypedDocumentString(`
    query Dashboard($city: ID, $period: PeriodInput!, $monthly: Grouping!) {
  footprint(city: $city, period: $period) {
    city {
      slug
      name {
        fa
        en
      }
      latitude
      longitude
      memberships(first: 100) {
        nodes {
          id
          role
          status
          startDate
          endDate
          organisation {
            slug
            acronym
            name {
              fa
              en
            }
          }
        }
      }
    }
    period {
      calendar
      from
      to
      months
      fromJalali {
        iso
      }
      toJalali {
        iso
      }
    }
    tripsRequested
    tripsRejected
    tripsApproved
    tripsCancelled
    tripsCompleted
    participants
    rejectionRate
    notCarriedOutRate
    averageDelegationSize
    tripsPerMonth
    costTotals {
      trips
      total {
        currency
        amount
      }
    }
    tripsWithoutCost
    coverage {
      status
      days
      completeDays
      unknownDays
      statements {
        from
        to
        status
        source {
          title
        }
      }
    }
    geojson
    reportedFigures {
      metric
      mode
      reported
      computed
      period {
        from
        to
        fromJalali {
          iso
        }
        toJalali {
          iso
        }
      }
      source {
        title
        publisher
        publishedOn
        locator
        url
      }
    }
  }
  monthly: series(
    metric: TRIPS_COMPLETED
    groupBy: $monthly
    period: $period
    city: $city
  ) {
    key
    label {
      fa
      en
    }
    value
    coverage
  }
  purposes: series(
    metric: TRIPS_REQUESTED
    groupBy: PURPOSE
    period: $period
    city: $city
  ) {
    key
    label {
      fa
      en
    }
    value
  }
}
    `) as unknown as TypedDocumentString<DashboardQuery, DashboardQueryVariables>;