import { Field, ObjectType } from "type-graphql";
import { SourceKindEnum } from "../../graphql/enums.js";
import { Node } from "../../graphql/node.js";
import { LocalDate } from "../../graphql/scalars.js";

@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description:
    "A document that records are drawn from: a news report, a council session, a partner's registry. `citedBy` lists the records resting on it.",
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

@ObjectType({
  simpleResolvers: true,
  description: "A value a source gives for one of a record's fields, where it differs from the record's.",
})
export class CitedValue {
  @Field(() => String, { description: "The GraphQL field of the record, as in `Citation.fields`." }) field!: string;
  @Field(() => String, { description: "The value as the source gives it (a year, a date, a name), in its own precision." })
  value!: string;
}

@ObjectType({
  simpleResolvers: true,
  description:
    "One source backing some of a record's fields: the source, where in it (`fact`), and which fields of the record it states.",
})
export class Citation {
  @Field(() => Source) source!: Source;
  @Field(() => String, {
    nullable: true,
    description: 'Where in the source: the fact number of its facts file (e.g. "F12"); null when the source is cited as a whole.',
  })
  fact!: string | null;
  @Field(() => [String], {
    description:
      "The GraphQL fields of this record that the source states (e.g. `countries`, `headedByMayor`). A record written through the API cites its writer's data entry or partner system for every field it has.",
  })
  fields!: string[];
  @Field(() => [CitedValue], {
    description:
      "Where sources disagree: fields this source also states, with another value than the record's (the record follows its other citations for them), and the value it gives. Empty when it agrees.",
  })
  statedOtherwise!: CitedValue[];
}
