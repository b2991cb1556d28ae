import { Arg, Ctx, Field, InputType, Mutation, Resolver } from "type-graphql";
import type { OrganisationKind } from "../../../db/enums.js";
import type { OrganisationRow } from "../../data/rows.js";
import { MAX_NAME, MAX_SLUG } from "../../data/writes/checks.js";
import {
  MAX_ACRONYM,
  MAX_FOCUS_TAG,
  MAX_FOCUS_TAGS,
  upsertOrganisation,
  type OrganisationWrite,
} from "../../data/writes/organisations.js";
import type { UserErrorList } from "../../data/writes/userErrors.js";
import { auditedUpsert } from "../../graphql/auditedMutation.js";
import type { Context } from "../../graphql/context.js";
import { OrganisationKindEnum } from "../../graphql/enums.js";
import { inputRef } from "../../graphql/mutationInput.js";
import { upsertKeys, UpsertKeysInput } from "../../graphql/upsertInput.js";
import { UpsertPayloadOf } from "../../graphql/userErrors.js";
import { Organisation } from "./organisationType.js";

@InputType({
  description:
    "One organisation, keyed by (`source`, `externalId`) when both are given, else by `id`, else by `slug`; new when none of them finds one. Omitted fields keep their current values on update; a new organisation needs `slug`, `nameFa`, `nameEn` and `kind`.",
})
export class UpsertOrganisationInput extends UpsertKeysInput("organisation", "uclg-directory") {
  @Field(() => String, {
    nullable: true,
    description: `Lowercase words of letters and digits joined by hyphens, at most ${MAX_SLUG} characters (e.g. "uclg-mewa"); unique. Renames the organisation's slug when it is found by another key.`,
  })
  slug?: string | null;
  @Field(() => String, { nullable: true, description: `1 to ${MAX_ACRONYM} characters; null clears it.` }) acronym?:
    string | null;
  @Field(() => String, { nullable: true, description: `Persian name, 1 to ${MAX_NAME} characters.` }) nameFa?: string | null;
  @Field(() => String, { nullable: true, description: `English name, 1 to ${MAX_NAME} characters.` }) nameEn?: string | null;
  @Field(() => OrganisationKindEnum, { nullable: true }) kind?: OrganisationKind | null;
  @Field(() => [String], {
    nullable: true,
    description: `Short tags for what the organisation works on (at most ${MAX_FOCUS_TAGS}, each 1 to ${MAX_FOCUS_TAG} characters); replaces the current list.`,
  })
  focus?: string[] | null;
  @Field(() => String, { nullable: true, description: "An http(s) URL; null clears it." }) website?: string | null;
  @Field(() => String, { nullable: true, description: "The headquarters city, by slug or ID; null clears it." }) headquarters?:
    string | null;
  @Field(() => Boolean, {
    nullable: true,
    description: "One of the bodies the home city's international-affairs centre monitors. Default false.",
  })
  monitored?: boolean | null;
}

export const OrganisationPayload = UpsertPayloadOf<"organisation", OrganisationRow>(Organisation, "organisation");
export type OrganisationPayload = InstanceType<typeof OrganisationPayload>;

function organisationWrite(input: UpsertOrganisationInput, errors: UserErrorList): OrganisationWrite {
  return {
    ...upsertKeys(input, "Organisation", errors),
    slug: input.slug,
    acronym: input.acronym,
    nameFa: input.nameFa,
    nameEn: input.nameEn,
    kind: input.kind,
    focus: input.focus,
    website: input.website,
    headquarters:
      input.headquarters === undefined
        ? undefined
        : input.headquarters === null
          ? null
          : inputRef(input.headquarters, "City", ["headquarters"], errors),
    monitored: input.monitored,
    provenance: input.provenance,
  };
}

@Resolver()
export class OrganisationMutations {
  @Mutation(() => OrganisationPayload, {
    description:
      "Creates or updates one organisation, keyed by (source, externalId), else id, else slug. An upsert that changes nothing is UNCHANGED: the version stays and no change enters the feed. Problems with the input come back as userErrors, and then nothing is written. Role: EDITOR.",
  })
  upsertOrganisation(
    @Ctx() ctx: Context,
    @Arg("input", () => UpsertOrganisationInput) input: UpsertOrganisationInput,
  ): Promise<OrganisationPayload> {
    return auditedUpsert(ctx, "upsertOrganisation", input, "organisation", organisationWrite, upsertOrganisation);
  }
}
