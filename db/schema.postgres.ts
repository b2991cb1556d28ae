/** The tables in the PostgreSQL dialect (drizzle-kit reads this file for db/migrations/postgres). */
import { postgresColumns } from "./dialect/columns.js";
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
} = defineTables(postgresColumns);
