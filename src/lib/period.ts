/**
 * A period, given either as ISO dates or as Jalali parts, resolved to one inclusive range of days.
 * Both calendars describe the same days; the Jalali form is kept when it was given, so that
 * filters can use the stored Jalali columns and figures can count months in the caller's calendar.
 */
import { dateProblem, jalaliMonthLength, jalaliMonthRange, SUPPORTED_JALALI_YEARS, toJalali } from "./jalali.js";

export interface PeriodInput {
  from?: string | null;
  to?: string | null;
  jalaliYear?: number | null;
  jalaliMonthFrom?: number | null;
  jalaliMonthTo?: number | null;
}

export type ResolvedPeriod =
  | { calendar: "GREGORIAN"; from: string | null; to: string | null }
  | { calendar: "JALALI"; from: string; to: string; jalaliYear: number; jalaliMonthFrom: number; jalaliMonthTo: number };

/** A period that cannot be resolved; `field` names the offending part of the input. */
export class PeriodError extends Error {
  override name = "PeriodError";
  constructor(
    message: string,
    readonly field: keyof PeriodInput | "period",
  ) {
    super(message);
  }
}

const given = (value: unknown): boolean => value !== undefined && value !== null;

export function resolvePeriod(input: PeriodInput): ResolvedPeriod {
  const hasDates = given(input.from) || given(input.to);
  const hasJalali = given(input.jalaliYear) || given(input.jalaliMonthFrom) || given(input.jalaliMonthTo);
  if (hasDates && hasJalali) {
    throw new PeriodError(
      "Give a period either as dates (from, to) or as Jalali parts (jalaliYear, jalaliMonthFrom, jalaliMonthTo), not both.",
      "period",
    );
  }
  if (hasJalali) {
    if (!given(input.jalaliYear)) throw new PeriodError("jalaliMonthFrom / jalaliMonthTo need a jalaliYear.", "jalaliYear");
    const year = input.jalaliYear as number;
    const monthFrom = input.jalaliMonthFrom ?? 1;
    const monthTo = input.jalaliMonthTo ?? 12;
    for (const [field, month] of [
      ["jalaliMonthFrom", monthFrom],
      ["jalaliMonthTo", monthTo],
    ] as const) {
      if (!Number.isInteger(month) || month < 1 || month > 12) {
        throw new PeriodError(`${field} must be a month number 1..12; got ${month}.`, field);
      }
    }
    if (monthFrom > monthTo) {
      throw new PeriodError(
        `jalaliMonthFrom (${monthFrom}) is after jalaliMonthTo (${monthTo}); a period cannot run backwards. For a span over the Jalali new year, give dates.`,
        "jalaliMonthFrom",
      );
    }
    const { min, max } = SUPPORTED_JALALI_YEARS;
    if (!Number.isInteger(year) || year < min || year > max) {
      throw new PeriodError(`jalaliYear must be a Jalali year ${min}..${max} such as 1401; got ${year}.`, "jalaliYear");
    }
    const { from, to } = jalaliMonthRange(year, monthFrom, monthTo);
    return { calendar: "JALALI", from, to, jalaliYear: year, jalaliMonthFrom: monthFrom, jalaliMonthTo: monthTo };
  }
  for (const field of ["from", "to"] as const) {
    const value = input[field];
    const problem = given(value) ? dateProblem(value as string) : null;
    if (problem) throw new PeriodError(`${field}: ${problem}`, field);
  }
  const from = input.from ?? null;
  const to = input.to ?? null;
  if (from && to && from > to)
    throw new PeriodError(`from (${from}) is after to (${to}); a period cannot run backwards.`, "from");
  return { calendar: "GREGORIAN", from, to };
}

/**
 * The calendar a date range is naturally counted in: JALALI when it runs from the first day of a
 * Jalali month to the last day of one (as ranges from Iranian sources do), else GREGORIAN.
 */
export function naturalCalendar(from: string, to: string): "GREGORIAN" | "JALALI" {
  const start = toJalali(from);
  const end = toJalali(to);
  return start.day === 1 && end.day === jalaliMonthLength(end.year, end.month) ? "JALALI" : "GREGORIAN";
}
