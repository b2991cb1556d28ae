import { Field, ID, InterfaceType } from "type-graphql";
import { NODE_TYPE } from "./globalId.js";

@InterfaceType({
  description: "An object with a stable, opaque global ID, fetchable with `node` / `nodes`.",
  resolveType: (value: Record<symbol, unknown>) => value[NODE_TYPE] as string,
})
export abstract class Node {
  @Field(() => ID)
  id!: string;
}
