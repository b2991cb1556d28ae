import { Arg, Ctx, Field, InputType, Mutation, Resolver } from "type-graphql";
import type { DatePrecision, PartnershipKind, PartnershipStatus } from "../../../db/enums.js";
import type { PartnershipRow } from "../../data/rows.js";
import { upsertPartnership, type PartnershipWrite } from "../../data/writes/partnerships.js";
import type { UserErrorList } from "../../data/writes/userErrors.js";
import { auditedUpsert } from "../../graphql/auditedMutation.js";
import type { Context } from "../../graphql/context.js";
import { DatePrecisionEnum, PartnershipKindEnum, PartnershipStatusEnum } from "../../graphql/enums.js";
import { inputRef } from "../../graphql/mutationInput.js";
import { LocalDate } from "../../graphql/scalars.js";
import { upsertKeys, UpsertKeysInput } from "../../graphql/upsertInput.js";
import { UpsertPayloadOf } from "../../graphql/userErrors.js";
import { Partnership } from "./partnershipType.js";

@InputType({
  description:
    "One partnership, keyed by (`source`, `externalId`) when both are given, else by `id`, else by (`city`, `partner`, `kind`); new when none of them finds one. Omitted fields keep their current values on update; a new partnership needs `city`, `partner`, `kind` and `status`.",
})
export class UpsertPartnershipInput extends UpsertKeysInput("partnership", "sister-cities-registry") {
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
    description:
      "How much of signedOn is known: YEAR (give 1 January of the year), MONTH (the first of the month) or DAY. Default DAY; kept when signedOn is resent unchanged. Needs a signedOn.",
  })
  signedPrecision?: DatePrecision | null;
}

export const PartnershipPayload = UpsertPayloadOf<"partnership", PartnershipRow>(Partnership, "partnership");
export type PartnershipPayload = InstanceType<typeof PartnershipPayload>;

function partnershipWrite(input: UpsertPartnershipInput, errors: UserErrorList): PartnershipWrite {
  const city = (value: string | null | undefined, field: string) => (value ? inputRef(value, "City", [field], errors) : null);
  return {
    ...upsertKeys(input, "Partnership", errors),
    city: city(input.city, "city"),
    partner: city(input.partner, "partner"),
    kind: input.kind,
    status: input.status,
    signedOn: input.signedOn,
    signedPrecision: input.signedPrecision,
    provenance: input.provenance,
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
    return auditedUpsert(ctx, "upsertPartnership", input, "partnership", partnershipWrite, upsertPartnership);
  }
}
