/**
 * How far public sources back the seed (issue #13, item 2): at least 40 records SOURCED or
 * PARTLY_SOURCED by at least 8 sources beyond the report; and no record claims a date more precise
 * than the facts it cites state.
 */
import { describe, expect, it } from "vitest";
import { dataset } from "../seeds/dataset/index.js";
import type { DatePrecision, SeedCitation } from "../seeds/dataset/types.js";
import { provenanceCounts, REPORT_SOURCE } from "../seeds/provenanceCounts.js";
import { sourceFacts } from "../seeds/sourceFacts.js";
import type { CitedRecordType } from "../src/lib/recordFields.js";

const RANK: Record<DatePrecision, number> = { YEAR: 0, MONTH: 1, DAY: 2 };

describe("seed backing by public sources", () => {
  const counts = provenanceCounts();

  it("has at least 40 records SOURCED or PARTLY_SOURCED, 40 of them by a source beyond the report", () => {
    const backed = Object.values(counts.byType).reduce((n, c) => n + c.SOURCED + c.PARTLY_SOURCED, 0);
    expect(backed).toBeGreaterThanOrEqual(40);
    expect(counts.backedBeyondReport).toBeGreaterThanOrEqual(40);
  });

  it("cites at least 8 distinct sources beyond the report, each a facts file with an address", () => {
    expect(counts.otherSources).not.toContain(REPORT_SOURCE);
    expect(counts.otherSources.length).toBeGreaterThanOrEqual(8);
    const files = sourceFacts();
    for (const id of counts.otherSources) expect(files.get(id)?.url, `${id} has no URL`).toMatch(/^https?:\/\//);
  });

  it("counts what the loader derives: a record with no citation is ILLUSTRATIVE, every type is counted", () => {
    for (const type of ["City", "Organisation", "Membership", "Event", "Trip", "Attendance", "Partnership"])
      expect(Object.keys(counts.byType)).toContain(type);
    const total = (k: keyof typeof dataset) => (dataset[k] as unknown[]).length;
    const c = counts.byType;
    expect(c.Partnership.SOURCED + c.Partnership.PARTLY_SOURCED + c.Partnership.ILLUSTRATIVE).toBe(total("partnerships"));
    expect(c.Trip.ILLUSTRATIVE).toBe(dataset.trips.filter((t) => t.citations.length === 0).length);
  });

  it("no date is stored more precisely than the facts it cites state it", () => {
    const files = sourceFacts();
    const dated: { type: CitedRecordType; key: string; field: string; precision: DatePrecision; record: SeedCitation }[] = [
      ...dataset.partnerships
        .filter((p) => p.signedOn)
        .map((p) => ({
          type: "Partnership" as const,
          key: p.key,
          field: "signedOn",
          precision: p.signedPrecision ?? "DAY",
          record: p,
        })),
      ...dataset.memberships.flatMap((m) => [
        ...(m.startDate
          ? [{ type: "Membership" as const, key: m.key, field: "startDate", precision: m.startPrecision ?? "DAY", record: m }]
          : []),
        ...(m.endDate
          ? [{ type: "Membership" as const, key: m.key, field: "endDate", precision: m.endPrecision ?? "DAY", record: m }]
          : []),
      ]),
    ];
    const tooPrecise: string[] = [];
    for (const d of dated) {
      const stated = d.record.citations
        .filter((c) => c.fields.includes(d.field))
        .flatMap((c) =>
          (files.get(c.source)?.statements ?? [])
            .filter((s) => s.fact === c.fact && s.recordType === d.type && s.recordKey === d.key)
            .flatMap((s) => s.fields.filter((f) => f.name === d.field).map((f) => f.precision ?? "DAY")),
        );
      if (stated.length === 0) continue; // an unbacked date: the status says so
      const finest = Math.max(...stated.map((p) => RANK[p]));
      if (RANK[d.precision] > finest)
        tooPrecise.push(`${d.type} ${d.key} ${d.field}: ${d.precision}, sources state ${stated.join("/")}`);
    }
    expect(tooPrecise).toEqual([]);
    // The check has something to check: year- and month-only dates are in the seed.
    expect(dated.filter((d) => d.precision === "YEAR").length).toBeGreaterThan(5);
    expect(dated.filter((d) => d.precision === "MONTH").length).toBeGreaterThan(2);
  });
});
