/** Row types as the database returns them; the GraphQL layer resolves its fields from these. */
import type * as t from "../../db/schema.js";

export type SourceRow = typeof t.sources.$inferSelect;
export type CountryRow = typeof t.countries.$inferSelect;
export type CityRow = typeof t.cities.$inferSelect;
export type OrganisationRow = typeof t.organisations.$inferSelect;
export type MembershipRow = typeof t.memberships.$inferSelect;
export type EventRow = typeof t.events.$inferSelect;
export type AttendanceRow = typeof t.attendances.$inferSelect;
export type TripRow = typeof t.trips.$inferSelect;
export type TripDelegateRow = typeof t.tripDelegates.$inferSelect;
export type PartnershipRow = typeof t.partnerships.$inferSelect;
export type ReportedFigureRow = typeof t.reportedFigures.$inferSelect;
export type ExternalIdRow = typeof t.externalIds.$inferSelect;

/** A source as cited by one record: `locator` is the place in the source (e.g. a fact number). */
export type CitationRow = SourceRow & { citedAt: string | null };
