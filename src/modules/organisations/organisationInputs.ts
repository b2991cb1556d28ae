import { CitesInput, citesArg } from "../../graphql/cites.js";
import { Field, InputType } from "type-graphql";
import type { OrganisationKind, Provenance } from "../../../db/enums.js";
import { ORGANISATION_ORDER_FIELDS, type OrganisationCriteria, type OrganisationOrderField } from "../../data/organisations.js";
import { enumOf, OrganisationKindEnum, ProvenanceEnum } from "../../graphql/enums.js";
import { OrderInput } from "../../graphql/ordering.js";
import type { FilterCheck } from "../../graphql/filterCheck.js";

@InputType({ description: "Narrows an organisation list; all given conditions must hold, a list matches any of its values." })
export class OrganisationFilter {
  @Field(() => [OrganisationKindEnum], { nullable: true }) kind?: OrganisationKind[];
  @Field(() => Boolean, { nullable: true, description: "Only the bodies the home city monitors (F13), or only the others." })
  monitored?: boolean;
  @Field(() => [String], { nullable: true, description: "Organisations these cities are or were members of, by ID or slug." })
  memberCity?: string[];
  @Field(() => ProvenanceEnum, {
    nullable: true,
    description: "By the record's status: SOURCED, PARTLY_SOURCED or ILLUSTRATIVE (see Provenance).",
  })
  provenance?: Provenance;
  @Field(() => CitesInput, { nullable: true, description: "Records citing this source, or this fact of it." })
  cites?: CitesInput;
}

export const OrganisationOrderFieldEnum = enumOf(
  ORGANISATION_ORDER_FIELDS,
  "OrganisationOrderField",
  "What organisations can be sorted by. NAME sorts by the English name.",
);
export const OrganisationOrder = OrderInput<OrganisationOrderField>(
  OrganisationOrderFieldEnum,
  "OrganisationOrder",
  "A sort key for organisations (default: NAME ASC).",
);

export function organisationCriteria(check: FilterCheck, filter: OrganisationFilter | null | undefined): OrganisationCriteria {
  if (!filter) return {};
  return {
    kind: filter.kind,
    monitored: filter.monitored,
    memberCities: check.refs(filter.memberCity, "City", "filter.memberCity"),
    provenance: filter.provenance,
    cites: citesArg(filter.cites, "filter.cites"),
  };
}
