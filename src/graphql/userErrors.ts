/** The `userErrors` every mutation payload carries. */
import { Field, ObjectType, type ClassType } from "type-graphql";
import type { UserError as UserErrorShape, UserErrorList } from "../data/writes/userErrors.js";
import { codeList, describeCodes, USER_ERROR_CODE_DOCS } from "../lib/errorCodes.js";
import { enumOf } from "./enums.js";

export const UserErrorCodeEnum = enumOf(codeList(USER_ERROR_CODE_DOCS), "UserErrorCode", describeCodes(USER_ERROR_CODE_DOCS));

@ObjectType({
  simpleResolvers: true,
  description: "A problem with a mutation's input. A mutation that reports any writes nothing.",
})
export class UserError {
  @Field(() => [String], {
    nullable: true,
    description: 'Path to the input field, e.g. ["input", "memberships", "3", "startDate"].',
  })
  field!: string[] | null;
  @Field(() => String) message!: string;
  @Field(() => UserErrorCodeEnum) code!: string;
}

export const WriteOutcomeEnum = enumOf(
  ["INSERTED", "UPDATED", "UNCHANGED"] as const,
  "WriteOutcome",
  "What an upsert did: UNCHANGED writes nothing and keeps the version.",
);

/**
 * Where a field of a write stands among the mutation's arguments: the data layer names fields of
 * the write (["memberships", 3, "startDate"], a record's `publicId`); every mutation takes one
 * `input` argument and names a record's public id `id`.
 */
export function argumentPath(field: readonly (string | number)[]): string[] {
  return ["input", ...field.map((part, i) => (i === field.length - 1 && part === "publicId" ? "id" : String(part)))];
}

/** The list's user errors as the payload and the audit log give them, their fields as argument paths. */
export function payloadUserErrors(errors: UserErrorList): UserErrorShape[] {
  return errors.errors.map((e) => ({ ...e, field: e.field && argumentPath(e.field) }));
}

@ObjectType()
export abstract class MutationPayload {
  @Field(() => [UserError]) userErrors!: UserErrorShape[];
}

@ObjectType()
export abstract class UpsertPayload extends MutationPayload {
  @Field(() => WriteOutcomeEnum, {
    nullable: true,
    description: "INSERTED, UPDATED or UNCHANGED; null when there are userErrors.",
  })
  outcome!: string | null;
}

/**
 * The payload type of `upsert<Record>`, named `<Record>Payload`: the record as written under its
 * own name (`organisation`), the outcome and the user errors.
 */
export function UpsertPayloadOf<Field extends string, Row>(type: ClassType, field: Field) {
  const name = type.name;
  @ObjectType(`${name}Payload`, { simpleResolvers: true, description: `What upsert${name} did.` })
  class RecordUpsertPayload extends UpsertPayload {}
  Field(() => type, { nullable: true, description: `The ${field} as written; null when there are userErrors.` })(
    RecordUpsertPayload.prototype,
    field,
  );
  return RecordUpsertPayload as ClassType<UpsertPayload & { [K in Field]: Row | null }>;
}
