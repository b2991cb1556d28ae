/** The sources behind records, and other systems' identifiers for them. */
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/connection.js";
import { inKeyList, keyListParam } from "../../db/dialect/queries.js";
import type { RecordType } from "../../db/enums.js";
import { externalIds, recordSources, sources } from "../../db/schema.js";
import { groupBy } from "../lib/collections.js";
import { prepared } from "./prepared.js";
import type { CitationRow, ExternalIdRow } from "./rows.js";

export async function citationsOf(
  db: Db,
  recordType: RecordType,
  recordIds: readonly number[],
): Promise<Map<number, CitationRow[]>> {
  const statement = prepared(db, "citations_by_record", () =>
    db
      .select({ recordId: recordSources.recordId, source: sources, citedAt: recordSources.locator })
      .from(recordSources)
      .innerJoin(sources, eq(sources.id, recordSources.sourceId))
      .where(and(eq(recordSources.recordType, sql.placeholder("recordType")), inKeyList(recordSources.recordId)))
      .orderBy(asc(recordSources.id)),
  );
  const rows = (await statement.rows({ recordType, keys: keyListParam(recordIds) })) as {
    recordId: number;
    source: CitationRow;
    citedAt: string | null;
  }[];
  return groupBy(
    rows,
    (r) => r.recordId,
    (r) => ({ ...r.source, citedAt: r.citedAt || null }),
  );
}

export async function externalIdsOf(
  db: Db,
  recordType: RecordType,
  recordIds: readonly number[],
): Promise<Map<number, ExternalIdRow[]>> {
  const statement = prepared(db, "external_ids_by_record", () =>
    db
      .select()
      .from(externalIds)
      .where(and(eq(externalIds.recordType, sql.placeholder("recordType")), inKeyList(externalIds.recordId)))
      .orderBy(asc(externalIds.scheme), asc(externalIds.id)),
  );
  const rows = (await statement.rows({ recordType, keys: keyListParam(recordIds) })) as ExternalIdRow[];
  return groupBy(
    rows,
    (r) => r.recordId,
    (r) => r,
  );
}
