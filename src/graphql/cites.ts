/**
 * The `cites` filter every root list takes: records resting on one source, or on one fact of it
 * ("every record resting on fact F12"). The source is named by its global ID; an ID that is
 * malformed, of another type or of no source is a BAD_USER_INPUT error, never an empty list.
 */
import { Field, ID, InputType } from "type-graphql";
import type { CitesCriteria } from "../data/sources.js";
import type { Context } from "./context.js";
import { badUserInput } from "./errors.js";
import { fromGlobalId } from "./globalId.js";

@InputType({ description: "Records citing a source (see `Source.citedBy`), or one fact of it." })
export class CitesInput {
  @Field(() => ID, { description: "The source's global ID (a record's `citations { source { id } }`)." })
  source!: string;
  @Field(() => String, {
    nullable: true,
    description: 'Only records citing this fact of it, e.g. "F12" (a citation\'s `fact`). Without it: any fact.',
  })
  fact?: string | null;
}

/** The criteria for a `cites` input; a source ID that is not a Source's is a BAD_USER_INPUT error. */
export function citesArg(input: CitesInput | null | undefined, argument: string): CitesCriteria | undefined {
  if (!input) return undefined;
  const decoded = fromGlobalId(input.source);
  if (!decoded) throw badUserInput(`\`${argument}.source\`: "${input.source}" is not a global ID issued by this API.`, argument);
  if (decoded.type !== "Source")
    throw badUserInput(`\`${argument}.source\` expects a Source ID; "${input.source}" is the ID of a ${decoded.type}.`, argument);
  const fact = input.fact?.trim();
  return { sourcePublicId: decoded.publicId, fact: fact || null };
}

/** Refuses a `cites` naming no source (one batched lookup), so a typo is not an empty answer. */
export async function checkCitedSource(
  ctx: Context,
  criteria: { cites?: CitesCriteria | null },
  argument = "filter",
): Promise<void> {
  if (!criteria.cites) return;
  const source = await ctx.loaders.byPublicId.Source.load(criteria.cites.sourcePublicId);
  if (!source) throw badUserInput(`\`${argument}.cites.source\` names no source.`, `${argument}.cites`);
}
