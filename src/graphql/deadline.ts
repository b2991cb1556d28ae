/**
 * The per-request execution time limit. graphql-js cannot interrupt a resolver, so the request
 * checks its deadline before each SQL statement it is about to run (in the loaders, the list
 * fields and the aggregates): a request past its time stops at its next statement instead of
 * running on. Checking per statement, not per field, keeps plain fields free of any wrapper.
 */
import { GraphQLError } from "graphql";
import { ErrorCode } from "../lib/errorCodes.js";

export function deadlineGuard(deadline: number): () => void {
  if (!Number.isFinite(deadline)) return () => {};
  return () => {
    if (Date.now() > deadline) {
      throw new GraphQLError(
        "Execution time limit exceeded: the request was stopped. Ask for less (smaller pages, fewer nested lists).",
        {
          extensions: { code: ErrorCode.EXECUTION_TIMEOUT, http: { status: 503 } },
        },
      );
    }
  };
}
