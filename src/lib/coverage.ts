/**
 * How much of a period a city's coverage statements cover, day by day: a day inside a COMPLETE
 * statement is complete, and so on; a day no statement covers is UNKNOWN (no source says whether
 * its records are all there). The period's status is the one status all its days share, else
 * PARTIAL.
 */
export type StatedCoverage = "COMPLETE" | "PARTIAL" | "NOT_PUBLISHED";
export type CoverageSummaryStatus = StatedCoverage | "UNKNOWN";

export interface CoverageStretch {
  from: string;
  to: string;
  status: StatedCoverage;
}

export interface CoverageSummary {
  status: CoverageSummaryStatus;
  days: number;
  completeDays: number;
  partialDays: number;
  notPublishedDays: number;
  unknownDays: number;
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of an ISO date (UTC, so no day is lost to a clock change). */
export function epochDay(isoDate: string): number {
  return Math.round(Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS);
}

/** The summary of [from, to] (inclusive ISO dates) under stretches that do not overlap. */
export function summariseCoverage(stretches: readonly CoverageStretch[], from: string, to: string): CoverageSummary {
  const start = epochDay(from);
  const end = epochDay(to);
  const days = Math.max(0, end - start + 1);
  const counted = { COMPLETE: 0, PARTIAL: 0, NOT_PUBLISHED: 0 };
  for (const stretch of stretches) {
    const overlap = Math.min(end, epochDay(stretch.to)) - Math.max(start, epochDay(stretch.from)) + 1;
    if (overlap > 0) counted[stretch.status] += overlap;
  }
  const unknownDays = days - counted.COMPLETE - counted.PARTIAL - counted.NOT_PUBLISHED;
  const status: CoverageSummaryStatus =
    unknownDays === days
      ? "UNKNOWN"
      : counted.COMPLETE === days
        ? "COMPLETE"
        : counted.NOT_PUBLISHED === days
          ? "NOT_PUBLISHED"
          : "PARTIAL";
  return {
    status,
    days,
    completeDays: counted.COMPLETE,
    partialDays: counted.PARTIAL,
    notPublishedDays: counted.NOT_PUBLISHED,
    unknownDays,
  };
}
