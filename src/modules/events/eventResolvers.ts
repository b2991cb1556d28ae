import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { eventList } from "../../data/events.js";
import type { AttendanceRow, CityRow, EventRow, MembershipRow, OrganisationRow, TripRow } from "../../data/rows.js";
import { listConnection, PageArgsInput, type ConnectionShape } from "../../graphql/connection.js";
import type { Context } from "../../graphql/context.js";
import { checkedCriteria } from "../../graphql/filterCheck.js";
import { JalaliDate, jalaliDateOf } from "../../graphql/jalaliDate.js";
import { LocalizedText, localized } from "../../graphql/localizedText.js";
import { Membership } from "../memberships/membershipType.js";
import { Organisation } from "../organisations/organisationType.js";
import { City } from "../places/placeTypes.js";
import { recordResolver } from "../sources/recordFields.js";
import { Trip } from "../trips/tripTypes.js";
import { EventFilter, EventOrder, eventCriteria } from "./eventInputs.js";
import { Attendance, Event, EventConnection } from "./eventTypes.js";

export const EventRecordResolver = recordResolver(Event, "Event", "EVENT");
export const AttendanceRecordResolver = recordResolver(Attendance, "Attendance", "ATTENDANCE");

@Resolver(() => Event)
export class EventResolver {
  @Query(() => EventConnection, { description: "Events: summits, assemblies, exhibitions, webinars." })
  async events(
    @Ctx() ctx: Context,
    @Args(() => PageArgsInput) page: PageArgsInput,
    @Arg("filter", () => EventFilter, { nullable: true }) filter?: EventFilter,
    @Arg("orderBy", () => [EventOrder], { nullable: true }) orderBy?: InstanceType<typeof EventOrder>[],
  ): Promise<ConnectionShape<EventRow>> {
    const criteria = await checkedCriteria(ctx, (check) => eventCriteria(check, filter));
    return listConnection(ctx, eventList(criteria, orderBy), page);
  }

  @FieldResolver(() => LocalizedText)
  name(@Root() e: EventRow): LocalizedText {
    return localized(e.nameFa, e.nameEn);
  }

  @FieldResolver(() => Organisation, { nullable: true })
  organiser(@Root() e: EventRow, @Ctx() ctx: Context): Promise<OrganisationRow | null> | null {
    return e.organiserId === null ? null : ctx.loaders.organisation.load(e.organiserId);
  }

  @FieldResolver(() => City, { nullable: true })
  host(@Root() e: EventRow, @Ctx() ctx: Context): Promise<CityRow | null> | null {
    return e.hostCityId === null ? null : ctx.loaders.city.load(e.hostCityId);
  }

  @FieldResolver(() => JalaliDate)
  startJalali(@Root() e: EventRow): JalaliDate {
    return jalaliDateOf(e.startDate) as JalaliDate;
  }

  @FieldResolver(() => JalaliDate, { nullable: true })
  endJalali(@Root() e: EventRow): JalaliDate | null {
    return jalaliDateOf(e.endDate);
  }

  @FieldResolver(() => [Attendance], { description: "Every city's participation in the event." })
  attendances(@Root() e: EventRow, @Ctx() ctx: Context): Promise<AttendanceRow[]> {
    return ctx.loaders.eventAttendances.load(e.id);
  }

  @FieldResolver(() => [Trip], { description: "Trips made to attend the event." })
  trips(@Root() e: EventRow, @Ctx() ctx: Context): Promise<TripRow[]> {
    return ctx.loaders.eventTrips.load(e.id);
  }
}

@Resolver(() => Attendance)
export class AttendanceResolver {
  @FieldResolver(() => City, { description: "The city that took part." })
  async city(@Root() a: AttendanceRow, @Ctx() ctx: Context): Promise<CityRow> {
    return (await ctx.loaders.city.load(a.cityId)) as CityRow;
  }

  @FieldResolver(() => Event)
  async event(@Root() a: AttendanceRow, @Ctx() ctx: Context): Promise<EventRow> {
    return (await ctx.loaders.event.load(a.eventId)) as EventRow;
  }

  @FieldResolver(() => Trip, { nullable: true, description: "The trip the city's delegates made to attend in person." })
  trip(@Root() a: AttendanceRow, @Ctx() ctx: Context): Promise<TripRow | null> | null {
    return a.tripId === null ? null : ctx.loaders.trip.load(a.tripId);
  }

  @FieldResolver(() => Membership, { nullable: true, description: "The membership that brought the city to the event." })
  membership(@Root() a: AttendanceRow, @Ctx() ctx: Context): Promise<MembershipRow | null> | null {
    return a.membershipId === null ? null : ctx.loaders.membership.load(a.membershipId);
  }
}
