/**
 * The domain's closed vocabularies, declared once. The database columns, the seed types and the
 * GraphQL enums are all built from these lists, so a new value is added in one place.
 */
export const PROVENANCES = ["SOURCED", "PARTLY_SOURCED", "ILLUSTRATIVE"] as const;
export const SOURCE_KINDS = ["NEWS", "COUNCIL_SESSION", "OFFICIAL_DOCUMENT", "PARTNER_SYNC", "DATA_ENTRY"] as const;
export const RECORD_TYPES = [
  "COUNTRY",
  "CITY",
  "ORGANISATION",
  "MEMBERSHIP",
  "EVENT",
  "ATTENDANCE",
  "TRIP",
  "PARTNERSHIP",
  "SOURCE",
  "REPORTED_FIGURE",
] as const;
export const ORGANISATION_KINDS = [
  "CITY_NETWORK",
  "PROFESSIONAL_SOCIETY",
  "INTERGOVERNMENTAL",
  "UN_AGENCY",
  "GOVERNMENT",
  "COMPANY",
  "OTHER",
] as const;
export const MEMBERSHIP_STATUSES = ["APPLIED", "ACTIVE", "SUSPENDED", "LAPSED", "ENDED"] as const;
export const MEMBERSHIP_ROLES = ["MEMBER", "OBSERVER", "BOARD_MEMBER", "VICE_PRESIDENT", "PRESIDENT", "SECRETARIAT"] as const;
export const MEMBERSHIP_CATEGORIES = ["FULL", "ASSOCIATE", "INSTITUTIONAL", "FRIENDSHIP", "CORPORATE", "OTHER"] as const;
export const DATE_PRECISIONS = ["YEAR", "MONTH", "DAY"] as const;
export const EVENT_KINDS = [
  "CONGRESS",
  "GENERAL_ASSEMBLY",
  "SUMMIT",
  "EXHIBITION",
  "TRAINING",
  "COMPETITION",
  "CULTURAL_WEEK",
  "NEGOTIATION",
  "CONFERENCE",
  "OTHER",
] as const;
/** How an event is held. */
export const ATTENDANCE_MODES = ["IN_PERSON", "ONLINE", "HYBRID"] as const;
/** How one city took part: a hybrid event is attended either in person or online. */
export const PARTICIPATION_MODES = ["IN_PERSON", "ONLINE"] as const;
/** How complete a city's records are for a stretch of days, as a source states it (table coverage). */
export const COVERAGE_STATUSES = ["COMPLETE", "PARTIAL", "NOT_PUBLISHED"] as const;
export const EVENT_STATUSES = ["SCHEDULED", "CANCELLED", "POSTPONED", "RESCHEDULED", "MOVED_ONLINE"] as const;
export const TRIP_PURPOSES = [
  "SUMMIT",
  "EXHIBITION",
  "PROJECT_VISIT",
  "TRAINING",
  "COMPETITION",
  "BILATERAL_NEGOTIATION",
  "CULTURAL_WEEK",
  "GOVERNMENT_DELEGATION",
] as const;
export const TRIP_STATUSES = ["REQUESTED", "APPROVED", "REJECTED", "CANCELLED", "COMPLETED"] as const;
export const DECISION_OUTCOMES = ["APPROVED", "REJECTED"] as const;
export const FUNDINGS = ["MUNICIPALITY", "HOST", "INTERNATIONAL_ORGANISATION", "MIXED"] as const;
export const DELEGATE_ROLES = ["HEAD", "MEMBER", "EXPERT"] as const;
export const PARTNERSHIP_KINDS = ["SISTER_CITY", "FRIENDSHIP", "MEMORANDUM", "COOPERATION_AGREEMENT"] as const;
export const PARTNERSHIP_STATUSES = ["PROPOSED", "ACTIVE", "DORMANT", "ENDED"] as const;
export const METRICS = [
  "TRIPS_REQUESTED",
  "TRIPS_COMPLETED",
  "TRIPS_REJECTED",
  "TRIPS_CANCELLED",
  "PARTICIPANTS",
  "AVERAGE_DELEGATION_SIZE",
  "EVENTS_ATTENDED",
  "REJECTION_RATE",
  "NOT_CARRIED_OUT_RATE",
  "TRIPS_PER_MONTH",
  "PARTICIPANTS_PER_MONTH",
] as const;

export const API_KEY_ROLES = ["EDITOR", "PARTNER", "ADMIN"] as const;
export const CHANGE_TYPES = ["ORGANISATION", "MEMBERSHIP", "TRIP", "EVENT", "PARTNERSHIP", "CITY", "ATTENDANCE"] as const;
export const CHANGE_OPS = ["UPSERT", "DELETE"] as const;
export const AUDIT_OUTCOMES = ["APPLIED", "UNCHANGED", "REJECTED", "REPLAYED", "FORBIDDEN"] as const;

export type ApiKeyRole = (typeof API_KEY_ROLES)[number];
export type ChangeType = (typeof CHANGE_TYPES)[number];
export type ChangeOp = (typeof CHANGE_OPS)[number];
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];
export type Provenance = (typeof PROVENANCES)[number];
export type SourceKind = (typeof SOURCE_KINDS)[number];
export type RecordType = (typeof RECORD_TYPES)[number];
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];
export type MembershipCategory = (typeof MEMBERSHIP_CATEGORIES)[number];
export type DatePrecision = (typeof DATE_PRECISIONS)[number];
export type EventKind = (typeof EVENT_KINDS)[number];
export type AttendanceMode = (typeof ATTENDANCE_MODES)[number];
export type ParticipationMode = (typeof PARTICIPATION_MODES)[number];
export type CoverageStatus = (typeof COVERAGE_STATUSES)[number];
export type EventStatus = (typeof EVENT_STATUSES)[number];
export type TripPurpose = (typeof TRIP_PURPOSES)[number];
export type TripStatus = (typeof TRIP_STATUSES)[number];
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];
export type Funding = (typeof FUNDINGS)[number];
export type DelegateRole = (typeof DELEGATE_ROLES)[number];
export type PartnershipKind = (typeof PARTNERSHIP_KINDS)[number];
export type PartnershipStatus = (typeof PARTNERSHIP_STATUSES)[number];
export type Metric = (typeof METRICS)[number];
