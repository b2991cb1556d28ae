/**
 * The one way a mutation writes. The key must hold one of the mutation's roles; its work runs in
 * one write session (transaction, versions, change feed); the user errors it reports, the audit
 * entry and the payload are made here, once for every mutation. A reach into records the key may
 * not write refuses the whole mutation as FORBIDDEN. Every refusal of a key (a role it lacks,
 * FORBIDDEN, user errors) is recorded in the audit log with the input, and nothing else of the
 * write is kept.
 */
import type { ApiKeyRole, AuditOutcome } from "../../db/enums.js";
import type { ApiKeyRow } from "../data/apiKeys.js";
import type { SaveOutcome } from "../data/writes/upsert.js";
import { UserErrorList, type UserError } from "../data/writes/userErrors.js";
import { auditForbidden, runWrite, WriteForbiddenError, type WriteSession } from "../data/writes/writeSession.js";
import type { Context } from "./context.js";
import { payloadUserErrors } from "./userErrors.js";
import { actorOf, forbidden, requireRole } from "./viewer.js";

export interface MutationSpec<Input> {
  /** The mutation's name, as the audit log records it. */
  operation: string;
  roles: readonly ApiKeyRole[];
  input: Input;
  /** The input as the audit log keeps it, where that differs (a private name withheld). */
  auditInput?: unknown;
}

/** How an accepted write is audited: UNCHANGED when every record it addressed was unchanged. */
function acceptedOutcome(result: unknown): AuditOutcome {
  const outcome = (result as { outcome?: SaveOutcome } | null)?.outcome;
  return outcome === "UNCHANGED" ? "UNCHANGED" : "APPLIED";
}

/**
 * Runs a mutation's `work` for a key that holds one of `spec.roles`. `work` checks its input into
 * `errors` and returns its result, or null when it refused the write; `payload` shapes the answer
 * from the result (null when refused), and the user errors are added to it. `outcome` says how an
 * accepted result is audited (default APPLIED, or UNCHANGED for an upsert that changed nothing).
 */
export async function auditedMutation<Input, Result, Payload extends object>(
  ctx: Context,
  spec: MutationSpec<Input>,
  work: (session: WriteSession, errors: UserErrorList) => Promise<Result | null>,
  payload: (result: Result | null) => Payload,
  outcome: (result: Result) => AuditOutcome = acceptedOutcome,
): Promise<Payload & { userErrors: UserError[] }> {
  const { viewer } = ctx;
  const { operation } = spec;
  const auditInput = spec.auditInput ?? spec.input;
  let key: ApiKeyRow;
  try {
    key = requireRole(viewer, spec.roles, operation);
  } catch (refusal) {
    // A key without the role: FORBIDDEN, recorded. No key at all: UNAUTHENTICATED, no one to record.
    if (viewer.kind === "API_KEY")
      await auditForbidden(ctx.database, actorOf(viewer.key), { operation, input: auditInput }, (refusal as Error).message);
    throw refusal;
  }
  try {
    return await runWrite(
      ctx.database,
      ctx.changes,
      actorOf(key),
      async (session) => {
        const errors = new UserErrorList();
        const result = await work(session, errors);
        const accepted = result !== null && !errors.any ? result : null;
        const userErrors = payloadUserErrors(errors);
        await session.audit(operation, auditInput, accepted === null ? "REJECTED" : outcome(accepted), userErrors);
        return { ...payload(accepted), userErrors };
      },
      { operation, input: auditInput },
    );
  } catch (error) {
    if (error instanceof WriteForbiddenError) throw forbidden(error.message);
    throw error;
  }
}

/** The payload of an upsert: the record under `field` and what was done to it. */
export function upsertPayload<Field extends string, Row>(
  field: Field,
): (result: { row: Row; outcome: SaveOutcome } | null) => { [K in Field]: Row | null } & { outcome: SaveOutcome | null } {
  return (result) =>
    ({ [field]: result?.row ?? null, outcome: result?.outcome ?? null }) as { [K in Field]: Row | null } & {
      outcome: SaveOutcome | null;
    };
}

/**
 * An EDITOR's upsert of one record: the input is read into the data layer's write (`toWrite`,
 * whose reference errors refuse the write before it looks anything up), then upserted.
 */
export function auditedUpsert<Input, Write, Field extends string, Row>(
  ctx: Context,
  operation: string,
  input: Input,
  field: Field,
  toWrite: (input: Input, errors: UserErrorList) => Write,
  upsert: (session: WriteSession, write: Write, errors: UserErrorList) => Promise<{ row: Row; outcome: SaveOutcome } | null>,
) {
  return auditedMutation(
    ctx,
    { operation, roles: ["EDITOR"], input },
    async (session, errors) => {
      const write = toWrite(input, errors);
      return errors.any ? null : upsert(session, write, errors);
    },
    upsertPayload<Field, Row>(field),
  );
}
