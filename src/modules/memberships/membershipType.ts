import { Field, ObjectType } from "type-graphql";
import { Connection } from "../../graphql/connection.js";
import { DatePrecisionEnum, MembershipCategoryEnum, MembershipRoleEnum, MembershipStatusEnum } from "../../graphql/enums.js";
import { Node } from "../../graphql/node.js";
import { LocalDate } from "../../graphql/scalars.js";
import { RecordFields } from "../sources/recordFields.js";

@ObjectType({ simpleResolvers: true, implements: Node, description: "A city's membership of an organisation." })
export class Membership extends RecordFields implements Node {
  id!: string;
  @Field(() => MembershipStatusEnum) status!: string;
  @Field(() => MembershipCategoryEnum) category!: string;
  @Field(() => String, { nullable: true, description: 'The network\'s own word for the category, e.g. "Full member".' })
  categoryLabel!: string | null;
  @Field(() => MembershipRoleEnum) role!: string;
  @Field(() => LocalDate, { nullable: true, description: "Read with `startPrecision`." }) startDate!: string | null;
  @Field(() => DatePrecisionEnum, { nullable: true }) startPrecision!: string | null;
  @Field(() => LocalDate, { nullable: true }) endDate!: string | null;
  @Field(() => DatePrecisionEnum, { nullable: true }) endPrecision!: string | null;
}

@ObjectType({ simpleResolvers: true, description: "A page of memberships." })
export class MembershipConnection extends Connection(Membership, "Membership") {}
