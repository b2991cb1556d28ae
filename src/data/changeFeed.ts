/** Reading the change feed: oldest first, after a sequence number, optionally of some types. */
import { and, asc, gt, inArray, max, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/connection.js";
import type { ChangeType } from "../../db/enums.js";
import { changes } from "../../db/schema.js";

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

export async function lastChangeSeq(db: Db): Promise<number> {
  const [row] = await db.select({ seq: max(changes.seq) }).from(changes);
  return row?.seq ?? 0;
}

/**
 * The sequence number of the next change: one more than the last. Writes hold one lock across
 * every process on the database (db/connection.ts), so the numbers are assigned and committed in
 * the same order and a rolled-back write leaves no hole: readers of the feed see 1, 2, 3, … with
 * no gaps and never a smaller number after a larger one.
 */
export function nextChangeSeq(): SQL<number> {
  return sql<number>`(select coalesce(max(seq), 0) + 1 from changes)`;
}
