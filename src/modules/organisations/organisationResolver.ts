import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { eq } from "drizzle-orm";
import { tripOrganisations, trips } from "../../../db/schema.js";
import { eventList } from "../../data/events.js";
import { membershipList } from "../../data/memberships.js";
import { organisationList } from "../../data/organisations.js";
import { tripList } from "../../data/trips.js";
import type { CityRow, EventRow, MembershipRow, OrganisationRow, TripRow } from "../../data/rows.js";
import { events, memberships } from "../../../db/schema.js";
import { listConnection, nestedConnection, PageArgsInput, type ConnectionShape } from "../../graphql/connection.js";
import type { Context } from "../../graphql/context.js";
import { checkedCriteria } from "../../graphql/filterCheck.js";
import { LocalizedText, localized } from "../../graphql/localizedText.js";
import { EventFilter, EventOrder, eventCriteria } from "../events/eventInputs.js";
import { EventConnection } from "../events/eventTypes.js";
import { MembershipFilter, MembershipOrder, membershipCriteria } from "../memberships/membershipInputs.js";
import { MembershipConnection } from "../memberships/membershipType.js";
import { City } from "../places/placeTypes.js";
import { recordResolver } from "../sources/recordFields.js";
import { TripFilter, TripOrder, tripCriteria } from "../trips/tripInputs.js";
import { TripConnection } from "../trips/tripTypes.js";
import { OrganisationFilter, OrganisationOrder, organisationCriteria } from "./organisationInputs.js";
import { Organisation, OrganisationConnection } from "./organisationType.js";

export const OrganisationRecordResolver = recordResolver(Organisation, "Organisation", "ORGANISATION");

@Resolver(() => Organisation)
export class OrganisationResolver {
  @Query(() => OrganisationConnection, {
    description: "International organisations: city networks, professional societies, agencies.",
  })
  async organisations(
    @Ctx() ctx: Context,
    @Args(() => PageArgsInput) page: PageArgsInput,
    @Arg("filter", () => OrganisationFilter, { nullable: true }) filter?: OrganisationFilter,
    @Arg("orderBy", () => [OrganisationOrder], { nullable: true }) orderBy?: InstanceType<typeof OrganisationOrder>[],
  ): Promise<ConnectionShape<OrganisationRow>> {
    const criteria = await checkedCriteria(ctx, (check) => organisationCriteria(check, filter));
    return listConnection(ctx, organisationList(criteria, orderBy), page);
  }

  @Query(() => Organisation, { nullable: true, description: 'One organisation by its slug, e.g. "metropolis".' })
  organisation(@Ctx() ctx: Context, @Arg("slug", () => String) slug: string): Promise<OrganisationRow | null> {
    return ctx.loaders.organisationSlug.load(slug);
  }

  @FieldResolver(() => LocalizedText)
  name(@Root() o: OrganisationRow): LocalizedText {
    return localized(o.nameFa, o.nameEn);
  }

  @FieldResolver(() => City, { nullable: true })
  headquarters(@Root() o: OrganisationRow, @Ctx() ctx: Context): Promise<CityRow | null> | null {
    return o.headquartersCityId === null ? null : ctx.loaders.city.load(o.headquartersCityId);
  }

  @FieldResolver(() => MembershipConnection, { description: "The organisation's members." })
  async memberships(
    @Root() o: OrganisationRow,
    @Ctx() ctx: Context,
    @Args(() => PageArgsInput) page: PageArgsInput,
    @Arg("filter", () => MembershipFilter, { nullable: true }) filter?: MembershipFilter,
    @Arg("orderBy", () => [MembershipOrder], { nullable: true }) orderBy?: InstanceType<typeof MembershipOrder>[],
  ): Promise<ConnectionShape<MembershipRow>> {
    const spec = membershipList(await checkedCriteria(ctx, (check) => membershipCriteria(check, filter)), orderBy);
    return nestedConnection(ctx, "Organisation.memberships", spec, { column: memberships.organisationId }, o.id, {
      ...page,
      filter,
      orderBy,
    });
  }

  @FieldResolver(() => EventConnection, { description: "Events the organisation organised." })
  async events(
    @Root() o: OrganisationRow,
    @Ctx() ctx: Context,
    @Args(() => PageArgsInput) page: PageArgsInput,
    @Arg("filter", () => EventFilter, { nullable: true }) filter?: EventFilter,
    @Arg("orderBy", () => [EventOrder], { nullable: true }) orderBy?: InstanceType<typeof EventOrder>[],
  ): Promise<ConnectionShape<EventRow>> {
    const spec = eventList(await checkedCriteria(ctx, (check) => eventCriteria(check, filter)), orderBy);
    return nestedConnection(ctx, "Organisation.events", spec, { column: events.organiserId }, o.id, { ...page, filter, orderBy });
  }

  @FieldResolver(() => TripConnection, { description: "Trips linked to the organisation." })
  async trips(
    @Root() o: OrganisationRow,
    @Ctx() ctx: Context,
    @Args(() => PageArgsInput) page: PageArgsInput,
    @Arg("filter", () => TripFilter, { nullable: true }) filter?: TripFilter,
    @Arg("orderBy", () => [TripOrder], { nullable: true }) orderBy?: InstanceType<typeof TripOrder>[],
  ): Promise<ConnectionShape<TripRow>> {
    const spec = tripList(await checkedCriteria(ctx, (check) => tripCriteria(check, filter)), orderBy);
    const link = {
      through: tripOrganisations,
      on: eq(tripOrganisations.tripId, trips.id),
      column: tripOrganisations.organisationId,
    };
    return nestedConnection(ctx, "Organisation.trips", spec, link, o.id, { ...page, filter, orderBy });
  }
}
