/** The `userErrors` every mutation payload carries. */
import { Field, ObjectType } from "type-graphql";
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
