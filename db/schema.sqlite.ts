/** The tables in the SQLite dialect (drizzle-kit reads this file for db/migrations/sqlite). */
import { sqliteColumns } from "./dialect/columns.js";
import { defineTables } from "./tables.js";

export const {
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
} = defineTables(sqliteColumns);
