/**
 * The filter builder: small functions that turn criteria into SQL conditions. Repositories combine
 * them with `and(...)`; undefined means "no condition", so optional criteria need no branching.
 */
import { and, between, eq, gt, gte, inArray, lt, lte, or, sql, type Column, type SQL } from "drizzle-orm";
import { cities, countries, organisations } from "../../db/schema.js";
import type { ResolvedPeriod } from "../lib/period.js";

/** A reference to a record by public id or by slug, as clients may give either. */
export type EntityRef = { publicId: string } | { slug: string };

export function inList<T extends string | number>(column: Column, values: readonly T[] | null | undefined): SQL | undefined {
  return values && values.length > 0 ? inArray(column, [...values]) : undefined;
}

export function equals(column: Column, value: string | number | boolean | null | undefined): SQL | undefined {
  return value === undefined || value === null ? undefined : eq(column, value);
}

function refMatch(table: typeof cities | typeof organisations, ref: EntityRef): SQL {
  return "publicId" in ref ? eq(table.publicId, ref.publicId) : eq(table.slug, ref.slug);
}

/** `column` holds the id of one of the cities referenced. */
export function cityIn(column: Column, refs: readonly EntityRef[] | null | undefined): SQL | undefined {
  if (!refs || refs.length === 0) return undefined;
  return sql`${column} in (select ${cities.id} from ${cities} where ${sql.join(
    refs.map((r) => refMatch(cities, r)),
    sql` or `,
  )})`;
}

/** `column` holds the id of one of the organisations referenced. */
export function organisationIn(column: Column, refs: readonly EntityRef[] | null | undefined): SQL | undefined {
  if (!refs || refs.length === 0) return undefined;
  return sql`${column} in (select ${organisations.id} from ${organisations} where ${sql.join(
    refs.map((r) => refMatch(organisations, r)),
    sql` or `,
  )})`;
}

/** `column` holds the id of a city in one of the countries (ISO codes). */
export function cityInCountries(column: Column, codes: readonly string[] | null | undefined): SQL | undefined {
  if (!codes || codes.length === 0) return undefined;
  return sql`${column} in (select ${cities.id} from ${cities} join ${countries} on ${countries.id} = ${cities.countryId} where ${inArray(
    countries.code,
    codes.map((c) => c.toUpperCase()),
  )})`;
}

export interface DatedColumns {
  date: Column;
  jalaliYear: Column;
  jalaliMonth: Column;
}

/**
 * Rows whose date falls in the period. A Jalali period is matched on the stored Jalali year and
 * month (an index range scan on (year, month)); a Gregorian one on the ISO date.
 */
export function inPeriod(columns: DatedColumns, period: ResolvedPeriod | null | undefined): SQL | undefined {
  if (!period) return undefined;
  if (period.calendar === "JALALI") {
    if (period.jalaliYearTo === period.jalaliYear)
      return and(
        eq(columns.jalaliYear, period.jalaliYear),
        between(columns.jalaliMonth, period.jalaliMonthFrom, period.jalaliMonthTo),
      );
    // Over the Jalali new year: the years' range (the index's leading column), trimmed at both ends.
    return and(
      between(columns.jalaliYear, period.jalaliYear, period.jalaliYearTo),
      or(gt(columns.jalaliYear, period.jalaliYear), gte(columns.jalaliMonth, period.jalaliMonthFrom)),
      or(lt(columns.jalaliYear, period.jalaliYearTo), lte(columns.jalaliMonth, period.jalaliMonthTo)),
    );
  }
  return and(period.from ? gte(columns.date, period.from) : undefined, period.to ? lte(columns.date, period.to) : undefined);
}
