/** The sources behind records, and other systems' identifiers for them. */
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/connection.js";
import type { RecordType } from "../../db/enums.js";
import { externalIds, recordSources, sources } from "../../db/schema.js";
import { groupBy } from "../lib/collections.js";
import type { CitationRow, ExternalIdRow } from "./rows.js";

export async function citationsOf(db: Db, recordType: RecordType, recordIds: readonly number[]): Promise<Map<number, CitationRow[]>> {
  const rows = await db
    .select({ recordId: recordSources.recordId, source: sources, citedAt: recordSources.locator })
    .from(recordSources)
    .innerJoin(sources, eq(sources.id, recordSources.sourceId))
    .where(and(eq(recordSources.recordType, recordType), inArray(recordSources.recordId, [...recordIds])))
    .orderBy(asc(recordSources.id));
  return groupBy(rows, (r) => r.recordId, (r) => ({ ...r.source, citedAt: r.citedAt || null }));
}

export async function externalIdsOf(db: Db, recordType: RecordType, recordIds: readonly number[]): Promise<Map<number, ExternalIdRow[]>> {
  const rows = await db
    .select()
    .from(externalIds)
    .where(and(eq(externalIds.recordType, recordType), inArray(externalIds.recordId, [...recordIds])))
    .orderBy(asc(externalIds.scheme), asc(externalIds.id));
  return groupBy(rows, (r) => r.recordId, (r) => r);
}
