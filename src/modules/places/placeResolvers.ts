import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { memberships, partnerships } from "../../../db/schema.js";
import { membershipList } from "../../data/memberships.js";
import { partnershipList } from "../../data/partnerships.js";
import { allCountries, cityList } from "../../data/places.js";
import type { CityRow, CountryRow, MembershipRow, PartnershipRow } from "../../data/rows.js";
import { listConnection, nestedConnection, PageArgsInput, type ConnectionShape } from "../../graphql/connection.js";
import type { Context } from "../../graphql/context.js";
import { checkedCriteria } from "../../graphql/filterCheck.js";
import { LocalizedText, localized } from "../../graphql/localizedText.js";
import { MembershipFilter, MembershipOrder, membershipCriteria } from "../memberships/membershipInputs.js";
import { MembershipConnection } from "../memberships/membershipType.js";
import { PartnershipConnection } from "../partnerships/partnershipType.js";
import { recordResolver } from "../sources/recordFields.js";
import { PartnershipFilter, PartnershipOrder, partnershipCriteria } from "../partnerships/partnershipInputs.js";
import { CityFilter, CityOrder, cityCriteria } from "./placeInputs.js";
import { City, CityConnection, Country } from "./placeTypes.js";

export const CountryRecordResolver = recordResolver(Country, "Country", "COUNTRY");
export const CityRecordResolver = recordResolver(City, "City", "CITY");

@Resolver(() => Country)
export class CountryResolver {
  @Query(() => [Country], { description: "All countries (ISO 3166-1), ordered by code." })
  countries(@Ctx() ctx: Context): Promise<CountryRow[]> {
    ctx.checkDeadline();
    return allCountries(ctx.db);
  }

  @FieldResolver(() => LocalizedText)
  name(@Root() c: CountryRow): LocalizedText {
    return localized(c.nameFa, c.nameEn);
  }
}

@Resolver(() => City)
export class CityResolver {
  @Query(() => CityConnection, { description: "Cities, ordered by English name." })
  async cities(
    @Ctx() ctx: Context,
    @Args(() => PageArgsInput) page: PageArgsInput,
    @Arg("filter", () => CityFilter, { nullable: true }) filter?: CityFilter,
    @Arg("orderBy", () => [CityOrder], { nullable: true }) orderBy?: InstanceType<typeof CityOrder>[],
  ): Promise<ConnectionShape<CityRow>> {
    const criteria = await checkedCriteria(ctx, (check) => cityCriteria(check, filter));
    return listConnection(ctx, cityList(criteria, orderBy), page);
  }

  @FieldResolver(() => LocalizedText)
  name(@Root() c: CityRow): LocalizedText {
    return localized(c.nameFa, c.nameEn);
  }

  @FieldResolver(() => Country)
  async country(@Root() c: CityRow, @Ctx() ctx: Context): Promise<CountryRow> {
    return (await ctx.loaders.country.load(c.countryId)) as CountryRow;
  }

  @FieldResolver(() => MembershipConnection, { description: "The city's memberships of organisations." })
  async memberships(
    @Root() c: CityRow,
    @Ctx() ctx: Context,
    @Args(() => PageArgsInput) page: PageArgsInput,
    @Arg("filter", () => MembershipFilter, { nullable: true }) filter?: MembershipFilter,
    @Arg("orderBy", () => [MembershipOrder], { nullable: true }) orderBy?: InstanceType<typeof MembershipOrder>[],
  ): Promise<ConnectionShape<MembershipRow>> {
    const spec = membershipList(await checkedCriteria(ctx, (check) => membershipCriteria(check, filter)), orderBy);
    return nestedConnection(ctx, "City.memberships", spec, { column: memberships.memberCityId }, c.id, {
      ...page,
      filter,
      orderBy,
    });
  }

  @FieldResolver(() => PartnershipConnection, { description: "Partnerships the city holds with other cities." })
  async partnerships(
    @Root() c: CityRow,
    @Ctx() ctx: Context,
    @Args(() => PageArgsInput) page: PageArgsInput,
    @Arg("filter", () => PartnershipFilter, { nullable: true }) filter?: PartnershipFilter,
    @Arg("orderBy", () => [PartnershipOrder], { nullable: true }) orderBy?: InstanceType<typeof PartnershipOrder>[],
  ): Promise<ConnectionShape<PartnershipRow>> {
    const spec = partnershipList(await checkedCriteria(ctx, (check) => partnershipCriteria(check, filter)), orderBy);
    return nestedConnection(ctx, "City.partnerships", spec, { column: partnerships.cityId }, c.id, { ...page, filter, orderBy });
  }
}
