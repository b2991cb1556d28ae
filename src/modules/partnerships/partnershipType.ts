import { Field, ObjectType } from "type-graphql";
import { Connection } from "../../graphql/connection.js";
import { PartnershipKindEnum, PartnershipStatusEnum } from "../../graphql/enums.js";
import { Node } from "../../graphql/node.js";
import { LocalDate } from "../../graphql/scalars.js";
import { RecordFields } from "../sources/recordFields.js";

@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description: "A city-to-city agreement: sister cities, friendship, memorandum, cooperation.",
})
export class Partnership extends RecordFields implements Node {
  id!: string;
  @Field(() => PartnershipKindEnum) kind!: string;
  @Field(() => PartnershipStatusEnum) status!: string;
  @Field(() => LocalDate, { nullable: true, description: "When the agreement was signed; read with `signedPrecision`." })
  signedOn!: string | null;
}

@ObjectType({ simpleResolvers: true, description: "A page of partnerships." })
export class PartnershipConnection extends Connection(Partnership, "Partnership") {}
