/** Reading the change feed: oldest first, after a sequence number, optionally of some types. */
import { and, asc, gt, inArray, max } from "drizzle-orm";
import type { Db } from "../../db/connection.js";
import type { ChangeType } from "../../db/enums.js";
import { changes } from "../../db/schema.js";
import type { ChangeRow } from "./writes/writeSession.js";

export async function changesAfter(db: Db, afterSeq: number, limit: number, types?: readonly ChangeType[] | null): Promise<ChangeRow[]> {
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
