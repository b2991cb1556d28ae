/**
 * Idempotent writes: the first answer to (API key, idempotency key) is stored with a hash of the
 * input; the same key with the same input gets that answer again and writes nothing, the same key
 * with another input is refused. Answers are kept 48 hours, as the README and the schema say.
 */
import { createHash } from "node:crypto";
import { and, eq, lt } from "drizzle-orm";
import { stringify } from "safe-stable-stringify";
import { idempotencyKeys } from "../../../db/schema.js";
import type { WriteSession } from "./writeSession.js";

export const IDEMPOTENCY_RETENTION_MS = 48 * 60 * 60 * 1000;

export function requestHash(operation: string, input: unknown): string {
  return createHash("sha256")
    .update(`${operation}\n${stringify(input)}`)
    .digest("hex");
}

export type IdempotentOutcome<T> = { kind: "FRESH"; result: T } | { kind: "REPLAYED"; result: T } | { kind: "MISMATCH" };

export async function runIdempotent<T>(
  session: WriteSession,
  scope: { apiKeyId: number; key: string; operation: string; input: unknown },
  work: () => Promise<T>,
): Promise<IdempotentOutcome<T>> {
  const { tx } = session;
  await tx
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, new Date(Date.parse(session.at) - IDEMPOTENCY_RETENTION_MS).toISOString()));
  const hash = requestHash(scope.operation, scope.input);
  const [stored] = await tx
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.apiKeyId, scope.apiKeyId), eq(idempotencyKeys.key, scope.key)));
  if (stored) {
    return stored.requestHash === hash && stored.operation === scope.operation
      ? { kind: "REPLAYED", result: stored.response as T }
      : { kind: "MISMATCH" };
  }
  const result = await work();
  await tx.insert(idempotencyKeys).values({
    apiKeyId: scope.apiKeyId,
    key: scope.key,
    operation: scope.operation,
    requestHash: hash,
    response: result,
    createdAt: session.at,
  });
  return { kind: "FRESH", result };
}
