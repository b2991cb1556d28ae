import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import type { DatePrecision } from "../../../db/enums.js";
import { partnershipList } from "../../data/partnerships.js";
import type { CityRow, PartnershipRow } from "../../data/rows.js";
import { listConnection, PageArgsInput, type ConnectionShape } from "../../graphql/connection.js";
import type { Context } from "../../graphql/context.js";
import { DatePrecisionEnum } from "../../graphql/enums.js";
import { checkedCriteria } from "../../graphql/filterCheck.js";
import { JalaliDate, jalaliDateOf } from "../../graphql/jalaliDate.js";
import { City } from "../places/placeTypes.js";
import { recordResolver } from "../sources/recordFields.js";
import { PartnershipFilter, PartnershipOrder, partnershipCriteria } from "./partnershipInputs.js";
import { Partnership, PartnershipConnection } from "./partnershipType.js";

export const PartnershipRecordResolver = recordResolver(Partnership, "Partnership", "PARTNERSHIP");

@Resolver(() => Partnership)
export class PartnershipResolver {
  @Query(() => PartnershipConnection, { description: "City-to-city partnerships." })
  async partnerships(
    @Ctx() ctx: Context,
    @Args(() => PageArgsInput) page: PageArgsInput,
    @Arg("filter", () => PartnershipFilter, { nullable: true }) filter?: PartnershipFilter,
    @Arg("orderBy", () => [PartnershipOrder], { nullable: true }) orderBy?: InstanceType<typeof PartnershipOrder>[],
  ): Promise<ConnectionShape<PartnershipRow>> {
    const criteria = await checkedCriteria(ctx, (check) => partnershipCriteria(check, filter));
    return listConnection(ctx, partnershipList(criteria, orderBy), page);
  }

  @FieldResolver(() => City, { description: "The city that holds the partnership." })
  async city(@Root() p: PartnershipRow, @Ctx() ctx: Context): Promise<CityRow> {
    return (await ctx.loaders.city.load(p.cityId)) as CityRow;
  }

  @FieldResolver(() => City)
  async partner(@Root() p: PartnershipRow, @Ctx() ctx: Context): Promise<CityRow> {
    return (await ctx.loaders.city.load(p.partnerCityId)) as CityRow;
  }

  @FieldResolver(() => DatePrecisionEnum, {
    nullable: true,
    description: "How much of `signedOn` is known (DAY for dates written before precisions were recorded); null without a date.",
  })
  signedPrecision(@Root() p: PartnershipRow): DatePrecision | null {
    return p.signedOn ? (p.signedPrecision ?? "DAY") : null;
  }

  @FieldResolver(() => JalaliDate, { nullable: true, description: "`signedOn` in the Jalali calendar, to `signedPrecision`." })
  signedJalali(@Root() p: PartnershipRow): JalaliDate | null {
    return jalaliDateOf(p.signedOn, p.signedPrecision);
  }
}
