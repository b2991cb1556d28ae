/**
 * Jalali (Persian, Solar Hijri) calendar helpers over ISO `YYYY-MM-DD` dates.
 *
 * Everything the API stores is a Gregorian ISO date; Iranian sources and users think in
 * Jalali years and months, so these helpers translate at the edges. The calendar arithmetic
 * is delegated to `jalaali-js` (Borkowski's algorithm, exact for Jalali years -61…3177): leap
 * years in the 33-year cycle are easy to get subtly wrong, so we only add validation and
 * formatting here.
 *
 * Dates are plain calendar days with no time zone: nothing here touches `Date`, so results
 * never shift with the host's TZ.
 */
import {
  MAX_JALAALI_YEAR,
  MIN_JALAALI_YEAR,
  d2g,
  g2d,
  isLeapJalaaliYear,
  isValidJalaaliDate,
  jalaaliMonthLength,
  toGregorian,
  toJalaali,
} from "jalaali-js";

/** A Jalali calendar day; `month` is 1-based (1 = Farvardin). */
export interface JalaliParts {
  year: number;
  month: number;
  day: number;
}

/** Jalali month names in calendar order (index 0 = Farvardin). */
export const JALALI_MONTH_NAMES: { readonly fa: readonly string[]; readonly en: readonly string[] } = Object.freeze({
  fa: Object.freeze(["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"]),
  en: Object.freeze([
    "Farvardin",
    "Ordibehesht",
    "Khordad",
    "Tir",
    "Mordad",
    "Shahrivar",
    "Mehr",
    "Aban",
    "Azar",
    "Dey",
    "Bahman",
    "Esfand",
  ]),
});

// Deliberately strict: exactly four-digit year, two-digit month and day, nothing else. Looser
// forms ("2022-8-3", timestamps) are rejected rather than guessed at.
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * True when `value` is a strict `YYYY-MM-DD` string naming a real Gregorian day
 * ("2022-02-30" is false).
 */
export function isIsoDate(value: string): boolean {
  return parseIsoDate(value) !== undefined;
}

/**
 * The days the API accepts and stores: Jalali years 1..3177, the years jalaali-js converts (its
 * lower bound, -61, would give negative Jalali years no source uses). Every date a client gives
 * (periods, write dates) must fall in this range, so that its Jalali day can always be computed.
 */
export const SUPPORTED_JALALI_YEARS = { min: 1, max: MAX_JALAALI_YEAR } as const;
export const SUPPORTED_DATES = {
  from: formatIso(622, 3, 22), // 1 Farvardin 1
  to: formatIso(3799, 3, 19), // 29 Esfand 3177
} as const;

/** Why `value` is not a date the API can take, or null when it is one. */
export function dateProblem(value: string): string | null {
  if (!isIsoDate(value)) return `"${value}" is not a real ISO date (YYYY-MM-DD).`;
  if (value < SUPPORTED_DATES.from || value > SUPPORTED_DATES.to)
    return `${value} is outside the dates this API supports, ${SUPPORTED_DATES.from} .. ${SUPPORTED_DATES.to} (Jalali years ${SUPPORTED_JALALI_YEARS.min}..${SUPPORTED_JALALI_YEARS.max}).`;
  return null;
}

/**
 * Converts an ISO Gregorian date to its Jalali day: "2022-08-23" -> { 1401, 6, 1 }.
 * @throws {RangeError} if `isoDate` is not a real `YYYY-MM-DD` date, or falls outside the
 *   years jalaali-js supports.
 */
export function toJalali(isoDate: string): JalaliParts {
  const g = parseIsoDate(isoDate);
  if (g === undefined) {
    throw new RangeError(`Invalid ISO date: ${JSON.stringify(isoDate)} (expected a real YYYY-MM-DD day)`);
  }
  const { jy, jm, jd } = toJalaali(g.year, g.month, g.day);
  return { year: jy, month: jm, day: jd };
}

/**
 * Converts a Jalali day to an ISO Gregorian date: (1401, 6, 1) -> "2022-08-23".
 * @throws {RangeError} if the day does not exist (month 13, Mehr 31, Esfand 30 in a common year).
 */
export function fromJalali(year: number, month: number, day: number): string {
  assertJalaliDate(year, month, day);
  const { gy, gm, gd } = toGregorian(year, month, day);
  return formatIso(gy, gm, gd);
}

/**
 * Formats a Jalali day the way Iranian sources write it, zero-padded: "1401-06-01".
 * @throws {RangeError} if the parts do not name a real Jalali day, so a typo never renders as
 *   a plausible-looking date.
 */
export function jalaliIso(parts: JalaliParts): string {
  assertJalaliDate(parts.year, parts.month, parts.day);
  return formatIso(parts.year, parts.month, parts.day);
}

/**
 * Number of days in a Jalali month: 31 for months 1–6, 30 for 7–11, 29 or 30 for Esfand.
 * @throws {RangeError} for a non-integer or unsupported year, or a month outside 1..12
 *   (jalaali-js itself would silently answer for month 13).
 */
export function jalaliMonthLength(year: number, month: number): number {
  assertJalaliYear(year);
  assertMonth(month, "month");
  return jalaaliMonthLength(year, month);
}

/**
 * True when the Jalali year has 366 days (Esfand has 30 days), e.g. 1403.
 * @throws {RangeError} for a non-integer or unsupported year.
 */
export function isJalaliLeapYear(year: number): boolean {
  assertJalaliYear(year);
  return isLeapJalaaliYear(year);
}

/**
 * Inclusive Gregorian range covering Jalali months `monthFrom`..`monthTo` of one Jalali year,
 * e.g. (1401, 6, 12) -> { from: "2022-08-23", to: "2023-03-20" }. Used to turn "Shahrivar to
 * Esfand 1401" into a filter on stored ISO dates; the end is the last day of `monthTo`, so a
 * leap Esfand correctly ends on day 30.
 * @throws {RangeError} if a month is outside 1..12 or `monthFrom` > `monthTo`.
 */
export function jalaliMonthRange(year: number, monthFrom: number, monthTo: number): { from: string; to: string } {
  assertJalaliYear(year);
  assertMonth(monthFrom, "monthFrom");
  assertMonth(monthTo, "monthTo");
  if (monthFrom > monthTo) {
    throw new RangeError(`monthFrom (${monthFrom}) must not be after monthTo (${monthTo})`);
  }
  return {
    from: fromJalali(year, monthFrom, 1),
    to: fromJalali(year, monthTo, jalaaliMonthLength(year, monthTo)),
  };
}

/**
 * Name of a Jalali month (1 = Farvardin) in Persian or English transliteration.
 * @throws {RangeError} for a month outside 1..12.
 */
export function jalaliMonthName(month: number, lang: "fa" | "en"): string {
  assertMonth(month, "month");
  const names = JALALI_MONTH_NAMES[lang];
  if (names === undefined) {
    // Reachable from untyped callers (e.g. a raw GraphQL argument); fail loudly, not with "undefined".
    throw new RangeError(`Unsupported language: ${JSON.stringify(lang)} (expected "fa" or "en")`);
  }
  return names[month - 1];
}

/**
 * Parses a strict ISO date, or returns undefined when it is malformed or not a real day.
 * Validity is checked by a round trip through Julian Day numbers: g2d normalises overflow
 * (Feb 30 -> Mar 2), so any impossible day comes back different.
 */
function parseIsoDate(value: string): { year: number; month: number; day: number } | undefined {
  if (typeof value !== "string") return undefined;
  const match = ISO_DATE.exec(value);
  if (match === null) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return undefined;
  const back = d2g(g2d(year, month, day));
  if (back.gy !== year || back.gm !== month || back.gd !== day) return undefined;
  return { year, month, day };
}

function assertJalaliYear(year: number): void {
  // jalaali-js accepts fractional years and would compute nonsense from them.
  if (!Number.isInteger(year) || year < MIN_JALAALI_YEAR || year > MAX_JALAALI_YEAR) {
    throw new RangeError(`Invalid Jalali year: ${year} (expected an integer in ${MIN_JALAALI_YEAR}..${MAX_JALAALI_YEAR})`);
  }
}

function assertMonth(month: number, name: string): void {
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw new RangeError(`Invalid ${name}: ${month} (expected an integer in 1..12)`);
  }
}

function assertJalaliDate(year: number, month: number, day: number): void {
  assertJalaliYear(year);
  assertMonth(month, "month");
  // isValidJalaaliDate is lenient about fractions, so integrality is checked here.
  if (!Number.isInteger(day) || !isValidJalaaliDate(year, month, day)) {
    throw new RangeError(`Invalid Jalali date: ${year}/${month}/${day}`);
  }
}

function formatIso(year: number, month: number, day: number): string {
  // Sign kept separate so the few supported negative Jalali years still pad correctly.
  const y = `${year < 0 ? "-" : ""}${String(Math.abs(year)).padStart(4, "0")}`;
  return `${y}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}
