/**
 * The README's tables of "Where the data comes from", computed from the seed dataset and its facts
 * files: `test/seed.test.ts` checks the README holds exactly these, so the numbers stay true.
 */
import { dataset } from "../../seeds/dataset/index.js";
import type { SeedCitation } from "../../seeds/dataset/types.js";
import { recordProvenance } from "../../seeds/provenance.js";
import { sourceFacts } from "../../seeds/sourceFacts.js";
import type { CitedRecordType } from "../../src/lib/recordFields.js";

const TYPES: [CitedRecordType, (SeedCitation & object)[]][] = [
  ["City", dataset.cities],
  ["Organisation", dataset.organisations],
  ["Membership", dataset.memberships],
  ["Event", dataset.events],
  ["Trip", dataset.trips],
  ["Attendance", dataset.attendances],
  ["Partnership", dataset.partnerships],
];

/** Each source, and how many records of each type cite it. */
export function sourcesTable(): string {
  const rows = ["| Source | Publisher, date | Kind | Records it backs |", "|---|---|---|---|"];
  for (const file of sourceFacts().values()) {
    const perType = TYPES.map(
      ([type, records]) => [type, records.filter((r) => r.citations.some((c) => c.source === file.id)).length] as const,
    ).filter(([, n]) => n > 0);
    const total = perType.reduce((sum, [, n]) => sum + n, 0);
    const detail = perType.map(([type, n]) => `${type} ${n}`).join(", ");
    rows.push(
      `| \`${file.id}\` | ${file.publisher}, ${file.publishedOn ?? "undated"} | ${file.kind} | ${total}${detail ? ` (${detail})` : ""} |`,
    );
  }
  return rows.join("\n");
}

/** How many records of each type are SOURCED, PARTLY_SOURCED and ILLUSTRATIVE. */
export function statusTable(): string {
  const rows = ["| Record type | SOURCED | PARTLY_SOURCED | ILLUSTRATIVE |", "|---|---|---|---|"];
  for (const [type, records] of TYPES) {
    const count = (status: string) => records.filter((r) => recordProvenance(type, r).status === status).length;
    rows.push(`| ${type} | ${count("SOURCED")} | ${count("PARTLY_SOURCED")} | ${count("ILLUSTRATIVE")} |`);
  }
  return rows.join("\n");
}

/** The text between `<!-- name:start -->` and `<!-- name:end -->`, trimmed. */
export function block(text: string, name: string): string | null {
  const m = new RegExp(`<!-- ${name}:start -->\\n([\\s\\S]*?)\\n<!-- ${name}:end -->`).exec(text);
  return m ? m[1].trim() : null;
}
