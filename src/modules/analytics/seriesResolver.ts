import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import { TRIP_PURPOSES, type Metric } from "../../../db/enums.js";
import { eventsAttendedBy, tripTotalsBy, type BucketKey, type Bucketed, type TripTotals } from "../../data/analytics.js";
import { coverageStretch, coverageWithin } from "../../data/coverage.js";
import type { CountryRow, CoverageRow, OrganisationRow } from "../../data/rows.js";
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
import { EventFilter } from "../events/eventInputs.js";
import { attendedEventScope, resolveScope, type AnalyticsScope } from "./analyticsScope.js";
import { GroupingEnum, SeriesOrderEnum, SeriesPoint, type Grouping, type SeriesOrder } from "./analyticsTypes.js";
import { MODE_LABELS, PURPOSE_LABELS } from "./labels.js";
import { CoverageStatusEnum } from "./coverageTypes.js";
import { summariseCoverage } from "../../lib/coverage.js";

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

/** The key a bucket row gets in one dimension, in the grouping's format. */
function bucketKey(key: BucketKey, groupBy: Grouping): string {
  if (groupBy === "JALALI_MONTH") return monthKey({ year: Number(key.k1), month: Number(key.k2) });
  return String(key.k1);
}

/** What joins a point's keys into its single `key` (and labels into its `label`) when it has two. */
const KEY_SEPARATOR = "|";
const LABEL_SEPARATOR = " · ";

/** The dimensions asked for, from `groupBy` (one) or `groupings` (one or two). */
function dimensionsOf(groupBy: Grouping | null | undefined, groupings: Grouping[] | null | undefined): Grouping[] {
  if (groupBy && groupings)
    throw badUserInput("Give `groupBy` (one dimension) or `groupings` (one or two dimensions), not both.", "groupings");
  const dims = groupings ?? (groupBy ? [groupBy] : []);
  if (dims.length === 0)
    throw badUserInput(
      "Give `groupBy` (one dimension) or `groupings` (one or two dimensions, e.g. [JALALI_YEAR, PURPOSE]).",
      "groupings",
    );
  if (dims.length > 2)
    throw badUserInput(
      `\`groupings\` takes one or two dimensions; got ${dims.length} (${dims.join(", ")}). Group by two and filter for the third.`,
      "groupings",
    );
  if (dims.length === 2 && dims[0] === dims[1])
    throw badUserInput(`\`groupings\` repeats ${dims[0]}; give two different dimensions.`, "groupings");
  if (dims.filter(isTimeGrouping).length > 1)
    throw badUserInput(
      `\`groupings\` takes at most one time dimension (MONTH, YEAR, JALALI_MONTH or JALALI_YEAR); got ${dims.join(" and ")}. Per-month metrics divide by the months of a point's time bucket, which two calendars' buckets do not share.`,
      "groupings",
    );
  return dims;
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
  const { groupBy, groupings, period, first } = args as {
    groupBy?: Grouping | null;
    groupings?: Grouping[] | null;
    period?: PeriodParts | null;
    first?: number | null;
  };
  const today = new Date().toISOString().slice(0, 10);
  // Refused when it runs if there are more than two, so no more than two are priced.
  const dims = (groupings ?? (groupBy ? [groupBy] : [])).slice(0, 2);
  // Past the cap the query is refused when it runs, so the estimate stops there too.
  const all = Math.min(
    dims.reduce((n, g) => n * estimatedBuckets(g, period, today), 1),
    MAX_SERIES_BUCKETS + 1,
  );
  const buckets = first && first > 0 ? Math.min(all, first) : all;
  return SERIES_BASE_COST + buckets * (1 + childComplexity);
}

type Label = { fa: string | null; en: string | null };

interface Point {
  key: string;
  label: Label;
  keys: string[];
  labels: Label[];
  value: number;
  /** The days the point's coverage is read over: its time bucket's, else the whole period's. */
  days: { from: string; to: string };
  /** The city's coverage statements over the period, read once per series and only if asked for. */
  coverageRows: () => Promise<CoverageRow[]>;
}

/** One dimension's buckets, in bucket order; `months` and `days` only for time buckets. */
interface DimensionBucket {
  key: string;
  label: Label;
  months?: number;
  days?: { from: string; to: string };
}

@Resolver()
export class SeriesResolver {
  @Query(() => [SeriesPoint], {
    complexity: seriesComplexity,
    description:
      "One point per bucket of `groupBy` (or per combination of the buckets of `groupings`' one or two dimensions), in bucket order (time; enum order for PURPOSE and ATTENDANCE_MODE; key order otherwise). `orderBy: VALUE_DESC` with `first: N` ranks them instead (which unit travels most): the N largest, equal values in key order. Time buckets cover the whole period and are all present, empty ones as 0; at most " +
      MAX_SERIES_BUCKETS.toLocaleString("en") +
      " of them (a longer period is a BAD_USER_INPUT error), and as many points in all with two groupings, and each point counts toward the query's cost. PURPOSE lists every purpose. Metrics are defined as in Footprint; per-month metrics divide by the months of each time bucket inside the period (or the period's months for other groupings). `filter` narrows the trips counted (trip metrics only; the period and city come from `period` and `city`). A metric that cannot be grouped a given way is a BAD_USER_INPUT error saying why.",
  })
  async series(
    @Ctx() ctx: Context,
    @Arg("metric", () => MetricEnum) metric: Metric,
    @Arg("groupBy", () => GroupingEnum, {
      nullable: true,
      description: "One dimension to group by. Give this or `groupings`.",
    })
    groupBy?: Grouping | null,
    @Arg("period", () => PeriodInput, { nullable: true }) period?: PeriodInput,
    @Arg("city", () => ID, { nullable: true }) city?: string,
    @Arg("filter", () => TripFilter, { nullable: true }) filter?: TripFilter,
    @Arg("groupings", () => [GroupingEnum], {
      nullable: true,
      description:
        "One or two different dimensions to group by, e.g. [JALALI_YEAR, PURPOSE] (at most one of them a time grouping). Every combination of the dimensions' buckets is a point, empty ones as 0, ordered by the first dimension, then the second. Give this or `groupBy`.",
    })
    groupings?: Grouping[] | null,
    @Arg("orderBy", () => SeriesOrderEnum, {
      nullable: true,
      description: "BUCKET (the default) or, for rankings, VALUE_DESC / VALUE_ASC.",
    })
    orderBy?: SeriesOrder | null,
    @Arg("first", () => Int, {
      nullable: true,
      description: `Only the first N points in \`orderBy\` order, 1..${MAX_SERIES_BUCKETS.toLocaleString("en")} (with VALUE_DESC: the top N).`,
    })
    first?: number | null,
    @Arg("eventFilter", () => EventFilter, {
      nullable: true,
      description:
        "Narrows the events EVENTS_ATTENDED counts (event metrics only): kind, format, organiser, host, ...; `mode` is how the city took part (IN_PERSON or ONLINE). The period and city come from `period` and `city`.",
    })
    eventFilter?: EventFilter | null,
  ): Promise<Point[]> {
    const dims = dimensionsOf(groupBy, groupings);
    if (first !== undefined && first !== null && (first < 1 || first > MAX_SERIES_BUCKETS))
      throw badUserInput(`\`first\` must be between 1 and ${MAX_SERIES_BUCKETS.toLocaleString("en")}; got ${first}.`, "first");
    for (const dim of dims) {
      const why = unsupportedCombination(metric, dim);
      if (why) throw badUserInput(why, groupings ? "groupings" : "groupBy");
    }
    if (filter && !isTripMetric(metric))
      throw badUserInput("`filter` narrows trips; EVENTS_ATTENDED counts event attendances. Leave `filter` out.", "filter");
    if (eventFilter && isTripMetric(metric))
      throw badUserInput(
        `\`eventFilter\` narrows events; ${metric} counts trips. Use \`filter\` for trips, or metric EVENTS_ATTENDED.`,
        "eventFilter",
      );
    if (filter?.period) throw badUserInput("Give the period as the `period` argument, not `filter.period`.", "filter.period");
    if (filter?.city) throw badUserInput("Give the city as the `city` argument, not `filter.city`.", "filter.city");
    const scope = await resolveScope(ctx, city, period);
    for (const dim of dims.filter(isTimeGrouping)) {
      const buckets = bucketCount(dim, scope.range.from, scope.range.to);
      if (buckets > MAX_SERIES_BUCKETS)
        throw badUserInput(
          `series(groupBy: ${dim}) over ${scope.range.from} .. ${scope.range.to} would have ${buckets.toLocaleString("en")} points; at most ${MAX_SERIES_BUCKETS.toLocaleString("en")}. Give a shorter period or a coarser groupBy.`,
          "period",
        );
    }
    ctx.checkDeadline();
    const points = await (isTripMetric(metric)
      ? this.tripSeries(ctx, scope, metric, dims, filter)
      : this.eventSeries(ctx, scope, dims, eventFilter));
    return ranked(points, orderBy ?? "BUCKET").slice(0, first ?? undefined);
  }

  private async tripSeries(
    ctx: Context,
    scope: AnalyticsScope,
    metric: Metric,
    dims: Grouping[],
    filter?: TripFilter,
  ): Promise<Point[]> {
    const criteria = await checkedCriteria(ctx, (check) => tripCriteria(check, filter));
    const rows = await tripTotalsBy(
      ctx.db,
      { cityId: scope.city.id, range: scope.range, criteria },
      dims as Exclude<Grouping, "ATTENDANCE_MODE">[],
    );
    const value = (totals: TripTotals, months: number) => metricValue(metric, { ...totals, eventsAttended: 0, months }) ?? 0;
    return this.points(ctx, scope, dims, rows, ZERO, value);
  }

  private async eventSeries(
    ctx: Context,
    scope: AnalyticsScope,
    dims: Grouping[],
    filter: EventFilter | null | undefined,
  ): Promise<Point[]> {
    const events = await attendedEventScope(ctx, filter, "eventFilter");
    const rows = await eventsAttendedBy(
      ctx.db,
      { cityId: scope.city.id, range: scope.range, ...events },
      dims as Exclude<Grouping, "PURPOSE" | "REQUESTING_UNIT">[],
    );
    return this.points(ctx, scope, dims, rows, 0, (attended) => attended);
  }

  /**
   * Bucket rows to points: every combination of the dimensions' buckets (every time bucket, every
   * enum value, every data key any row has), labels in both languages.
   */
  private async points<T>(
    ctx: Context,
    scope: AnalyticsScope,
    dims: Grouping[],
    rows: Bucketed<T>[],
    empty: T,
    value: (totals: T, months: number) => number,
  ): Promise<Point[]> {
    const keysOf = (row: Bucketed<T>) => row.keys.map((k, i) => bucketKey(k, dims[i]));
    const byKey = new Map(rows.map((row) => [keysOf(row).join(KEY_SEPARATOR), row.totals]));
    const buckets = await Promise.all(
      dims.map((dim, i) =>
        this.dimensionBuckets(
          ctx,
          scope,
          dim,
          rows.map((r) => r.keys[i]),
        ),
      ),
    );
    const count = buckets.reduce((n, list) => n * list.length, 1);
    // Two dimensions can multiply past the cap even when each is within it; the data decides how far.
    // One dimension keeps the rule it always had (only time buckets are capped, before the query).
    if (dims.length > 1 && count > MAX_SERIES_BUCKETS)
      throw badUserInput(
        `series(groupings: [${dims.join(", ")}]) over ${scope.range.from} .. ${scope.range.to} would have ${count.toLocaleString("en")} points; at most ${MAX_SERIES_BUCKETS.toLocaleString("en")}. Give a shorter period, a coarser grouping or one dimension.`,
        "groupings",
      );
    let combos: DimensionBucket[][] = [[]];
    for (const list of buckets) combos = combos.flatMap((combo) => list.map((b) => [...combo, b]));
    let coverage: Promise<CoverageRow[]> | undefined;
    const coverageRows = () => (coverage ??= coverageWithin(ctx.db, scope.city.id, scope.range));
    return combos.map((combo) => {
      const keys = combo.map((b) => b.key);
      const labels = combo.map((b) => b.label);
      const months = combo.find((b) => b.months !== undefined)?.months ?? scope.period.months;
      return {
        key: keys.join(KEY_SEPARATOR),
        label: labels.length === 1 ? labels[0] : joinedLabel(labels),
        keys,
        labels,
        value: value(byKey.get(keys.join(KEY_SEPARATOR)) ?? empty, months),
        days: combo.find((b) => b.days !== undefined)?.days ?? scope.range,
        coverageRows,
      };
    });
  }

  /** One dimension's buckets: all of them for time and enum groupings, else those the rows hold, in key order. */
  private async dimensionBuckets(
    ctx: Context,
    scope: AnalyticsScope,
    groupBy: Grouping,
    rowKeys: BucketKey[],
  ): Promise<DimensionBucket[]> {
    if (isTimeGrouping(groupBy))
      return timeBuckets(groupBy, scope.range.from, scope.range.to).map((b) => ({
        key: b.key,
        label: localized(b.fa, b.en),
        months: b.months,
        days: { from: b.from, to: b.to },
      }));
    switch (groupBy) {
      case "PURPOSE":
        return TRIP_PURPOSES.map((p) => ({ key: p, label: PURPOSE_LABELS[p] }));
      case "ATTENDANCE_MODE":
        return (["IN_PERSON", "ONLINE"] as const).map((m) => ({ key: m, label: MODE_LABELS[m] }));
    }
    const englishOf = new Map<string, string | null>();
    for (const k of rowKeys) {
      const key = bucketKey(k, groupBy);
      englishOf.set(key, englishOf.get(key) ?? k.labelEn ?? null);
    }
    // Sorted here rather than by SQL, whose text order differs between SQLite and PostgreSQL collations.
    const keys = [...englishOf.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    switch (groupBy) {
      case "COUNTRY": {
        const countries = (await ctx.loaders.countryCode.loadMany(keys)) as CountryRow[];
        return keys.map((key, i) => ({ key, label: localized(countries[i]?.nameFa, countries[i]?.nameEn) }));
      }
      case "ORGANISATION": {
        const orgs = (await ctx.loaders.organisationSlug.loadMany(keys)) as OrganisationRow[];
        return keys.map((key, i) => ({ key, label: localized(orgs[i]?.nameFa, orgs[i]?.nameEn) }));
      }
      default:
        // REQUESTING_UNIT: the unit as written, and its English where the trips record one.
        return keys.map((key) => ({ key, label: localized(key, englishOf.get(key)) }));
    }
  }
}

/** Code-unit order, so ties rank alike on SQLite and PostgreSQL whatever their collations. */
function compareKeys(a: string[], b: string[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

function ranked(points: Point[], order: SeriesOrder): Point[] {
  if (order === "BUCKET") return points;
  const sign = order === "VALUE_DESC" ? -1 : 1;
  return [...points].sort((a, b) => sign * (a.value - b.value) || compareKeys(a.keys, b.keys));
}

/** A part missing in one language is given in the other, so the joined label keeps every dimension. */
function joinedLabel(labels: Label[]): Label {
  return localized(
    labels.map((l) => l.fa ?? l.en ?? "").join(LABEL_SEPARATOR),
    labels.map((l) => l.en ?? l.fa ?? "").join(LABEL_SEPARATOR),
  );
}

@Resolver(() => SeriesPoint)
export class SeriesPointResolver {
  @FieldResolver(() => CoverageStatusEnum, {
    description:
      "How complete the city's records are for the point's days (its time bucket's; the whole period's for other groupings): a chart draws UNKNOWN as no data rather than 0.",
  })
  async coverage(@Root() point: Point): Promise<string> {
    const rows = await point.coverageRows();
    return summariseCoverage(rows.map(coverageStretch), point.days.from, point.days.to).status;
  }
}
