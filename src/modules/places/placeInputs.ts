import { CitesInput, citesArg } from "../../graphql/cites.js";
import { Field, InputType } from "type-graphql";
import type { Provenance } from "../../../db/enums.js";
import type { CityCriteria } from "../../data/places.js";
import { ProvenanceEnum } from "../../graphql/enums.js";
import { entityRefs } from "../../graphql/refs.js";

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

export function cityCriteria(filter: CityFilter | null | undefined): CityCriteria {
  if (!filter) return {};
  return {
    countries: filter.countries,
    memberOf: entityRefs(filter.memberOf, "Organisation", "filter.memberOf"),
    provenance: filter.provenance,
    cites: citesArg(filter.cites, "filter.cites"),
  };
}
