/** Which city and which days a footprint or series describes, resolved from its arguments. */
import type { ParticipationMode } from "../../../db/enums.js";
import { tripDateSpan, type DateRange } from "../../data/analytics.js";
import type { EventCriteria } from "../../data/events.js";
import type { CityRow } from "../../data/rows.js";
import type { Context } from "../../graphql/context.js";
import { badUserInput } from "../../graphql/errors.js";
import { checkedCriteria, unknownValue } from "../../graphql/filterCheck.js";
import { jalaliDateOf, type JalaliDate } from "../../graphql/jalaliDate.js";
import type { PeriodInput } from "../../graphql/period.js";
import { periodArg } from "../../graphql/period.js";
import { entityRef } from "../../graphql/refs.js";
import { monthsInRange, type Calendar } from "../../lib/calendarBuckets.js";
import { eventCriteria, type EventFilter } from "../events/eventInputs.js";

export interface PeriodInfoShape {
  from: string;
  to: string;
  fromJalali: JalaliDate;
  toJalali: JalaliDate;
  calendar: Calendar;
  months: number;
}

export interface AnalyticsScope {
  city: CityRow;
  range: DateRange;
  period: PeriodInfoShape;
}

export function periodInfo(range: DateRange, calendar: Calendar): PeriodInfoShape {
  return {
    ...range,
    fromJalali: jalaliDateOf(range.from) as JalaliDate,
    toJalali: jalaliDateOf(range.to) as JalaliDate,
    calendar,
    months: monthsInRange(range.from, range.to, calendar),
  };
}

export async function resolveCity(ctx: Context, city: string | null | undefined): Promise<CityRow> {
  const value = city ?? ctx.homeCity;
  const ref = entityRef(value, "City", "city");
  const row =
    "publicId" in ref ? await ctx.loaders.byPublicId.City.load(ref.publicId) : await ctx.loaders.citySlug.load(ref.slug);
  // The same refusal as a list filter naming a city that does not exist.
  if (!row) throw unknownValue("city", value, "city");
  return row;
}

/**
 * The period's days. Jalali parts cover whole Jalali months; dates may leave an end open, which is
 * then closed at the city's first or last trip (so is a missing period).
 */
export async function resolveScope(
  ctx: Context,
  cityArg: string | null | undefined,
  input: PeriodInput | null | undefined,
): Promise<AnalyticsScope> {
  const period = periodArg(input);
  const city = await resolveCity(ctx, cityArg);
  if (period?.calendar === "JALALI") {
    const range = { from: period.from, to: period.to };
    return { city, range, period: periodInfo(range, "JALALI") };
  }
  let from = period?.from ?? null;
  let to = period?.to ?? null;
  if (!from || !to) {
    ctx.checkDeadline();
    const span = await tripDateSpan(ctx.db, city.id);
    from ??= span?.from ?? to;
    to ??= span?.to ?? from;
  }
  if (!from || !to) throw badUserInput(`${city.nameEn} has no trips to take a period from; give \`period\`.`, "period");
  if (from > to)
    throw badUserInput(
      `The period would run backwards (${from} .. ${to}): the open end was closed at the city's ${period?.from ? "last" : "first"} trip.`,
      "period",
    );
  const range = { from, to };
  return { city, range, period: periodInfo(range, "GREGORIAN") };
}

/**
 * An event filter over the city's own attendances: its `mode` is how the city took part (not how
 * anyone did, as in the `events` list), and the period and city come from the field's arguments.
 */
export async function attendedEventScope(
  ctx: Context,
  filter: EventFilter | null | undefined,
  argument: string,
): Promise<{ mode?: ParticipationMode; criteria: EventCriteria }> {
  if (!filter) return { criteria: {} };
  if (filter.period)
    throw badUserInput(`Give the period as the \`period\` argument, not \`${argument}.period\`.`, `${argument}.period`);
  if (filter.attendedBy)
    throw badUserInput(
      `The attending city is the \`city\` argument; leave \`${argument}.attendedBy\` out.`,
      `${argument}.attendedBy`,
    );
  const { attendanceMode, ...criteria } = await checkedCriteria(ctx, (check) => eventCriteria(check, filter, argument));
  return { mode: attendanceMode ?? undefined, criteria };
}
