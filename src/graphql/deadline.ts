/**
 * The per-request execution time limit. graphql-js cannot interrupt a running resolver, so every
 * resolver checks the request's deadline before it starts: a request past its time stops at the
 * next field instead of running on.
 */
import { GraphQLError } from "graphql";
import type { MiddlewareFn } from "type-graphql";
import type { Context } from "./context.js";

export const enforceDeadline: MiddlewareFn<Context> = ({ context }, next) => {
  if (Date.now() > context.deadline) {
    throw new GraphQLError("Execution time limit exceeded: the request was stopped. Ask for less (smaller pages, fewer nested lists).", {
      extensions: { code: "EXECUTION_TIMEOUT", http: { status: 503 } },
    });
  }
  return next();
};
