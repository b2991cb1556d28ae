/**
 * GraphQL errors with stable `extensions.code` values. Every resolver reports bad input through
 * these helpers, so clients can branch on the code and read the message.
 */
import { GraphQLError } from "graphql";

export const ERROR_CODES = {
  BAD_USER_INPUT: "BAD_USER_INPUT",
  NOT_FOUND: "NOT_FOUND",
  INTERNAL_SERVER_ERROR: "INTERNAL_SERVER_ERROR",
} as const;

export function badUserInput(message: string, argument?: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ERROR_CODES.BAD_USER_INPUT, ...(argument ? { argumentName: argument } : {}) },
  });
}
