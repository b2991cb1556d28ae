import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import type { Context } from "../../graphql/context.js";
import { badUserInput } from "../../graphql/errors.js";
import { fromGlobalId, tagNode } from "../../graphql/globalId.js";
import { Node } from "../../graphql/node.js";
import { canSeeNode } from "../admin/visibility.js";

const MAX_NODES = 100;

function checkId(id: string, argument: string): void {
  if (!fromGlobalId(id)) throw badUserInput(`"${id}" is not a global ID issued by this API.`, argument);
}

async function loadNode(ctx: Context, id: string): Promise<Node | null> {
  const decoded = fromGlobalId(id);
  if (!decoded) return null;
  const row = await ctx.loaders.byPublicId[decoded.type].load(decoded.publicId);
  // Keys and audit events exist for some viewers only; to the others they are not there at all.
  if (!row || !canSeeNode(ctx.viewer, decoded.type, row)) return null;
  return tagNode(decoded.type, { ...row }) as unknown as Node;
}

@Resolver()
export class NodeResolver {
  @Query(() => Node, {
    nullable: true,
    description:
      "Any record by its global ID; null when no record has it. A string that is not a global ID is a BAD_USER_INPUT error.",
  })
  async node(@Ctx() ctx: Context, @Arg("id", () => ID) id: string): Promise<Node | null> {
    checkId(id, "id");
    return loadNode(ctx, id);
  }

  @Query(() => [Node], {
    nullable: "items",
    description: `Records by global ID, in the order asked (at most ${MAX_NODES}); null for an ID that names no record. A string that is not a global ID is null too, with a BAD_USER_INPUT error at its position, as \`node\` reports it; the other IDs still answer.`,
  })
  nodes(@Ctx() ctx: Context, @Arg("ids", () => [ID]) ids: string[]): Promise<Node | null>[] {
    if (ids.length > MAX_NODES) throw badUserInput(`\`ids\` may hold at most ${MAX_NODES} IDs; got ${ids.length}.`, "ids");
    // One promise per item: graphql-js places a refused item's error at ["nodes", i] and nulls only it.
    return ids.map(async (id, i) => {
      checkId(id, `ids.${i}`);
      return loadNode(ctx, id);
    });
  }
}
