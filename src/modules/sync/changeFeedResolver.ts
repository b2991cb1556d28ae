/**
 * The change feed partners sync from: `changes` pages through every committed change, oldest
 * first; the `changes` subscription pushes each new one as it commits. Deletes stay as tombstones.
 */
import { Arg, Ctx, Field, FieldResolver, ID, Int, ObjectType, Query, Resolver, Root, Subscription } from "type-graphql";
import { CHANGE_OPS, CHANGE_TYPES, type ChangeType } from "../../../db/enums.js";
import { changesAfter, type ChangeRow } from "../../data/changeFeed.js";
import { rowAtChange } from "../../data/history.js";
import { PageInfo } from "../../graphql/connection.js";
import type { Context } from "../../graphql/context.js";
import { enumOf } from "../../graphql/enums.js";
import { badUserInput } from "../../graphql/errors.js";
import { tagNode, toGlobalId, type NodeTypeName } from "../../graphql/globalId.js";
import { Node } from "../../graphql/node.js";
import { DateTime } from "../../graphql/scalars.js";

export const ChangeTypeEnum = enumOf(CHANGE_TYPES, "ChangeType", "The kind of record a change is about.");
export const ChangeOpEnum = enumOf(
  CHANGE_OPS,
  "ChangeOp",
  "UPSERT: created or updated; DELETE: a tombstone, the record is gone.",
);

const NODE_TYPE_OF: Record<ChangeType, NodeTypeName> = {
  ORGANISATION: "Organisation",
  MEMBERSHIP: "Membership",
  TRIP: "Trip",
  EVENT: "Event",
  PARTNERSHIP: "Partnership",
  CITY: "City",
  ATTENDANCE: "Attendance",
};

const MAX_FEED_PAGE = 500;

export function changeCursor(seq: number): string {
  return Buffer.from(`change:${seq}`, "utf8").toString("base64url");
}

/** `changes.seq` is a 32-bit integer on PostgreSQL: a cursor beyond it was not issued here. */
const MAX_SEQ = 2 ** 31 - 1;

function seqFromCursor(cursor: string): number {
  const match = /^change:(\d{1,10})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!match || Number(match[1]) > MAX_SEQ || changeCursor(Number(match[1])) !== cursor)
    throw badUserInput(`Malformed cursor "${cursor}": pass an endCursor or a change's cursor from this feed.`, "after");
  return Number(match[1]);
}

@ObjectType({ simpleResolvers: true, description: "One committed change to a record." })
export class Change {
  @Field(() => String, { description: "Opaque; pass to `changes(after:)` to continue after this change." }) cursor!: string;
  @Field(() => ChangeTypeEnum) type!: string;
  @Field(() => ChangeOpEnum) op!: string;
  @Field(() => ID, { description: "The record's global ID (it may no longer resolve after a DELETE)." }) id!: string;
  @Field(() => Int, { description: "The record's version after the change (a tombstone's is one past the last)." })
  version!: number;
  @Field(() => DateTime) at!: string;
  @Field(() => Int, { description: "The change's position in the feed: increasing, in commit order." }) sequence!: number;
}

@ObjectType({ simpleResolvers: true })
class ChangeEdge {
  @Field(() => String) cursor!: string;
  @Field(() => Change) node!: ChangeRow;
}

@ObjectType({ simpleResolvers: true, description: "A page of the change feed, oldest first." })
export class ChangeConnection {
  @Field(() => [ChangeEdge]) edges!: ChangeEdge[];
  @Field(() => [Change]) nodes!: ChangeRow[];
  @Field(() => PageInfo, {
    description: "hasNextPage is false at the head of the feed: poll again later from endCursor, or subscribe.",
  })
  pageInfo!: PageInfo;
}

@Resolver(() => Change)
export class ChangeFeedResolver {
  @Query(() => ChangeConnection, {
    description: `The change feed partners sync from, oldest first: every create, update and delete (as a tombstone) in commit order. Start without \`after\` to replay from the beginning; replaying the whole feed reconstructs the current records. first: 1..${MAX_FEED_PAGE}.`,
  })
  async changes(
    @Ctx() ctx: Context,
    @Arg("after", () => String, { nullable: true }) after?: string,
    @Arg("first", () => Int, { defaultValue: 100 }) first = 100,
    @Arg("types", () => [ChangeTypeEnum], { nullable: true }) types?: ChangeType[],
  ): Promise<ChangeConnection> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_FEED_PAGE)
      throw badUserInput(`\`first\` must be between 1 and ${MAX_FEED_PAGE}; got ${first}.`, "first");
    const afterSeq = after ? seqFromCursor(after) : 0;
    ctx.checkDeadline();
    const rows = await changesAfter(ctx.db, afterSeq, first + 1, types);
    const page = rows.slice(0, first);
    const cursors = page.map((r) => changeCursor(r.seq));
    return {
      edges: page.map((node, i) => ({ node, cursor: cursors[i] })),
      nodes: page,
      pageInfo: {
        hasNextPage: rows.length > first,
        hasPreviousPage: afterSeq > 0,
        startCursor: cursors[0] ?? null,
        // At the head of the feed, the cursor to poll from is where the client already is.
        endCursor: cursors[cursors.length - 1] ?? after ?? null,
      },
    };
  }

  @Subscription(() => Change, {
    description: "Each change as it commits, once, in feed order (graphql-ws on /graphql). Optionally only some types.",
    name: "changes",
    subscribe: ({ context, args }) => {
      const types = (args as { types?: ChangeType[] | null }).types;
      // Filtered before it is queued: only the changes it asked for count against its buffer.
      return (context as Context).pubSub.pubSub.subscribe(
        (change: ChangeRow) => !types?.length || types.includes(change.recordType),
      );
    },
  })
  changeCommitted(
    @Root() change: ChangeRow,
    @Arg("types", () => [ChangeTypeEnum], { nullable: true }) _types?: ChangeType[],
  ): ChangeRow {
    return change;
  }

  @FieldResolver(() => String)
  cursor(@Root() change: ChangeRow): string {
    return changeCursor(change.seq);
  }

  @FieldResolver(() => ChangeTypeEnum)
  type(@Root() change: ChangeRow): string {
    return change.recordType;
  }

  @FieldResolver(() => ID)
  id(@Root() change: ChangeRow): string {
    return toGlobalId(NODE_TYPE_OF[change.recordType], change.publicId);
  }

  @FieldResolver(() => Int)
  sequence(@Root() change: ChangeRow): number {
    return change.seq;
  }

  @FieldResolver(() => Node, {
    nullable: true,
    description:
      "The record as this change left it (for a delete, as it was when deleted): replaying the feed with `record` rebuilds every past state, not only today's. Its relations read as of the operation's moment.",
  })
  async record(@Root() change: ChangeRow, @Ctx() ctx: Context): Promise<Node | null> {
    const versions = await ctx.loaders.history.versions(change.recordType).load(change.recordId);
    const row = rowAtChange(versions, change);
    return row ? (tagNode(NODE_TYPE_OF[change.recordType], row) as unknown as Node) : null;
  }

  @FieldResolver(() => Node, { nullable: true, description: "The record as it is now; null for a deleted record." })
  async node(@Root() change: ChangeRow, @Ctx() ctx: Context): Promise<Node | null> {
    const type = NODE_TYPE_OF[change.recordType];
    const row = await ctx.loaders.byPublicId[type].load(change.publicId);
    return row ? (tagNode(type, { ...row }) as unknown as Node) : null;
  }
}
