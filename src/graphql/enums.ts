/**
 * GraphQL enums, registered from the value lists in db/enums.ts so that the database, the seed and
 * the API cannot drift apart.
 */
import { registerEnumType } from "type-graphql";
import * as E from "../../db/enums.js";

type EnumObject<V extends string> = { [K in V]: K };

export function enumOf<const V extends string>(
  values: readonly V[],
  name: string,
  description: string,
  valueDescriptions?: Record<V, string>,
): EnumObject<V> {
  const object = Object.fromEntries(values.map((v) => [v, v])) as EnumObject<V>;
  const valuesConfig = valueDescriptions
    ? (Object.fromEntries(values.map((v) => [v, { description: valueDescriptions[v] }])) as Record<V, { description: string }>)
    : undefined;
  registerEnumType(object, { name, description, valuesConfig });
  return object;
}

/**
 * What each record status means, in the words of the README's "Where the data comes from" (a seed
 * test holds the two to the same text).
 */
export const PROVENANCE_MEANINGS: Record<(typeof E.PROVENANCES)[number], string> = {
  SOURCED: "its citations back every field it states (`unsourcedFields` is empty).",
  PARTLY_SOURCED:
    "a source backs some of its fields, listed in `sourcedFields`; the others, in `unsourcedFields`, are illustrative.",
  ILLUSTRATIVE:
    "no source backs it; it was invented so that the dataset is whole and its counts reproduce the report (trips, dates, delegates and costs; other organisations, events, partner cities). Never present it as fact.",
};

export const LangEnum = enumOf(
  ["FA", "EN"] as const,
  "Lang",
  "A language of the API's bilingual texts: Persian (FA) or English (EN).",
);
export const ProvenanceEnum = enumOf(
  E.PROVENANCES,
  "Provenance",
  "A record's status, derived from its citations field by field (never declared): SOURCED, PARTLY_SOURCED or ILLUSTRATIVE. `sourcedFields` and `unsourcedFields` say which fields stand on a source.",
  PROVENANCE_MEANINGS,
);
export const SourceKindEnum = enumOf(E.SOURCE_KINDS, "SourceKind", "What kind of document a source is.");
export const OrganisationKindEnum = enumOf(E.ORGANISATION_KINDS, "OrganisationKind", "What kind of body an organisation is.");
export const MembershipStatusEnum = enumOf(E.MEMBERSHIP_STATUSES, "MembershipStatus", "Where a membership stands.");
export const MembershipRoleEnum = enumOf(E.MEMBERSHIP_ROLES, "MembershipRole", "The member's role in the organisation.");
export const MembershipCategoryEnum = enumOf(
  E.MEMBERSHIP_CATEGORIES,
  "MembershipCategory",
  "The membership category; the network's own word for it is in `categoryLabel`.",
);
export const DatePrecisionEnum = enumOf(
  E.DATE_PRECISIONS,
  "DatePrecision",
  "How much of a date is known. YEAR: only the year (a start is stored as 1 January, an end as 31 December); MONTH: the year and month (the first or last day of the month); DAY: the exact day.",
);
export const EventKindEnum = enumOf(E.EVENT_KINDS, "EventKind", "What kind of event.");
export const AttendanceModeEnum = enumOf(E.ATTENDANCE_MODES, "AttendanceMode", "How an event is held or attended.");
export const EventStatusEnum = enumOf(E.EVENT_STATUSES, "EventStatus", "Whether an event happened as scheduled.");
export const TripPurposeEnum = enumOf(
  E.TRIP_PURPOSES,
  "TripPurpose",
  "The foreign-trips committee's categories of purpose (source report, fact F7).",
);
export const TripStatusEnum = enumOf(
  E.TRIP_STATUSES,
  "TripStatus",
  "The committee workflow: REQUESTED, then APPROVED or REJECTED; an APPROVED trip is then COMPLETED or CANCELLED (approved but never carried out).",
);
export const DecisionOutcomeEnum = enumOf(E.DECISION_OUTCOMES, "DecisionOutcome", "The committee's decision on a trip request.");
export const FundingEnum = enumOf(E.FUNDINGS, "Funding", "Who paid for a trip.");
export const DelegateRoleEnum = enumOf(E.DELEGATE_ROLES, "DelegateRole", "A delegate's role in the delegation.");
export const PartnershipKindEnum = enumOf(E.PARTNERSHIP_KINDS, "PartnershipKind", "The kind of city-to-city agreement.");
export const PartnershipStatusEnum = enumOf(E.PARTNERSHIP_STATUSES, "PartnershipStatus", "Where a partnership stands.");
export const MetricEnum = enumOf(E.METRICS, "Metric", "A figure computed from records or reported by a source.");
export const SortDirectionEnum = enumOf(["ASC", "DESC"] as const, "SortDirection", "Ascending or descending.");
