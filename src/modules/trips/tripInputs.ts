import { CitesInput, citesArg } from "../../graphql/cites.js";
import { Field, InputType } from "type-graphql";
import type { Provenance, TripPurpose, TripStatus } from "../../../db/enums.js";
import { TRIP_ORDER_FIELDS, type TripCriteria, type TripOrderField } from "../../data/trips.js";
import { enumOf, ProvenanceEnum, TripPurposeEnum, TripStatusEnum } from "../../graphql/enums.js";
import { OrderInput } from "../../graphql/ordering.js";
import { PeriodInput, periodArg } from "../../graphql/period.js";
import type { FilterCheck } from "../../graphql/filterCheck.js";

@InputType({ description: "Narrows a trip list; all given conditions must hold, a list matches any of its values." })
export class TripFilter {
  @Field(() => [TripStatusEnum], { nullable: true }) status?: TripStatus[];
  @Field(() => [TripPurposeEnum], { nullable: true }) purpose?: TripPurpose[];
  @Field(() => [String], {
    nullable: true,
    description: "ISO 3166-1 alpha-2 codes: trips with a destination in one of these countries.",
  })
  countries?: string[];
  @Field(() => [String], { nullable: true, description: "Trips with one of these destination cities, by ID or slug." })
  destinations?: string[];
  @Field(() => [String], { nullable: true, description: "The requesting city, by ID or slug." }) city?: string[];
  @Field(() => [String], { nullable: true, description: "Trips linked to these organisations, by ID or slug." })
  organisation?: string[];
  @Field(() => PeriodInput, { nullable: true, description: "Trips whose start date falls in this period." }) period?: PeriodInput;
  @Field(() => Boolean, { nullable: true }) headedByMayor?: boolean;
  @Field(() => String, { nullable: true, description: "Exactly this requesting unit, as written or in English." })
  requestingUnit?: string;
  @Field(() => ProvenanceEnum, {
    nullable: true,
    description: "By the record's status: SOURCED, PARTLY_SOURCED or ILLUSTRATIVE (see Provenance).",
  })
  provenance?: Provenance;
  @Field(() => CitesInput, { nullable: true, description: "Records citing this source, or this fact of it." })
  cites?: CitesInput;
}

export const TripOrderFieldEnum = enumOf(TRIP_ORDER_FIELDS, "TripOrderField", "What trips can be sorted by.");
export const TripOrder = OrderInput<TripOrderField>(
  TripOrderFieldEnum,
  "TripOrder",
  "A sort key for trips (default: START_DATE DESC, newest first).",
);

export function tripCriteria(check: FilterCheck, filter: TripFilter | null | undefined, argument = "filter"): TripCriteria {
  if (!filter) return {};
  return {
    status: filter.status,
    purpose: filter.purpose,
    countries: check.countries(filter.countries, `${argument}.countries`),
    destinations: check.refs(filter.destinations, "City", `${argument}.destinations`),
    cities: check.refs(filter.city, "City", `${argument}.city`),
    organisations: check.refs(filter.organisation, "Organisation", `${argument}.organisation`),
    period: periodArg(filter.period, `${argument}.period`),
    headedByMayor: filter.headedByMayor,
    requestingUnit: filter.requestingUnit,
    provenance: filter.provenance,
    cites: citesArg(filter.cites, `${argument}.cites`),
  };
}
