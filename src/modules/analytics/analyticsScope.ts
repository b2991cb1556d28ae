/** Which city and which days a footprint or series describes, resolved from its arguments. */
import { tripDateSpan, type DateRange } from "../../data/analytics.js";
import type { CityRow } from "../../data/rows.js";
import type { Context } from "../../graphql/context.js";
import { badUserInput } from "../../graphql/errors.js";
import { unknownValue } from "../../graphql/filterCheck.js";
import { jalaliDateOf, type JalaliDate } from "../../graphql/jalaliDate.js";
import type { PeriodInput } from "../../graphql/period.js";
import { periodArg } from "../../graphql/period.js";
import { entityRef } from "../../graphql/refs.js";
import { monthsInRange, type Calendar } from "../../lib/calendarBuckets.js";

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
