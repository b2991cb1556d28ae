import { Arg, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Resolver } from "type-graphql";
import type { DatePrecision, MembershipCategory, MembershipRole, MembershipStatus, Provenance } from "../../../db/enums.js";
import { runIdempotent } from "../../data/writes/idempotency.js";
import {
  deleteMembership,
  MAX_SYNC_ITEMS,
  writeMemberships,
  type MembershipWrite,
  type MembershipWriteResult,
} from "../../data/writes/memberships.js";
import { UserErrorCode } from "../../lib/errorCodes.js";
import type { UserErrorList, UserError as UserErrorShape } from "../../data/writes/userErrors.js";
import { auditedMutation, type MutationSpec } from "../../graphql/auditedMutation.js";
import type { Context } from "../../graphql/context.js";
import {
  DatePrecisionEnum,
  MembershipCategoryEnum,
  MembershipRoleEnum,
  MembershipStatusEnum,
  ProvenanceEnum,
} from "../../graphql/enums.js";
import { toGlobalId } from "../../graphql/globalId.js";
import { inputId, inputRef } from "../../graphql/mutationInput.js";
import { LocalDate } from "../../graphql/scalars.js";
import { MutationPayload, UpsertPayload, WriteOutcomeEnum } from "../../graphql/userErrors.js";
import { Membership } from "./membershipType.js";

@InputType({ description: "A membership as a partner system knows it. Omitted fields keep their current values on update." })
export class MembershipInput {
  @Field(() => String, { nullable: true, description: "The membership's ID in the `source` system: the upsert key." })
  externalId?: string;
  @Field(() => String, { description: "The organisation, by slug or ID." }) organisation!: string;
  @Field(() => String, { description: "The member city, by slug or ID." }) member!: string;
  @Field(() => String, {
    nullable: true,
    description: "Held through this organisation (a regional section), by slug or ID; null clears it.",
  })
  via?: string | null;
  @Field(() => MembershipStatusEnum) status!: MembershipStatus;
  @Field(() => MembershipRoleEnum, { nullable: true, description: "Default MEMBER for a new membership." }) role?: MembershipRole;
  @Field(() => MembershipCategoryEnum, { nullable: true, description: "Default OTHER for a new membership." })
  category?: MembershipCategory;
  @Field(() => String, { nullable: true }) categoryLabel?: string | null;
  @Field(() => LocalDate, { nullable: true }) startDate?: string | null;
  @Field(() => DatePrecisionEnum, { nullable: true, description: "Default DAY." }) startPrecision?: DatePrecision | null;
  @Field(() => LocalDate, { nullable: true }) endDate?: string | null;
  @Field(() => DatePrecisionEnum, { nullable: true, description: "Default DAY." }) endPrecision?: DatePrecision | null;
  @Field(() => ProvenanceEnum, {
    nullable: true,
    description: "Default SOURCED (the writer's system or data entry is the source).",
  })
  provenance?: Provenance;
  @Field(() => Int, {
    nullable: true,
    description: "Write only if the membership is at this version (optimistic concurrency); VERSION_MISMATCH otherwise.",
  })
  expectedVersion?: number;
}

@InputType({ description: "One membership, keyed by (`source`, `externalId`), or by `id`, or new when neither is given." })
export class UpsertMembershipInput extends MembershipInput {
  @Field(() => String, {
    nullable: true,
    description: 'The partner system the externalId belongs to, e.g. "metropolis-registry".',
  })
  source?: string;
  @Field(() => ID, { nullable: true, description: "Update this membership." }) id?: string;
}

@InputType({ description: `A partner's view of up to ${MAX_SYNC_ITEMS} memberships, applied all or nothing.` })
export class SyncMembershipsInput {
  @Field(() => String, {
    nullable: true,
    description:
      "Replaying the same input with the same key returns the first answer and writes nothing; the same key with another input is a CONFLICT. Answers are kept 48 hours.",
  })
  idempotencyKey?: string;
  @Field(() => String, { description: 'The partner system the externalIds belong to, e.g. "metropolis-registry".' })
  source!: string;
  @Field(() => [MembershipInput]) memberships!: MembershipInput[];
}

@InputType({ description: "Which record to delete." })
export class DeleteInput {
  @Field(() => ID) id!: string;
  @Field(() => Int, { nullable: true, description: "Delete only if the record is at this version." }) expectedVersion?: number;
}

@ObjectType({ simpleResolvers: true, description: "What syncMemberships did with one item." })
export class SyncResult {
  @Field(() => String, { nullable: true }) externalId!: string | null;
  @Field(() => WriteOutcomeEnum) outcome!: string;
  @Field(() => Membership) membership!: Membership;
}

@ObjectType({ simpleResolvers: true })
export class MembershipPayload extends UpsertPayload {
  @Field(() => Membership, { nullable: true }) membership!: unknown;
}

@ObjectType({ simpleResolvers: true })
export class SyncMembershipsPayload extends MutationPayload {
  @Field(() => [Membership], { description: "The memberships in input order." }) memberships!: unknown[];
  @Field(() => [SyncResult]) results!: unknown[];
  @Field(() => Boolean, {
    description: "True when this answer is the stored answer to an earlier request with the same idempotencyKey.",
  })
  replayed!: boolean;
}

@ObjectType({ simpleResolvers: true })
export class DeletePayload extends MutationPayload {
  @Field(() => ID, { nullable: true, description: "The deleted record's ID; it stays in the change feed as a tombstone." })
  deletedId!: string | null;
}

function membershipWrite(
  input: MembershipInput,
  at: (string | number)[],
  errors: UserErrorList,
  publicId?: string | null,
): MembershipWrite {
  return {
    ...input,
    publicId,
    organisation: inputRef(input.organisation, "Organisation", [...at, "organisation"], errors),
    member: inputRef(input.member, "City", [...at, "member"], errors),
    via:
      input.via === undefined
        ? undefined
        : input.via === null
          ? null
          : inputRef(input.via, "Organisation", [...at, "via"], errors),
  };
}

/** What a sync stores for its idempotency key and answers again on a replay. */
interface SyncAnswer {
  results: MembershipWriteResult[];
  userErrors: UserErrorShape[];
}

/** Membership writes are open to EDITOR keys and to PARTNER keys for their own organisation. */
function membershipMutation<Input>(operation: string, input: Input): MutationSpec<Input> {
  return { operation, roles: ["EDITOR", "PARTNER"], input };
}

/** How a sync is audited: REPLAYED, or UNCHANGED when no item changed. */
function syncOutcome(sync: { answer: SyncAnswer; replayed: boolean }) {
  if (sync.replayed) return "REPLAYED" as const;
  return sync.answer.results.every((r) => r.outcome === "UNCHANGED") ? ("UNCHANGED" as const) : ("APPLIED" as const);
}

@Resolver()
export class MembershipMutations {
  @Mutation(() => MembershipPayload, {
    description: "Creates or updates one membership. Roles: EDITOR; PARTNER for its own organisation's memberships.",
  })
  upsertMembership(
    @Ctx() ctx: Context,
    @Arg("input", () => UpsertMembershipInput) input: UpsertMembershipInput,
  ): Promise<MembershipPayload> {
    return auditedMutation(
      ctx,
      membershipMutation("upsertMembership", input),
      async (session, errors) => {
        const publicId = input.id ? inputId(input.id, "Membership", ["publicId"], errors) : null;
        const write = membershipWrite(input, [], errors, publicId);
        const results = errors.any ? null : await writeMemberships(session, input.source ?? null, [write], errors, () => []);
        return results?.[0] ?? null;
      },
      (result) => ({ membership: result?.membership ?? null, outcome: result?.outcome ?? null }),
    );
  }

  @Mutation(() => SyncMembershipsPayload, {
    // A write per item: a batch costs with its size.
    complexity: ({ args, childComplexity }) =>
      10 + ((args as { input?: { memberships?: unknown[] } }).input?.memberships?.length ?? 0) * 2 + childComplexity,
    description: `Applies a partner's memberships, all or nothing (at most ${MAX_SYNC_ITEMS}), keyed by (source, externalId), and reports per item whether it was inserted, updated or unchanged. Roles: EDITOR; PARTNER for its own organisation's memberships.`,
  })
  syncMemberships(
    @Ctx() ctx: Context,
    @Arg("input", () => SyncMembershipsInput) input: SyncMembershipsInput,
  ): Promise<SyncMembershipsPayload> {
    return auditedMutation(
      ctx,
      membershipMutation("syncMemberships", input),
      async (session, errors) => {
        const apply = async (): Promise<SyncAnswer> => {
          const writes = input.memberships.map((item, i) => membershipWrite(item, ["memberships", i], errors));
          const results = errors.any ? null : await writeMemberships(session, input.source, writes, errors);
          return { results: results ?? [], userErrors: [] };
        };
        if (!input.idempotencyKey) return { answer: await apply(), replayed: false };
        const stored = await runIdempotent(
          session,
          { apiKeyId: session.actor.apiKeyId as number, key: input.idempotencyKey, operation: "syncMemberships", input },
          apply,
        );
        if (stored.kind === "MISMATCH") {
          errors.add(
            ["idempotencyKey"],
            "This idempotencyKey was used with a different input; use a new key for a new request.",
            UserErrorCode.CONFLICT,
          );
          return null;
        }
        return { answer: stored.result, replayed: stored.kind === "REPLAYED" };
      },
      (sync) => ({
        memberships: sync?.answer.results.map((r) => r.membership) ?? [],
        results: sync?.answer.results ?? [],
        replayed: sync?.replayed ?? false,
      }),
      syncOutcome,
    );
  }

  @Mutation(() => DeletePayload, {
    description:
      "Deletes a membership; the change feed keeps a tombstone. Roles: EDITOR; PARTNER for its own organisation's memberships.",
  })
  deleteMembership(@Ctx() ctx: Context, @Arg("input", () => DeleteInput) input: DeleteInput): Promise<DeletePayload> {
    return auditedMutation(
      ctx,
      membershipMutation("deleteMembership", input),
      async (session, errors) => {
        const publicId = inputId(input.id, "Membership", ["publicId"], errors);
        return publicId ? deleteMembership(session, publicId, input.expectedVersion, errors) : null;
      },
      (deleted) => ({ deletedId: deleted ? toGlobalId("Membership", deleted.publicId) : null }),
    );
  }
}
