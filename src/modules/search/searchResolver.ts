import { Arg, Args, Ctx, createUnionType, Field, Int, ObjectType, Query, Resolver } from "type-graphql";
import { CursorError } from "../../data/pagination.js";
import { SEARCHABLE_TYPES, searchCount, searchPage, type SearchableType, type SearchMatch } from "../../data/search.js";
import { PageArgsInput, pageArgs, PageInfo } from "../../graphql/connection.js";
import type { Context } from "../../graphql/context.js";
import { enumOf } from "../../graphql/enums.js";
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

export const SearchTypeEnum = enumOf(SEARCHABLE_TYPES, "SearchType", "The kinds of record `search` finds.");

@ObjectType("SearchHitEdge", { simpleResolvers: true })
class SearchHitEdge {
  @Field(() => String, { description: "Opaque; pass to `after` / `before` of the same search." }) cursor!: string;
  @Field(() => SearchHit) node!: typeof SearchHit;
}

@ObjectType({ simpleResolvers: true, description: "A page of search hits, best match first." })
class SearchHitConnection {
  @Field(() => [SearchHitEdge]) edges!: SearchHitEdge[];
  @Field(() => [SearchHit], { description: "The nodes of `edges`, for clients that need no cursors." })
  nodes!: (typeof SearchHit)[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int, { description: "How many records match, in all pages." }) totalCount!: number;
}

const TYPE_NAMES: Record<SearchableType, NodeTypeName> = {
  CITY: "City",
  COUNTRY: "Country",
  ORGANISATION: "Organisation",
  EVENT: "Event",
  TRIP: "Trip",
};

const MAX_SEARCH_RESULTS = 100;
const MAX_SEARCH_TEXT = 200;

const SEARCH_RULES =
  'Full-text search over cities, countries, organisations, events and trips, in Persian and English: names, acronyms, slugs and trip codes; best match first (records whose slug, acronym or code matches, then by rank). Persian-aware: ي/ی and ك/ک, ZWNJ, tatweel and diacritics do not matter, Persian and Arabic digits match ASCII ones, Latin is case-insensitive, and a ZWNJ typed as a space still matches ("نمایش گاه" finds "نمایشگاه"). Every word must match the start of a word. `text`: at most 200 characters. `types`: only these kinds of record.';

function checkText(text: string): void {
  if (text.length > MAX_SEARCH_TEXT)
    throw badUserInput(`\`text\` may be at most ${MAX_SEARCH_TEXT} characters; got ${text.length}.`, "text");
}

/** The hits' records, tagged with their GraphQL type; a record deleted meanwhile is left out. */
async function loadHits(ctx: Context, matches: SearchMatch[]): Promise<(typeof SearchHit | null)[]> {
  const loaders: Record<SearchableType, { load(id: number): Promise<object | null> }> = {
    CITY: ctx.loaders.city,
    COUNTRY: ctx.loaders.country,
    ORGANISATION: ctx.loaders.organisation,
    EVENT: ctx.loaders.event,
    TRIP: ctx.loaders.trip,
  };
  const rows = await Promise.all(matches.map((m) => loaders[m.type].load(m.id)));
  return rows.map((row, i) => (row ? (tagNode(TYPE_NAMES[matches[i].type], { ...row }) as never) : null));
}

@Resolver()
export class SearchResolver {
  @Query(() => [SearchHit], {
    description: `${SEARCH_RULES} The first \`first\` hits (1..${MAX_SEARCH_RESULTS}); \`searchConnection\` pages.`,
    deprecationReason: "Use `searchConnection`, which pages with cursors like every other list.",
  })
  async search(
    @Ctx() ctx: Context,
    @Arg("text", () => String) text: string,
    @Arg("first", () => Int, { defaultValue: 20 }) first: number,
    @Arg("types", () => [SearchTypeEnum], { nullable: true }) types?: SearchableType[],
  ): Promise<(typeof SearchHit)[]> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_SEARCH_RESULTS) {
      throw badUserInput(`\`first\` must be between 1 and ${MAX_SEARCH_RESULTS}; got ${first}.`, "first");
    }
    checkText(text);
    ctx.checkDeadline();
    const page = await searchPage(ctx.db, text, { first, types });
    return (await loadHits(ctx, page.matches)).filter((hit) => hit !== null);
  }

  @Query(() => SearchHitConnection, { description: `${SEARCH_RULES} Pages like every connection.` })
  async searchConnection(
    @Ctx() ctx: Context,
    @Arg("text", () => String) text: string,
    @Args(() => PageArgsInput) page: PageArgsInput,
    @Arg("types", () => [SearchTypeEnum], { nullable: true }) types?: SearchableType[],
  ) {
    checkText(text);
    const paging = pageArgs(page);
    ctx.checkDeadline();
    let found;
    try {
      found = await searchPage(ctx.db, text, { ...paging, types });
    } catch (error) {
      if (error instanceof CursorError) throw badUserInput(error.message, paging.before ? "before" : "after");
      throw error;
    }
    const hits = await loadHits(ctx, found.matches);
    const edges = hits.flatMap((node, i) => (node ? [{ node, cursor: found.cursors[i] }] : []));
    let counted: Promise<number> | undefined;
    return {
      edges,
      nodes: edges.map((e) => e.node),
      pageInfo: {
        hasNextPage: found.hasNextPage,
        hasPreviousPage: found.hasPreviousPage,
        startCursor: found.cursors[0] ?? null,
        endCursor: found.cursors[found.cursors.length - 1] ?? null,
      },
      get totalCount() {
        return (counted ??= (ctx.checkDeadline(), searchCount(ctx.db, text, types)));
      },
    };
  }
}
