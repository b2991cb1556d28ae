/**
 * The one way data is written. A write runs in a `WriteSession`: one transaction, in which every
 * changed record bumps its version and appends a row to the change feed, and the write's audit
 * entry is recorded. Committed changes are then published, in feed order, to live subscribers.
 */
import { randomUUID } from "node:crypto";
import type { DatabaseHandle, Db } from "../../../db/connection.js";
import type { ApiKeyRole, AuditOutcome, ChangeOp, ChangeType } from "../../../db/enums.js";
import { auditEvents, changes } from "../../../db/schema.js";
import { nextChangeSeq, type ChangeRow } from "../changeFeed.js";
import { announceCommittedChanges } from "../changeNotifications.js";

/** Who writes: an API key, or the system itself (seed, CLI). */
export interface Actor {
  name: string;
  apiKeyId: number | null;
  role: ApiKeyRole | "SYSTEM";
  /** For PARTNER keys: the organisation they write for. */
  organisationId: number | null;
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

  constructor(
    readonly tx: Db,
    readonly actor: Actor,
  ) {}

  async recordChange(
    recordType: ChangeType,
    record: { id: number; publicId: string; version: number },
    op: ChangeOp,
  ): Promise<ChangeRow> {
    const [row] = await this.tx
      .insert(changes)
      .values({
        seq: nextChangeSeq(),
        recordType,
        recordId: record.id,
        publicId: record.publicId,
        op,
        version: record.version,
        at: this.at,
        actor: this.actor.name,
        apiKeyId: this.actor.apiKeyId,
      })
      .returning();
    this.changes.push(row);
    return row;
  }

  async audit(operation: string, input: unknown, outcome: AuditOutcome, userErrors: unknown[] = []): Promise<void> {
    await this.tx.insert(auditEvents).values({
      publicId: randomUUID(),
      at: this.at,
      apiKeyId: this.actor.apiKeyId,
      actor: this.actor.name,
      organisationId: this.actor.organisationId,
      operation,
      outcome,
      input,
      changeSeqs: this.changes.map((c) => c.seq),
      userErrors,
    });
  }
}

/** Runs `work` in a write transaction; after it commits, publishes its changes in order. */
export async function runWrite<T>(
  database: DatabaseHandle,
  publisher: ChangePublisher,
  actor: Actor,
  work: (session: WriteSession) => Promise<T>,
): Promise<T> {
  let session: WriteSession | undefined;
  const result = await database.transaction(async (tx) => {
    session = new WriteSession(tx, actor);
    const answer = await work(session);
    if (publisher.channel && session.changes.length > 0) await announceCommittedChanges(tx, publisher.channel);
    return answer;
  });
  for (const change of session?.changes ?? []) publisher.publish(change);
  return result;
}
