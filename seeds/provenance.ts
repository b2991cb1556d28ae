/**
 * A seed record's status, derived from its citations, never declared: SOURCED when they back every
 * field the record states, PARTLY_SOURCED when they back some of them, ILLUSTRATIVE when it has none.
 */
import type { Provenance } from "../db/enums.js";
import { statedFields, type CitedRecordType } from "../src/lib/recordFields.js";
import type { SeedCitation } from "./dataset/types.js";

export interface RecordProvenance {
  status: Provenance;
  /** Stated fields some citation backs, and those none does. */
  sourced: string[];
  unsourced: string[];
}

export function recordProvenance(type: CitedRecordType, record: SeedCitation): RecordProvenance {
  const stated = statedFields(type, record as unknown as Record<string, unknown>);
  const backed = new Set(record.citations.flatMap((c) => c.fields));
  const sourced = stated.filter((f) => backed.has(f));
  const unsourced = stated.filter((f) => !backed.has(f));
  const status: Provenance =
    record.citations.length === 0 ? "ILLUSTRATIVE" : unsourced.length === 0 ? "SOURCED" : "PARTLY_SOURCED";
  return { status, sourced, unsourced };
}
