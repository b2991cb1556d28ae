/** Reading the change feed: oldest first, after a sequence number, optionally of some types. */
import { and, asc, eq, gt, inArray, lte, max } from "drizzle-orm";
import type { Db } from "../../db/connection.js";
import type { ChangeType } from "../../db/enums.js";
import { changes, historyClock } from "../../db/schema.js";

/** One row of the change feed, as written by a WriteSession (src/data/writes/writeSession.ts). */
export type ChangeRow = typeof changes.$inferSelect;

export async function changesAfter(
  db: Db,
  afterSeq: number,
  limit: number,
  types?: readonly ChangeType[] | null,
): Promise<ChangeRow[]> {
  return db
    .select()
    .from(changes)
    .where(and(gt(changes.seq, afterSeq), types?.length ? inArray(changes.recordType, [...types]) : undefined))
    .orderBy(asc(changes.seq))
    .limit(limit);
}

/** The last change committed at or before `at` (ISO-8601), or null if there is none. */
export async function changeSeqAt(db: Db, at: string): Promise<number | null> {
  const [row] = await db
    .select({ seq: max(changes.seq) })
    .from(changes)
    .where(lte(changes.at, at));
  return row?.seq ?? null;
}

export async function lastChangeSeq(db: Db): Promise<number> {
  const [row] = await db.select({ seq: max(changes.seq) }).from(changes);
  return row?.seq ?? 0;
}

/**
 * Numbers the changes of one write: one more than the last change committed, then one more for
 * each further change. Every write that enters the feed (a WriteSession, the seed's load) takes
 * its numbers here, inside the write lock every process on the database holds while it writes
 * (db/connection.ts): so the numbers are assigned and committed in the same order, and a
 * rolled-back write leaves no hole. Readers of the feed see 1, 2, 3, … with no gaps and never a
 * smaller number after a larger one.
 */
/** The actor the seed's load writes its changes as. */
export const SEED_ACTOR = "seed";

export class ChangeSequence {
  private last: number | null = null;

  constructor(private readonly tx: Db) {}

  /**
   * Starts the write: the row versions it makes (db/rowVersions.ts) are valid from its first
   * change's number, whichever rows it touches before or after numbering that change.
   */
  async open(): Promise<void> {
    this.last ??= await lastChangeSeq(this.tx);
    await this.tx
      .update(historyClock)
      .set({ seq: this.last + 1 })
      .where(eq(historyClock.id, 1));
  }

  /** Ends the write, before it commits: later writers that set no clock fall back to the feed. */
  async close(): Promise<void> {
    await this.tx.update(historyClock).set({ seq: null }).where(eq(historyClock.id, 1));
  }

  /** The next change's sequence number (the first call reads the feed's last). */
  async take(): Promise<number> {
    this.last = (this.last ?? (await lastChangeSeq(this.tx))) + 1;
    return this.last;
  }
}
