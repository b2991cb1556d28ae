import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from "type-graphql";
import type { CityRow, CountryRow, EventRow, OrganisationRow, TripDelegateRow, TripRow } from "../../data/rows.js";
import { tripList, type TripDelegateColumn } from "../../data/trips.js";
import { listConnection, nestedConnection, PageArgsInput, type ConnectionShape } from "../../graphql/connection.js";
import type { Context } from "../../graphql/context.js";
import { checkedCriteria } from "../../graphql/filterCheck.js";
import { JalaliDate, jalaliDateOf } from "../../graphql/jalaliDate.js";
import { LocalizedText, localized } from "../../graphql/localizedText.js";
import { columnLookahead } from "../../graphql/lookahead.js";
import { moneyFromMinorUnits } from "../../lib/money.js";
import { eq } from "drizzle-orm";
import { events, organisations, tripEvents, tripOrganisations } from "../../../db/schema.js";
import { eventList } from "../../data/events.js";
import { organisationList } from "../../data/organisations.js";
import { EventFilter, EventOrder, eventCriteria } from "../events/eventInputs.js";
import { Event, EventConnection } from "../events/eventTypes.js";
import { OrganisationFilter, OrganisationOrder, organisationCriteria } from "../organisations/organisationInputs.js";
import { Organisation, OrganisationConnection } from "../organisations/organisationType.js";
import { City, Country } from "../places/placeTypes.js";
import { recordResolver } from "../sources/recordFields.js";
import { TripFilter, TripOrder, tripCriteria } from "./tripInputs.js";
import { CommitteeDecision, Delegate, Money, Trip, TripConnection } from "./tripTypes.js";

export const TripRecordResolver = recordResolver(Trip, "Trip", "TRIP");

/** The trip_delegates columns each field of Delegate is built from (the `delegates` resolver below). */
const DELEGATE_COLUMNS: Record<keyof Delegate, readonly TripDelegateColumn[]> = {
  name: ["nameFa", "nameEn"],
  position: ["title"],
  positionText: ["title", "titleEn"],
  unit: ["unit"],
  unitText: ["unit", "unitEn"],
  role: ["role"],
};
const delegateColumns = columnLookahead(DELEGATE_COLUMNS, []);

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

  @FieldResolver(() => LocalizedText, {
    description:
      "The municipal unit that asked for the trip, in Persian and English (`fa` holds the unit as the committee writes it).",
  })
  requestingUnitText(@Root() t: TripRow): LocalizedText {
    return localized(t.requestingUnit, t.requestingUnitEn);
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
  async delegates(@Root() t: TripRow, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<Delegate[]> {
    const rows = await ctx.loaders.tripDelegates(delegateColumns(info)).load(t.id);
    // Columns no selected field needs were not read: the fields built from them are not sent.
    return (rows as TripDelegateRow[]).map((d) => ({
      name: d.nameFa || d.nameEn ? localized(d.nameFa, d.nameEn) : null,
      position: d.title,
      positionText: localized(d.title, d.titleEn),
      unit: d.unit,
      unitText: d.unit || d.unitEn ? localized(d.unit, d.unitEn) : null,
      role: d.role,
    }));
  }

  @FieldResolver(() => [Event], { description: "Events the trip was made for, earliest first. Pages with `eventsConnection`." })
  events(@Root() t: TripRow, @Ctx() ctx: Context): Promise<EventRow[]> {
    return ctx.loaders.tripEvents.load(t.id);
  }

  @FieldResolver(() => EventConnection, { description: "Events the trip was made for (default: START_DATE ASC)." })
  async eventsConnection(
    @Root() t: TripRow,
    @Ctx() ctx: Context,
    @Args(() => PageArgsInput) page: PageArgsInput,
    @Arg("filter", () => EventFilter, { nullable: true }) filter?: EventFilter,
    @Arg("orderBy", () => [EventOrder], { nullable: true }) orderBy?: InstanceType<typeof EventOrder>[],
  ): Promise<ConnectionShape<EventRow>> {
    const spec = eventList(await checkedCriteria(ctx, (check) => eventCriteria(check, filter)), orderBy);
    const link = { through: tripEvents, on: eq(tripEvents.eventId, events.id), column: tripEvents.tripId };
    return nestedConnection(ctx, "Trip.eventsConnection", spec, link, t.id, { ...page, filter, orderBy });
  }

  @FieldResolver(() => [Organisation], {
    description: "Organisations the trip was linked to, by slug. Pages with `organisationsConnection`.",
  })
  organisations(@Root() t: TripRow, @Ctx() ctx: Context): Promise<OrganisationRow[]> {
    return ctx.loaders.tripOrganisations.load(t.id);
  }

  @FieldResolver(() => OrganisationConnection, { description: "Organisations the trip was linked to (default: NAME ASC)." })
  async organisationsConnection(
    @Root() t: TripRow,
    @Ctx() ctx: Context,
    @Args(() => PageArgsInput) page: PageArgsInput,
    @Arg("filter", () => OrganisationFilter, { nullable: true }) filter?: OrganisationFilter,
    @Arg("orderBy", () => [OrganisationOrder], { nullable: true }) orderBy?: InstanceType<typeof OrganisationOrder>[],
  ): Promise<ConnectionShape<OrganisationRow>> {
    const spec = organisationList(await checkedCriteria(ctx, (check) => organisationCriteria(check, filter)), orderBy);
    const link = {
      through: tripOrganisations,
      on: eq(tripOrganisations.organisationId, organisations.id),
      column: tripOrganisations.tripId,
    };
    return nestedConnection(ctx, "Trip.organisationsConnection", spec, link, t.id, { ...page, filter, orderBy });
  }

  @FieldResolver(() => Organisation, { nullable: true, description: "Who sent the invitation." })
  invitedBy(@Root() t: TripRow, @Ctx() ctx: Context): Promise<OrganisationRow | null> | null {
    return t.invitedById === null ? null : ctx.loaders.organisation.load(t.invitedById);
  }

  @FieldResolver(() => CommitteeDecision, { nullable: true, description: "Null while the request awaits the committee." })
  decision(@Root() t: TripRow): CommitteeDecision | null {
    if (!t.decisionOutcome || !t.decidedOn) return null;
    return {
      outcome: t.decisionOutcome,
      decidedOn: t.decidedOn,
      reason: t.decisionReason,
      reasonText: t.decisionReason || t.decisionReasonEn ? localized(t.decisionReason, t.decisionReasonEn) : null,
    };
  }

  @FieldResolver(() => Money, { nullable: true })
  cost(@Root() t: TripRow): Money | null {
    if (t.costMinor === null || !t.costCurrency) return null;
    return moneyFromMinorUnits(t.costMinor, t.costCurrency);
  }
}
