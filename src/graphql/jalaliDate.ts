import { Arg, Field, FieldResolver, Int, ObjectType, Resolver, Root } from "type-graphql";
import type { DatePrecision } from "../../db/enums.js";
import { jalaliIso, jalaliMonthName, SUPPORTED_DATES, toJalali, type JalaliParts } from "../lib/jalali.js";
import type { Lang } from "./context.js";
import { DatePrecisionEnum, LangEnum } from "./enums.js";

@ObjectType({
  simpleResolvers: true,
  description:
    "A date in the Jalali (Solar Hijri) calendar, Iran's official calendar, showing only as much as is known (`precision`). A Gregorian year always overlaps two Jalali years (the Jalali year begins about 21 March), and a Gregorian month two Jalali months (they begin about the 21st): a YEAR- or MONTH-precision date gives the first of them in `year` / `month` and the last in `lastYear` / `lastMonth`, never a day, and `iso` names the range.",
})
export class JalaliDate {
  @Field(() => DatePrecisionEnum, {
    description: "How much of the date is known: DAY, or only the Gregorian MONTH or YEAR it was recorded with.",
  })
  precision!: DatePrecision;
  @Field(() => Int, {
    description:
      "The Jalali year of the day; at YEAR or MONTH precision, the Jalali year in which the Gregorian year or month begins (1383 for 2005).",
  })
  year!: number;
  @Field(() => Int, {
    nullable: true,
    description:
      "1 (Farvardin) .. 12 (Esfand); at MONTH precision the Jalali month in which the Gregorian month begins; null at YEAR precision.",
  })
  month!: number | null;
  @Field(() => Int, { nullable: true, description: "Null unless the precision is DAY: no day is ever made up." })
  day!: number | null;
  @Field(() => Int, {
    description:
      "The last Jalali year the date may fall in: `year` at DAY precision; at YEAR precision the Jalali year in which the Gregorian year ends (1384 for 2005).",
  })
  lastYear!: number;
  @Field(() => Int, {
    nullable: true,
    description:
      "The last Jalali month the date may fall in: `month` at DAY precision; at MONTH precision the Jalali month in which the Gregorian month ends; null at YEAR precision.",
  })
  lastMonth!: number | null;
  @Field(() => String, {
    description:
      'Zero-padded: "1401-06-01" at DAY precision; the range of Jalali months "1383-10/1383-11" at MONTH precision (January 2005); the range of Jalali years "1383/1384" at YEAR precision (2005).',
  })
  iso!: string;
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** The first and last day of the Gregorian year or month of `isoDate`, kept within the supported dates. */
function gregorianSpan(isoDate: string, precision: "YEAR" | "MONTH"): { first: JalaliParts; last: JalaliParts } {
  const year = Number(isoDate.slice(0, 4));
  const month = precision === "YEAR" ? null : Number(isoDate.slice(5, 7));
  const firstDay = month === null ? `${pad(year, 4)}-01-01` : `${pad(year, 4)}-${pad(month, 2)}-01`;
  // Day 0 of the following month is the last day of this one.
  const lastOfMonth = new Date(Date.UTC(year, month === null ? 12 : month, 0)).getUTCDate();
  const lastDay = month === null ? `${pad(year, 4)}-12-31` : `${pad(year, 4)}-${pad(month, 2)}-${pad(lastOfMonth, 2)}`;
  return {
    first: toJalali(firstDay < SUPPORTED_DATES.from ? SUPPORTED_DATES.from : firstDay),
    last: toJalali(lastDay > SUPPORTED_DATES.to ? SUPPORTED_DATES.to : lastDay),
  };
}

/**
 * The Jalali form of an ISO calendar date known to `precision` (DAY when not given); null in, null
 * out. A YEAR- or MONTH-precision date is read as its whole Gregorian year or month, whatever day
 * it is stored with (a start is stored as the first day, an end as the last), so the stored day
 * never shows.
 */
export function jalaliDateOf(isoDate: string | null | undefined, precision?: DatePrecision | null): JalaliDate | null {
  if (!isoDate) return null;
  if (precision === "YEAR" || precision === "MONTH") {
    const { first, last } = gregorianSpan(isoDate, precision);
    if (precision === "YEAR") {
      return {
        precision,
        year: first.year,
        month: null,
        day: null,
        lastYear: last.year,
        lastMonth: null,
        iso: `${pad(first.year, 4)}/${pad(last.year, 4)}`,
      };
    }
    return {
      precision,
      year: first.year,
      month: first.month,
      day: null,
      lastYear: last.year,
      lastMonth: last.month,
      iso: `${pad(first.year, 4)}-${pad(first.month, 2)}/${pad(last.year, 4)}-${pad(last.month, 2)}`,
    };
  }
  const parts = toJalali(isoDate);
  return { ...parts, precision: "DAY", lastYear: parts.year, lastMonth: parts.month, iso: jalaliIso(parts) };
}

@Resolver(() => JalaliDate)
export class JalaliDateResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description:
      'The month\'s name, e.g. شهریور / Shahrivar; at MONTH precision both months the Gregorian month overlaps, e.g. "دی–بهمن" / "Dey–Bahman"; null at YEAR precision.',
  })
  monthName(@Root() date: JalaliDate, @Arg("lang", () => LangEnum, { defaultValue: "FA" }) lang: Lang): string | null {
    if (date.month === null) return null;
    const language = lang === "FA" ? "fa" : "en";
    const first = jalaliMonthName(date.month, language);
    if (date.lastMonth === null || date.lastMonth === date.month) return first;
    return `${first}–${jalaliMonthName(date.lastMonth, language)}`;
  }
}
