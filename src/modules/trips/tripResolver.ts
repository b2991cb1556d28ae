import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import type { CityRow, CountryRow, EventRow, OrganisationRow, TripDelegateRow, TripRow } from "../../data/rows.js";
import { tripList } from "../../data/trips.js";
import { listConnection, PageArgsInput, type ConnectionShape } from "../../graphql/connection.js";
import type { Context } from "../../graphql/context.js";
import { checkedCriteria } from "../../graphql/filterCheck.js";
import { JalaliDate, jalaliDateOf } from "../../graphql/jalaliDate.js";
import { LocalizedText, localized } from "../../graphql/localizedText.js";
import { moneyFromMinorUnits } from "../../lib/money.js";
import { Event } from "../events/eventTypes.js";
import { Organisation } from "../organisations/organisationType.js";
import { City, Country } from "../places/placeTypes.js";
import { recordResolver } from "../sources/recordFields.js";
import { TripFilter, TripOrder, tripCriteria } from "./tripInputs.js";
import { CommitteeDecision, Delegate, Money, Trip, TripConnection } from "./tripTypes.js";

export const TripRecordResolver = recordResolver(Trip, "Trip", "TRIP");

@Resolver(() => Trip)
export class TripResolver {
  @Query(() => TripConnection, { description: "Foreign-trip requests and trips, one per request." })
  async trips(
    @Ctx() ctx: Context,
    @Args(() => PageArgsInput) page: PageArgsInput,
    @Arg("filter", () => TripFilter, { nullable: true }) filter?: TripFilter,
    @Arg("orderBy", () => [TripOrder], { nullable: true }) orderBy?: InstanceType<typeof TripOrder>[],
  ): Promise<ConnectionShape<TripRow>> {
    const criteria = await checkedCriteria(ctx, (check) => tripCriteria(check, filter));
    return listConnection(ctx, tripList(criteria, orderBy), page);
  }

  @FieldResolver(() => LocalizedText)
  title(@Root() t: TripRow): LocalizedText {
    return localized(t.titleFa, t.titleEn);
  }

  @FieldResolver(() => City, { description: "The city whose municipality requested the trip." })
  async city(@Root() t: TripRow, @Ctx() ctx: Context): Promise<CityRow> {
    return (await ctx.loaders.city.load(t.cityId)) as CityRow;
  }

  @FieldResolver(() => [City], { description: "Destinations in the order visited." })
  async destinations(@Root() t: TripRow, @Ctx() ctx: Context): Promise<CityRow[]> {
    const cityIds = await ctx.loaders.tripLegCityIds.load(t.id);
    return (await ctx.loaders.city.loadMany(cityIds)) as CityRow[];
  }

  @FieldResolver(() => [Country], { description: "The destinations' countries, each once, in the order first visited." })
  async countries(@Root() t: TripRow, @Ctx() ctx: Context): Promise<CountryRow[]> {
    const cities = await this.destinations(t, ctx);
    const countryIds = [...new Set(cities.map((c) => c.countryId))];
    return (await ctx.loaders.country.loadMany(countryIds)) as CountryRow[];
  }

  @FieldResolver(() => JalaliDate)
  startJalali(@Root() t: TripRow): JalaliDate {
    return jalaliDateOf(t.startDate) as JalaliDate;
  }

  @FieldResolver(() => JalaliDate, { nullable: true })
  endJalali(@Root() t: TripRow): JalaliDate | null {
    return jalaliDateOf(t.endDate);
  }

  @FieldResolver(() => [Delegate])
  async delegates(@Root() t: TripRow, @Ctx() ctx: Context): Promise<Delegate[]> {
    const rows = await ctx.loaders.tripDelegates.load(t.id);
    return rows.map((d: TripDelegateRow) => ({
      name: d.nameFa || d.nameEn ? localized(d.nameFa, d.nameEn) : null,
      position: d.title,
      unit: d.unit,
      role: d.role,
    }));
  }

  @FieldResolver(() => [Event], { description: "Events the trip was made for." })
  events(@Root() t: TripRow, @Ctx() ctx: Context): Promise<EventRow[]> {
    return ctx.loaders.tripEvents.load(t.id);
  }

  @FieldResolver(() => [Organisation], { description: "Organisations the trip was linked to." })
  organisations(@Root() t: TripRow, @Ctx() ctx: Context): Promise<OrganisationRow[]> {
    return ctx.loaders.tripOrganisations.load(t.id);
  }

  @FieldResolver(() => Organisation, { nullable: true, description: "Who sent the invitation." })
  invitedBy(@Root() t: TripRow, @Ctx() ctx: Context): Promise<OrganisationRow | null> | null {
    return t.invitedById === null ? null : ctx.loaders.organisation.load(t.invitedById);
  }

  @FieldResolver(() => CommitteeDecision, { nullable: true, description: "Null while the request awaits the committee." })
  decision(@Root() t: TripRow): CommitteeDecision | null {
    if (!t.decisionOutcome || !t.decidedOn) return null;
    return { outcome: t.decisionOutcome, decidedOn: t.decidedOn, reason: t.decisionReason };
  }

  @FieldResolver(() => Money, { nullable: true })
  cost(@Root() t: TripRow): Money | null {
    if (t.costMinor === null || !t.costCurrency) return null;
    return moneyFromMinorUnits(t.costMinor, t.costCurrency);
  }
}
