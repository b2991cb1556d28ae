/**
 * The page's two languages: Persian (right to left, Persian digits, Jalali dates) and English.
 * The API's own texts come in both (LocalizedText); these are the page's labels around them.
 */
import type { Metric, MembershipRole, CoverageStatus } from "./generated/graphql.js";

export type Lang = "fa" | "en";

/** Persian when the browser prefers it over English, as the API itself decides (Accept-Language). */
export function browserLang(languages: readonly string[]): Lang {
  for (const language of languages) {
    const primary = language.toLowerCase().split("-")[0];
    if (primary === "fa") return "fa";
    if (primary === "en") return "en";
  }
  return "en";
}

export const JALALI_MONTHS: Record<Lang, string[]> = {
  fa: ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"],
  en: ["Farvardin", "Ordibehesht", "Khordad", "Tir", "Mordad", "Shahrivar", "Mehr", "Aban", "Azar", "Dey", "Bahman", "Esfand"],
};

interface Texts {
  title: string;
  subtitle: (city: string) => string;
  switchTo: string;
  calendar: string;
  jalali: string;
  gregorian: string;
  year: string;
  fromMonth: string;
  toMonth: string;
  fromDate: string;
  toDate: string;
  show: string;
  loading: string;
  failed: string;
  headline: {
    tripsRequested: string;
    tripsRejected: string;
    tripsApproved: string;
    tripsCompleted: string;
    participants: string;
    rejectionRate: string;
    notCarriedOutRate: string;
    tripsPerMonth: string;
  };
  monthly: string;
  monthlyNote: string;
  purposes: string;
  purposesNote: string;
  map: string;
  mapNote: (cities: string) => string;
  memberships: string;
  membershipsNote: string;
  reported: string;
  reportedNote: string;
  noReported: string;
  costs: string;
  costsNote: (withoutCost: string) => string;
  columns: { figure: string; reported: string; computed: string; period: string; source: string };
  trips: string;
  participantsUnit: string;
  coverage: Record<CoverageStatus, string>;
  coverageSummary: (complete: string, days: string) => string;
  metrics: Record<Metric, string>;
  roles: Record<MembershipRole, string>;
  ongoing: string;
  undated: string;
  online: string;
  inPerson: string;
}

export const TEXTS: Record<Lang, Texts> = {
  fa: {
    title: "داشبورد ردپای بین‌المللی",
    subtitle: (city) => `سفرها، عضویت‌ها و ارقام گزارش‌شدهٔ ${city}`,
    switchTo: "English",
    calendar: "تقویم",
    jalali: "خورشیدی",
    gregorian: "میلادی",
    year: "سال",
    fromMonth: "از ماه",
    toMonth: "تا ماه",
    fromDate: "از تاریخ",
    toDate: "تا تاریخ",
    show: "نمایش",
    loading: "در حال بارگذاری…",
    failed: "داده‌ها بارگذاری نشد",
    headline: {
      tripsRequested: "درخواست سفر",
      tripsRejected: "رد شده",
      tripsApproved: "تصویب شده",
      tripsCompleted: "انجام شده",
      participants: "شرکت‌کننده",
      rejectionRate: "نرخ رد",
      notCarriedOutRate: "انجام‌نشده از تصویب‌شده",
      tripsPerMonth: "سفر در ماه",
    },
    monthly: "سفرهای انجام‌شده در هر ماه",
    monthlyNote: "ماه‌هایی که سابقه‌ای از آن‌ها منتشر نشده هاشور خورده‌اند: «بدون داده» با صفر یکی نیست.",
    purposes: "درخواست‌ها بر پایهٔ هدف سفر",
    purposesNote: "همهٔ درخواست‌های دوره، از جمله ردشده‌ها.",
    map: "شهرهای مقصد",
    mapNote: (cities) => `${cities} شهر مقصد سفرهای انجام‌شده؛ اندازهٔ دایره به شمار سفرها.`,
    memberships: "عضویت‌ها",
    membershipsNote: "عضویت در شبکه‌ها و سازمان‌ها از آغاز تا پایان؛ خط‌چین‌ها مرز دورهٔ انتخاب‌شده‌اند.",
    reported: "ارقام گزارش‌شده در برابر ارقام محاسبه‌شده",
    reportedNote: "هر رقمِ منبع کنار همان شاخص که از سوابق برای دورهٔ خودِ آن رقم محاسبه شده است.",
    noReported: "هیچ منبعی رقمی برای دوره‌ای درون این دوره گزارش نکرده است.",
    costs: "هزینهٔ سفرهای انجام‌شده",
    costsNote: (withoutCost) => `${withoutCost} سفر انجام‌شده هزینهٔ ثبت‌شده ندارد؛ ارزها جدا جمع شده‌اند.`,
    columns: { figure: "شاخص", reported: "گزارش‌شده", computed: "محاسبه‌شده", period: "دوره", source: "منبع" },
    trips: "سفر",
    participantsUnit: "شرکت‌کننده",
    coverage: { COMPLETE: "کامل", PARTIAL: "ناقص", NOT_PUBLISHED: "منتشرنشده", UNKNOWN: "بدون داده" },
    coverageSummary: (complete, days) => `پوشش سوابق: ${complete} از ${days} روز کامل`,
    metrics: {
      AVERAGE_DELEGATION_SIZE: "میانگین اندازهٔ هیئت",
      EVENTS_ATTENDED: "رویدادهای شرکت‌شده",
      NOT_CARRIED_OUT_RATE: "نرخ انجام‌نشده",
      PARTICIPANTS: "شرکت‌کنندگان",
      PARTICIPANTS_PER_MONTH: "شرکت‌کننده در ماه",
      REJECTION_RATE: "نرخ رد",
      TRIPS_CANCELLED: "سفرهای لغوشده",
      TRIPS_COMPLETED: "سفرهای انجام‌شده",
      TRIPS_PER_MONTH: "سفر در ماه",
      TRIPS_REJECTED: "سفرهای ردشده",
      TRIPS_REQUESTED: "درخواست‌های سفر",
    },
    roles: {
      BOARD_MEMBER: "عضو هیئت‌مدیره",
      MEMBER: "عضو",
      OBSERVER: "ناظر",
      PRESIDENT: "رئیس",
      SECRETARIAT: "دبیرخانه",
      VICE_PRESIDENT: "نایب‌رئیس",
    },
    ongoing: "ادامه دارد",
    undated: "بی‌تاریخ آغاز",
    online: "برخط",
    inPerson: "حضوری",
  },
  en: {
    title: "International footprint dashboard",
    subtitle: (city) => `Trips, memberships and reported figures of ${city}`,
    switchTo: "فارسی",
    calendar: "Calendar",
    jalali: "Jalali",
    gregorian: "Gregorian",
    year: "Year",
    fromMonth: "From month",
    toMonth: "To month",
    fromDate: "From",
    toDate: "To",
    show: "Show",
    loading: "Loading…",
    failed: "The figures could not be loaded",
    headline: {
      tripsRequested: "Trips requested",
      tripsRejected: "Rejected",
      tripsApproved: "Approved",
      tripsCompleted: "Completed",
      participants: "Participants",
      rejectionRate: "Rejection rate",
      notCarriedOutRate: "Approved, not carried out",
      tripsPerMonth: "Trips a month",
    },
    monthly: "Trips completed per month",
    monthlyNote: "Hatched months have no published records: no data is not zero.",
    purposes: "Requests by purpose",
    purposesNote: "Every request of the period, rejected ones included.",
    map: "Destination cities",
    mapNote: (cities) => `${cities} destination cities of completed trips; circles sized by trips.`,
    memberships: "Memberships",
    membershipsNote: "Memberships of networks and organisations from start to end; dashed lines mark the chosen period.",
    reported: "Reported next to computed",
    reportedNote: "Each figure a source states, next to the same metric computed from the records for the figure's own period.",
    noReported: "No source reports a figure for a period within this one.",
    costs: "Cost of completed trips",
    costsNote: (withoutCost) => `${withoutCost} completed trips have no recorded cost; currencies are summed apart.`,
    columns: { figure: "Figure", reported: "Reported", computed: "Computed", period: "Period", source: "Source" },
    trips: "trips",
    participantsUnit: "participants",
    coverage: { COMPLETE: "complete", PARTIAL: "partial", NOT_PUBLISHED: "not published", UNKNOWN: "no data" },
    coverageSummary: (complete, days) => `Records cover ${complete} of ${days} days completely`,
    metrics: {
      AVERAGE_DELEGATION_SIZE: "Average delegation size",
      EVENTS_ATTENDED: "Events attended",
      NOT_CARRIED_OUT_RATE: "Not carried out rate",
      PARTICIPANTS: "Participants",
      PARTICIPANTS_PER_MONTH: "Participants a month",
      REJECTION_RATE: "Rejection rate",
      TRIPS_CANCELLED: "Trips cancelled",
      TRIPS_COMPLETED: "Trips completed",
      TRIPS_PER_MONTH: "Trips a month",
      TRIPS_REJECTED: "Trips rejected",
      TRIPS_REQUESTED: "Trips requested",
    },
    roles: {
      BOARD_MEMBER: "board member",
      MEMBER: "member",
      OBSERVER: "observer",
      PRESIDENT: "president",
      SECRETARIAT: "secretariat",
      VICE_PRESIDENT: "vice president",
    },
    ongoing: "ongoing",
    undated: "No start date",
    online: "online",
    inPerson: "in person",
  },
};

/** Number and date formats of a language: Persian digits and the Persian calendar for fa. */
export interface Formats {
  int(value: number): string;
  decimal(value: number, digits?: number): string;
  percent(value: number): string;
  /** An ISO date (YYYY-MM-DD) as the language writes it: Jalali in Persian, Gregorian in English. */
  date(iso: string): string;
  /** A year tick on a time axis. */
  year(date: Date): string;
}

export function formats(lang: Lang): Formats {
  const locale = lang === "fa" ? "fa-IR" : "en-GB";
  const int = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const percent = new Intl.NumberFormat(locale, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const calendar = lang === "fa" ? "-u-ca-persian" : "";
  const date = new Intl.DateTimeFormat(`${locale}${calendar}`, {
    year: "numeric",
    month: "short",
    day: "numeric",
    timeZone: "UTC",
  });
  const year = new Intl.DateTimeFormat(`${locale}${calendar}`, { year: "numeric", timeZone: "UTC" });
  const decimals = new Map<number, Intl.NumberFormat>();
  return {
    int: (value) => int.format(value),
    decimal(value, digits = 1) {
      let format = decimals.get(digits);
      if (!format) {
        format = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
        decimals.set(digits, format);
      }
      return format.format(value);
    },
    percent: (value) => percent.format(value),
    date: (iso) => date.format(new Date(`${iso}T00:00:00Z`)),
    year: (value) => year.format(value).replace(/ AP$|\s*ه‍\.ش\.$/, ""),
  };
}
