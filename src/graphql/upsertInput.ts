/**
 * The fields every upsert input of one record takes: its keys (`source`, `externalId`), `id`,
 * `expectedVersion`, and its `provenance`, each described for the record it writes. An input class
 * extends `UpsertKeysInput("event", …)`.
 */
import { Field, ID, InputType, Int } from "type-graphql";
import type { Provenance } from "../../db/enums.js";
import type { UpsertKeys } from "../data/writes/upsert.js";
import type { UserErrorList } from "../data/writes/userErrors.js";
import { ProvenanceEnum } from "./enums.js";
import type { NodeTypeName } from "./globalId.js";
import { inputId } from "./mutationInput.js";

export function UpsertKeysInput(record: string, exampleSource: string) {
  @InputType()
  abstract class UpsertKeys {
    @Field(() => String, { nullable: true, description: `The system \`externalId\` belongs to, e.g. "${exampleSource}".` })
    source?: string | null;
    @Field(() => String, {
      nullable: true,
      description: `The ${record}'s ID in the \`source\` system (1 to 200 characters): the upsert key. Linked to the ${record} the first time it is written.`,
    })
    externalId?: string | null;
    @Field(() => ID, { nullable: true, description: `Update this ${record}.` }) id?: string | null;
    @Field(() => Int, {
      nullable: true,
      description: `Write only if the ${record} is at this version (optimistic concurrency); VERSION_MISMATCH otherwise.`,
    })
    expectedVersion?: number | null;
    @Field(() => ProvenanceEnum, {
      nullable: true,
      description: `Default SOURCED for a new ${record} (the writer's data entry is its source).`,
    })
    provenance?: Provenance | null;
  }
  return UpsertKeys;
}

/** The keys of an input that addresses one existing record: its `id`, and `expectedVersion`. */
export function ExistingRecordInput(record: string) {
  @InputType()
  abstract class ExistingRecord {
    @Field(() => ID, { description: `The ${record}.` }) id!: string;
    @Field(() => Int, {
      nullable: true,
      description: `Write only if the ${record} is at this version (optimistic concurrency); VERSION_MISMATCH otherwise.`,
    })
    expectedVersion?: number | null;
  }
  return ExistingRecord;
}

/** The data layer's upsert keys from an upsert input; an `id` of another type is an INVALID user error. */
export function upsertKeys(
  input: { source?: string | null; externalId?: string | null; id?: string | null; expectedVersion?: number | null },
  type: NodeTypeName,
  errors: UserErrorList,
): UpsertKeys {
  return {
    source: input.source,
    externalId: input.externalId,
    publicId: input.id ? inputId(input.id, type, ["publicId"], errors) : null,
    expectedVersion: input.expectedVersion,
  };
}
