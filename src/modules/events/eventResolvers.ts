import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { eq } from "drizzle-orm";
import type { AttendanceMode } from "../../../db/enums.js";
import { attendances, tripEvents, trips } from "../../../db/schema.js";
import { attendanceList, eventList } from "../../data/events.js";
import { tripList } from "../../data/trips.js";
import { AttendanceModeEnum } from "../../graphql/enums.js";
import type { AttendanceRow, CityRow, EventRow, MembershipRow, OrganisationRow, TripRow } from "../../data/rows.js";
import { listConnection, nestedConnection, PageArgsInput, type ConnectionShape } from "../../graphql/connection.js";
import type { Context } from "../../graphql/context.js";
import { checkedCriteria } from "../../graphql/filterCheck.js";
import { JalaliDate, jalaliDateOf } from "../../graphql/jalaliDate.js";
import { LocalizedText, localized } from "../../graphql/localizedText.js";
import { Membership } from "../memberships/membershipType.js";
import { Organisation } from "../organisations/organisationType.js";
import { City } from "../places/placeTypes.js";
import { recordResolver } from "../sources/recordFields.js";
import { TripFilter, TripOrder, tripCriteria } from "../trips/tripInputs.js";
import { Trip, TripConnection } from "../trips/tripTypes.js";
import { AttendanceOrder, EventFilter, EventOrder, eventCriteria, participationMode } from "./eventInputs.js";
import { Attendance, AttendanceConnection, Event, EventConnection } from "./eventTypes.js";

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

  @FieldResolver(() => [Attendance], {
    description:
      "Every city's participation in the event, in the order recorded; `mode`: only those in person or only those online. Pages with `attendancesConnection`.",
  })
  async attendances(
    @Root() e: EventRow,
    @Ctx() ctx: Context,
    @Arg("mode", () => AttendanceModeEnum, { nullable: true, description: "IN_PERSON or ONLINE." }) mode?: AttendanceMode,
  ): Promise<AttendanceRow[]> {
    const wanted = participationMode(mode, "mode");
    const rows = await ctx.loaders.eventAttendances.load(e.id);
    return wanted ? rows.filter((a) => a.mode === wanted) : rows;
  }

  @FieldResolver(() => AttendanceConnection, {
    description:
      "The event's attendances as a connection, in the order recorded unless `orderBy` says otherwise; `mode`: only those in person or only those online.",
  })
  attendancesConnection(
    @Root() e: EventRow,
    @Ctx() ctx: Context,
    @Args(() => PageArgsInput) page: PageArgsInput,
    @Arg("mode", () => AttendanceModeEnum, { nullable: true, description: "IN_PERSON or ONLINE." }) mode?: AttendanceMode,
    @Arg("orderBy", () => [AttendanceOrder], { nullable: true }) orderBy?: InstanceType<typeof AttendanceOrder>[],
  ): Promise<ConnectionShape<AttendanceRow>> {
    const spec = attendanceList({ mode: participationMode(mode, "mode") }, orderBy);
    return nestedConnection(ctx, "Event.attendancesConnection", spec, { column: attendances.eventId }, e.id, {
      ...page,
      filter: mode,
      orderBy,
    });
  }

  @FieldResolver(() => [Trip], {
    description: "Trips made to attend the event, earliest first.",
    deprecationReason: "Use `tripsConnection`, which pages, filters and sorts like every other trip list.",
  })
  trips(@Root() e: EventRow, @Ctx() ctx: Context): Promise<TripRow[]> {
    return ctx.loaders.eventTrips.load(e.id);
  }

  @FieldResolver(() => TripConnection, {
    description: "Trips made to attend the event (default: START_DATE DESC, as `trips`).",
  })
  async tripsConnection(
    @Root() e: EventRow,
    @Ctx() ctx: Context,
    @Args(() => PageArgsInput) page: PageArgsInput,
    @Arg("filter", () => TripFilter, { nullable: true }) filter?: TripFilter,
    @Arg("orderBy", () => [TripOrder], { nullable: true }) orderBy?: InstanceType<typeof TripOrder>[],
  ): Promise<ConnectionShape<TripRow>> {
    const spec = tripList(await checkedCriteria(ctx, (check) => tripCriteria(check, filter)), orderBy);
    const link = { through: tripEvents, on: eq(tripEvents.tripId, trips.id), column: tripEvents.eventId };
    return nestedConnection(ctx, "Event.tripsConnection", spec, link, e.id, { ...page, filter, orderBy });
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
