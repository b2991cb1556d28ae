import { Field, Float, Int, ObjectType } from "type-graphql";
import { Connection } from "../../graphql/connection.js";
import { Node } from "../../graphql/node.js";
import { RecordFields } from "../sources/recordFields.js";

@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description: "A country, by ISO 3166-1 alpha-2 code; names from the i18n-iso-countries package.",
})
export class Country extends RecordFields implements Node {
  id!: string;
  @Field(() => String, { description: 'ISO 3166-1 alpha-2, e.g. "IQ".' }) code!: string;
}

@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description: "A city: a member of networks, a destination of trips, a partner.",
})
export class City extends RecordFields implements Node {
  id!: string;
  @Field(() => String, { description: 'Stable, readable key, e.g. "tehran".' }) slug!: string;
  @Field(() => Float, { nullable: true }) latitude!: number | null;
  @Field(() => Float, { nullable: true }) longitude!: number | null;
  @Field(() => Int, { nullable: true }) population!: number | null;
}

@ObjectType({ simpleResolvers: true, description: "A page of cities." })
export class CityConnection extends Connection(City, "City") {}
