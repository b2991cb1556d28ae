import { CitesInput, citesArg } from "../../graphql/cites.js";
import { Field, InputType } from "type-graphql";
import type { PartnershipKind, PartnershipStatus, Provenance } from "../../../db/enums.js";
import { PARTNERSHIP_ORDER_FIELDS, type PartnershipCriteria, type PartnershipOrderField } from "../../data/partnerships.js";
import { enumOf, PartnershipKindEnum, PartnershipStatusEnum, ProvenanceEnum } from "../../graphql/enums.js";
import { OrderInput } from "../../graphql/ordering.js";
import type { FilterCheck } from "../../graphql/filterCheck.js";

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

export const PartnershipOrderFieldEnum = enumOf(
  PARTNERSHIP_ORDER_FIELDS,
  "PartnershipOrderField",
  "What partnerships can be sorted by. SIGNED_ON puts unknown signing dates first ascending.",
);
export const PartnershipOrder = OrderInput<PartnershipOrderField>(
  PartnershipOrderFieldEnum,
  "PartnershipOrder",
  "A sort key for partnerships (default: the order they were recorded in).",
);

export function partnershipCriteria(check: FilterCheck, filter: PartnershipFilter | null | undefined): PartnershipCriteria {
  if (!filter) return {};
  return {
    cities: check.refs(filter.city, "City", "filter.city"),
    partners: check.refs(filter.partner, "City", "filter.partner"),
    kind: filter.kind,
    status: filter.status,
    provenance: filter.provenance,
    cites: citesArg(filter.cites, "filter.cites"),
  };
}
