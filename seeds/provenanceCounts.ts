/**
 * How much of the seed dataset public sources back: per record type, how many records are SOURCED,
 * PARTLY_SOURCED and ILLUSTRATIVE (derived as the loader derives them), and which sources beyond the
 * report are cited. `npx tsx seeds/provenanceCounts.ts` prints it; test/seed-sources.test.ts holds
 * the minimum.
 */
import { fileURLToPath } from "node:url";
import type { CitedRecordType } from "../src/lib/recordFields.js";
import { dataset } from "./dataset/index.js";
import type { SeedCitation, SeedDataset } from "./dataset/types.js";
import { recordProvenance } from "./provenance.js";

export const REPORT_SOURCE = "tehran-press-47801";

const TYPES: [CitedRecordType, keyof SeedDataset][] = [
  ["City", "cities"],
  ["Organisation", "organisations"],
  ["Membership", "memberships"],
  ["Event", "events"],
  ["Trip", "trips"],
  ["Attendance", "attendances"],
  ["Partnership", "partnerships"],
];

export interface ProvenanceCounts {
  byType: Record<string, { SOURCED: number; PARTLY_SOURCED: number; ILLUSTRATIVE: number }>;
  /** Records SOURCED or PARTLY_SOURCED whose citations name at least one source beyond the report. */
  backedBeyondReport: number;
  /** Distinct sources cited, the report left out. */
  otherSources: string[];
}

export function provenanceCounts(data: SeedDataset = dataset): ProvenanceCounts {
  const byType: ProvenanceCounts["byType"] = {};
  const others = new Set<string>();
  let backedBeyondReport = 0;
  for (const [type, key] of TYPES) {
    const counts = { SOURCED: 0, PARTLY_SOURCED: 0, ILLUSTRATIVE: 0 };
    for (const record of data[key] as unknown as SeedCitation[]) {
      counts[recordProvenance(type, record).status]++;
      const beyond = record.citations.map((c) => c.source).filter((s) => s !== REPORT_SOURCE);
      for (const s of beyond) others.add(s);
      if (beyond.length > 0) backedBeyondReport++;
    }
    byType[type] = counts;
  }
  return { byType, backedBeyondReport, otherSources: [...others].sort() };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { byType, backedBeyondReport, otherSources } = provenanceCounts();
  console.table(byType);
  const total = Object.values(byType).reduce((n, c) => n + c.SOURCED + c.PARTLY_SOURCED, 0);
  console.log(`SOURCED or PARTLY_SOURCED: ${total}; backed by a source beyond the report: ${backedBeyondReport}`);
  console.log(`sources beyond the report (${otherSources.length}): ${otherSources.join(", ")}`);
}
