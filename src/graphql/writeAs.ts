/**
 * The entry to every write: the key must hold one of `roles`; the work runs in one write session
 * (transaction, versions, change feed, audit); a reach into records the key may not write refuses
 * the whole mutation as FORBIDDEN. Every refusal of a key (a role it lacks, FORBIDDEN, user
 * errors) is recorded in the audit log with `input`, while nothing else of the write is kept.
 */
import type { ApiKeyRole } from "../../db/enums.js";
import type { ApiKeyRow } from "../data/apiKeys.js";
import { auditRefusal, runWrite, WriteForbiddenError, type WriteSession } from "../data/writes/writeSession.js";
import type { Context } from "./context.js";
import { actorOf, forbidden, requireRole } from "./viewer.js";

export async function writeAs<T>(
  ctx: Context,
  roles: readonly ApiKeyRole[],
  operation: string,
  input: unknown,
  work: (session: WriteSession) => Promise<T>,
): Promise<T> {
  const { viewer } = ctx;
  let key: ApiKeyRow;
  try {
    key = requireRole(viewer, roles, operation);
  } catch (refusal) {
    // A key without the role: FORBIDDEN, recorded. No key at all: UNAUTHENTICATED, no one to record.
    if (viewer.kind === "API_KEY") {
      await auditRefusal(ctx.database, actorOf(viewer.key), {
        operation,
        input,
        outcome: "FORBIDDEN",
        userErrors: [{ field: null, message: (refusal as Error).message, code: "FORBIDDEN" }],
      });
    }
    throw refusal;
  }
  try {
    return await runWrite(ctx.database, ctx.changes, actorOf(key), work, { operation, input });
  } catch (error) {
    if (error instanceof WriteForbiddenError) throw forbidden(error.message);
    throw error;
  }
}
