/**
 * The entry to every write: the key must hold one of `roles`; the work runs in one write session
 * (transaction, versions, change feed, audit); a reach into records the key may not write refuses
 * the whole mutation as FORBIDDEN.
 */
import type { ApiKeyRole } from "../../db/enums.js";
import { runWrite, WriteForbiddenError, type WriteSession } from "../data/writes/writeSession.js";
import type { Context } from "./context.js";
import { actorOf, forbidden, requireRole } from "./viewer.js";

export async function writeAs<T>(
  ctx: Context,
  roles: readonly ApiKeyRole[],
  operation: string,
  work: (session: WriteSession) => Promise<T>,
): Promise<T> {
  const key = requireRole(ctx.viewer, roles, operation);
  try {
    return await runWrite(ctx.database, ctx.changes, actorOf(key), work);
  } catch (error) {
    if (error instanceof WriteForbiddenError) throw forbidden(error.message);
    throw error;
  }
}
