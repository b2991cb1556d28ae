import { Field, ObjectType } from "type-graphql";
import { Connection } from "../../graphql/connection.js";
import { OrganisationKindEnum } from "../../graphql/enums.js";
import { Node } from "../../graphql/node.js";
import { RecordFields } from "../sources/recordFields.js";

@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description: "An international body cities take part in: a city network, a professional society, a UN agency.",
})
export class Organisation extends RecordFields implements Node {
  id!: string;
  @Field(() => String, { description: 'Stable, readable key, e.g. "metropolis".' }) slug!: string;
  @Field(() => String, { nullable: true }) acronym!: string | null;
  @Field(() => OrganisationKindEnum) kind!: string;
  @Field(() => [String], { description: "Short tags for what the organisation works on." }) focus!: string[];
  @Field(() => String, { nullable: true }) website!: string | null;
  @Field(() => Boolean, {
    description: "One of the international bodies the home city's international-affairs centre monitors (source report, F13).",
  })
  monitored!: boolean;
}

@ObjectType({ simpleResolvers: true, description: "A page of organisations." })
export class OrganisationConnection extends Connection(Organisation, "Organisation") {}
