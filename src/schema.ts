import "reflect-metadata";
/** The GraphQL schema, built from the domain modules' types and resolvers. */
import type { GraphQLSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { CountryCountResolver, FootprintResolver, ReportedFigureResolver } from "./modules/analytics/footprintResolver.js";
import { SeriesResolver } from "./modules/analytics/seriesResolver.js";
import { JalaliDateResolver } from "./graphql/jalaliDate.js";
import { LocalizedTextResolver } from "./graphql/localizedText.js";
import { AttendanceRecordResolver, AttendanceResolver, EventRecordResolver, EventResolver } from "./modules/events/eventResolvers.js";
import { MembershipRecordResolver, MembershipResolver } from "./modules/memberships/membershipResolver.js";
import { NodeResolver } from "./modules/node/nodeResolver.js";
import { OrganisationRecordResolver, OrganisationResolver } from "./modules/organisations/organisationResolver.js";
import { PartnershipRecordResolver, PartnershipResolver } from "./modules/partnerships/partnershipResolver.js";
import { CityRecordResolver, CityResolver, CountryRecordResolver, CountryResolver } from "./modules/places/placeResolvers.js";
import { SearchResolver } from "./modules/search/searchResolver.js";
import { SourceResolver } from "./modules/sources/sourceResolver.js";
import { TripRecordResolver, TripResolver } from "./modules/trips/tripResolver.js";

const resolvers = [
  NodeResolver,
  SearchResolver,
  LocalizedTextResolver,
  JalaliDateResolver,
  SourceResolver,
  CountryResolver,
  CountryRecordResolver,
  CityResolver,
  CityRecordResolver,
  OrganisationResolver,
  OrganisationRecordResolver,
  MembershipResolver,
  MembershipRecordResolver,
  EventResolver,
  EventRecordResolver,
  AttendanceResolver,
  AttendanceRecordResolver,
  TripResolver,
  TripRecordResolver,
  PartnershipResolver,
  PartnershipRecordResolver,
  FootprintResolver,
  CountryCountResolver,
  ReportedFigureResolver,
  SeriesResolver,
] as const;

let built: Promise<GraphQLSchema> | undefined;

/** The schema is the same for every server in a process, so it is built once. */
export function footprintSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers: resolvers as unknown as [Function, ...Function[]],
    // Inputs are validated by the resolvers' own helpers, with the API's error codes.
    validate: false,
  });
  return built;
}
