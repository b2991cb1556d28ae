/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DateTime, LocalDate } from '../scalars.js';
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** How an event is held or attended. */
export type AttendanceMode =
  | 'HYBRID'
  | 'IN_PERSON'
  | 'ONLINE';

/** UPSERT: created or updated; DELETE: a tombstone, the record is gone. */
export type ChangeOp =
  | 'DELETE'
  | 'UPSERT';

/** The kind of record a change is about. */
export type ChangeType =
  | 'ATTENDANCE'
  | 'CITY'
  | 'EVENT'
  | 'MEMBERSHIP'
  | 'ORGANISATION'
  | 'PARTNERSHIP'
  | 'TRIP';

/** A delegate's role in the delegation. */
export type DelegateRole =
  | 'EXPERT'
  | 'HEAD'
  | 'MEMBER';

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

/** A record's status, derived from its citations field by field (never declared): SOURCED, PARTLY_SOURCED or ILLUSTRATIVE. `sourcedFields` and `unsourcedFields` say which fields stand on a source. */
export type Provenance =
  /** no source backs it; it was invented so that the dataset is whole and its counts reproduce the report (trips, dates, delegates and costs; other organisations, events, partner cities). Never present it as fact. */
  | 'ILLUSTRATIVE'
  /** a source backs some of its fields, listed in `sourcedFields`; the others, in `unsourcedFields`, are illustrative. */
  | 'PARTLY_SOURCED'
  /** its citations back every field it states (`unsourcedFields` is empty). */
  | 'SOURCED';

/** The foreign-trips committee's categories of purpose (source report, fact F7). */
export type TripPurpose =
  | 'BILATERAL_NEGOTIATION'
  | 'COMPETITION'
  | 'CULTURAL_WEEK'
  | 'EXHIBITION'
  | 'GOVERNMENT_DELEGATION'
  | 'PROJECT_VISIT'
  | 'SUMMIT'
  | 'TRAINING';

/** INVALID: a value is malformed or out of range. NOT_FOUND: a referenced record does not exist. CONFLICT: the write contradicts the record's state (a workflow step that is not allowed, an idempotency key reused with another input, a duplicate). VERSION_MISMATCH: `expectedVersion` is not the record's version. FORBIDDEN: the key may not write this. */
export type UserErrorCode =
  | 'CONFLICT'
  | 'FORBIDDEN'
  | 'INVALID'
  | 'NOT_FOUND'
  | 'VERSION_MISMATCH';

export type SearchHitsQueryVariables = Exact<{
  text: string;
  first?: number | null | undefined;
}>;


export type SearchHitsQuery = { search: Array<
    | { __typename: 'City', id: string, slug: string, name: { en: string | null } }
    | { __typename: 'Country', id: string, code: string, name: { en: string | null } }
    | { __typename: 'Event', id: string, startDate: LocalDate, name: { en: string | null } }
    | { __typename: 'Organisation', id: string, slug: string, acronym: string | null, name: { en: string | null } }
    | { __typename: 'Trip', id: string, code: string, startDate: LocalDate, title: { en: string | null } }
  > };

export type DashboardFootprintQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardFootprintQuery = { footprint: { tripsRequested: number, tripsRejected: number, tripsApproved: number, tripsCancelled: number, tripsCompleted: number, rejectionRate: number, notCarriedOutRate: number, participants: number, averageDelegationSize: number, tripsPerMonth: number, eventsAttended: number, period: { from: LocalDate, to: LocalDate, fromJalali: { iso: string }, toJalali: { iso: string } }, countriesVisited: Array<{ trips: number, participants: number, country: { code: string, name: { en: string | null, fa: string | null } } }>, activeMemberships: Array<{ role: MembershipRole, startDate: LocalDate | null, organisation: { acronym: string | null, name: { en: string | null } } }>, reportedFigures: Array<{ metric: Metric, reported: number, computed: number | null, source: { title: string, publishedOn: LocalDate | null } }> }, series: Array<{ key: string, value: number, label: { fa: string | null, en: string | null } }> };

export type PartnerSyncMutationVariables = Exact<{
  key: string;
}>;


export type PartnerSyncMutation = { syncMemberships: { memberships: Array<{ id: string, externalId: string | null, status: MembershipStatus, version: number }>, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type PartnerChangesQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type PartnerChangesQuery = { changes: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { cursor: string, type: ChangeType, op: ChangeOp, id: string, version: number, at: DateTime } }> } };

export type ResearcherTripsQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type ResearcherTripsQuery = { trips: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, code: string, purpose: TripPurpose, startDate: LocalDate, delegationSize: number, provenance: Provenance, title: { fa: string | null, en: string | null }, startJalali: { iso: string, monthName: string | null }, destinations: Array<{ name: { en: string | null }, country: { code: string } }>, delegates: Array<{ role: DelegateRole, positionText: { fa: string | null, en: string | null } }>, organisations: Array<{ acronym: string | null }>, events: Array<{ format: AttendanceMode, name: { en: string | null } }>, sources: Array<{ title: string, url: string | null }> } }> } };

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

export const SearchHitsDocument = new TypedDocumentString(`
    query SearchHits($text: String!, $first: Int) {
  search(text: $text, first: $first) {
    __typename
    ... on City {
      id
      slug
      name {
        en
      }
    }
    ... on Country {
      id
      code
      name {
        en
      }
    }
    ... on Organisation {
      id
      slug
      acronym
      name {
        en
      }
    }
    ... on Event {
      id
      name {
        en
      }
      startDate
    }
    ... on Trip {
      id
      code
      title {
        en
      }
      startDate
    }
  }
}
    `) as unknown as TypedDocumentString<SearchHitsQuery, SearchHitsQueryVariables>;
export const DashboardFootprintDocument = new TypedDocumentString(`
    query DashboardFootprint {
  footprint(period: {jalaliYear: 1401, jalaliMonthFrom: 6, jalaliMonthTo: 12}) {
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
    tripsRequested
    tripsRejected
    tripsApproved
    tripsCancelled
    tripsCompleted
    rejectionRate
    notCarriedOutRate
    participants
    averageDelegationSize
    tripsPerMonth
    eventsAttended(mode: ONLINE)
    countriesVisited {
      country {
        code
        name {
          en
          fa
        }
      }
      trips
      participants
    }
    activeMemberships {
      organisation {
        acronym
        name {
          en
        }
      }
      role
      startDate
    }
    reportedFigures {
      metric
      reported
      computed
      source {
        title
        publishedOn
      }
    }
  }
  series(
    metric: TRIPS_COMPLETED
    groupBy: JALALI_MONTH
    period: {jalaliYear: 1401}
  ) {
    key
    label {
      fa
      en
    }
    value
  }
}
    `) as unknown as TypedDocumentString<DashboardFootprintQuery, DashboardFootprintQueryVariables>;
export const PartnerSyncDocument = new TypedDocumentString(`
    mutation PartnerSync($key: String!) {
  syncMemberships(
    input: {idempotencyKey: $key, source: "metropolis-registry", memberships: [{externalId: "MET-TEH-001", organisation: "metropolis", member: "tehran", status: ACTIVE, role: MEMBER, startDate: "2005-01-01"}]}
  ) {
    memberships {
      id
      externalId
      status
      version
    }
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<PartnerSyncMutation, PartnerSyncMutationVariables>;
export const PartnerChangesDocument = new TypedDocumentString(`
    query PartnerChanges($after: String) {
  changes(after: $after, first: 100, types: [MEMBERSHIP]) {
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        cursor
        type
        op
        id
        version
        at
      }
    }
  }
}
    `) as unknown as TypedDocumentString<PartnerChangesQuery, PartnerChangesQueryVariables>;
export const ResearcherTripsDocument = new TypedDocumentString(`
    query ResearcherTrips($after: String) {
  trips(
    first: 20
    after: $after
    filter: {status: [COMPLETED], countries: ["IQ"], period: {jalaliYear: 1401}}
    orderBy: [{field: START_DATE, direction: DESC}]
  ) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      cursor
      node {
        id
        code
        title {
          fa
          en
        }
        purpose
        startDate
        startJalali {
          iso
          monthName(lang: EN)
        }
        destinations {
          name {
            en
          }
          country {
            code
          }
        }
        delegationSize
        delegates {
          positionText {
            fa
            en
          }
          role
        }
        organisations {
          acronym
        }
        events {
          name {
            en
          }
          format
        }
        sources {
          title
          url
        }
        provenance
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ResearcherTripsQuery, ResearcherTripsQueryVariables>;