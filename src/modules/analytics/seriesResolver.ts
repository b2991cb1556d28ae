import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import { TRIP_PURPOSES, type Metric } from "../../../db/enums.js";
import { eventsAttendedBy, tripTotalsBy, type Bucketed, type TripTotals } from "../../data/analytics.js";
import type { CountryRow, OrganisationRow } from "../../data/rows.js";
import type { Context } from "../../graphql/context.js";
import { checkedCriteria } from "../../graphql/filterCheck.js";
import { MetricEnum } from "../../graphql/enums.js";
import { badUserInput } from "../../graphql/errors.js";
import { localized } from "../../graphql/localizedText.js";
import { PeriodInput } from "../../graphql/period.js";
import { bucketCount, monthKey, timeBuckets, type TimeGrouping } from "../../lib/calendarBuckets.js";
import { resolvePeriod, type PeriodInput as PeriodParts } from "../../lib/period.js";
import { isTripMetric, metricValue } from "../../data/figures.js";
import { TripFilter, tripCriteria } from "../trips/tripInputs.js";
import { resolveScope, type AnalyticsScope } from "./analyticsScope.js";
import { GroupingEnum, SeriesPoint, type Grouping } from "./analyticsTypes.js";
import { MODE_LABELS, PURPOSE_LABELS } from "./labels.js";

const TIME_GROUPINGS: readonly Grouping[] = ["MONTH", "YEAR", "JALALI_MONTH", "JALALI_YEAR"];
const ZERO: TripTotals = { requested: 0, rejected: 0, approved: 0, cancelled: 0, completed: 0, participants: 0 };

/** Why a metric cannot be grouped a given way, or null when it can. */
function unsupportedCombination(metric: Metric, groupBy: Grouping): string | null {
  if (isTripMetric(metric) && groupBy === "ATTENDANCE_MODE") {
    return `ATTENDANCE_MODE groups event attendances, and ${metric} counts trips, which have no attendance mode. Use metric EVENTS_ATTENDED, or group trips by PURPOSE.`;
  }
  if (!isTripMetric(metric) && (groupBy === "PURPOSE" || groupBy === "REQUESTING_UNIT")) {
    return `${groupBy} describes trip requests; EVENTS_ATTENDED counts events, which have neither a purpose nor a requesting unit. Group events by ORGANISATION (organiser), COUNTRY (host), ATTENDANCE_MODE or time.`;
  }
  return null;
}

/** The key a bucket row gets, in the grouping's format. */
function bucketKey(row: Bucketed<unknown>, groupBy: Grouping): string {
  if (groupBy === "JALALI_MONTH") return monthKey({ year: Number(row.k1), month: Number(row.k2) });
  return String(row.k1);
}

/** The most points one `series` may have (100 years of months). */
export const MAX_SERIES_BUCKETS = 1200;
/** What an open period is assumed to span when a query is costed (its real span is known only when it runs). */
const OPEN_PERIOD_MONTHS = 120;
/** What a grouping by data (countries, organisations, units) is assumed to return when costed. */
const DATA_BUCKETS_ESTIMATE = 50;
const SERIES_BASE_COST = 10;

const isTimeGrouping = (groupBy: Grouping): groupBy is TimeGrouping => TIME_GROUPINGS.includes(groupBy);

/** How many points a `series` is expected to return, from its arguments alone (for its cost). */
export function estimatedBuckets(groupBy: Grouping, period: PeriodParts | null | undefined, today: string): number {
  if (!isTimeGrouping(groupBy)) {
    if (groupBy === "PURPOSE") return TRIP_PURPOSES.length;
    if (groupBy === "ATTENDANCE_MODE") return 2;
    return DATA_BUCKETS_ESTIMATE;
  }
  const perYear = groupBy === "MONTH" || groupBy === "JALALI_MONTH" ? 12 : 1;
  let resolved;
  try {
    resolved = period ? resolvePeriod(period) : null;
  } catch {
    return 1; // refused when it runs
  }
  let from = resolved?.from ?? null;
  let to = resolved?.to ?? null;
  if (from && !to) to = from > today ? from : today;
  if (!from || !to) return Math.ceil((OPEN_PERIOD_MONTHS / 12) * perYear);
  if (from > to) from = to;
  return Math.min(bucketCount(groupBy, from, to), MAX_SERIES_BUCKETS + 1);
}

/** A series costs per point: each point and its label are objects the query returns. */
function seriesComplexity({ args, childComplexity }: { args: Record<string, unknown>; childComplexity: number }): number {
  const { groupBy, period } = args as { groupBy?: Grouping; period?: PeriodParts | null };
  const buckets = groupBy ? estimatedBuckets(groupBy, period, new Date().toISOString().slice(0, 10)) : 1;
  return SERIES_BASE_COST + buckets * (1 + childComplexity);
}

interface Point {
  key: string;
  label: { fa: string | null; en: string | null };
  value: number;
}

@Resolver()
export class SeriesResolver {
  @Query(() => [SeriesPoint], {
    complexity: seriesComplexity,
    description:
      "One point per bucket of `groupBy`, in bucket order (time; enum order for PURPOSE and ATTENDANCE_MODE; key order otherwise). Time buckets cover the whole period and are all present, empty ones as 0; at most " +
      MAX_SERIES_BUCKETS.toLocaleString("en") +
      " of them (a longer period is a BAD_USER_INPUT error), and each point counts toward the query's cost. PURPOSE lists every purpose. Metrics are defined as in Footprint; per-month metrics divide by the months of each time bucket inside the period (or the period's months for other groupings). `filter` narrows the trips counted (trip metrics only; the period and city come from `period` and `city`). A metric that cannot be grouped a given way is a BAD_USER_INPUT error saying why.",
  })
  async series(
    @Ctx() ctx: Context,
    @Arg("metric", () => MetricEnum) metric: Metric,
    @Arg("groupBy", () => GroupingEnum) groupBy: Grouping,
    @Arg("period", () => PeriodInput, { nullable: true }) period?: PeriodInput,
    @Arg("city", () => ID, { nullable: true }) city?: string,
    @Arg("filter", () => TripFilter, { nullable: true }) filter?: TripFilter,
  ): Promise<Point[]> {
    const why = unsupportedCombination(metric, groupBy);
    if (why) throw badUserInput(why, "groupBy");
    if (filter && !isTripMetric(metric))
      throw badUserInput("`filter` narrows trips; EVENTS_ATTENDED counts event attendances. Leave `filter` out.", "filter");
    if (filter?.period) throw badUserInput("Give the period as the `period` argument, not `filter.period`.", "filter.period");
    if (filter?.city) throw badUserInput("Give the city as the `city` argument, not `filter.city`.", "filter.city");
    const scope = await resolveScope(ctx, city, period);
    if (isTimeGrouping(groupBy)) {
      const buckets = bucketCount(groupBy, scope.range.from, scope.range.to);
      if (buckets > MAX_SERIES_BUCKETS)
        throw badUserInput(
          `series(groupBy: ${groupBy}) over ${scope.range.from} .. ${scope.range.to} would have ${buckets.toLocaleString("en")} points; at most ${MAX_SERIES_BUCKETS.toLocaleString("en")}. Give a shorter period or a coarser groupBy.`,
          "period",
        );
    }
    ctx.checkDeadline();
    return isTripMetric(metric) ? this.tripSeries(ctx, scope, metric, groupBy, filter) : this.eventSeries(ctx, scope, groupBy);
  }

  private async tripSeries(
    ctx: Context,
    scope: AnalyticsScope,
    metric: Metric,
    groupBy: Grouping,
    filter?: TripFilter,
  ): Promise<Point[]> {
    const criteria = await checkedCriteria(ctx, (check) => tripCriteria(check, filter));
    const rows = await tripTotalsBy(
      ctx.db,
      { cityId: scope.city.id, range: scope.range, criteria },
      groupBy as Exclude<Grouping, "ATTENDANCE_MODE">,
    );
    const value = (totals: TripTotals, months: number) => metricValue(metric, { ...totals, eventsAttended: 0, months }) ?? 0;
    return this.points(ctx, scope, groupBy, rows, ZERO, value);
  }

  private async eventSeries(ctx: Context, scope: AnalyticsScope, groupBy: Grouping): Promise<Point[]> {
    const rows = await eventsAttendedBy(
      ctx.db,
      { cityId: scope.city.id, range: scope.range },
      groupBy as Exclude<Grouping, "PURPOSE" | "REQUESTING_UNIT">,
    );
    return this.points(ctx, scope, groupBy, rows, 0, (attended) => attended);
  }

  /** Bucket rows to points: every time bucket and every enum value present, labels in both languages. */
  private async points<T>(
    ctx: Context,
    scope: AnalyticsScope,
    groupBy: Grouping,
    rows: Bucketed<T>[],
    empty: T,
    value: (totals: T, months: number) => number,
  ): Promise<Point[]> {
    const byKey = new Map(rows.map((row) => [bucketKey(row, groupBy), row.totals]));
    const englishOf = new Map(rows.map((row) => [bucketKey(row, groupBy), row.labelEn ?? null]));
    const at = (key: string) => byKey.get(key) ?? empty;
    if (isTimeGrouping(groupBy)) {
      return timeBuckets(groupBy, scope.range.from, scope.range.to).map((b) => ({
        key: b.key,
        label: localized(b.fa, b.en),
        value: value(at(b.key), b.months),
      }));
    }
    const months = scope.period.months;
    switch (groupBy) {
      case "PURPOSE":
        return TRIP_PURPOSES.map((p) => ({ key: p, label: PURPOSE_LABELS[p], value: value(at(p), months) }));
      case "ATTENDANCE_MODE":
        return (["IN_PERSON", "ONLINE"] as const).map((m) => ({ key: m, label: MODE_LABELS[m], value: value(at(m), months) }));
      case "COUNTRY": {
        const keys = [...byKey.keys()];
        const countries = (await ctx.loaders.countryCode.loadMany(keys)) as CountryRow[];
        return keys.map((key, i) => ({
          key,
          label: localized(countries[i]?.nameFa, countries[i]?.nameEn),
          value: value(at(key), months),
        }));
      }
      case "ORGANISATION": {
        const keys = [...byKey.keys()];
        const orgs = (await ctx.loaders.organisationSlug.loadMany(keys)) as OrganisationRow[];
        return keys.map((key, i) => ({ key, label: localized(orgs[i]?.nameFa, orgs[i]?.nameEn), value: value(at(key), months) }));
      }
      default:
        // REQUESTING_UNIT: the unit as written, and its English where the trips record one.
        return [...byKey.keys()].map((key) => ({
          key,
          label: localized(key, englishOf.get(key)),
          value: value(at(key), months),
        }));
    }
  }
}
