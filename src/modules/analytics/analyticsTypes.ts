import { Field, Float, Int, ObjectType } from "type-graphql";
import { AttendanceModeEnum, enumOf, MetricEnum } from "../../graphql/enums.js";
import { JalaliDate } from "../../graphql/jalaliDate.js";
import { LocalizedText } from "../../graphql/localizedText.js";
import { LocalDate } from "../../graphql/scalars.js";
import { Money } from "../trips/tripTypes.js";

export const GROUPINGS = [
  "MONTH",
  "YEAR",
  "JALALI_MONTH",
  "JALALI_YEAR",
  "COUNTRY",
  "PURPOSE",
  "ORGANISATION",
  "ATTENDANCE_MODE",
  "REQUESTING_UNIT",
] as const;
export type Grouping = (typeof GROUPINGS)[number];
export const GroupingEnum = enumOf(
  GROUPINGS,
  "Grouping",
  'How `series` buckets its points. MONTH / YEAR: Gregorian, keys "2022-09" / "2022"; JALALI_MONTH / JALALI_YEAR: keys "1401-06" / "1401" (time buckets are all present, empty ones as 0); COUNTRY: ISO code of a destination (a trip counts once in each country it visited) or of an event\'s host; PURPOSE: trip purpose (all purposes, empty ones as 0); ORGANISATION: slug of a linked organisation or an event\'s organiser; ATTENDANCE_MODE: how events were attended (EVENTS_ATTENDED only); REQUESTING_UNIT: the requesting municipal unit (trip metrics only).',
);
export const SERIES_ORDERS = ["BUCKET", "VALUE_DESC", "VALUE_ASC"] as const;
export type SeriesOrder = (typeof SERIES_ORDERS)[number];
export const SeriesOrderEnum = enumOf(
  SERIES_ORDERS,
  "SeriesOrder",
  "The order of a series' points. BUCKET: the groupings' own order (the default); VALUE_DESC / VALUE_ASC: by value, largest / smallest first, equal values in key order (keys compared as text, the first grouping's first), for rankings.",
);
export const CalendarEnum = enumOf(["GREGORIAN", "JALALI"] as const, "Calendar", "The calendar a period is counted in.");

@ObjectType({ simpleResolvers: true, description: "A resolved period, in both calendars. Inclusive." })
export class PeriodInfo {
  @Field(() => LocalDate) from!: string;
  @Field(() => LocalDate) to!: string;
  @Field(() => JalaliDate) fromJalali!: JalaliDate;
  @Field(() => JalaliDate) toJalali!: JalaliDate;
  @Field(() => CalendarEnum, {
    description:
      "The calendar the period was given in, in which its months are counted: JALALI for Jalali parts (and for a source's figures that run over whole Jalali months), else GREGORIAN.",
  })
  calendar!: "GREGORIAN" | "JALALI";
  @Field(() => Int, {
    description: "Calendar months the period touches, counted in `calendar` (the divisor of per-month rates).",
  })
  months!: number;
}

@ObjectType({ simpleResolvers: true, description: "Completed trips and their participants in one country." })
export class CountryCount {
  @Field(() => Int, { description: "Completed trips with at least one destination in the country." }) trips!: number;
  @Field(() => Int, { description: "Delegates of those trips." }) participants!: number;
}

@ObjectType({ simpleResolvers: true, description: "The costs of a period's completed trips in one currency." })
export class CostTotal {
  @Field(() => Money, { description: "The sum, exact in minor units and as an amount in the currency." }) total!: Money;
  @Field(() => Int, { description: "Completed trips with a cost in this currency." }) trips!: number;
}

@ObjectType({
  simpleResolvers: true,
  description: "A figure a source states for a period, next to the same metric computed from the records for that period.",
})
export class ReportedFigure {
  @Field(() => MetricEnum) metric!: string;
  @Field(() => AttendanceModeEnum, {
    nullable: true,
    description: "For EVENTS_ATTENDED: the figure counts only events attended this way.",
  })
  mode!: string | null;
  @Field(() => Float) reported!: number;
  @Field(() => Float, {
    nullable: true,
    description: "Null where the records hold nothing to compute it from (a zero denominator).",
  })
  computed!: number | null;
  @Field(() => String, { nullable: true, description: "What the source says about the figure." }) note!: string | null;
}

@ObjectType({ simpleResolvers: true, description: "One bucket of a series." })
export class SeriesPoint {
  @Field(() => String, {
    description:
      '"2022-09", "1401-06", "2022", "1401", an ISO country code, an enum value, an organisation slug or a unit name. With two groupings, both keys joined by "|" (`keys` gives them apart).',
  })
  key!: string;
  @Field(() => LocalizedText, { description: 'With two groupings, both labels joined by " · " (`labels` gives them apart).' })
  label!: LocalizedText;
  @Field(() => [String], { description: "The point's key in each grouping, in the order the groupings were given." })
  keys!: string[];
  @Field(() => [LocalizedText], { description: "The point's label in each grouping, in the order the groupings were given." })
  labels!: LocalizedText[];
  @Field(() => Float) value!: number;
}

@ObjectType({
  simpleResolvers: true,
  description:
    "A city's international footprint over a period. Definitions: a trip falls in the period by its start date. tripsRequested counts every request; tripsApproved and tripsRejected the committee's decisions (an approved trip stays counted as approved when it is later completed or cancelled); tripsCancelled approved trips never carried out; tripsCompleted trips carried out. Participants are the delegates of completed trips. An event is attended in the period by its start date, and counts once however many delegates went.",
})
export class Footprint {}
