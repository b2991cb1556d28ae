/**
 * The shape of the seed dataset: plain data, keyed by stable seed keys and slugs, with no database
 * ids. The loader (`seeds/loadSeed.ts`) resolves references and writes rows; everything here is
 * checked by `test/seed.test.ts` against the figures seeds/sources/tehran-press-47801.md says the records must reproduce.
 *
 * Provenance rule: a record says what backs it, field by field. Each entry of `citations` names a
 * source (a facts file, seeds/sources/<id>.md), the fact in it, and the record's fields that fact
 * states (names as in this file; trips also have `countries` and `delegationSize`, see
 * src/lib/recordFields.ts). The status is derived, never declared (seeds/provenance.ts): SOURCED
 * when citations back every field the record states, PARTLY_SOURCED when they back some,
 * ILLUSTRATIVE when there are none. `shapedBy` lists report facts an invented record was shaped by
 * (e.g. a trip whose country comes from F6): context, not support.
 */

export type Provenance = "SOURCED" | "PARTLY_SOURCED" | "ILLUSTRATIVE";
/** ISO calendar date, `YYYY-MM-DD` (Gregorian). */
export type IsoDate = string;
export type DatePrecision = "YEAR" | "MONTH" | "DAY";

/** One fact of one source backing some of a record's fields. */
export interface SeedSourceCitation {
  /** A source id: the name of its facts file, seeds/sources/<id>.md. */
  source: string;
  /** The fact number in that file, e.g. "F5". */
  fact: string;
  /** The record's fields the fact states; each must be listed for this record in the file's table. */
  fields: string[];
  /**
   * Fields the fact states with another value than the record's (sources disagree): the value as
   * the source gives it. Listed in the file's table like `fields`; the record follows its other
   * citations for them, and this one keeps the source's word.
   */
  otherwise?: Record<string, string>;
}

export interface SeedCitation {
  /** What backs the record, field by field; empty for an invented (ILLUSTRATIVE) record. */
  citations: SeedSourceCitation[];
  /** Facts of the report an invented record was shaped by; not support. */
  shapedBy?: string[];
}

export interface SeedCity extends SeedCitation {
  slug: string; // "tehran", "najaf"
  nameFa: string;
  nameEn: string;
  country: string; // ISO 3166-1 alpha-2
  latitude: number;
  longitude: number;
  population?: number;
}

export type OrganisationKind =
  "CITY_NETWORK" | "PROFESSIONAL_SOCIETY" | "INTERGOVERNMENTAL" | "UN_AGENCY" | "GOVERNMENT" | "COMPANY" | "OTHER";

export interface SeedOrganisation extends SeedCitation {
  slug: string; // "metropolis", "wego", "isocarp"
  acronym?: string;
  nameFa: string;
  nameEn: string;
  kind: OrganisationKind;
  focus: string[];
  website?: string;
  headquarters?: string; // city slug
  /** One of the 9 bodies the municipality monitors (F13). */
  monitored: boolean;
}

export interface SeedMembership extends SeedCitation {
  key: string; // stable seed key, e.g. "tehran-wego"
  member: string; // city slug
  organisation: string; // organisation slug
  via?: string; // organisation slug (a regional section or national association)
  status: "APPLIED" | "ACTIVE" | "SUSPENDED" | "LAPSED" | "ENDED";
  category: "FULL" | "ASSOCIATE" | "INSTITUTIONAL" | "FRIENDSHIP" | "CORPORATE" | "OTHER";
  categoryLabel?: string; // the network's own word, e.g. "Full member"
  role: "MEMBER" | "OBSERVER" | "BOARD_MEMBER" | "VICE_PRESIDENT" | "PRESIDENT" | "SECRETARIAT";
  startDate?: IsoDate;
  startPrecision?: DatePrecision;
  endDate?: IsoDate;
  endPrecision?: DatePrecision;
  externalIds?: { scheme: string; value: string }[];
}

export type EventKind =
  | "CONGRESS"
  | "GENERAL_ASSEMBLY"
  | "SUMMIT"
  | "EXHIBITION"
  | "TRAINING"
  | "COMPETITION"
  | "CULTURAL_WEEK"
  | "NEGOTIATION"
  | "CONFERENCE"
  | "OTHER";
export type AttendanceMode = "IN_PERSON" | "ONLINE" | "HYBRID";

export interface SeedEvent extends SeedCitation {
  key: string; // "metropolis-assembly-1401"
  nameFa: string;
  nameEn: string;
  kind: EventKind;
  format: AttendanceMode; // how the event itself was held
  status: "SCHEDULED" | "CANCELLED" | "POSTPONED" | "RESCHEDULED" | "MOVED_ONLINE";
  organiser?: string; // organisation slug
  host?: string; // city slug
  startDate: IsoDate;
  endDate?: IsoDate;
}

export interface SeedAttendance extends SeedCitation {
  key: string;
  city: string; // city slug (the participant, normally "tehran")
  event: string; // event key
  mode: "IN_PERSON" | "ONLINE";
  trip?: string; // trip key (in-person attendances made on a trip)
  membership?: string; // membership key that motivated it
  outcomes: string[];
}

export type TripPurpose =
  | "SUMMIT"
  | "EXHIBITION"
  | "PROJECT_VISIT"
  | "TRAINING"
  | "COMPETITION"
  | "BILATERAL_NEGOTIATION"
  | "CULTURAL_WEEK"
  | "GOVERNMENT_DELEGATION";
export type TripStatus = "REQUESTED" | "APPROVED" | "REJECTED" | "CANCELLED" | "COMPLETED";

export interface SeedDelegate {
  /** Only for public officials (the mayor, a deputy mayor, a council member); null otherwise. */
  nameFa?: string;
  nameEn?: string;
  position: string; // e.g. "کارشناس ارشد" / "Senior expert": stored as given (Persian preferred)
  unit?: string;
  role: "HEAD" | "MEMBER" | "EXPERT";
}

export interface SeedTrip extends SeedCitation {
  key: string; // "trip-1401-07"
  code: string; // committee file number, e.g. "CFT-1401-0007"
  titleFa: string;
  titleEn: string;
  purpose: TripPurpose;
  status: TripStatus;
  city: string; // the requesting city's slug ("tehran")
  requestingUnit: string;
  requestedOn: IsoDate;
  /** Present for every status but REQUESTED. CANCELLED and COMPLETED trips were APPROVED. */
  decision?: { outcome: "APPROVED" | "REJECTED"; decidedOn: IsoDate; reason?: string };
  /** Planned dates for requested/rejected/cancelled trips, actual dates for completed ones. */
  startDate: IsoDate;
  endDate: IsoDate;
  /** Ordered legs; the first leg is the first destination. */
  destinations: string[]; // city slugs
  delegates: SeedDelegate[]; // delegation size = delegates.length
  headedByMayor: boolean;
  events: string[]; // event keys
  organisations: string[]; // organisation slugs
  invitedBy?: string; // organisation slug
  funding?: "MUNICIPALITY" | "HOST" | "INTERNATIONAL_ORGANISATION" | "MIXED";
  cost?: { amountMinor: number; currency: string };
  reportSubmittedOn?: IsoDate;
}

export interface SeedPartnership extends SeedCitation {
  key: string;
  city: string; // city slug ("tehran")
  partner: string; // city slug
  kind: "SISTER_CITY" | "FRIENDSHIP" | "MEMORANDUM" | "COOPERATION_AGREEMENT";
  status: "PROPOSED" | "ACTIVE" | "DORMANT" | "ENDED";
  /** A year-only date is the year's first day with YEAR precision, a month-only one the month's first day with MONTH. Default DAY. */
  signedOn?: IsoDate;
  /** How much of signedOn is known (default DAY); a year alone is written as its 1 January. */
  signedPrecision?: DatePrecision;
}

export type Metric =
  | "TRIPS_REQUESTED"
  | "TRIPS_COMPLETED"
  | "TRIPS_REJECTED"
  | "TRIPS_CANCELLED"
  | "PARTICIPANTS"
  | "AVERAGE_DELEGATION_SIZE"
  | "EVENTS_ATTENDED"
  | "REJECTION_RATE"
  | "NOT_CARRIED_OUT_RATE"
  | "TRIPS_PER_MONTH"
  | "PARTICIPANTS_PER_MONTH";

/** A figure the report states, kept beside what records compute (F1..F4). */
export interface SeedReportedFigure {
  key: string;
  city: string;
  metric: Metric;
  periodFrom: IsoDate;
  periodTo: IsoDate;
  value: number;
  fact: string; // "F2"
  /** The source stating it (a facts file's id); default the report, "tehran-press-47801". */
  source?: string;
  /** EVENTS_ATTENDED only: counts events attended this way. */
  mode?: "IN_PERSON" | "ONLINE";
  note?: string;
}

/** How complete a city's records are for a stretch of days, as a source states it. */
export interface SeedCoverage {
  city: string; // city slug
  periodFrom: IsoDate;
  periodTo: IsoDate;
  status: "COMPLETE" | "PARTIAL" | "NOT_PUBLISHED";
  /** The source stating it (a facts file's id) and the fact. */
  source: string;
  fact: string;
  note?: string;
}

export interface SeedDataset {
  cities: SeedCity[];
  organisations: SeedOrganisation[];
  memberships: SeedMembership[];
  events: SeedEvent[];
  trips: SeedTrip[];
  attendances: SeedAttendance[];
  partnerships: SeedPartnership[];
  reportedFigures: SeedReportedFigure[];
  /** Which stretches of a city's records are complete; none when absent. */
  coverage?: SeedCoverage[];
}
