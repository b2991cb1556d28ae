/**
 * How far public sources back the seed (issue #13, item 2): at least 40 records SOURCED or
 * PARTLY_SOURCED by at least 8 sources beyond the report. (That no record holds a date more
 * precisely than a fact it cites states it is test/seed.test.ts's.)
 */
import { describe, expect, it } from "vitest";
import { dataset } from "../seeds/dataset/index.js";
import { provenanceCounts, REPORT_SOURCE } from "../seeds/provenanceCounts.js";
import { sourceFacts } from "../seeds/sourceFacts.js";

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
});
