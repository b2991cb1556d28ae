/**
 * Time buckets for charts: the months or years a period covers, in the Gregorian or the Jalali
 * calendar, with their keys ("2022-09", "1401-06", "2022", "1401"), bilingual labels, and how many
 * of the bucket's months lie inside the period (for per-month rates).
 */
import { JALALI_MONTH_NAMES, jalaliMonthRange, toJalali } from "./jalali.js";

export type TimeGrouping = "MONTH" | "YEAR" | "JALALI_MONTH" | "JALALI_YEAR";
export type Calendar = "GREGORIAN" | "JALALI";

export interface TimeBucket {
  key: string;
  fa: string;
  en: string;
  /** How many months of the bucket's calendar fall (at least in part) inside the period. */
  months: number;
  /** The bucket's first and last day inside the period (ISO dates, inclusive). */
  from: string;
  to: string;
}

interface YearMonth {
  year: number;
  month: number;
}

const persianDigits = new Intl.NumberFormat("fa-IR", { useGrouping: false });
const gregorianMonthFa = new Intl.DateTimeFormat("fa-IR-u-ca-gregory", { month: "long", timeZone: "UTC" });
const gregorianMonthEn = new Intl.DateTimeFormat("en", { month: "long", timeZone: "UTC" });

function yearMonthOf(isoDate: string, calendar: Calendar): YearMonth {
  if (calendar === "JALALI") {
    const { year, month } = toJalali(isoDate);
    return { year, month };
  }
  return { year: Number(isoDate.slice(0, 4)), month: Number(isoDate.slice(5, 7)) };
}

function monthIndex({ year, month }: YearMonth): number {
  return year * 12 + (month - 1);
}

/** Calendar months the inclusive range touches, counted in `calendar`. */
export function monthsInRange(from: string, to: string, calendar: Calendar): number {
  return monthIndex(yearMonthOf(to, calendar)) - monthIndex(yearMonthOf(from, calendar)) + 1;
}

export function calendarOf(grouping: TimeGrouping): Calendar {
  return grouping === "JALALI_MONTH" || grouping === "JALALI_YEAR" ? "JALALI" : "GREGORIAN";
}

const pad2 = (n: number) => String(n).padStart(2, "0");

export function monthKey(ym: YearMonth): string {
  return `${ym.year}-${pad2(ym.month)}`;
}

function monthLabel(ym: YearMonth, calendar: Calendar): { fa: string; en: string } {
  if (calendar === "JALALI") {
    return {
      fa: `${JALALI_MONTH_NAMES.fa[ym.month - 1]} ${persianDigits.format(ym.year)}`,
      en: `${JALALI_MONTH_NAMES.en[ym.month - 1]} ${ym.year}`,
    };
  }
  const date = new Date(Date.UTC(ym.year, ym.month - 1, 1));
  return {
    fa: `${gregorianMonthFa.format(date)} ${persianDigits.format(ym.year)}`,
    en: `${gregorianMonthEn.format(date)} ${ym.year}`,
  };
}

/** How many buckets of `grouping` the inclusive range touches (what `timeBuckets` would return), without building them. */
export function bucketCount(grouping: TimeGrouping, from: string, to: string): number {
  const calendar = calendarOf(grouping);
  const first = yearMonthOf(from, calendar);
  const last = yearMonthOf(to, calendar);
  if (grouping === "MONTH" || grouping === "JALALI_MONTH") return monthIndex(last) - monthIndex(first) + 1;
  return last.year - first.year + 1;
}

/** The first and last day (ISO) of months `fromMonth`..`toMonth` of `year` in `calendar`. */
function monthsSpan(year: number, fromMonth: number, toMonth: number, calendar: Calendar): { from: string; to: string } {
  if (calendar === "JALALI") return jalaliMonthRange(year, fromMonth, toMonth);
  const lastDay = new Date(Date.UTC(year, toMonth, 0)).getUTCDate();
  return { from: `${year}-${pad2(fromMonth)}-01`, to: `${year}-${pad2(toMonth)}-${pad2(lastDay)}` };
}

/** Every bucket of `grouping` that the inclusive range touches, in order; none is skipped. */
export function timeBuckets(grouping: TimeGrouping, from: string, to: string): TimeBucket[] {
  const calendar = calendarOf(grouping);
  const first = yearMonthOf(from, calendar);
  const last = yearMonthOf(to, calendar);
  const buckets: TimeBucket[] = [];
  const clipped = (span: { from: string; to: string }) => ({
    from: span.from < from ? from : span.from,
    to: span.to > to ? to : span.to,
  });
  if (grouping === "MONTH" || grouping === "JALALI_MONTH") {
    for (let i = monthIndex(first); i <= monthIndex(last); i++) {
      const ym = { year: Math.floor(i / 12), month: (i % 12) + 1 };
      const span = clipped(monthsSpan(ym.year, ym.month, ym.month, calendar));
      buckets.push({ key: monthKey(ym), ...monthLabel(ym, calendar), months: 1, ...span });
    }
    return buckets;
  }
  for (let year = first.year; year <= last.year; year++) {
    const fromMonth = year === first.year ? first.month : 1;
    const toMonth = year === last.year ? last.month : 12;
    const span = clipped(monthsSpan(year, 1, 12, calendar));
    buckets.push({
      key: String(year),
      fa: persianDigits.format(year),
      en: String(year),
      months: toMonth - fromMonth + 1,
      ...span,
    });
  }
  return buckets;
}
