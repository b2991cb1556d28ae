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
export type CoverageRow = typeof t.coverage.$inferSelect;
export type ExternalIdRow = typeof t.externalIds.$inferSelect;

/** A source as cited by one record: `locator` is the place in the source (e.g. a fact number). */
/** A source as cited by one record: where in it (`citedAt`) and which of the record's fields it backs. */
export type CitationRow = SourceRow & {
  citedAt: string | null;
  citedFields: string[] | null;
  /** Fields the citation states with another value than the record's, and the value it gives. */
  statedOtherwise: Record<string, string> | null;
};
/** One record citing a source (a row of record_sources). */
export type CitationLinkRow = typeof t.recordSources.$inferSelect;
