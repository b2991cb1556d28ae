import { Arg, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Resolver } from "type-graphql";
import type { DatePrecision, PartnershipKind, PartnershipStatus, Provenance } from "../../../db/enums.js";
import type { PartnershipRow } from "../../data/rows.js";
import { upsertPartnership, type PartnershipWrite } from "../../data/writes/partnerships.js";
import { UserErrorList, type UserError as UserErrorShape } from "../../data/writes/userErrors.js";
import type { Context } from "../../graphql/context.js";
import { DatePrecisionEnum, PartnershipKindEnum, PartnershipStatusEnum, ProvenanceEnum } from "../../graphql/enums.js";
import { inputId, inputRef } from "../../graphql/mutationInput.js";
import { LocalDate } from "../../graphql/scalars.js";
import { UserError, WriteOutcomeEnum } from "../../graphql/userErrors.js";
import { writeAs } from "../../graphql/writeAs.js";
import { Partnership } from "./partnershipType.js";

@InputType({
  description:
    "One partnership, keyed by (`source`, `externalId`) when both are given, else by `id`, else by (`city`, `partner`, `kind`); new when none of them finds one. Omitted fields keep their current values on update; a new partnership needs `city`, `partner`, `kind` and `status`.",
})
export class UpsertPartnershipInput {
  @Field(() => String, { nullable: true, description: 'The system `externalId` belongs to, e.g. "sister-cities-registry".' })
  source?: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      "The partnership's ID in the `source` system (1 to 200 characters): the upsert key. Linked to the partnership the first time it is written.",
  })
  externalId?: string | null;
  @Field(() => ID, { nullable: true, description: "Update this partnership." }) id?: string | null;
  @Field(() => String, { nullable: true, description: "The city that holds the partnership, by slug or ID." }) city?:
    string | null;
  @Field(() => String, { nullable: true, description: "The partner city, by slug or ID; not the city itself." }) partner?:
    string | null;
  @Field(() => PartnershipKindEnum, {
    nullable: true,
    description: "A city holds at most one partnership of each kind with a partner.",
  })
  kind?: PartnershipKind | null;
  @Field(() => PartnershipStatusEnum, { nullable: true, description: "Required for a new partnership." })
  status?: PartnershipStatus | null;
  @Field(() => LocalDate, {
    nullable: true,
    description: "When the agreement was signed; its Jalali year and month are stored beside it; null clears it.",
  })
  signedOn?: string | null;
  @Field(() => DatePrecisionEnum, {
    nullable: true,
    description: "How much of signedOn is known; default DAY (kept when signedOn is resent unchanged).",
  })
  signedPrecision?: DatePrecision | null;
  @Field(() => ProvenanceEnum, {
    nullable: true,
    description: "Default SOURCED for a new partnership (the writer's data entry is its source).",
  })
  provenance?: Provenance | null;
  @Field(() => Int, {
    nullable: true,
    description: "Write only if the partnership is at this version (optimistic concurrency); VERSION_MISMATCH otherwise.",
  })
  expectedVersion?: number | null;
}

@ObjectType({ simpleResolvers: true, description: "What upsertPartnership did." })
export class PartnershipPayload {
  @Field(() => Partnership, { nullable: true, description: "The partnership as written; null when there are userErrors." })
  partnership!: PartnershipRow | null;
  @Field(() => WriteOutcomeEnum, {
    nullable: true,
    description: "INSERTED, UPDATED or UNCHANGED; null when there are userErrors.",
  })
  outcome!: string | null;
  @Field(() => [UserError]) userErrors!: UserErrorShape[];
}

function toWrite(input: UpsertPartnershipInput, errors: UserErrorList): PartnershipWrite {
  const city = (value: string | null | undefined, field: string) =>
    value ? inputRef(value, "City", ["input", field], errors) : null;
  return {
    source: input.source,
    externalId: input.externalId,
    publicId: input.id ? inputId(input.id, "Partnership", ["input", "id"], errors) : null,
    city: city(input.city, "city"),
    partner: city(input.partner, "partner"),
    kind: input.kind,
    status: input.status,
    signedOn: input.signedOn,
    signedPrecision: input.signedPrecision,
    provenance: input.provenance,
    expectedVersion: input.expectedVersion,
  };
}

@Resolver()
export class PartnershipMutations {
  @Mutation(() => PartnershipPayload, {
    description:
      "Creates or updates one city-to-city partnership, keyed by (source, externalId), else id, else (city, partner, kind). An upsert that changes nothing is UNCHANGED: the version stays and no change enters the feed. Problems with the input come back as userErrors, and then nothing is written. Role: EDITOR.",
  })
  upsertPartnership(
    @Ctx() ctx: Context,
    @Arg("input", () => UpsertPartnershipInput) input: UpsertPartnershipInput,
  ): Promise<PartnershipPayload> {
    return writeAs(ctx, ["EDITOR"], "upsertPartnership", input, async (session) => {
      const errors = new UserErrorList();
      const write = toWrite(input, errors);
      const result = errors.any ? null : await upsertPartnership(session, write, errors);
      await session.audit(
        "upsertPartnership",
        input,
        result ? (result.outcome === "UNCHANGED" ? "UNCHANGED" : "APPLIED") : "REJECTED",
        errors.errors,
      );
      return { partnership: result?.row ?? null, outcome: result?.outcome ?? null, userErrors: errors.errors };
    });
  }
}
