/**
 * `history` on every kind of record: its versions, oldest first, each with the change that made it
 * (sequence number, time, operation, writer) and the record as that change left it. Built once per
 * record type by `historyResolver`, so every type's history pages and reads the same way.
 */
import { Args, Ctx, Field, FieldResolver, Int, ObjectType, Resolver, Root, type ClassType } from "type-graphql";
import type { ChangeType } from "../../../db/enums.js";
import type { ChangeRow } from "../../data/changeFeed.js";
import { changedFields, rowAtChange } from "../../data/history.js";
import type { OrganisationRow } from "../../data/rows.js";
import { ForwardPageArgs, pageArgs, PageInfo } from "../../graphql/connection.js";
import type { Context } from "../../graphql/context.js";
import { badUserInput } from "../../graphql/errors.js";
import type { NodeTypeName } from "../../graphql/globalId.js";
import { DateTime } from "../../graphql/scalars.js";
import { Organisation } from "../organisations/organisationType.js";
import { ChangeOpEnum } from "../sync/changeFeedResolver.js";

@ObjectType({ description: "Who made a version: the writer's role and organisation; the API key's name for ADMIN viewers only." })
export class VersionActor {
  @Field(() => String, {
    nullable: true,
    description:
      "EDITOR, PARTNER or ADMIN (an API key's role), SYSTEM (the seed, the CLI); null for changes made before writers were recorded.",
  })
  role!: string | null;
  @Field(() => Organisation, { nullable: true, description: "The organisation a PARTNER key writes for." })
  organisation!: OrganisationRow | null;
  @Field(() => String, {
    nullable: true,
    description: 'The API key\'s name ("seed" for the seed): ADMIN viewers only, null for others.',
  })
  name!: string | null;
}

/** One version as the resolvers hand it on. */
interface VersionShape {
  version: number;
  at: string;
  op: string;
  sequence: number;
  actor: VersionActor;
  changedFields: string[];
  record: Record<string, unknown> | null;
}

function versionCursor(seq: number): string {
  return Buffer.from(`version:${seq}`, "utf8").toString("base64url");
}

function seqOfCursor(cursor: string): number {
  const match = /^version:(\d{1,10})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!match) throw badUserInput(`Malformed cursor "${cursor.slice(0, 100)}": not a cursor of a record's history.`, "after");
  return Number(match[1]);
}

/** The `history` field of `type` (records of `changeType`), with its `<Name>Version` and connection types. */
export function historyResolver<T extends object>(type: ClassType<T>, name: NodeTypeName, changeType: ChangeType) {
  @ObjectType(`${name}Version`, {
    description: `One version of a ${name}: the change that made it and the record as it left it.`,
  })
  class Version {
    @Field(() => Int, { description: "The record's version number after the change (a delete's is one past the last)." })
    version!: number;
    @Field(() => DateTime, { description: "When the change was written." }) at!: string;
    @Field(() => ChangeOpEnum) op!: string;
    @Field(() => Int, {
      description: "The change's place in the feed: pass it as `asOfVersion` to read any query as the data stood after it.",
    })
    sequence!: number;
    @Field(() => VersionActor) actor!: VersionActor;
    @Field(() => [String], {
      description:
        "The stored fields whose values this version changed (every field it has, for the first; none for a delete), by their names in the data model.",
    })
    changedFields!: string[];
    @Field(() => type, {
      nullable: true,
      description: `The ${name} as this version left it (for a delete, as it was when deleted). Its relations read as of the operation's moment: for them as of this version, ask \`node(id:, asOfVersion: sequence)\`.`,
    })
    record!: T | null;
  }

  @ObjectType(`${name}VersionEdge`, { simpleResolvers: true })
  class Edge {
    @Field(() => String) cursor!: string;
    @Field(() => Version) node!: VersionShape;
  }

  @ObjectType(`${name}VersionConnection`, { simpleResolvers: true, description: `A page of a ${name}'s versions, oldest first.` })
  class Connection {
    @Field(() => [Edge]) edges!: Edge[];
    @Field(() => [Version]) nodes!: VersionShape[];
    @Field(() => PageInfo) pageInfo!: PageInfo;
    @Field(() => Int, { description: "Versions in all." }) totalCount!: number;
  }

  @Resolver(() => type)
  class HistoryResolver {
    @FieldResolver(() => Connection, {
      description: `Every version of this ${name}, oldest first: what changed, when, by whom, and the record as each change left it. The seed's load is version 1.`,
    })
    async history(
      @Root() root: { id: number },
      @Ctx() ctx: Context,
      @Args(() => ForwardPageArgs) page: ForwardPageArgs,
    ): Promise<Connection> {
      // The page size is checked as every list checks it.
      const first = pageArgs({ first: page.first }).first!;
      const afterSeq = page.after ? seqOfCursor(page.after) : 0;
      ctx.checkDeadline();
      const [changes, versions] = await Promise.all([
        ctx.loaders.history.changes(changeType).load(root.id),
        ctx.loaders.history.versions(changeType).load(root.id),
      ]);
      const isAdmin = ctx.viewer.kind === "API_KEY" && ctx.viewer.key.role === "ADMIN";
      const states = changes.map((change) => rowAtChange(versions, change));
      const all = changes.map((change: ChangeRow, i): VersionShape => ({
        version: change.version,
        at: change.at,
        op: change.op,
        sequence: change.seq,
        actor: { role: change.actorRole, organisation: null, name: isAdmin ? change.actor : null },
        changedFields: change.op === "DELETE" ? [] : changedFields(i > 0 ? states[i - 1] : null, states[i]),
        record: change.op === "DELETE" ? (states[i - 1] ?? states[i]) : states[i],
      }));
      const organisations = await Promise.all(
        changes.map((change) =>
          change.actorOrganisationId === null ? Promise.resolve(null) : ctx.loaders.organisation.load(change.actorOrganisationId),
        ),
      );
      all.forEach((version, i) => (version.actor.organisation = organisations[i]));
      const from = all.findIndex((v) => v.sequence > afterSeq);
      const rest = from === -1 ? [] : all.slice(from);
      const nodes = rest.slice(0, first);
      const edges = nodes.map((node) => ({ cursor: versionCursor(node.sequence), node }));
      return {
        edges,
        nodes,
        totalCount: all.length,
        pageInfo: {
          hasNextPage: rest.length > first,
          hasPreviousPage: from > 0,
          startCursor: edges[0]?.cursor ?? null,
          endCursor: edges.at(-1)?.cursor ?? null,
        },
      };
    }
  }
  return HistoryResolver;
}
