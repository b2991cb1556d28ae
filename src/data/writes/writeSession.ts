/**
 * The one way data is written. A write runs in a `WriteSession`: one transaction, in which every
 * changed record bumps its version and appends a row to the change feed, and the write's audit
 * entry is recorded. Committed changes are then published, in feed order, to live subscribers.
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { DatabaseHandle, Db } from "../../../db/connection.js";
import type { ApiKeyRole, AuditOutcome, ChangeOp, ChangeType } from "../../../db/enums.js";
import { auditEvents, changes, organisations } from "../../../db/schema.js";
import { UserErrorCode } from "../../lib/errorCodes.js";
import { ChangeSequence, type ChangeRow } from "../changeFeed.js";
import { announceCommittedChanges } from "../changeNotifications.js";

/** Who writes: an API key, or the system itself (seed, CLI). */
export interface Actor {
  name: string;
  apiKeyId: number | null;
  role: ApiKeyRole | "SYSTEM";
  /** For PARTNER keys: the organisation they write for. */
  organisationId: number | null;
}

/**
 * How a writer is named to anyone but an ADMIN (source titles, publishers, a partner's own sync
 * history): its organisation's name, else its role. Never the key's name, which only ADMIN reads.
 */
export function writerLabel(role: Actor["role"], organisationName: string | null): string {
  return organisationName ?? (role === "SYSTEM" ? "Footprint" : role);
}

/** A write's audit entry: what was asked and what came of it. */
export interface AuditEntry {
  operation: string;
  input: unknown;
  outcome: AuditOutcome;
  userErrors: unknown[];
}

/** Raised when a key reaches for a record it may not write (another organisation's): the whole write is refused. */
export class WriteForbiddenError extends Error {
  override name = "WriteForbiddenError";
}

export interface ChangePublisher {
  /** Called with each change after its transaction commits. */
  publish(change: ChangeRow): void;
  /** PostgreSQL: the channel a committing write notifies (src/data/changeNotifications.ts). */
  channel?: string | null;
}

export class WriteSession {
  readonly changes: ChangeRow[] = [];
  /** One timestamp for everything the write touches. */
  readonly at = new Date().toISOString();
  /** Source ids this write has already looked up or created, by kind and title. */
  readonly sourceIds = new Map<string, number>();
  /**
   * A refused write's audit entry (outcome REJECTED). The write's transaction is then rolled back,
   * so nothing else it did stays, and the entry is recorded in a transaction of its own.
   */
  refusal: AuditEntry | null = null;
  private readonly sequence: ChangeSequence;

  constructor(
    readonly tx: Db,
    readonly actor: Actor,
    /** The writer as anyone but an ADMIN sees it (`writerLabel`). */
    readonly label: string = writerLabel(actor.role, null),
    /** The name of the organisation a PARTNER key writes for. */
    readonly organisationName: string | null = null,
  ) {
    this.sequence = new ChangeSequence(tx);
  }

  /** Begins the write's row versions (see ChangeSequence.open). */
  open(): Promise<void> {
    return this.sequence.open();
  }

  /** Ends them, before the write commits. */
  close(): Promise<void> {
    return this.sequence.close();
  }

  async recordChange(
    recordType: ChangeType,
    record: { id: number; publicId: string; version: number },
    op: ChangeOp,
  ): Promise<ChangeRow> {
    const [row] = await this.tx
      .insert(changes)
      .values({
        seq: await this.sequence.take(),
        recordType,
        recordId: record.id,
        publicId: record.publicId,
        op,
        version: record.version,
        at: this.at,
        actor: this.actor.name,
        apiKeyId: this.actor.apiKeyId,
        actorRole: this.actor.role,
        actorOrganisationId: this.actor.organisationId,
      })
      .returning();
    this.changes.push(row);
    return row;
  }

  /**
   * Records the write's audit entry. A REJECTED write (user errors) is recorded after its
   * transaction has been rolled back (see `runWrite`); any other outcome in this transaction.
   */
  async audit(operation: string, input: unknown, outcome: AuditOutcome, userErrors: unknown[] = []): Promise<void> {
    if (outcome === "REJECTED") {
      this.refusal = { operation, input, outcome, userErrors };
      return;
    }
    await insertAudit(this.tx, this.actor, this.at, { operation, input, outcome, userErrors }, this.changes);
  }
}

async function insertAudit(tx: Db, actor: Actor, at: string, entry: AuditEntry, written: ChangeRow[] = []): Promise<void> {
  await tx.insert(auditEvents).values({
    publicId: randomUUID(),
    at,
    apiKeyId: actor.apiKeyId,
    actor: actor.name,
    organisationId: actor.organisationId,
    operation: entry.operation,
    outcome: entry.outcome,
    input: entry.input,
    changeSeqs: written.map((c) => c.seq),
    userErrors: entry.userErrors,
  });
}

/**
 * Records a refused write attempt in a write transaction of its own, after (and whatever) the
 * attempt's own transaction rolled back: a refusal leaves a trace, and nothing else.
 */
export async function auditRefusal(database: DatabaseHandle, actor: Actor, entry: AuditEntry): Promise<void> {
  const at = new Date().toISOString();
  await database.transaction((tx) => insertAudit(tx, actor, at, entry));
}

/** Records a write refused as FORBIDDEN (a role the key lacks, a record it may not write), with why. */
export async function auditForbidden(
  database: DatabaseHandle,
  actor: Actor,
  attempt: { operation: string; input: unknown },
  message: string,
): Promise<void> {
  await auditRefusal(database, actor, {
    ...attempt,
    outcome: "FORBIDDEN",
    userErrors: [{ field: null, message, code: UserErrorCode.FORBIDDEN }],
  });
}

/** Thrown out of a refused write's transaction to roll it back; carries the write's answer. */
class RollBack<T> extends Error {
  constructor(readonly answer: T) {
    super("write refused: rolled back");
  }
}

/**
 * Runs `work` in a write transaction; after it commits, publishes its changes in order. A write
 * that `work` refuses (audited REJECTED) is rolled back and its audit entry recorded on its own;
 * so is a write refused as FORBIDDEN (`WriteForbiddenError`) when `attempt` says what was asked.
 */
export async function runWrite<T>(
  database: DatabaseHandle,
  publisher: ChangePublisher,
  actor: Actor,
  work: (session: WriteSession) => Promise<T>,
  attempt?: { operation: string; input: unknown },
): Promise<T> {
  let session: WriteSession | undefined;
  try {
    const result = await database.transaction(async (tx) => {
      const organisationName = await organisationNameOf(tx, actor);
      session = new WriteSession(tx, actor, writerLabel(actor.role, organisationName), organisationName);
      await session.open();
      const answer = await work(session);
      if (session.refusal) throw new RollBack(answer);
      await session.close();
      if (publisher.channel && session.changes.length > 0) await announceCommittedChanges(tx, publisher.channel);
      return answer;
    });
    for (const change of session?.changes ?? []) publisher.publish(change);
    return result;
  } catch (error) {
    if (error instanceof RollBack && session?.refusal) {
      await auditRefusal(database, actor, session.refusal);
      return error.answer as T;
    }
    if (error instanceof WriteForbiddenError && attempt) await auditForbidden(database, actor, attempt, error.message);
    throw error;
  }
}

async function organisationNameOf(tx: Db, actor: Actor): Promise<string | null> {
  if (actor.organisationId === null) return null;
  const [row] = await tx
    .select({ nameEn: organisations.nameEn })
    .from(organisations)
    .where(eq(organisations.id, actor.organisationId));
  return row?.nameEn ?? null;
}
