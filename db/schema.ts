/**
 * The tables of the dialect this process runs on. The data layer imports tables from here and
 * never names a dialect: `useDialect` (called by `openDatabase`, once per process) swaps these
 * live ESM bindings to the PostgreSQL tables. Both sets come from one definition (db/tables.ts)
 * and have the same TypeScript types.
 *
 * One process serves one database, so one dialect: opening a database of the other dialect after
 * the first is refused (`openDatabase` throws) rather than silently mixing tables.
 */
import * as postgresTables from "./schema.postgres.js";
import * as sqliteTables from "./schema.sqlite.js";

export type Dialect = "sqlite" | "postgres";

export let sources = sqliteTables.sources;
export let recordSources = sqliteTables.recordSources;
export let externalIds = sqliteTables.externalIds;
export let countries = sqliteTables.countries;
export let cities = sqliteTables.cities;
export let organisations = sqliteTables.organisations;
export let memberships = sqliteTables.memberships;
export let events = sqliteTables.events;
export let trips = sqliteTables.trips;
export let tripLegs = sqliteTables.tripLegs;
export let tripDelegates = sqliteTables.tripDelegates;
export let tripEvents = sqliteTables.tripEvents;
export let tripOrganisations = sqliteTables.tripOrganisations;
export let attendances = sqliteTables.attendances;
export let partnerships = sqliteTables.partnerships;
export let reportedFigures = sqliteTables.reportedFigures;
export let coverage = sqliteTables.coverage;
export let apiKeys = sqliteTables.apiKeys;
export let changes = sqliteTables.changes;
export let rowVersions = sqliteTables.rowVersions;
export let historyClock = sqliteTables.historyClock;
export let auditEvents = sqliteTables.auditEvents;
export let idempotencyKeys = sqliteTables.idempotencyKeys;

let current: Dialect | null = null;

/** The dialect this process uses, once a database is open. */
export function activeDialect(): Dialect {
  return current ?? "sqlite";
}

/** Points every table binding at `dialect`'s tables. Throws if the process already uses the other one. */
export function useDialect(dialect: Dialect): void {
  if (current && current !== dialect)
    throw new Error(`This process already uses ${current}; one process serves one database dialect.`);
  current = dialect;
  const t = dialect === "postgres" ? postgresTables : sqliteTables;
  sources = t.sources;
  recordSources = t.recordSources;
  externalIds = t.externalIds;
  countries = t.countries;
  cities = t.cities;
  organisations = t.organisations;
  memberships = t.memberships;
  events = t.events;
  trips = t.trips;
  tripLegs = t.tripLegs;
  tripDelegates = t.tripDelegates;
  tripEvents = t.tripEvents;
  tripOrganisations = t.tripOrganisations;
  attendances = t.attendances;
  partnerships = t.partnerships;
  reportedFigures = t.reportedFigures;
  coverage = t.coverage;
  apiKeys = t.apiKeys;
  changes = t.changes;
  rowVersions = t.rowVersions;
  historyClock = t.historyClock;
  auditEvents = t.auditEvents;
  idempotencyKeys = t.idempotencyKeys;
}
