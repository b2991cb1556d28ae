import { Arg, Ctx, FieldResolver, Float, ID, Int, Query, Resolver, Root } from "type-graphql";
import type { Metric } from "../../../db/enums.js";
import {
  activePartnerCities,
  completedTripCosts,
  eventsAttendedBy,
  eventTotalsForPeriods,
  reportedFiguresWithin,
  tripTotalsBy,
  tripTotalsForPeriods,
  type CostTotalRow,
  type DateRange,
  type EventTotals,
  type TripTotals,
} from "../../data/analytics.js";
import { membershipsActiveOn } from "../../data/memberships.js";
import type { CityRow, CountryRow, CoverageRow, MembershipRow, ReportedFigureRow, SourceRow } from "../../data/rows.js";
import type { Context } from "../../graphql/context.js";
import { AttendanceModeEnum } from "../../graphql/enums.js";
import { badUserInput } from "../../graphql/errors.js";
import { PeriodInput } from "../../graphql/period.js";
import { JSON as JSONScalar } from "../../graphql/scalars.js";
import { metricValue } from "../../data/figures.js";
import { monthsInRange } from "../../lib/calendarBuckets.js";
import { moneyFromMinorUnits, type MoneyValue } from "../../lib/money.js";
import { naturalCalendar } from "../../lib/period.js";
import { Membership } from "../memberships/membershipType.js";
import { City, Country } from "../places/placeTypes.js";
import { Source } from "../sources/sourceType.js";
import { EventFilter } from "../events/eventInputs.js";
import { attendedEventScope, resolveScope, periodInfo, type AnalyticsScope, type PeriodInfoShape } from "./analyticsScope.js";
import { CostTotal, CountryCount, Footprint, PeriodInfo, ReportedFigure } from "./analyticsTypes.js";
import { PeriodCoverage, periodCoverage } from "./coverageTypes.js";
import { coverageWithin, coverageStretch } from "../../data/coverage.js";
import { summariseCoverage } from "../../lib/coverage.js";

const rangeKey = (r: DateRange) => `${r.from}/${r.to}`;

/**
 * What one `footprint` field needs, fetched at most once per request: the period's totals are
 * fetched together with those of the reported figures' periods, in one statement.
 */
class FootprintState {
  private figuresPromise?: Promise<ReportedFigureRow[]>;
  private rangesPromise?: Promise<DateRange[]>;
  private tripTotalsPromise?: Promise<TripTotals[]>;
  private eventTotalsPromise?: Promise<EventTotals[]>;
  private byCountryPromise?: Promise<{ code: string; totals: TripTotals }[]>;
  private costsPromise?: Promise<CostTotalRow[]>;
  private coveragePromise?: Promise<CoverageRow[]>;

  constructor(
    readonly ctx: Context,
    readonly scope: AnalyticsScope,
  ) {}

  /** Runs a statement unless the request is past its deadline. */
  private async guarded<T>(statement: () => Promise<T>): Promise<T> {
    this.ctx.checkDeadline();
    return statement();
  }

  figures(): Promise<ReportedFigureRow[]> {
    return (this.figuresPromise ??= this.guarded(() => reportedFiguresWithin(this.ctx.db, this.scope.city.id, this.scope.range)));
  }

  /** The footprint's own range first, then each distinct range of its reported figures. */
  ranges(): Promise<DateRange[]> {
    return (this.rangesPromise ??= this.figures().then((figures) => {
      const ranges = new Map([[rangeKey(this.scope.range), this.scope.range]]);
      for (const f of figures)
        ranges.set(rangeKey({ from: f.periodFrom, to: f.periodTo }), { from: f.periodFrom, to: f.periodTo });
      return [...ranges.values()];
    }));
  }

  tripTotals(): Promise<TripTotals[]> {
    return (this.tripTotalsPromise ??= this.ranges().then((ranges) =>
      this.guarded(() => tripTotalsForPeriods(this.ctx.db, this.scope.city.id, ranges)),
    ));
  }

  eventTotals(): Promise<EventTotals[]> {
    return (this.eventTotalsPromise ??= this.ranges().then((ranges) =>
      this.guarded(() => eventTotalsForPeriods(this.ctx.db, this.scope.city.id, ranges)),
    ));
  }

  async totals(): Promise<TripTotals> {
    return (await this.tripTotals())[0];
  }

  async metric(metric: Metric): Promise<number> {
    const [trips, events] = await Promise.all([this.totals(), this.eventTotals()]);
    return metricValue(metric, { ...trips, eventsAttended: events[0]?.all ?? 0, months: this.scope.period.months }) ?? 0;
  }

  byCountry(): Promise<{ code: string; totals: TripTotals }[]> {
    return (this.byCountryPromise ??= this.guarded(() =>
      tripTotalsBy(this.ctx.db, { cityId: this.scope.city.id, range: this.scope.range, criteria: { status: ["COMPLETED"] } }, [
        "COUNTRY",
      ]).then((rows) => rows.map((r) => ({ code: String(r.keys[0].k1), totals: r.totals }))),
    ));
  }

  coverage(): Promise<CoverageRow[]> {
    return (this.coveragePromise ??= this.guarded(() => coverageWithin(this.ctx.db, this.scope.city.id, this.scope.range)));
  }

  /** One statement for both `costTotals` and `tripsWithoutCost`. */
  costs(): Promise<CostTotalRow[]> {
    return (this.costsPromise ??= this.guarded(() =>
      completedTripCosts(this.ctx.db, { cityId: this.scope.city.id, range: this.scope.range }),
    ));
  }

  async reportedFigures(): Promise<ReportedFigureShape[]> {
    const [figures, ranges, trips, events] = await Promise.all([
      this.figures(),
      this.ranges(),
      this.tripTotals(),
      this.eventTotals(),
    ]);
    return figures.map((f) => {
      const range = { from: f.periodFrom, to: f.periodTo };
      const i = ranges.findIndex((r) => rangeKey(r) === rangeKey(range));
      const calendar = naturalCalendar(range.from, range.to);
      const attended = events[i];
      const eventsAttended =
        f.attendanceMode === "ONLINE" ? attended.online : f.attendanceMode === "IN_PERSON" ? attended.inPerson : attended.all;
      const computed = metricValue(f.metric, {
        ...trips[i],
        eventsAttended,
        months: monthsInRange(range.from, range.to, calendar),
      });
      return {
        metric: f.metric,
        mode: f.attendanceMode,
        reported: f.value,
        computed,
        note: f.note,
        period: periodInfo(range, calendar),
        sourceId: f.sourceId,
      };
    });
  }
}

interface ReportedFigureShape {
  metric: Metric;
  mode: "IN_PERSON" | "ONLINE" | null;
  reported: number;
  computed: number | null;
  note: string | null;
  period: PeriodInfoShape;
  sourceId: number;
}

@Resolver(() => Footprint)
export class FootprintResolver {
  @Query(() => Footprint, {
    // Several aggregate statements over the period's trips, whatever is selected.
    complexity: 25,
    description:
      "A city's footprint over a period, for dashboards, in one round trip. `city`: a global ID or slug (default: the home city, Tehran). `period`: dates or Jalali parts (see Period); without it, or with an open end, the period runs from the city's first to its last trip.",
  })
  async footprint(
    @Ctx() ctx: Context,
    @Arg("city", () => ID, { nullable: true }) city?: string,
    @Arg("period", () => PeriodInput, { nullable: true }) period?: PeriodInput,
  ): Promise<FootprintState> {
    return new FootprintState(ctx, await resolveScope(ctx, city, period));
  }

  @FieldResolver(() => City)
  city(@Root() fp: FootprintState): CityRow {
    return fp.scope.city;
  }

  @FieldResolver(() => PeriodInfo)
  period(@Root() fp: FootprintState): PeriodInfoShape {
    return fp.scope.period;
  }

  @FieldResolver(() => PeriodCoverage, {
    description:
      "How much of the period the city's records are known to cover, by the coverage statements of its sources: the figures above count only what is recorded, and UNKNOWN days may hold trips no record has.",
  })
  async coverage(@Root() fp: FootprintState): Promise<PeriodCoverage> {
    const rows = await fp.coverage();
    return periodCoverage(summariseCoverage(rows.map(coverageStretch), fp.scope.range.from, fp.scope.range.to), rows);
  }

  @FieldResolver(() => Int, { description: "Requests whose (planned) start date falls in the period, whatever became of them." })
  async tripsRequested(@Root() fp: FootprintState): Promise<number> {
    return (await fp.totals()).requested;
  }

  @FieldResolver(() => Int, { description: "Requests the committee rejected." })
  async tripsRejected(@Root() fp: FootprintState): Promise<number> {
    return (await fp.totals()).rejected;
  }

  @FieldResolver(() => Int, { description: "Requests the committee approved, including those later completed or cancelled." })
  async tripsApproved(@Root() fp: FootprintState): Promise<number> {
    return (await fp.totals()).approved;
  }

  @FieldResolver(() => Int, { description: "Approved trips that were never carried out." })
  async tripsCancelled(@Root() fp: FootprintState): Promise<number> {
    return (await fp.totals()).cancelled;
  }

  @FieldResolver(() => Int, { description: "Trips carried out." })
  async tripsCompleted(@Root() fp: FootprintState): Promise<number> {
    return (await fp.totals()).completed;
  }

  @FieldResolver(() => Float, {
    description:
      "tripsRejected / (tripsRejected + tripsApproved): the share of decided requests the committee rejected; 0 when none was decided.",
  })
  rejectionRate(@Root() fp: FootprintState): Promise<number> {
    return fp.metric("REJECTION_RATE");
  }

  @FieldResolver(() => Float, {
    description: "tripsCancelled / tripsApproved: the share of approved trips never carried out; 0 when none was approved.",
  })
  notCarriedOutRate(@Root() fp: FootprintState): Promise<number> {
    return fp.metric("NOT_CARRIED_OUT_RATE");
  }

  @FieldResolver(() => Int, { description: "Delegates of completed trips (a person on two trips counts twice)." })
  async participants(@Root() fp: FootprintState): Promise<number> {
    return (await fp.totals()).participants;
  }

  @FieldResolver(() => Float, { description: "participants / tripsCompleted; 0 without completed trips." })
  averageDelegationSize(@Root() fp: FootprintState): Promise<number> {
    return fp.metric("AVERAGE_DELEGATION_SIZE");
  }

  @FieldResolver(() => Float, {
    description:
      "tripsCompleted / period.months: months are counted in the calendar the period was given in (Shahrivar..Esfand 1401 is 7 months).",
  })
  tripsPerMonth(@Root() fp: FootprintState): Promise<number> {
    return fp.metric("TRIPS_PER_MONTH");
  }

  @FieldResolver(() => Float, { description: "participants / period.months." })
  participantsPerMonth(@Root() fp: FootprintState): Promise<number> {
    return fp.metric("PARTICIPANTS_PER_MONTH");
  }

  @FieldResolver(() => [CountryCount], {
    description: "Countries of completed trips' destinations, most trips first; a trip counts once in each country it visited.",
  })
  async countriesVisited(@Root() fp: FootprintState): Promise<CountryCountShape[]> {
    const rows = await fp.byCountry();
    return rows
      .map((r) => ({ code: r.code, trips: r.totals.completed, participants: r.totals.participants }))
      .sort((a, b) => b.trips - a.trips || a.code.localeCompare(b.code));
  }

  @FieldResolver(() => Int, {
    description:
      "Distinct events the city attended that started in the period; with `mode`, only those attended that way (IN_PERSON or ONLINE).",
  })
  async eventsAttended(
    @Root() fp: FootprintState,
    @Arg("mode", () => AttendanceModeEnum, { nullable: true }) mode?: string,
    @Arg("filter", () => EventFilter, {
      nullable: true,
      description:
        "Only events that match: kind, format, organiser, host, ...; `filter.mode` is the same as `mode`. The period and city are the footprint's.",
    })
    filter?: EventFilter | null,
  ): Promise<number> {
    if (mode === "HYBRID") throw badUserInput("`mode` is how the city took part: IN_PERSON or ONLINE.", "mode");
    if (filter) {
      if (mode && filter.mode) throw badUserInput("Give `mode` or `filter.mode`, not both.", "filter.mode");
      const events = await attendedEventScope(fp.ctx, filter, "filter");
      fp.ctx.checkDeadline();
      const [row] = await eventsAttendedBy(
        fp.ctx.db,
        {
          cityId: fp.scope.city.id,
          range: fp.scope.range,
          criteria: events.criteria,
          mode: events.mode ?? (mode as "IN_PERSON" | "ONLINE" | undefined),
        },
        [],
      );
      return row?.totals ?? 0;
    }
    const totals = (await fp.eventTotals())[0];
    return mode === "IN_PERSON" ? totals.inPerson : mode === "ONLINE" ? totals.online : totals.all;
  }

  @FieldResolver(() => [Membership], { description: "Memberships in force on the period's last day." })
  activeMemberships(@Root() fp: FootprintState): Promise<MembershipRow[]> {
    fp.ctx.checkDeadline();
    return membershipsActiveOn(fp.ctx.db, fp.scope.city.id, fp.scope.range.to);
  }

  @FieldResolver(() => [City], {
    description: "Cities in an ACTIVE partnership with the city, signed by the period's last day (or on an unknown date).",
  })
  partnerCities(@Root() fp: FootprintState): Promise<CityRow[]> {
    fp.ctx.checkDeadline();
    return activePartnerCities(fp.ctx.db, fp.scope.city.id, fp.scope.range.to);
  }

  @FieldResolver(() => [CostTotal], {
    description:
      "What the period's completed trips cost, summed per currency (never converted: rials, euros and dollars are summed apart), by currency code. Trips with no recorded cost are left out and counted in `tripsWithoutCost`.",
  })
  async costTotals(@Root() fp: FootprintState): Promise<CostTotalShape[]> {
    return (await fp.costs()).flatMap((row) =>
      row.currency === null ? [] : [{ total: moneyFromMinorUnits(row.minorUnits, row.currency), trips: row.trips }],
    );
  }

  @FieldResolver(() => Int, { description: "Completed trips of the period with no recorded cost (not in `costTotals`)." })
  async tripsWithoutCost(@Root() fp: FootprintState): Promise<number> {
    return (await fp.costs()).find((row) => row.currency === null)?.trips ?? 0;
  }

  @FieldResolver(() => [ReportedFigure], {
    description:
      "Figures sources report for periods within this one, each next to the same metric computed from the records for the figure's own period.",
  })
  reportedFigures(@Root() fp: FootprintState): Promise<ReportedFigureShape[]> {
    return fp.reportedFigures();
  }

  @FieldResolver(() => JSONScalar, {
    description:
      "Map data: a GeoJSON FeatureCollection with one Point feature per destination city of the period's completed trips ([longitude, latitude]); properties: slug, name { fa en }, country, trips, participants.",
  })
  async geojson(@Root() fp: FootprintState): Promise<unknown> {
    fp.ctx.checkDeadline();
    const rows = await tripTotalsBy(
      fp.ctx.db,
      { cityId: fp.scope.city.id, range: fp.scope.range, criteria: { status: ["COMPLETED"] } },
      ["DESTINATION"],
    );
    const cities = (await fp.ctx.loaders.city.loadMany(rows.map((r) => Number(r.keys[0].k1)))) as CityRow[];
    const countries = (await fp.ctx.loaders.country.loadMany(cities.map((c) => c.countryId))) as CountryRow[];
    return {
      type: "FeatureCollection",
      features: rows.map((row, i) => {
        const city = cities[i];
        return {
          type: "Feature",
          id: city.slug,
          geometry:
            city.longitude === null || city.latitude === null
              ? null
              : { type: "Point", coordinates: [city.longitude, city.latitude] },
          properties: {
            slug: city.slug,
            name: { fa: city.nameFa, en: city.nameEn },
            country: countries[i].code,
            trips: row.totals.completed,
            participants: row.totals.participants,
          },
        };
      }),
    };
  }
}

interface CostTotalShape {
  total: MoneyValue;
  trips: number;
}

interface CountryCountShape {
  code: string;
  trips: number;
  participants: number;
}

@Resolver(() => CountryCount)
export class CountryCountResolver {
  @FieldResolver(() => Country)
  async country(@Root() row: CountryCountShape, @Ctx() ctx: Context): Promise<CountryRow> {
    return (await ctx.loaders.countryCode.load(row.code)) as CountryRow;
  }
}

@Resolver(() => ReportedFigure)
export class ReportedFigureResolver {
  @FieldResolver(() => PeriodInfo, { description: "The period the source's figure covers." })
  period(@Root() figure: ReportedFigureShape): PeriodInfoShape {
    return figure.period;
  }

  @FieldResolver(() => Source)
  async source(@Root() figure: ReportedFigureShape, @Ctx() ctx: Context): Promise<SourceRow> {
    return (await ctx.loaders.source.load(figure.sourceId)) as SourceRow;
  }
}
