import { Arg, Ctx, Field, ID, InputType, Mutation, ObjectType, Resolver } from "type-graphql";
import type { CoverageStatus } from "../../../db/enums.js";
import type { CityRow } from "../../data/rows.js";
import { setCoverage } from "../../data/writes/coverage.js";
import { auditedMutation, upsertPayload } from "../../graphql/auditedMutation.js";
import type { Context } from "../../graphql/context.js";
import { inputId, inputRef } from "../../graphql/mutationInput.js";
import { LocalDate } from "../../graphql/scalars.js";
import { UpsertPayload } from "../../graphql/userErrors.js";
import { UserErrorList } from "../../data/writes/userErrors.js";
import { City } from "../places/placeTypes.js";
import { StatedCoverageEnum } from "./coverageTypes.js";

@InputType({ description: "How complete a city's records are for a stretch of days, and the source that says so." })
export class SetCoverageInput {
  @Field(() => String, { description: "The city, by slug or ID." }) city!: string;
  @Field(() => LocalDate, { description: "The stretch's first day." }) from!: string;
  @Field(() => LocalDate, { description: "The stretch's last day (inclusive)." }) to!: string;
  @Field(() => StatedCoverageEnum) status!: CoverageStatus;
  @Field(() => ID, { description: "The source that states it, by ID (`source(id:)`, a record's `citations { source { id } }`)." })
  source!: string;
  @Field(() => String, {
    nullable: true,
    description: 'Where in the source: a fact number such as "F1"; at most 100 characters.',
  })
  locator?: string | null;
  @Field(() => String, { nullable: true, description: "At most 500 characters." }) note?: string | null;
}

@ObjectType({ simpleResolvers: true, description: "What setCoverage did." })
export class SetCoveragePayload extends UpsertPayload {
  @Field(() => City, { nullable: true, description: "The city, at its new version; null when there are userErrors." })
  city!: CityRow | null;
}

@Resolver()
export class CoverageMutations {
  @Mutation(() => SetCoveragePayload, {
    description:
      "States how complete a city's records are for a stretch of days (`footprint { coverage }`, `series { coverage }`). The stretch replaces the city's statements it contains whole; one it overlaps only in part is a CONFLICT user error, and then nothing is written. A change is a new version of the city, in the change feed. Role: EDITOR.",
  })
  setCoverage(@Ctx() ctx: Context, @Arg("input", () => SetCoverageInput) input: SetCoverageInput): Promise<SetCoveragePayload> {
    return auditedMutation(
      ctx,
      { operation: "setCoverage", roles: ["EDITOR"], input },
      async (session, errors: UserErrorList) => {
        const city = inputRef(input.city, "City", ["city"], errors);
        const sourcePublicId = inputId(input.source, "Source", ["source"], errors);
        if (errors.any) return null;
        return setCoverage(session, { ...input, city, sourcePublicId }, errors);
      },
      upsertPayload<"city", CityRow>("city"),
    );
  }
}
