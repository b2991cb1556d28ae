import { Field, InputType, type ClassType } from "type-graphql";
import { SortDirectionEnum } from "./enums.js";

/** Builds `<Name>Order { field, direction }` for a list's sortable fields. */
export function OrderInput<F extends string>(
  fieldEnum: Record<F, F>,
  name: string,
  description: string,
): ClassType<{ field: F; direction: "ASC" | "DESC" }> {
  @InputType(name, { description })
  class Order {
    @Field(() => fieldEnum) field!: F;
    @Field(() => SortDirectionEnum, { description: "Required: there is no implicit direction." }) direction!: "ASC" | "DESC";
  }
  return Order;
}
