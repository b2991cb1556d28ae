/**
 * The relational model of a city's international footprint written once for both dialects.
 *
 * `defineTables` receives a column kit (db/dialect/columns.ts): the kit decides how each kind of
 * column is stored in SQLite or PostgreSQL; the tables, their columns and indexes are the same.
 *
 * Conventions every table follows:
 * - `id` is an internal integer key and never leaves the server; `public_id` is the stable public
 *   identity (opaque global IDs are built from it) and survives re-seeding and migration.
 * - `created_at` / `updated_at` are ISO-8601 instants with milliseconds (text sorts correctly);
 *   `version` starts at 1 and is bumped by every write that changes the row.
 * - `provenance` is the record's status, derived from its citations: SOURCED when a source backs
 *   every field it states, PARTLY_SOURCED when sources back some of them, ILLUSTRATIVE when none
 *   (invented to make the dataset whole); `record_sources` says which source, which fact and which
 *   fields.
 * - Every date that is filtered or grouped by carries its Jalali year and month beside it
 *   (`*_jy`, `*_jm`), computed on write, so Jalali filters and groupings are index range scans.
 */
import { sql } from "drizzle-orm";
import type { ColumnKit } from "./dialect/columns.js";
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
  COVERAGE_STATUSES,
  PROVENANCES,
  RECORD_TYPES,
  SOURCE_KINDS,
  TRIP_PURPOSES,
  TRIP_STATUSES,
} from "./enums.js";

/** Every table, built with one dialect's column kit. */
export function defineTables(c: ColumnKit) {
  /** Columns every public record carries. A function, so each table gets its own column builders. */
  function recordColumns() {
    return {
      id: c.id("id"),
      publicId: c.text("public_id").notNull().unique(),
      createdAt: c.text("created_at").notNull().default(c.now),
      updatedAt: c.text("updated_at").notNull().default(c.now),
      version: c.integer("version").notNull().default(1),
      provenance: c.text("provenance", { enum: PROVENANCES }).notNull(),
    };
  }

  const sources = c.table("sources", {
    ...recordColumns(),
    kind: c.text("kind", { enum: SOURCE_KINDS }).notNull(),
    title: c.text("title").notNull(),
    publisher: c.text("publisher"),
    url: c.text("url"),
    publishedOn: c.text("published_on"),
    locator: c.text("locator"),
  });

  /** Which source backs which record, and where in it (a fact number such as "F11"). */
  const recordSources = c.table(
    "record_sources",
    {
      id: c.id("id"),
      recordType: c.text("record_type", { enum: RECORD_TYPES }).notNull(),
      recordId: c.integer("record_id").notNull(),
      sourceId: c
        .integer("source_id")
        .notNull()
        .references(() => sources.id),
      locator: c.text("locator").notNull().default(""),
      /**
       * JSON array of the record's fields (seed/data-layer names, src/lib/recordFields.ts) this
       * citation backs; null when it stands for the whole record as written (API writes, ISO codes).
       * The illustrative source's citation lists the stated fields no source backs.
       */
      fields: c.json("fields").$type<string[] | null>(),
      /**
       * JSON object: fields of the record (same names as `fields`) this fact states with another
       * value than the record holds, each with the value as the source gives it. Where sources
       * disagree, the record follows its other citations and this one keeps what it says.
       */
      statedOtherwise: c.json("stated_otherwise").$type<Record<string, string> | null>(),
    },
    (t) => [
      c.uniqueIndex("record_sources_unique").on(t.recordType, t.recordId, t.sourceId, t.locator),
      c.index("record_sources_source").on(t.sourceId),
    ],
  );

  /** Identifiers other systems use for our records; (scheme, value) names one record at most. */
  const externalIds = c.table(
    "external_ids",
    {
      id: c.id("id"),
      recordType: c.text("record_type", { enum: RECORD_TYPES }).notNull(),
      recordId: c.integer("record_id").notNull(),
      scheme: c.text("scheme").notNull(),
      value: c.text("value").notNull(),
      /**
       * Whose identifier this is: a membership's ids live in the namespace of the membership's
       * organisation (the organisation id), so one partner's ids can neither block nor reveal
       * another's; 0 for records no single organisation owns (organisations, events, …).
       */
      namespace: c.integer("namespace").notNull().default(0),
    },
    (t) => [
      c.uniqueIndex("external_ids_namespace_scheme_value").on(t.namespace, t.scheme, t.value),
      c.index("external_ids_record").on(t.recordType, t.recordId),
    ],
  );

  const countries = c.table("countries", {
    ...recordColumns(),
    code: c.text("code").notNull().unique(),
    nameFa: c.text("name_fa").notNull(),
    nameEn: c.text("name_en").notNull(),
  });

  const cities = c.table(
    "cities",
    {
      ...recordColumns(),
      slug: c.text("slug").notNull().unique(),
      nameFa: c.text("name_fa").notNull(),
      nameEn: c.text("name_en").notNull(),
      countryId: c
        .integer("country_id")
        .notNull()
        .references(() => countries.id),
      latitude: c.real("latitude"),
      longitude: c.real("longitude"),
      population: c.integer("population"),
    },
    (t) => [c.index("cities_country").on(t.countryId), c.index("cities_name_en").on(t.nameEn, t.id)],
  );

  const organisations = c.table(
    "organisations",
    {
      ...recordColumns(),
      slug: c.text("slug").notNull().unique(),
      acronym: c.text("acronym"),
      nameFa: c.text("name_fa").notNull(),
      nameEn: c.text("name_en").notNull(),
      kind: c.text("kind", { enum: ORGANISATION_KINDS }).notNull(),
      /** JSON array of short focus tags. */
      focus: c
        .json("focus")
        .$type<string[]>()
        .notNull()
        .default(sql`'[]'`),
      website: c.text("website"),
      headquartersCityId: c.integer("headquarters_city_id").references(() => cities.id),
      /** One of the international bodies the home city's affairs centre monitors (F13). */
      monitored: c.boolean("monitored").notNull().default(false),
    },
    (t) => [c.index("organisations_name_en").on(t.nameEn, t.id), c.index("organisations_kind").on(t.kind)],
  );

  const memberships = c.table(
    "memberships",
    {
      ...recordColumns(),
      memberCityId: c
        .integer("member_city_id")
        .notNull()
        .references(() => cities.id),
      organisationId: c
        .integer("organisation_id")
        .notNull()
        .references(() => organisations.id),
      viaOrganisationId: c.integer("via_organisation_id").references(() => organisations.id),
      status: c.text("status", { enum: MEMBERSHIP_STATUSES }).notNull(),
      category: c.text("category", { enum: MEMBERSHIP_CATEGORIES }).notNull(),
      categoryLabel: c.text("category_label"),
      role: c.text("role", { enum: MEMBERSHIP_ROLES }).notNull(),
      startDate: c.text("start_date"),
      startPrecision: c.text("start_precision", { enum: DATE_PRECISIONS }),
      startJy: c.integer("start_jy"),
      startJm: c.integer("start_jm"),
      endDate: c.text("end_date"),
      endPrecision: c.text("end_precision", { enum: DATE_PRECISIONS }),
    },
    (t) => [
      c.index("memberships_member").on(t.memberCityId, t.id),
      c.index("memberships_organisation").on(t.organisationId, t.id),
      c.index("memberships_status").on(t.status),
      c.index("memberships_start").on(t.startDate, t.id),
    ],
  );

  const events = c.table(
    "events",
    {
      ...recordColumns(),
      nameFa: c.text("name_fa").notNull(),
      nameEn: c.text("name_en").notNull(),
      kind: c.text("kind", { enum: EVENT_KINDS }).notNull(),
      format: c.text("format", { enum: ATTENDANCE_MODES }).notNull(),
      status: c.text("status", { enum: EVENT_STATUSES }).notNull(),
      organiserId: c.integer("organiser_id").references(() => organisations.id),
      hostCityId: c.integer("host_city_id").references(() => cities.id),
      startDate: c.text("start_date").notNull(),
      startJy: c.integer("start_jy").notNull(),
      startJm: c.integer("start_jm").notNull(),
      endDate: c.text("end_date"),
    },
    (t) => [
      c.index("events_start").on(t.startDate, t.id),
      c.index("events_start_jalali").on(t.startJy, t.startJm),
      c.index("events_organiser").on(t.organiserId, t.startDate),
      c.index("events_host").on(t.hostCityId),
    ],
  );

  const trips = c.table(
    "trips",
    {
      ...recordColumns(),
      code: c.text("code").unique(),
      titleFa: c.text("title_fa"),
      titleEn: c.text("title_en"),
      purpose: c.text("purpose", { enum: TRIP_PURPOSES }).notNull(),
      status: c.text("status", { enum: TRIP_STATUSES }).notNull(),
      /** The city whose municipality requested the trip. */
      cityId: c
        .integer("city_id")
        .notNull()
        .references(() => cities.id),
      /** As the committee writes it (Persian); `requesting_unit_en` is its English, when known. */
      requestingUnit: c.text("requesting_unit").notNull(),
      requestingUnitEn: c.text("requesting_unit_en"),
      requestedOn: c.text("requested_on"),
      decisionOutcome: c.text("decision_outcome", { enum: DECISION_OUTCOMES }),
      decidedOn: c.text("decided_on"),
      decisionReason: c.text("decision_reason"),
      decisionReasonEn: c.text("decision_reason_en"),
      /** Planned dates until the trip is carried out, then the actual ones. */
      startDate: c.text("start_date").notNull(),
      startJy: c.integer("start_jy").notNull(),
      startJm: c.integer("start_jm").notNull(),
      endDate: c.text("end_date"),
      /** Number of delegate rows; maintained by the data layer in the same transaction. */
      delegationSize: c.integer("delegation_size").notNull().default(0),
      headedByMayor: c.boolean("headed_by_mayor").notNull().default(false),
      invitedById: c.integer("invited_by_id").references(() => organisations.id),
      funding: c.text("funding", { enum: FUNDINGS }),
      costMinor: c.bigint("cost_minor"),
      costCurrency: c.text("cost_currency"),
      reportSubmittedOn: c.text("report_submitted_on"),
    },
    (t) => [
      c.index("trips_start").on(t.startDate, t.id),
      c.index("trips_city_start_jalali").on(t.cityId, t.startJy, t.startJm),
      // Covering for footprint and series: their totals read only these columns, so the period's
      // trips are counted from the index without visiting the table.
      c
        .index("trips_city_start_cover")
        .on(t.cityId, t.startDate, t.status, t.decisionOutcome, t.delegationSize, t.startJy, t.startJm, t.purpose),
      c.index("trips_status_start").on(t.status, t.startDate),
      c.index("trips_purpose").on(t.purpose),
    ],
  );

  /** A trip's destinations, in the order they were visited. */
  const tripLegs = c.table(
    "trip_legs",
    {
      id: c.id("id"),
      tripId: c
        .integer("trip_id")
        .notNull()
        .references(() => trips.id, { onDelete: "cascade" }),
      position: c.integer("position").notNull(),
      cityId: c
        .integer("city_id")
        .notNull()
        .references(() => cities.id),
    },
    (t) => [c.uniqueIndex("trip_legs_trip_position").on(t.tripId, t.position), c.index("trip_legs_city").on(t.cityId)],
  );

  const tripDelegates = c.table(
    "trip_delegates",
    {
      id: c.id("id"),
      tripId: c
        .integer("trip_id")
        .notNull()
        .references(() => trips.id, { onDelete: "cascade" }),
      position: c.integer("position").notNull(),
      /** Names are stored only for public officials; everyone else is described by post alone. */
      nameFa: c.text("name_fa"),
      nameEn: c.text("name_en"),
      /** The delegate's post as given (Persian in the seed), and its English beside it, when known. */
      title: c.text("title").notNull(),
      titleEn: c.text("title_en"),
      unit: c.text("unit"),
      unitEn: c.text("unit_en"),
      role: c.text("role", { enum: DELEGATE_ROLES }).notNull(),
    },
    (t) => [c.uniqueIndex("trip_delegates_trip_position").on(t.tripId, t.position)],
  );

  const tripEvents = c.table(
    "trip_events",
    {
      tripId: c
        .integer("trip_id")
        .notNull()
        .references(() => trips.id, { onDelete: "cascade" }),
      eventId: c
        .integer("event_id")
        .notNull()
        .references(() => events.id),
    },
    (t) => [c.uniqueIndex("trip_events_pk").on(t.tripId, t.eventId), c.index("trip_events_event").on(t.eventId)],
  );

  const tripOrganisations = c.table(
    "trip_organisations",
    {
      tripId: c
        .integer("trip_id")
        .notNull()
        .references(() => trips.id, { onDelete: "cascade" }),
      organisationId: c
        .integer("organisation_id")
        .notNull()
        .references(() => organisations.id),
    },
    (t) => [
      c.uniqueIndex("trip_organisations_pk").on(t.tripId, t.organisationId),
      c.index("trip_organisations_organisation").on(t.organisationId),
    ],
  );

  /** How a city took part in an event: one row per participation. */
  const attendances = c.table(
    "attendances",
    {
      ...recordColumns(),
      cityId: c
        .integer("city_id")
        .notNull()
        .references(() => cities.id),
      eventId: c
        .integer("event_id")
        .notNull()
        .references(() => events.id),
      mode: c.text("mode", { enum: PARTICIPATION_MODES }).notNull(),
      tripId: c.integer("trip_id").references(() => trips.id),
      membershipId: c.integer("membership_id").references(() => memberships.id),
      outcomes: c
        .json("outcomes")
        .$type<string[]>()
        .notNull()
        .default(sql`'[]'`),
    },
    (t) => [
      c.index("attendances_event_city").on(t.eventId, t.cityId, t.mode),
      c.index("attendances_city_mode").on(t.cityId, t.mode),
      c.index("attendances_trip").on(t.tripId),
    ],
  );

  const partnerships = c.table(
    "partnerships",
    {
      ...recordColumns(),
      cityId: c
        .integer("city_id")
        .notNull()
        .references(() => cities.id),
      partnerCityId: c
        .integer("partner_city_id")
        .notNull()
        .references(() => cities.id),
      kind: c.text("kind", { enum: PARTNERSHIP_KINDS }).notNull(),
      status: c.text("status", { enum: PARTNERSHIP_STATUSES }).notNull(),
      signedOn: c.text("signed_on"),
      /** How much of `signed_on` is known (a year alone is stored as 1 January); null without a date. */
      signedPrecision: c.text("signed_precision", { enum: DATE_PRECISIONS }),
      signedJy: c.integer("signed_jy"),
      signedJm: c.integer("signed_jm"),
    },
    (t) => [c.index("partnerships_city").on(t.cityId, t.id), c.index("partnerships_partner").on(t.partnerCityId)],
  );

  /** A figure a source states for a period, kept beside what the records compute. */
  const reportedFigures = c.table(
    "reported_figures",
    {
      ...recordColumns(),
      cityId: c
        .integer("city_id")
        .notNull()
        .references(() => cities.id),
      metric: c.text("metric", { enum: METRICS }).notNull(),
      periodFrom: c.text("period_from").notNull(),
      periodTo: c.text("period_to").notNull(),
      value: c.real("value").notNull(),
      /** For EVENTS_ATTENDED: only events attended this way (the report's 13 were by videoconference). */
      attendanceMode: c.text("attendance_mode", { enum: PARTICIPATION_MODES }),
      sourceId: c
        .integer("source_id")
        .notNull()
        .references(() => sources.id),
      locator: c.text("locator"),
      note: c.text("note"),
    },
    (t) => [c.index("reported_figures_city_period").on(t.cityId, t.periodFrom, t.periodTo)],
  );

  /**
   * How complete a city's records are for a stretch of days (inclusive), and the source that says
   * so, so that a chart can tell a month with no trips from a month with no data. Part of the
   * city's record: a change of its coverage is a new version of the city. A city's stretches do
   * not overlap (the write refuses it).
   */
  const coverage = c.table(
    "coverage",
    {
      id: c.id("id"),
      cityId: c
        .integer("city_id")
        .notNull()
        .references(() => cities.id),
      periodFrom: c.text("period_from").notNull(),
      periodTo: c.text("period_to").notNull(),
      status: c.text("status", { enum: COVERAGE_STATUSES }).notNull(),
      sourceId: c
        .integer("source_id")
        .notNull()
        .references(() => sources.id),
      locator: c.text("locator"),
      note: c.text("note"),
    },
    (t) => [c.index("coverage_city_period").on(t.cityId, t.periodFrom, t.periodTo)],
  );

  /** API keys: only a SHA-256 hash of the secret is stored; the secret is shown once, at creation. */
  const apiKeys = c.table("api_keys", {
    id: c.id("id"),
    publicId: c.text("public_id").notNull().unique(),
    name: c.text("name").notNull(),
    role: c.text("role", { enum: API_KEY_ROLES }).notNull(),
    /** PARTNER keys write only memberships of this organisation. */
    organisationId: c.integer("organisation_id").references(() => organisations.id),
    keyHash: c.text("key_hash").notNull().unique(),
    /** The first characters of the secret, to tell keys apart in listings without revealing them. */
    keyPrefix: c.text("key_prefix").notNull(),
    createdAt: c.text("created_at").notNull().default(c.now),
    lastUsedAt: c.text("last_used_at"),
    revokedAt: c.text("revoked_at"),
  });

  /**
   * The change feed: one row per committed change, appended in the writing transaction. `seq` is
   * the order partners sync by; deletes stay as tombstones.
   */
  const changes = c.table(
    "changes",
    {
      seq: c.id("seq"),
      recordType: c.text("record_type", { enum: CHANGE_TYPES }).notNull(),
      recordId: c.integer("record_id").notNull(),
      publicId: c.text("public_id").notNull(),
      op: c.text("op", { enum: CHANGE_OPS }).notNull(),
      version: c.integer("version").notNull(),
      at: c.text("at").notNull(),
      /** The API key's name, or "seed" / "cli". */
      actor: c.text("actor").notNull(),
      apiKeyId: c.integer("api_key_id").references(() => apiKeys.id),
      /** The writer's role (an API key's, or SYSTEM for the seed and the CLI); null before history was kept. */
      actorRole: c.text("actor_role", { enum: [...API_KEY_ROLES, "SYSTEM"] as [string, ...string[]] }),
      /** For a PARTNER key: the organisation it writes for. */
      actorOrganisationId: c.integer("actor_organisation_id"),
    },
    (t) => [
      c.index("changes_type_seq").on(t.recordType, t.seq),
      c.index("changes_record").on(t.recordType, t.recordId),
      // "As of" an instant: the last change at or before it.
      c.index("changes_at").on(t.at, t.seq),
    ],
  );

  /**
   * Every version of every row of the data tables (VERSIONED_TABLES in db/rowVersions.ts), kept by
   * triggers in the writing transaction: the row as JSON, valid from the change-feed sequence number
   * of the write that made it (`valid_from`) until the one that replaced or deleted it (`valid_to`,
   * null while current). Queries "as of" a sequence number read these instead of the tables.
   */
  const rowVersions = c.table(
    "row_versions",
    {
      id: c.id("id"),
      tableName: c.text("table_name").notNull(),
      rowId: c.integer("row_id").notNull(),
      validFrom: c.integer("valid_from").notNull(),
      validTo: c.integer("valid_to"),
      data: c.text("data").notNull(),
    },
    (t) => [
      c.index("row_versions_row").on(t.tableName, t.rowId, t.validTo),
      c.index("row_versions_as_of").on(t.tableName, t.validFrom, t.validTo),
    ],
  );

  /**
   * One row (id 1): the sequence number the write in progress makes its row versions valid from
   * (its first change's), set when the write begins and cleared before it commits. Outside a
   * write that set it, triggers fall back to one past the feed's last change.
   */
  const historyClock = c.table("history_clock", {
    id: c.integer("id").primaryKey(),
    seq: c.integer("seq"),
  });

  /** Who did what, when: one row per write operation, whatever its outcome. */
  const auditEvents = c.table(
    "audit_events",
    {
      id: c.id("id"),
      publicId: c.text("public_id").notNull().unique(),
      at: c.text("at").notNull(),
      apiKeyId: c.integer("api_key_id").references(() => apiKeys.id),
      actor: c.text("actor").notNull(),
      /** The organisation a PARTNER key writes for, so the partner can read its own history. */
      organisationId: c.integer("organisation_id").references(() => organisations.id),
      operation: c.text("operation").notNull(),
      outcome: c.text("outcome", { enum: AUDIT_OUTCOMES }).notNull(),
      /** The operation's input, as JSON. */
      input: c.json("input").notNull(),
      /** Change-feed sequence numbers this write produced, as JSON. */
      changeSeqs: c
        .json("change_seqs")
        .$type<number[]>()
        .notNull()
        .default(sql`'[]'`),
      userErrors: c
        .json("user_errors")
        .$type<unknown[]>()
        .notNull()
        .default(sql`'[]'`),
    },
    (t) => [c.index("audit_events_key").on(t.apiKeyId, t.id), c.index("audit_events_organisation").on(t.organisationId, t.id)],
  );

  /** Answers to idempotent requests, replayed when the same key comes again. Kept at least 24 hours. */
  const idempotencyKeys = c.table(
    "idempotency_keys",
    {
      id: c.id("id"),
      apiKeyId: c
        .integer("api_key_id")
        .notNull()
        .references(() => apiKeys.id),
      key: c.text("key").notNull(),
      operation: c.text("operation").notNull(),
      /** SHA-256 of the canonical JSON input: the same key with another input is a conflict. */
      requestHash: c.text("request_hash").notNull(),
      response: c.json("response").notNull(),
      createdAt: c.text("created_at").notNull(),
    },
    (t) => [c.uniqueIndex("idempotency_keys_key").on(t.apiKeyId, t.key), c.index("idempotency_keys_created").on(t.createdAt)],
  );

  return {
    sources,
    recordSources,
    externalIds,
    countries,
    cities,
    organisations,
    memberships,
    events,
    trips,
    tripLegs,
    tripDelegates,
    tripEvents,
    tripOrganisations,
    attendances,
    partnerships,
    reportedFigures,
    coverage,
    apiKeys,
    changes,
    rowVersions,
    historyClock,
    auditEvents,
    idempotencyKeys,
  };
}

export type Tables = ReturnType<typeof defineTables>;
