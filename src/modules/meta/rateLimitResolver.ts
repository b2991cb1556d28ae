import { Ctx, Field, Int, ObjectType, Query, Resolver } from "type-graphql";
import type { Context, RateState } from "../../graphql/context.js";
import { DateTime } from "../../graphql/scalars.js";

@ObjectType({
  simpleResolvers: true,
  description: "The caller's rate-limit budget, in cost points (per API key, or per client address without one).",
})
export class RateLimit {
  @Field(() => Int, { description: "Points per window." }) limit!: number;
  @Field(() => Int, { description: "Points left after this query was charged." }) remaining!: number;
  @Field(() => Int, { description: "Points spent in this window." }) used!: number;
  @Field(() => DateTime, { description: "When the window ends and the budget is whole again." }) resetAt!: string;
  @Field(() => Int, { description: "What this query was charged: its requested cost (see extensions.cost for the actual cost)." })
  cost!: number;
}

@Resolver()
export class RateLimitResolver {
  @Query(() => RateLimit, {
    nullable: true,
    description: "Your rate-limit budget as of this query, which is charged like any other (costs are in extensions.cost too).",
  })
  rateLimit(@Ctx() ctx: Context): RateState | null {
    return ctx.rate ?? null;
  }
}
