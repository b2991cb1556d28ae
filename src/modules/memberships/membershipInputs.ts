import { CitesInput, citesArg } from "../../graphql/cites.js";
import { Field, InputType } from "type-graphql";
import type { MembershipCriteria, MembershipOrderField } from "../../data/memberships.js";
import { MEMBERSHIP_ORDER_FIELDS } from "../../data/memberships.js";
import { enumOf, MembershipCategoryEnum, MembershipRoleEnum, MembershipStatusEnum, ProvenanceEnum } from "../../graphql/enums.js";
import { OrderInput } from "../../graphql/ordering.js";
import type { FilterCheck } from "../../graphql/filterCheck.js";
import { LocalDate } from "../../graphql/scalars.js";
import type { MembershipCategory, MembershipRole, MembershipStatus, Provenance } from "../../../db/enums.js";

@InputType({ description: "Narrows a membership list; all given conditions must hold, a list matches any of its values." })
export class MembershipFilter {
  @Field(() => [MembershipStatusEnum], { nullable: true }) status?: MembershipStatus[];
  @Field(() => [MembershipRoleEnum], { nullable: true }) role?: MembershipRole[];
  @Field(() => [MembershipCategoryEnum], { nullable: true }) category?: MembershipCategory[];
  @Field(() => [String], { nullable: true, description: "Organisations, by ID or slug." }) organisation?: string[];
  @Field(() => [String], { nullable: true, description: "Member cities, by ID or slug." }) member?: string[];
  @Field(() => [String], {
    nullable: true,
    description: "Memberships held through these organisations (a regional section, a national association), by ID or slug.",
  })
  via?: string[];
  @Field(() => LocalDate, { nullable: true, description: "Memberships in force on this day." }) activeOn?: string;
  @Field(() => ProvenanceEnum, {
    nullable: true,
    description: "By the record's status: SOURCED, PARTLY_SOURCED or ILLUSTRATIVE (see Provenance).",
  })
  provenance?: Provenance;
  @Field(() => CitesInput, { nullable: true, description: "Records citing this source, or this fact of it." })
  cites?: CitesInput;
}

export const MembershipOrderFieldEnum = enumOf(
  MEMBERSHIP_ORDER_FIELDS,
  "MembershipOrderField",
  "What memberships can be sorted by.",
);
export const MembershipOrder = OrderInput<MembershipOrderField>(
  MembershipOrderFieldEnum,
  "MembershipOrder",
  "A sort key for memberships (default: START_DATE ASC; unknown start dates first).",
);

export function membershipCriteria(
  check: FilterCheck,
  filter: MembershipFilter | null | undefined,
  argument = "filter",
): MembershipCriteria {
  if (!filter) return {};
  return {
    status: filter.status,
    role: filter.role,
    category: filter.category,
    organisations: check.refs(filter.organisation, "Organisation", `${argument}.organisation`),
    members: check.refs(filter.member, "City", `${argument}.member`),
    via: check.refs(filter.via, "Organisation", `${argument}.via`),
    activeOn: filter.activeOn,
    provenance: filter.provenance,
    cites: citesArg(filter.cites, `${argument}.cites`),
  };
}
