/**
 * The metrics of the API, defined once over aggregated totals, so that footprint, series and the
 * reported-versus-computed comparison can never disagree about what a metric means.
 */
import type { Metric } from "../../db/enums.js";

/** Trip counts over a period or bucket (see src/data/analytics.ts for what each counts). */
export interface TripTotals {
  requested: number;
  rejected: number;
  approved: number;
  cancelled: number;
  completed: number;
  participants: number;
}

export interface FigureInputs extends TripTotals {
  eventsAttended: number;
  /** Calendar months the period (or bucket) covers. */
  months: number;
}

const ratio = (numerator: number, denominator: number): number | null => (denominator > 0 ? numerator / denominator : null);

/** The value of a metric, or null when its denominator is zero (nothing to compute it from). */
export function metricValue(metric: Metric, t: FigureInputs): number | null {
  switch (metric) {
    case "TRIPS_REQUESTED":
      return t.requested;
    case "TRIPS_COMPLETED":
      return t.completed;
    case "TRIPS_REJECTED":
      return t.rejected;
    case "TRIPS_CANCELLED":
      return t.cancelled;
    case "PARTICIPANTS":
      return t.participants;
    case "EVENTS_ATTENDED":
      return t.eventsAttended;
    case "AVERAGE_DELEGATION_SIZE":
      return ratio(t.participants, t.completed);
    case "REJECTION_RATE":
      return ratio(t.rejected, t.rejected + t.approved);
    case "NOT_CARRIED_OUT_RATE":
      return ratio(t.cancelled, t.approved);
    case "TRIPS_PER_MONTH":
      return ratio(t.completed, t.months);
    case "PARTICIPANTS_PER_MONTH":
      return ratio(t.participants, t.months);
  }
}

/** Metrics that count trips (and so accept a trip filter and trip groupings). */
export function isTripMetric(metric: Metric): boolean {
  return metric !== "EVENTS_ATTENDED";
}
