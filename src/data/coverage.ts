/** A city's coverage statements (table coverage): which stretches of days its records cover. */
import { and, asc, eq, gte, lte } from "drizzle-orm";
import type { Db } from "../../db/connection.js";
import { coverage } from "../../db/schema.js";
import type { CoverageStretch } from "../lib/coverage.js";
import type { CoverageRow } from "./rows.js";

/** A statement as the day-by-day summary reads it. */
export function coverageStretch(row: CoverageRow): CoverageStretch {
  return { from: row.periodFrom, to: row.periodTo, status: row.status };
}

/** The city's statements that overlap [from, to], earliest first: one statement. */
export function coverageWithin(db: Db, cityId: number, range: { from: string; to: string }): Promise<CoverageRow[]> {
  return db
    .select()
    .from(coverage)
    .where(and(eq(coverage.cityId, cityId), lte(coverage.periodFrom, range.to), gte(coverage.periodTo, range.from)))
    .orderBy(asc(coverage.periodFrom), asc(coverage.id));
}
