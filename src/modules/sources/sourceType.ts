import { Field, ObjectType } from "type-graphql";
import { SourceKindEnum } from "../../graphql/enums.js";
import { Node } from "../../graphql/node.js";
import { LocalDate } from "../../graphql/scalars.js";

@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description: "A document that records are drawn from: a news report, a council session, a partner's registry.",
})
export class Source extends Node {
  @Field(() => SourceKindEnum) kind!: string;
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) publisher!: string | null;
  @Field(() => String, { nullable: true }) url!: string | null;
  @Field(() => LocalDate, { nullable: true }) publishedOn!: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      "Where in the source: under a record's `sources`, the place cited for that record (e.g. fact \"F11\" of the report); otherwise the source's own reference (e.g. a news code).",
  })
  locator!: string | null;
}
