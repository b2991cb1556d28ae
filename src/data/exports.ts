/**
 * The exported tables that have no GraphQL list to page through: the sources, the reported figures
 * and the coverage statements. Read whole (all are small: one row per source, per figure a source
 * reports, per stretch of a city's coverage), in a stable order, from `db` as given (an as-of view when the export is pinned to a data version).
 */
import { asc, eq } from "drizzle-orm";
import type { Db } from "../../db/connection.js";
import { cities, coverage, reportedFigures, sources } from "../../db/schema.js";
import type { CoverageRow, ReportedFigureRow, SourceRow } from "./rows.js";

export function sourcesForExport(db: Db): Promise<SourceRow[]> {
  return db.select().from(sources).orderBy(asc(sources.id));
}

/** The public keys of the city a row is about and of the source that states it, joined in. */
const CITY_AND_SOURCE = { cityPublicId: cities.publicId, citySlug: cities.slug, sourcePublicId: sources.publicId };
type WithCityAndSource<Row> = Row & { cityPublicId: string; citySlug: string; sourcePublicId: string };

export type ExportedFigureRow = WithCityAndSource<ReportedFigureRow>;

export async function reportedFiguresForExport(db: Db): Promise<ExportedFigureRow[]> {
  const rows = await db
    .select({ row: reportedFigures, ...CITY_AND_SOURCE })
    .from(reportedFigures)
    .innerJoin(cities, eq(cities.id, reportedFigures.cityId))
    .innerJoin(sources, eq(sources.id, reportedFigures.sourceId))
    .orderBy(asc(reportedFigures.periodFrom), asc(reportedFigures.metric), asc(reportedFigures.id));
  return rows.map(({ row, ...keys }) => ({ ...row, ...keys }));
}

export type ExportedCoverageRow = WithCityAndSource<CoverageRow>;

export async function coverageForExport(db: Db): Promise<ExportedCoverageRow[]> {
  const rows = await db
    .select({ row: coverage, ...CITY_AND_SOURCE })
    .from(coverage)
    .innerJoin(cities, eq(cities.id, coverage.cityId))
    .innerJoin(sources, eq(sources.id, coverage.sourceId))
    .orderBy(asc(cities.slug), asc(coverage.periodFrom), asc(coverage.id));
  return rows.map(({ row, ...keys }) => ({ ...row, ...keys }));
}
