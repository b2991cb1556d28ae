import "reflect-metadata";
/** The GraphQL schema, built from the domain modules' types and resolvers. */
import type { GraphQLSchema } from "graphql";
import { createPubSub } from "@graphql-yoga/subscription";
import { buildSchema } from "type-graphql";
import { CountryCountResolver, FootprintResolver, ReportedFigureResolver } from "./modules/analytics/footprintResolver.js";
import { SeriesPointResolver, SeriesResolver } from "./modules/analytics/seriesResolver.js";
import { CoverageStatementResolver } from "./modules/analytics/coverageTypes.js";
import { CoverageMutations } from "./modules/analytics/coverageMutations.js";
import { TripMutations } from "./modules/trips/tripMutations.js";
import { OrganisationMutations } from "./modules/organisations/organisationMutations.js";
import { EventMutations } from "./modules/events/eventMutations.js";
import { PartnershipMutations } from "./modules/partnerships/partnershipMutations.js";
import { ApiKeyResolver, AuditResolver } from "./modules/admin/adminResolver.js";
import { RateLimitResolver } from "./modules/meta/rateLimitResolver.js";
import { MembershipMutations } from "./modules/memberships/membershipMutations.js";
import { ChangeFeedResolver } from "./modules/sync/changeFeedResolver.js";
import { boundStringInputs } from "./graphql/inputBounds.js";
import { withAsOfArguments } from "./graphql/asOf.js";
import { HISTORY_RESOLVERS } from "./modules/history/recordHistories.js";
import { JalaliDateResolver } from "./graphql/jalaliDate.js";
import { LocalizedTextResolver } from "./graphql/localizedText.js";
import {
  AttendanceRecordResolver,
  AttendanceResolver,
  EventRecordResolver,
  EventResolver,
} from "./modules/events/eventResolvers.js";
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
  SeriesPointResolver,
  CoverageStatementResolver,
  CoverageMutations,
  MembershipMutations,
  TripMutations,
  OrganisationMutations,
  EventMutations,
  PartnershipMutations,
  ChangeFeedResolver,
  ApiKeyResolver,
  AuditResolver,
  RateLimitResolver,
  ...HISTORY_RESOLVERS,
] as const;

let built: Promise<GraphQLSchema> | undefined;

/** The schema is the same for every server in a process, so it is built once. */
export function footprintSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers,
    // Inputs are validated by the resolvers' own helpers, with the API's error codes.
    validate: false,
    // Required by type-graphql for @Subscription; the change subscription reads from the server's
    // own pub/sub in its context instead, so several servers in one process stay apart.
    pubSub: createPubSub(),
  })
    .then(boundStringInputs)
    .then(withAsOfArguments);
  return built;
}
