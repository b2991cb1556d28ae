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
  /** The last Jalali year of a span over the Jalali new year (default: `jalaliYear`). */
  jalaliYearTo?: number | null;
  jalaliMonthTo?: number | null;
}

export type ResolvedPeriod =
  | { calendar: "GREGORIAN"; from: string | null; to: string | null }
  | {
      calendar: "JALALI";
      from: string;
      to: string;
      jalaliYear: number;
      jalaliMonthFrom: number;
      /** Equal to `jalaliYear` unless the period spans the Jalali new year. */
      jalaliYearTo: number;
      jalaliMonthTo: number;
    };

/**
 * The years a period may name. The API converts any date of Jalali years 1..3177, but the records
 * it holds are municipal files of the 20th and 21st centuries: a `from` before 1700 is almost
 * certainly a Jalali date typed into a Gregorian field (1401-06-01), and a `jalaliYear` past 1500
 * (2121/22) a Gregorian year typed into a Jalali one (2022). Both are refused with a message
 * that says so, instead of answering with an empty period.
 */
export const PLAUSIBLE_PERIOD = {
  /** The first Gregorian year `from` / `to` may name. */
  gregorianFrom: 1700,
  /** Jalali years a period may name: from the year 1700-01-01 falls in, to 1500. */
  jalaliYears: { min: toJalali("1700-01-01").year, max: 1500 },
} as const;

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

function checkJalaliYear(year: number, field: "jalaliYear" | "jalaliYearTo"): void {
  const { min, max } = PLAUSIBLE_PERIOD.jalaliYears;
  if (Number.isInteger(year) && year >= PLAUSIBLE_PERIOD.gregorianFrom && year <= SUPPORTED_JALALI_YEARS.max + 621) {
    const starts = toJalali(`${String(year).padStart(4, "0")}-01-01`).year;
    throw new PeriodError(
      `${field} ${year} looks like a Gregorian year: Jalali years run ${min}..${max} here, and ${year} falls in Jalali ${starts} and ${starts + 1}. Give a Gregorian year as dates (from: "${year}-01-01", to: "${year}-12-31").`,
      field,
    );
  }
  if (!Number.isInteger(year) || year < min || year > max) {
    throw new PeriodError(`${field} must be a Jalali year ${min}..${max} such as 1401; got ${year}.`, field);
  }
}

export function resolvePeriod(input: PeriodInput): ResolvedPeriod {
  const hasDates = given(input.from) || given(input.to);
  const hasJalali =
    given(input.jalaliYear) || given(input.jalaliYearTo) || given(input.jalaliMonthFrom) || given(input.jalaliMonthTo);
  if (hasDates && hasJalali) {
    throw new PeriodError(
      "Give a period either as dates (from, to) or as Jalali parts (jalaliYear, jalaliMonthFrom, jalaliYearTo, jalaliMonthTo), not both.",
      "period",
    );
  }
  if (hasJalali) {
    if (!given(input.jalaliYear))
      throw new PeriodError("jalaliMonthFrom / jalaliYearTo / jalaliMonthTo need a jalaliYear.", "jalaliYear");
    const year = input.jalaliYear as number;
    const yearTo = input.jalaliYearTo ?? year;
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
    checkJalaliYear(year, "jalaliYear");
    if (given(input.jalaliYearTo)) checkJalaliYear(yearTo, "jalaliYearTo");
    if (yearTo < year) {
      throw new PeriodError(
        `jalaliYearTo (${yearTo}) is before jalaliYear (${year}); a period cannot run backwards.`,
        "jalaliYearTo",
      );
    }
    if (yearTo === year && monthFrom > monthTo) {
      throw new PeriodError(
        `jalaliMonthFrom (${monthFrom}) is after jalaliMonthTo (${monthTo}); a period cannot run backwards. For a span over the Jalali new year, give jalaliYearTo (e.g. jalaliYear: ${year}, jalaliMonthFrom: ${monthFrom}, jalaliYearTo: ${year + 1}, jalaliMonthTo: ${monthTo}) or dates.`,
        "jalaliMonthFrom",
      );
    }
    const from = jalaliMonthRange(year, monthFrom, monthFrom).from;
    const to = jalaliMonthRange(yearTo, monthTo, monthTo).to;
    return {
      calendar: "JALALI",
      from,
      to,
      jalaliYear: year,
      jalaliMonthFrom: monthFrom,
      jalaliYearTo: yearTo,
      jalaliMonthTo: monthTo,
    };
  }
  for (const field of ["from", "to"] as const) {
    const value = input[field];
    const problem = given(value) ? dateProblem(value as string) : null;
    if (problem) throw new PeriodError(`${field}: ${problem}`, field);
    const year = given(value) ? Number((value as string).slice(0, 4)) : null;
    if (year !== null && year < PLAUSIBLE_PERIOD.gregorianFrom) {
      throw new PeriodError(
        `${field}: ${value as string} looks like a Jalali date (year ${year} < ${PLAUSIBLE_PERIOD.gregorianFrom}); \`from\` and \`to\` are Gregorian. For Jalali years use jalaliYear (with jalaliMonthFrom, jalaliYearTo, jalaliMonthTo), e.g. { jalaliYear: ${year} }.`,
        field,
      );
    }
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
