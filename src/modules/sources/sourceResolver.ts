import { Arg, Args, Ctx, FieldResolver, ID, ObjectType, Query, Resolver, Root, type ClassType } from "type-graphql";
import type { CitationLinkRow, CitationRow, SourceRow } from "../../data/rows.js";
import {
  CITED_BY_ORDER_FIELDS,
  citedByList,
  CITING_RECORD_TYPES,
  type CitedByOrderField,
  type CitingRecordType,
} from "../../data/sources.js";
import { Connection, listConnection, PageArgsInput, type ConnectionShape } from "../../graphql/connection.js";
import type { Context } from "../../graphql/context.js";
import { enumOf } from "../../graphql/enums.js";
import { badUserInput } from "../../graphql/errors.js";
import { fromGlobalId, tagNode, toGlobalId, type NodeTypeName } from "../../graphql/globalId.js";
import { Node } from "../../graphql/node.js";
import { OrderInput } from "../../graphql/ordering.js";
import { Source } from "./sourceType.js";

export const RecordTypeEnum = enumOf(CITING_RECORD_TYPES, "RecordType", "A kind of record that cites sources.");

const CitedByOrderFieldEnum = enumOf(
  CITED_BY_ORDER_FIELDS,
  "CitedByOrderField",
  "What the records citing a source can be sorted by: FIRST_CITED, when the record first cited it; RECORD_TYPE, the kind of record (then first cited).",
);
const CitedByOrder = OrderInput<CitedByOrderField>(
  CitedByOrderFieldEnum,
  "CitedByOrder",
  "A sort key for the records citing a source (default: FIRST_CITED ascending).",
);

@ObjectType({ description: "Records citing a source, in the order asked for (default: the order they were first cited)." })
export class SourceCitedByConnection extends Connection(Node as unknown as ClassType<Node>, "SourceCitedBy") {}

const NODE_TYPE_OF: Record<CitingRecordType, NodeTypeName> = {
  COUNTRY: "Country",
  CITY: "City",
  ORGANISATION: "Organisation",
  MEMBERSHIP: "Membership",
  EVENT: "Event",
  ATTENDANCE: "Attendance",
  TRIP: "Trip",
  PARTNERSHIP: "Partnership",
};

/** The records behind a page of record_sources rows, through the request's loaders (one statement per type). */
async function citingRecords(ctx: Context, links: readonly CitationLinkRow[]): Promise<(object | null)[]> {
  const { loaders } = ctx;
  const byType: Record<CitingRecordType, (id: number) => Promise<object | null>> = {
    COUNTRY: (id) => loaders.country.load(id),
    CITY: (id) => loaders.city.load(id),
    ORGANISATION: (id) => loaders.organisation.load(id),
    MEMBERSHIP: (id) => loaders.membership.load(id),
    EVENT: (id) => loaders.event.load(id),
    ATTENDANCE: (id) => loaders.attendance.load(id),
    TRIP: (id) => loaders.trip.load(id),
    PARTNERSHIP: (id) => loaders.partnership.load(id),
  };
  return Promise.all(
    links.map(async (link) => {
      const type = link.recordType as CitingRecordType;
      const row = await byType[type](link.recordId);
      return row ? tagNode(NODE_TYPE_OF[type], { ...row }) : null;
    }),
  );
}

@Resolver(() => Source)
export class SourceResolver {
  @Query(() => Source, {
    nullable: true,
    description:
      "One source by its global ID (a record's `citations { source { id } }`); null when none has it. An ID that is malformed or of another type is a BAD_USER_INPUT error.",
  })
  async source(@Ctx() ctx: Context, @Arg("id", () => ID) id: string): Promise<SourceRow | null> {
    const decoded = fromGlobalId(id);
    if (!decoded) throw badUserInput(`"${id}" is not a global ID issued by this API.`, "id");
    if (decoded.type !== "Source")
      throw badUserInput(`\`id\` expects a Source ID; "${id}" is the ID of a ${decoded.type}.`, "id");
    return ctx.loaders.byPublicId.Source.load(decoded.publicId);
  }

  @FieldResolver(() => ID)
  id(@Root() source: SourceRow): string {
    return toGlobalId("Source", source.publicId);
  }

  @FieldResolver(() => String, { nullable: true })
  locator(@Root() source: SourceRow | CitationRow): string | null {
    return ("citedAt" in source && source.citedAt) || source.locator;
  }

  @FieldResolver(() => SourceCitedByConnection, {
    description:
      'The records resting on this source, each once, in the order first cited unless `orderBy` says otherwise: `types` narrows the kinds of record, `fact` to those citing that fact (e.g. "F12"). Pages both ways like every list. Each record\'s `citations` says which of its fields the source backs.',
  })
  async citedBy(
    @Root() source: SourceRow,
    @Ctx() ctx: Context,
    @Args(() => PageArgsInput) page: PageArgsInput,
    @Arg("types", () => [RecordTypeEnum], { nullable: true }) types?: CitingRecordType[],
    @Arg("fact", () => String, { nullable: true }) fact?: string,
    @Arg("orderBy", () => [CitedByOrder], { nullable: true }) orderBy?: InstanceType<typeof CitedByOrder>[],
  ): Promise<ConnectionShape<object>> {
    const links = await listConnection(ctx, citedByList(source.id, types, fact?.trim() || null, orderBy), page);
    const records = await citingRecords(ctx, links.nodes);
    // A record deleted since it was cited has no node; its link is skipped.
    const edges = links.edges.flatMap((edge, i) => (records[i] ? [{ cursor: edge.cursor, node: records[i] }] : []));
    return {
      edges,
      nodes: edges.map((e) => e.node),
      pageInfo: links.pageInfo,
      get totalCount() {
        return links.totalCount;
      },
    };
  }
}
