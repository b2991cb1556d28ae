/**
 * The relational model of a city's international footprint (SQLite dialect).
 *
 * Conventions every table follows:
 * - `id` is an internal integer key and never leaves the server; `public_id` is the stable public
 *   identity (opaque global IDs are built from it) and survives re-seeding and migration.
 * - `created_at` / `updated_at` are ISO-8601 instants with milliseconds (text sorts correctly);
 *   `version` starts at 1 and is bumped by every write that changes the row.
 * - `provenance` says whether the source report supports the record (SOURCED) or whether it was
 *   invented to make the dataset whole (ILLUSTRATIVE); `record_sources` says which source and fact.
 * - Every date that is filtered or grouped by carries its Jalali year and month beside it
 *   (`*_jy`, `*_jm`), computed on write, so Jalali filters and groupings are index range scans.
 */
import { sql } from "drizzle-orm";
import { index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import {
  API_KEY_ROLES,
  AUDIT_OUTCOMES,
  CHANGE_OPS,
  CHANGE_TYPES,
  ATTENDANCE_MODES,
  DATE_PRECISIONS,
  DECISION_OUTCOMES,
  DELEGATE_ROLES,
  EVENT_KINDS,
  EVENT_STATUSES,
  FUNDINGS,
  MEMBERSHIP_CATEGORIES,
  MEMBERSHIP_ROLES,
  MEMBERSHIP_STATUSES,
  METRICS,
  ORGANISATION_KINDS,
  PARTNERSHIP_KINDS,
  PARTNERSHIP_STATUSES,
  PARTICIPATION_MODES,
  PROVENANCES,
  RECORD_TYPES,
  SOURCE_KINDS,
  TRIP_PURPOSES,
  TRIP_STATUSES,
} from "./enums.js";

const nowIso = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

/** Columns every public record carries. A function, so each table gets its own column builders. */
function recordColumns() {
  return {
    id: integer("id").primaryKey({ autoIncrement: true }),
    publicId: text("public_id").notNull().unique(),
    createdAt: text("created_at").notNull().default(nowIso),
    updatedAt: text("updated_at").notNull().default(nowIso),
    version: integer("version").notNull().default(1),
    provenance: text("provenance", { enum: PROVENANCES }).notNull(),
  };
}

export const sources = sqliteTable("sources", {
  ...recordColumns(),
  kind: text("kind", { enum: SOURCE_KINDS }).notNull(),
  title: text("title").notNull(),
  publisher: text("publisher"),
  url: text("url"),
  publishedOn: text("published_on"),
  locator: text("locator"),
});

/** Which source backs which record, and where in it (a fact number such as "F11"). */
export const recordSources = sqliteTable(
  "record_sources",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    recordType: text("record_type", { enum: RECORD_TYPES }).notNull(),
    recordId: integer("record_id").notNull(),
    sourceId: integer("source_id").notNull().references(() => sources.id),
    locator: text("locator").notNull().default(""),
  },
  (t) => [
    uniqueIndex("record_sources_unique").on(t.recordType, t.recordId, t.sourceId, t.locator),
    index("record_sources_source").on(t.sourceId),
  ],
);

/** Identifiers other systems use for our records; (scheme, value) names one record at most. */
export const externalIds = sqliteTable(
  "external_ids",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    recordType: text("record_type", { enum: RECORD_TYPES }).notNull(),
    recordId: integer("record_id").notNull(),
    scheme: text("scheme").notNull(),
    value: text("value").notNull(),
  },
  (t) => [
    uniqueIndex("external_ids_scheme_value").on(t.scheme, t.value),
    index("external_ids_record").on(t.recordType, t.recordId),
  ],
);

export const countries = sqliteTable("countries", {
  ...recordColumns(),
  code: text("code").notNull().unique(),
  nameFa: text("name_fa").notNull(),
  nameEn: text("name_en").notNull(),
});

export const cities = sqliteTable(
  "cities",
  {
    ...recordColumns(),
    slug: text("slug").notNull().unique(),
    nameFa: text("name_fa").notNull(),
    nameEn: text("name_en").notNull(),
    countryId: integer("country_id").notNull().references(() => countries.id),
    latitude: real("latitude"),
    longitude: real("longitude"),
    population: integer("population"),
  },
  (t) => [index("cities_country").on(t.countryId), index("cities_name_en").on(t.nameEn, t.id)],
);

export const organisations = sqliteTable(
  "organisations",
  {
    ...recordColumns(),
    slug: text("slug").notNull().unique(),
    acronym: text("acronym"),
    nameFa: text("name_fa").notNull(),
    nameEn: text("name_en").notNull(),
    kind: text("kind", { enum: ORGANISATION_KINDS }).notNull(),
    /** JSON array of short focus tags. */
    focus: text("focus", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    website: text("website"),
    headquartersCityId: integer("headquarters_city_id").references(() => cities.id),
    /** One of the international bodies the home city's affairs centre monitors (F13). */
    monitored: integer("monitored", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [index("organisations_name_en").on(t.nameEn, t.id), index("organisations_kind").on(t.kind)],
);

export const memberships = sqliteTable(
  "memberships",
  {
    ...recordColumns(),
    memberCityId: integer("member_city_id").notNull().references(() => cities.id),
    organisationId: integer("organisation_id").notNull().references(() => organisations.id),
    viaOrganisationId: integer("via_organisation_id").references(() => organisations.id),
    status: text("status", { enum: MEMBERSHIP_STATUSES }).notNull(),
    category: text("category", { enum: MEMBERSHIP_CATEGORIES }).notNull(),
    categoryLabel: text("category_label"),
    role: text("role", { enum: MEMBERSHIP_ROLES }).notNull(),
    startDate: text("start_date"),
    startPrecision: text("start_precision", { enum: DATE_PRECISIONS }),
    startJy: integer("start_jy"),
    startJm: integer("start_jm"),
    endDate: text("end_date"),
    endPrecision: text("end_precision", { enum: DATE_PRECISIONS }),
  },
  (t) => [
    index("memberships_member").on(t.memberCityId, t.id),
    index("memberships_organisation").on(t.organisationId, t.id),
    index("memberships_status").on(t.status),
    index("memberships_start").on(t.startDate, t.id),
  ],
);

export const events = sqliteTable(
  "events",
  {
    ...recordColumns(),
    nameFa: text("name_fa").notNull(),
    nameEn: text("name_en").notNull(),
    kind: text("kind", { enum: EVENT_KINDS }).notNull(),
    format: text("format", { enum: ATTENDANCE_MODES }).notNull(),
    status: text("status", { enum: EVENT_STATUSES }).notNull(),
    organiserId: integer("organiser_id").references(() => organisations.id),
    hostCityId: integer("host_city_id").references(() => cities.id),
    startDate: text("start_date").notNull(),
    startJy: integer("start_jy").notNull(),
    startJm: integer("start_jm").notNull(),
    endDate: text("end_date"),
  },
  (t) => [
    index("events_start").on(t.startDate, t.id),
    index("events_start_jalali").on(t.startJy, t.startJm),
    index("events_organiser").on(t.organiserId, t.startDate),
    index("events_host").on(t.hostCityId),
  ],
);

export const trips = sqliteTable(
  "trips",
  {
    ...recordColumns(),
    code: text("code").unique(),
    titleFa: text("title_fa"),
    titleEn: text("title_en"),
    purpose: text("purpose", { enum: TRIP_PURPOSES }).notNull(),
    status: text("status", { enum: TRIP_STATUSES }).notNull(),
    /** The city whose municipality requested the trip. */
    cityId: integer("city_id").notNull().references(() => cities.id),
    requestingUnit: text("requesting_unit").notNull(),
    requestedOn: text("requested_on"),
    decisionOutcome: text("decision_outcome", { enum: DECISION_OUTCOMES }),
    decidedOn: text("decided_on"),
    decisionReason: text("decision_reason"),
    /** Planned dates until the trip is carried out, then the actual ones. */
    startDate: text("start_date").notNull(),
    startJy: integer("start_jy").notNull(),
    startJm: integer("start_jm").notNull(),
    endDate: text("end_date"),
    /** Number of delegate rows; maintained by the data layer in the same transaction. */
    delegationSize: integer("delegation_size").notNull().default(0),
    headedByMayor: integer("headed_by_mayor", { mode: "boolean" }).notNull().default(false),
    invitedById: integer("invited_by_id").references(() => organisations.id),
    funding: text("funding", { enum: FUNDINGS }),
    costMinor: integer("cost_minor"),
    costCurrency: text("cost_currency"),
    reportSubmittedOn: text("report_submitted_on"),
  },
  (t) => [
    index("trips_start").on(t.startDate, t.id),
    index("trips_city_start_jalali").on(t.cityId, t.startJy, t.startJm),
    // Covering for footprint and series: their totals read only these columns, so the period's
    // trips are counted from the index without visiting the table.
    index("trips_city_start_cover").on(t.cityId, t.startDate, t.status, t.decisionOutcome, t.delegationSize, t.startJy, t.startJm, t.purpose),
    index("trips_status_start").on(t.status, t.startDate),
    index("trips_purpose").on(t.purpose),
  ],
);

/** A trip's destinations, in the order they were visited. */
export const tripLegs = sqliteTable(
  "trip_legs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    tripId: integer("trip_id").notNull().references(() => trips.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    cityId: integer("city_id").notNull().references(() => cities.id),
  },
  (t) => [uniqueIndex("trip_legs_trip_position").on(t.tripId, t.position), index("trip_legs_city").on(t.cityId)],
);

export const tripDelegates = sqliteTable(
  "trip_delegates",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    tripId: integer("trip_id").notNull().references(() => trips.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    /** Names are stored only for public officials; everyone else is described by post alone. */
    nameFa: text("name_fa"),
    nameEn: text("name_en"),
    title: text("title").notNull(),
    unit: text("unit"),
    role: text("role", { enum: DELEGATE_ROLES }).notNull(),
  },
  (t) => [uniqueIndex("trip_delegates_trip_position").on(t.tripId, t.position)],
);

export const tripEvents = sqliteTable(
  "trip_events",
  {
    tripId: integer("trip_id").notNull().references(() => trips.id, { onDelete: "cascade" }),
    eventId: integer("event_id").notNull().references(() => events.id),
  },
  (t) => [uniqueIndex("trip_events_pk").on(t.tripId, t.eventId), index("trip_events_event").on(t.eventId)],
);

export const tripOrganisations = sqliteTable(
  "trip_organisations",
  {
    tripId: integer("trip_id").notNull().references(() => trips.id, { onDelete: "cascade" }),
    organisationId: integer("organisation_id").notNull().references(() => organisations.id),
  },
  (t) => [
    uniqueIndex("trip_organisations_pk").on(t.tripId, t.organisationId),
    index("trip_organisations_organisation").on(t.organisationId),
  ],
);

/** How a city took part in an event: one row per participation. */
export const attendances = sqliteTable(
  "attendances",
  {
    ...recordColumns(),
    cityId: integer("city_id").notNull().references(() => cities.id),
    eventId: integer("event_id").notNull().references(() => events.id),
    mode: text("mode", { enum: PARTICIPATION_MODES }).notNull(),
    tripId: integer("trip_id").references(() => trips.id),
    membershipId: integer("membership_id").references(() => memberships.id),
    outcomes: text("outcomes", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
  },
  (t) => [
    index("attendances_event_city").on(t.eventId, t.cityId, t.mode),
    index("attendances_city_mode").on(t.cityId, t.mode),
    index("attendances_trip").on(t.tripId),
  ],
);

export const partnerships = sqliteTable(
  "partnerships",
  {
    ...recordColumns(),
    cityId: integer("city_id").notNull().references(() => cities.id),
    partnerCityId: integer("partner_city_id").notNull().references(() => cities.id),
    kind: text("kind", { enum: PARTNERSHIP_KINDS }).notNull(),
    status: text("status", { enum: PARTNERSHIP_STATUSES }).notNull(),
    signedOn: text("signed_on"),
    signedJy: integer("signed_jy"),
    signedJm: integer("signed_jm"),
  },
  (t) => [index("partnerships_city").on(t.cityId, t.id), index("partnerships_partner").on(t.partnerCityId)],
);

/** A figure a source states for a period, kept beside what the records compute. */
export const reportedFigures = sqliteTable(
  "reported_figures",
  {
    ...recordColumns(),
    cityId: integer("city_id").notNull().references(() => cities.id),
    metric: text("metric", { enum: METRICS }).notNull(),
    periodFrom: text("period_from").notNull(),
    periodTo: text("period_to").notNull(),
    value: real("value").notNull(),
    /** For EVENTS_ATTENDED: only events attended this way (the report's 13 were by videoconference). */
    attendanceMode: text("attendance_mode", { enum: PARTICIPATION_MODES }),
    sourceId: integer("source_id").notNull().references(() => sources.id),
    locator: text("locator"),
    note: text("note"),
  },
  (t) => [index("reported_figures_city_period").on(t.cityId, t.periodFrom, t.periodTo)],
);

/** API keys: only a SHA-256 hash of the secret is stored; the secret is shown once, at creation. */
export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    publicId: text("public_id").notNull().unique(),
    name: text("name").notNull(),
    role: text("role", { enum: API_KEY_ROLES }).notNull(),
    /** PARTNER keys write only memberships of this organisation. */
    organisationId: integer("organisation_id").references(() => organisations.id),
    keyHash: text("key_hash").notNull().unique(),
    /** The first characters of the secret, to tell keys apart in listings without revealing them. */
    keyPrefix: text("key_prefix").notNull(),
    createdAt: text("created_at").notNull().default(nowIso),
    lastUsedAt: text("last_used_at"),
    revokedAt: text("revoked_at"),
  },
);

/**
 * The change feed: one row per committed change, appended in the writing transaction. `seq` is
 * the order partners sync by; deletes stay as tombstones.
 */
export const changes = sqliteTable(
  "changes",
  {
    seq: integer("seq").primaryKey({ autoIncrement: true }),
    recordType: text("record_type", { enum: CHANGE_TYPES }).notNull(),
    recordId: integer("record_id").notNull(),
    publicId: text("public_id").notNull(),
    op: text("op", { enum: CHANGE_OPS }).notNull(),
    version: integer("version").notNull(),
    at: text("at").notNull(),
    /** The API key's name, or "seed" / "cli". */
    actor: text("actor").notNull(),
    apiKeyId: integer("api_key_id").references(() => apiKeys.id),
  },
  (t) => [index("changes_type_seq").on(t.recordType, t.seq), index("changes_record").on(t.recordType, t.recordId)],
);

/** Who did what, when: one row per write operation, whatever its outcome. */
export const auditEvents = sqliteTable(
  "audit_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    publicId: text("public_id").notNull().unique(),
    at: text("at").notNull(),
    apiKeyId: integer("api_key_id").references(() => apiKeys.id),
    actor: text("actor").notNull(),
    /** The organisation a PARTNER key writes for, so the partner can read its own history. */
    organisationId: integer("organisation_id").references(() => organisations.id),
    operation: text("operation").notNull(),
    outcome: text("outcome", { enum: AUDIT_OUTCOMES }).notNull(),
    /** The operation's input, as JSON. */
    input: text("input", { mode: "json" }).notNull(),
    /** Change-feed sequence numbers this write produced, as JSON. */
    changeSeqs: text("change_seqs", { mode: "json" }).$type<number[]>().notNull().default(sql`'[]'`),
    userErrors: text("user_errors", { mode: "json" }).$type<unknown[]>().notNull().default(sql`'[]'`),
  },
  (t) => [index("audit_events_key").on(t.apiKeyId, t.id), index("audit_events_organisation").on(t.organisationId, t.id)],
);

/** Answers to idempotent requests, replayed when the same key comes again. Kept at least 24 hours. */
export const idempotencyKeys = sqliteTable(
  "idempotency_keys",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    apiKeyId: integer("api_key_id").notNull().references(() => apiKeys.id),
    key: text("key").notNull(),
    operation: text("operation").notNull(),
    /** SHA-256 of the canonical JSON input: the same key with another input is a conflict. */
    requestHash: text("request_hash").notNull(),
    response: text("response", { mode: "json" }).notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [uniqueIndex("idempotency_keys_key").on(t.apiKeyId, t.key), index("idempotency_keys_created").on(t.createdAt)],
);
