import { Arg, Ctx, createUnionType, Int, Query, Resolver } from "type-graphql";
import { searchRecords, type SearchableType } from "../../data/search.js";
import type { Context } from "../../graphql/context.js";
import { badUserInput } from "../../graphql/errors.js";
import { NODE_TYPE, tagNode, type NodeTypeName } from "../../graphql/globalId.js";
import { Event } from "../events/eventTypes.js";
import { Organisation } from "../organisations/organisationType.js";
import { City, Country } from "../places/placeTypes.js";
import { Trip } from "../trips/tripTypes.js";

export const SearchHit = createUnionType({
  name: "SearchHit",
  description: "A record found by `search`.",
  types: () => [City, Country, Organisation, Event, Trip] as const,
  resolveType: (value) => (value as unknown as Record<symbol, string>)[NODE_TYPE],
});

const TYPE_NAMES: Record<SearchableType, NodeTypeName> = {
  CITY: "City",
  COUNTRY: "Country",
  ORGANISATION: "Organisation",
  EVENT: "Event",
  TRIP: "Trip",
};

const MAX_SEARCH_RESULTS = 100;

@Resolver()
export class SearchResolver {
  @Query(() => [SearchHit], {
    description:
      "Full-text search over cities, countries, organisations, events and trips, in Persian and English: names, acronyms, slugs and trip codes; best match first. Persian-aware: ي/ی and ك/ک, ZWNJ, tatweel and diacritics do not matter, Persian and Arabic digits match ASCII ones, Latin is case-insensitive. Every word must match the start of a word.",
  })
  async search(
    @Ctx() ctx: Context,
    @Arg("text", () => String) text: string,
    @Arg("first", () => Int, { defaultValue: 20 }) first: number,
  ): Promise<(typeof SearchHit)[]> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_SEARCH_RESULTS) {
      throw badUserInput(`\`first\` must be between 1 and ${MAX_SEARCH_RESULTS}; got ${first}.`, "first");
    }
    if (text.length > 200) throw badUserInput(`\`text\` may be at most 200 characters; got ${text.length}.`, "text");
    ctx.checkDeadline();
    const matches = await searchRecords(ctx.db, text, first);
    const loaders: Record<SearchableType, { load(id: number): Promise<object | null> }> = {
      CITY: ctx.loaders.city,
      COUNTRY: ctx.loaders.country,
      ORGANISATION: ctx.loaders.organisation,
      EVENT: ctx.loaders.event,
      TRIP: ctx.loaders.trip,
    };
    const rows = await Promise.all(matches.map((m) => loaders[m.type].load(m.id)));
    return rows.flatMap((row, i) =>
      row ? [tagNode(TYPE_NAMES[(matches[i] as { type: SearchableType }).type], { ...row }) as never] : [],
    );
  }
}
