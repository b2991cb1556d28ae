/**
 * Setting how complete a city's records are for a stretch of days. The stretch replaces the
 * city's statements it contains; one that only partly overlaps another is refused (CONFLICT), so a
 * city's statements never overlap and each day has at most one. Coverage is part of the city's
 * record: a change is a new version of the city, in the change feed.
 */
import { and, eq, gte, inArray, lte } from "drizzle-orm";
import { COVERAGE_STATUSES, type CoverageStatus } from "../../../db/enums.js";
import { cities, coverage, sources } from "../../../db/schema.js";
import { UserErrorCode } from "../../lib/errorCodes.js";
import type { EntityRef } from "../conditions.js";
import type { CityRow, CoverageRow } from "../rows.js";
import { checkDate, checkEnum, checkRef, checkText } from "./checks.js";
import { lookupCities } from "./refs.js";
import type { SaveOutcome } from "./upsert.js";
import type { UserErrorList } from "./userErrors.js";
import type { WriteSession } from "./writeSession.js";

export interface CoverageWrite {
  city: EntityRef | null;
  from: string;
  to: string;
  status: CoverageStatus;
  /** The public id of the source that states it. */
  sourcePublicId: string | null;
  locator?: string | null;
  note?: string | null;
}

export const MAX_COVERAGE_NOTE = 500;
export const MAX_COVERAGE_LOCATOR = 100;

export async function setCoverage(
  session: WriteSession,
  write: CoverageWrite,
  errors: UserErrorList,
): Promise<{ row: CityRow; outcome: SaveOutcome } | null> {
  const { tx } = session;
  const found = await lookupCities(session, write.city ? [write.city] : []);
  const city = checkRef(found, write.city, ["city"], errors, "city");
  checkDate(write.from, ["from"], errors);
  checkDate(write.to, ["to"], errors);
  if (!errors.any && write.from > write.to) errors.add(["to"], `to (${write.to}) is before from (${write.from}).`);
  checkEnum(write.status, COVERAGE_STATUSES, ["status"], errors);
  const locator = checkText(write.locator, ["locator"], errors, MAX_COVERAGE_LOCATOR);
  const note = checkText(write.note, ["note"], errors, MAX_COVERAGE_NOTE);
  const [source] = write.sourcePublicId
    ? await tx.select({ id: sources.id }).from(sources).where(eq(sources.publicId, write.sourcePublicId))
    : [];
  if (write.sourcePublicId && !source) errors.add(["source"], "No source has the given ID.", UserErrorCode.NOT_FOUND);
  if (errors.any || !city || !source) return null;

  const overlapping: CoverageRow[] = await tx
    .select()
    .from(coverage)
    .where(and(eq(coverage.cityId, city.id), lte(coverage.periodFrom, write.to), gte(coverage.periodTo, write.from)));
  for (const row of overlapping)
    if (row.periodFrom < write.from || row.periodTo > write.to)
      errors.add(
        ["from"],
        `Overlaps the city's statement for ${row.periodFrom} .. ${row.periodTo} in part; give a stretch that contains it whole, or none of it.`,
        UserErrorCode.CONFLICT,
      );
  if (errors.any) return null;

  const values = {
    cityId: city.id,
    periodFrom: write.from,
    periodTo: write.to,
    status: write.status,
    sourceId: source.id,
    locator: locator ?? null,
    note: note ?? null,
  };
  const same =
    overlapping.length === 1 && Object.entries(values).every(([k, v]) => (overlapping[0] as Record<string, unknown>)[k] === v);
  if (same) return { row: city, outcome: "UNCHANGED" };
  if (overlapping.length > 0)
    await tx.delete(coverage).where(
      inArray(
        coverage.id,
        overlapping.map((r) => r.id),
      ),
    );
  await tx.insert(coverage).values(values);
  const [row] = await tx
    .update(cities)
    .set({ version: city.version + 1, updatedAt: session.at })
    .where(eq(cities.id, city.id))
    .returning();
  await session.recordChange("CITY", row, "UPSERT");
  return { row, outcome: "UPDATED" };
}
