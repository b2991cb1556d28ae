/** The sources behind records, and other systems' identifiers for them. */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Column, SQL } from "drizzle-orm";
import type { Db } from "../../db/connection.js";
import { inKeyList, keyListParam } from "../../db/dialect/queries.js";
import type { RecordType } from "../../db/enums.js";
import { externalIds, recordSources, sources } from "../../db/schema.js";
import { groupBy } from "../lib/collections.js";
import { sortKeys, type OrderTerm, type SortableField } from "./ordering.js";
import { prepared } from "./prepared.js";
import type { ListSpec } from "./pagination.js";
import type { CitationLinkRow, CitationRow, ExternalIdRow } from "./rows.js";

/** A record's citations to look for: one source, optionally one fact of it (its locator). */
export interface CitesCriteria {
  sourcePublicId: string;
  fact?: string | null;
}

/** The record types whose records cite sources and can be listed as citing one. */
export const CITING_RECORD_TYPES = [
  "COUNTRY",
  "CITY",
  "ORGANISATION",
  "MEMBERSHIP",
  "EVENT",
  "ATTENDANCE",
  "TRIP",
  "PARTNERSHIP",
] as const satisfies readonly RecordType[];
export type CitingRecordType = (typeof CITING_RECORD_TYPES)[number];

/** `idColumn` (the id of a `recordType` record) cites the source, and the fact when given. */
export function citing(recordType: RecordType, idColumn: Column, cites: CitesCriteria | null | undefined): SQL | undefined {
  if (!cites) return undefined;
  return sql`${idColumn} in (select ${recordSources.recordId} from ${recordSources} join ${sources} on ${sources.id} = ${recordSources.sourceId} where ${and(
    eq(recordSources.recordType, recordType),
    eq(sources.publicId, cites.sourcePublicId),
    cites.fact ? eq(recordSources.locator, cites.fact) : undefined,
  )})`;
}

export const CITED_BY_ORDER_FIELDS = ["FIRST_CITED", "RECORD_TYPE"] as const;
export type CitedByOrderField = (typeof CITED_BY_ORDER_FIELDS)[number];

const citedBySortable: Record<CitedByOrderField, SortableField<CitationLinkRow>> = {
  FIRST_CITED: { sql: recordSources.id, value: (r) => r.id },
  RECORD_TYPE: { sql: recordSources.recordType, value: (r) => r.recordType },
};

/**
 * The records citing one source (of the given types, at the given fact), once each: one row of
 * record_sources per record, the first. Without `order`, in the order they were first cited.
 */
export function citedByList(
  sourceId: number,
  types: readonly CitingRecordType[] | null | undefined,
  fact: string | null | undefined,
  order?: readonly OrderTerm<CitedByOrderField>[] | null,
): ListSpec<CitationLinkRow> {
  const wanted = types && types.length > 0 ? [...types] : [...CITING_RECORD_TYPES];
  const first = sql`select min(${recordSources.id}) from ${recordSources} where ${and(
    eq(recordSources.sourceId, sourceId),
    inArray(recordSources.recordType, wanted),
    fact ? eq(recordSources.locator, fact) : undefined,
  )} group by ${recordSources.recordType}, ${recordSources.recordId}`;
  return {
    table: recordSources,
    where: sql`${recordSources.id} in (${first})`,
    order: sortKeys(citedBySortable, order, [{ field: "FIRST_CITED", direction: "ASC" }]),
  };
}

export async function citationsOf(
  db: Db,
  recordType: RecordType,
  recordIds: readonly number[],
): Promise<Map<number, CitationRow[]>> {
  const statement = prepared(db, "citations_by_record", () =>
    db
      .select({
        recordId: recordSources.recordId,
        source: sources,
        citedAt: recordSources.locator,
        citedFields: recordSources.fields,
        statedOtherwise: recordSources.statedOtherwise,
      })
      .from(recordSources)
      .innerJoin(sources, eq(sources.id, recordSources.sourceId))
      .where(and(eq(recordSources.recordType, sql.placeholder("recordType")), inKeyList(recordSources.recordId)))
      .orderBy(asc(recordSources.id)),
  );
  const rows = (await statement.rows({ recordType, keys: keyListParam(recordIds) })) as {
    recordId: number;
    source: CitationRow;
    citedAt: string | null;
    citedFields: string[] | null;
    statedOtherwise: Record<string, string> | null;
  }[];
  return groupBy(
    rows,
    (r) => r.recordId,
    (r) => ({ ...r.source, citedAt: r.citedAt || null, citedFields: r.citedFields, statedOtherwise: r.statedOtherwise }),
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
