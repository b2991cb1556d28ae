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

export type ExportedFigureRow = ReportedFigureRow & { cityPublicId: string; citySlug: string; sourcePublicId: string };

export async function reportedFiguresForExport(db: Db): Promise<ExportedFigureRow[]> {
  const rows = await db
    .select({ figure: reportedFigures, cityPublicId: cities.publicId, citySlug: cities.slug, sourcePublicId: sources.publicId })
    .from(reportedFigures)
    .innerJoin(cities, eq(cities.id, reportedFigures.cityId))
    .innerJoin(sources, eq(sources.id, reportedFigures.sourceId))
    .orderBy(asc(reportedFigures.periodFrom), asc(reportedFigures.metric), asc(reportedFigures.id));
  return rows.map((r) => ({ ...r.figure, cityPublicId: r.cityPublicId, citySlug: r.citySlug, sourcePublicId: r.sourcePublicId }));
}

export type ExportedCoverageRow = CoverageRow & { cityPublicId: string; citySlug: string; sourcePublicId: string };

export async function coverageForExport(db: Db): Promise<ExportedCoverageRow[]> {
  const rows = await db
    .select({ statement: coverage, cityPublicId: cities.publicId, citySlug: cities.slug, sourcePublicId: sources.publicId })
    .from(coverage)
    .innerJoin(cities, eq(cities.id, coverage.cityId))
    .innerJoin(sources, eq(sources.id, coverage.sourceId))
    .orderBy(asc(cities.slug), asc(coverage.periodFrom), asc(coverage.id));
  return rows.map((r) => ({
    ...r.statement,
    cityPublicId: r.cityPublicId,
    citySlug: r.citySlug,
    sourcePublicId: r.sourcePublicId,
  }));
}
