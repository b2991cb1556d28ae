import { CitesInput, citesArg } from "../../graphql/cites.js";
import { Field, InputType } from "type-graphql";
import type { PartnershipKind, PartnershipStatus, Provenance } from "../../../db/enums.js";
import type { PartnershipCriteria } from "../../data/partnerships.js";
import { PartnershipKindEnum, PartnershipStatusEnum, ProvenanceEnum } from "../../graphql/enums.js";
import { entityRefs } from "../../graphql/refs.js";

@InputType({ description: "Narrows a partnership list; all given conditions must hold." })
export class PartnershipFilter {
  @Field(() => [String], { nullable: true, description: "The city that holds the partnership, by ID or slug." }) city?: string[];
  @Field(() => [String], { nullable: true, description: "The partner city, by ID or slug." }) partner?: string[];
  @Field(() => [PartnershipKindEnum], { nullable: true }) kind?: PartnershipKind[];
  @Field(() => [PartnershipStatusEnum], { nullable: true }) status?: PartnershipStatus[];
  @Field(() => ProvenanceEnum, {
    nullable: true,
    description: "By the record's status: SOURCED, PARTLY_SOURCED or ILLUSTRATIVE (see Provenance).",
  })
  provenance?: Provenance;
  @Field(() => CitesInput, { nullable: true, description: "Records citing this source, or this fact of it." })
  cites?: CitesInput;
}

export function partnershipCriteria(filter: PartnershipFilter | null | undefined): PartnershipCriteria {
  if (!filter) return {};
  return {
    cities: entityRefs(filter.city, "City", "filter.city"),
    partners: entityRefs(filter.partner, "City", "filter.partner"),
    kind: filter.kind,
    status: filter.status,
    provenance: filter.provenance,
    cites: citesArg(filter.cites, "filter.cites"),
  };
}
