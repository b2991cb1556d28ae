import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { membershipList } from "../../data/memberships.js";
import type { CityRow, MembershipRow, OrganisationRow } from "../../data/rows.js";
import { listConnection, PageArgsInput, type ConnectionShape } from "../../graphql/connection.js";
import type { Context } from "../../graphql/context.js";
import { checkedCriteria } from "../../graphql/filterCheck.js";
import { JalaliDate, jalaliDateOf } from "../../graphql/jalaliDate.js";
import { City } from "../places/placeTypes.js";
import { Organisation } from "../organisations/organisationType.js";
import { recordResolver } from "../sources/recordFields.js";
import { MembershipFilter, MembershipOrder, membershipCriteria } from "./membershipInputs.js";
import { Membership, MembershipConnection } from "./membershipType.js";

export const MembershipRecordResolver = recordResolver(Membership, "Membership", "MEMBERSHIP");

@Resolver(() => Membership)
export class MembershipResolver {
  @Query(() => MembershipConnection, { description: "Memberships of cities in organisations." })
  async memberships(
    @Ctx() ctx: Context,
    @Args(() => PageArgsInput) page: PageArgsInput,
    @Arg("filter", () => MembershipFilter, { nullable: true }) filter?: MembershipFilter,
    @Arg("orderBy", () => [MembershipOrder], { nullable: true }) orderBy?: InstanceType<typeof MembershipOrder>[],
  ): Promise<ConnectionShape<MembershipRow>> {
    const criteria = await checkedCriteria(ctx, (check) => membershipCriteria(check, filter));
    return listConnection(ctx, membershipList(criteria, orderBy), page);
  }

  @FieldResolver(() => City, { description: "The member city." })
  async member(@Root() m: MembershipRow, @Ctx() ctx: Context): Promise<CityRow> {
    return (await ctx.loaders.city.load(m.memberCityId)) as CityRow;
  }

  @FieldResolver(() => Organisation)
  async organisation(@Root() m: MembershipRow, @Ctx() ctx: Context): Promise<OrganisationRow> {
    return (await ctx.loaders.organisation.load(m.organisationId)) as OrganisationRow;
  }

  @FieldResolver(() => Organisation, {
    nullable: true,
    description: "The body the membership is held through (a regional section or national association), if any.",
  })
  via(@Root() m: MembershipRow, @Ctx() ctx: Context): Promise<OrganisationRow | null> | null {
    return m.viaOrganisationId === null ? null : ctx.loaders.organisation.load(m.viaOrganisationId);
  }

  @FieldResolver(() => JalaliDate, { nullable: true, description: "`startDate` in the Jalali calendar, to `startPrecision`." })
  startJalali(@Root() m: MembershipRow): JalaliDate | null {
    return jalaliDateOf(m.startDate, m.startPrecision);
  }

  @FieldResolver(() => JalaliDate, { nullable: true, description: "`endDate` in the Jalali calendar, to `endPrecision`." })
  endJalali(@Root() m: MembershipRow): JalaliDate | null {
    return jalaliDateOf(m.endDate, m.endPrecision);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "The membership's identifier in the partner system that syncs it (first of `externalIds`).",
  })
  async externalId(@Root() m: MembershipRow, @Ctx() ctx: Context): Promise<string | null> {
    const ids = await ctx.loaders.externalIds("MEMBERSHIP").load(m.id);
    return ids[0]?.value ?? null;
  }
}
