/** The `userErrors` every mutation payload carries. */
import { Field, ObjectType } from "type-graphql";
import { enumOf } from "./enums.js";

export const UserErrorCodeEnum = enumOf(
  ["INVALID", "NOT_FOUND", "CONFLICT", "VERSION_MISMATCH", "FORBIDDEN"] as const,
  "UserErrorCode",
  "INVALID: a value is malformed or out of range. NOT_FOUND: a referenced record does not exist. CONFLICT: the write contradicts the record's state (a workflow step that is not allowed, an idempotency key reused with another input, a duplicate). VERSION_MISMATCH: `expectedVersion` is not the record's version. FORBIDDEN: the key may not write this.",
);

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
