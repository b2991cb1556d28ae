import { CitesInput, citesArg } from "../../graphql/cites.js";
import { Field, InputType } from "type-graphql";
import type { Provenance } from "../../../db/enums.js";
import { CITY_ORDER_FIELDS, type CityCriteria, type CityOrderField } from "../../data/places.js";
import { enumOf, ProvenanceEnum } from "../../graphql/enums.js";
import { OrderInput } from "../../graphql/ordering.js";
import type { FilterCheck } from "../../graphql/filterCheck.js";

@InputType({ description: "Narrows a city list; all given conditions must hold." })
export class CityFilter {
  @Field(() => [String], { nullable: true, description: "ISO 3166-1 alpha-2 codes." }) countries?: string[];
  @Field(() => [String], {
    nullable: true,
    description: "Cities that are or were members of these organisations, by ID or slug.",
  })
  memberOf?: string[];
  @Field(() => ProvenanceEnum, {
    nullable: true,
    description: "By the record's status: SOURCED, PARTLY_SOURCED or ILLUSTRATIVE (see Provenance).",
  })
  provenance?: Provenance;
  @Field(() => CitesInput, { nullable: true, description: "Records citing this source, or this fact of it." })
  cites?: CitesInput;
}

export const CityOrderFieldEnum = enumOf(
  CITY_ORDER_FIELDS,
  "CityOrderField",
  "What cities can be sorted by. NAME sorts by the English name; POPULATION puts unknown populations first ascending.",
);
export const CityOrder = OrderInput<CityOrderField>(
  CityOrderFieldEnum,
  "CityOrder",
  "A sort key for cities (default: NAME ASC).",
);

export function cityCriteria(check: FilterCheck, filter: CityFilter | null | undefined): CityCriteria {
  if (!filter) return {};
  return {
    countries: check.countries(filter.countries, "filter.countries"),
    memberOf: check.refs(filter.memberOf, "Organisation", "filter.memberOf"),
    provenance: filter.provenance,
    cites: citesArg(filter.cites, "filter.cites"),
  };
}
