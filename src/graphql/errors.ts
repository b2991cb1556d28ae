/**
 * GraphQL errors with stable `extensions.code` values. Every resolver reports bad input through
 * these helpers, so clients can branch on the code and read the message.
 */
import { GraphQLError } from "graphql";
import { ErrorCode } from "../lib/errorCodes.js";

export function badUserInput(message: string, argument?: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, ...(argument ? { argumentName: argument } : {}) },
  });
}
