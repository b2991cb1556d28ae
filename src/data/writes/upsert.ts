/**
 * Writing one record, the same way for every table: find the record a write addresses (by
 * (source, external id), public id or natural key), check the keys and the expected version, save
 * only what changed (bumping the version and appending to the change feed), link the external id
 * and cite where a new record came from, or delete it leaving a tombstone. The stored Jalali
 * columns beside a date are computed here too.
 */
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { ChangeType, DatePrecision, RecordType } from "../../../db/enums.js";
import { externalIds } from "../../../db/schema.js";
import { UserErrorCode } from "../../lib/errorCodes.js";
import { toJalali } from "../../lib/jalali.js";
import type { Path } from "./checks.js";
import type { UserErrorList } from "./userErrors.js";
import { citeWriteSource, writeOrigin } from "./writeSource.js";
import type { WriteSession } from "./writeSession.js";

export type SaveOutcome = "INSERTED" | "UPDATED" | "UNCHANGED";

export interface UpsertResult<Row> {
  row: Row;
  outcome: SaveOutcome;
}

/** A table written through this module. */
export interface RecordTable {
  table: SQLiteTable & { id: SQLiteColumn; publicId: SQLiteColumn };
  recordType: RecordType;
  /** The feed type of changes to this table; absent for tables outside the feed. */
  changeType?: ChangeType;
  /** "organisation", "event": for messages. */
  label: string;
}

interface BaseRow {
  id: number;
  publicId: string;
  version: number;
}

/** The keys an upsert may be addressed by, and its optimistic-concurrency guard. */
export interface UpsertKeys {
  /** The other system `externalId` belongs to (the external_ids scheme). */
  source?: string | null;
  externalId?: string | null;
  /** Update this record (by public id). */
  publicId?: string | null;
  /** Write only if the record is at this version. */
  expectedVersion?: number | null;
}

export interface ExternalKey {
  source: string;
  externalId: string;
}

export const MAX_SOURCE = 100;
export const MAX_EXTERNAL_ID = 200;

/** Checks a source system's name; false (with an error at `field`) when it is given and malformed. */
export function checkSource(source: string | null | undefined, field: Path, errors: UserErrorList): boolean {
  if (source === undefined || source === null || (source.trim().length > 0 && source.length <= MAX_SOURCE)) return true;
  errors.add(field, `source must be 1 to ${MAX_SOURCE} characters.`);
  return false;
}

/**
 * The (source, externalId) pair a write is keyed by, or null when none is given or it is
 * malformed (then with an error at `at` + "externalId").
 */
export function checkExternalKey(
  source: string | null | undefined,
  externalId: string | null | undefined,
  at: Path,
  errors: UserErrorList,
): ExternalKey | null {
  if (externalId === undefined || externalId === null) return null;
  if (!source) {
    errors.add([...at, "externalId"], "An externalId needs the `source` system it belongs to.");
    return null;
  }
  if (externalId.length < 1 || externalId.length > MAX_EXTERNAL_ID) {
    errors.add([...at, "externalId"], `externalId must be 1 to ${MAX_EXTERNAL_ID} characters.`);
    return null;
  }
  return { source, externalId };
}

/** Checks `expectedVersion` against the record's version (0 for a record that does not exist yet). */
export function checkVersion(
  label: string,
  existing: { version: number } | null,
  expectedVersion: number | null | undefined,
  field: Path,
  errors: UserErrorList,
): void {
  if (expectedVersion === undefined || expectedVersion === null || (existing?.version ?? 0) === expectedVersion) return;
  errors.add(
    field,
    existing
      ? `The ${label} is at version ${existing.version}, not ${expectedVersion}.`
      : `No ${label} exists yet for this key (expected version ${expectedVersion}).`,
    UserErrorCode.VERSION_MISMATCH,
  );
}

/** The record of `target` with this public id, or null with a NOT_FOUND error at `field`. */
export async function findByPublicId<Row extends BaseRow>(
  session: WriteSession,
  target: RecordTable,
  publicId: string,
  field: Path,
  errors: UserErrorList,
): Promise<Row | null> {
  const [found] = (await session.tx.select().from(target.table).where(eq(target.table.publicId, publicId))) as Row[];
  if (!found) errors.add(field, `No ${target.label} has this ID.`, UserErrorCode.NOT_FOUND);
  return found ?? null;
}

export interface UpsertTarget<Row> {
  existing: Row | null;
  /** (source, externalId) were given and are not yet linked to the record: link them once saved. */
  linkExternalId: boolean;
  /** No record was found and none was named by id: the write creates one (so needs its required fields). */
  creating: boolean;
}

/**
 * The record an upsert addresses: by (source, externalId) when both are given and known, else by
 * public id, else by the natural key (`natural`), else none (a new record). A record found by a
 * later key gets the external id linked, unless it already has another id in that source
 * (CONFLICT). Also checks the keys themselves and `expectedVersion`.
 */
export async function findUpsertTarget<Row extends BaseRow>(
  session: WriteSession,
  target: RecordTable,
  keys: UpsertKeys,
  errors: UserErrorList,
  at: Path,
  natural?: () => Promise<Row | null>,
): Promise<UpsertTarget<Row>> {
  const { table, recordType, label } = target;
  const { tx } = session;
  let externalKey = checkSource(keys.source, [...at, "source"], errors)
    ? checkExternalKey(keys.source, keys.externalId, at, errors)
    : null;

  let byExternalId: Row | null = null;
  if (externalKey) {
    // (source, externalId) is unique across record types: a source's id names one record of any type.
    const [taken] = await tx
      .select({ recordType: externalIds.recordType, recordId: externalIds.recordId })
      .from(externalIds)
      .where(
        and(
          eq(externalIds.namespace, 0), // ids no single organisation owns (db/tables.ts)
          eq(externalIds.scheme, externalKey.source),
          eq(externalIds.value, externalKey.externalId),
        ),
      );
    if (taken && taken.recordType !== recordType) {
      errors.add(
        [...at, "externalId"],
        `externalId "${externalKey.externalId}" of ${externalKey.source} already names ${withArticle(taken.recordType.toLowerCase().replace("_", " "))}, not ${withArticle(label)}.`,
        UserErrorCode.CONFLICT,
      );
      externalKey = null;
    } else if (taken) {
      const [found] = (await tx.select().from(table).where(eq(table.id, taken.recordId))) as Row[];
      byExternalId = found ?? null;
    }
  }
  const byPublicId = keys.publicId
    ? await findByPublicId<Row>(session, target, keys.publicId, [...at, "publicId"], errors)
    : null;
  if (byExternalId && byPublicId && byExternalId.id !== byPublicId.id) {
    errors.add(
      [...at, "publicId"],
      `externalId "${externalKey?.externalId}" of ${externalKey?.source} names another ${label} than this ID.`,
      UserErrorCode.CONFLICT,
    );
  }
  const existing = byExternalId ?? byPublicId ?? (keys.publicId || !natural ? null : await natural());

  let linkExternalId = externalKey !== null && byExternalId === null;
  if (linkExternalId && existing && externalKey) {
    const [other] = await tx
      .select({ value: externalIds.value })
      .from(externalIds)
      .where(
        and(
          eq(externalIds.recordType, recordType),
          eq(externalIds.recordId, existing.id),
          eq(externalIds.scheme, externalKey.source),
        ),
      );
    if (other) {
      errors.add(
        [...at, "externalId"],
        `This ${label} is already known to ${externalKey.source} as "${other.value}".`,
        UserErrorCode.CONFLICT,
      );
      linkExternalId = false;
    }
  }
  checkVersion(label, existing, keys.expectedVersion, [...at, "expectedVersion"], errors);
  return { existing, linkExternalId, creating: !existing && !keys.publicId };
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return (a ?? null) === (b ?? null);
  return typeof a === "object" || typeof b === "object" ? JSON.stringify(a) === JSON.stringify(b) : false;
}

/** The fields of `values` that differ from `existing`. */
export function changedFields(existing: object, values: Record<string, unknown>): Record<string, unknown> {
  const current = existing as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(values).filter(([key, value]) => value !== undefined && !sameValue(current[key], value)),
  );
}

/**
 * Inserts a record, or updates only the fields of `values` that changed. An update that changes
 * nothing leaves the version alone and emits no change; every real change bumps the version and
 * is appended to the change feed.
 */
export async function saveRecord<Row extends BaseRow>(
  session: WriteSession,
  target: RecordTable,
  existing: Row | null,
  values: Record<string, unknown>,
): Promise<UpsertResult<Row>> {
  const { table, changeType } = target;
  if (existing) {
    const diff = changedFields(existing, values);
    if (Object.keys(diff).length === 0) return { row: existing, outcome: "UNCHANGED" };
    const [row] = (await session.tx
      .update(table)
      .set({ ...diff, version: existing.version + 1, updatedAt: session.at })
      .where(eq(table.id, existing.id))
      .returning()) as Row[];
    if (changeType) await session.recordChange(changeType, row, "UPSERT");
    return { row, outcome: "UPDATED" };
  }
  const defined = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
  const [row] = (await session.tx
    .insert(table)
    .values({ ...defined, publicId: randomUUID(), createdAt: session.at, updatedAt: session.at, version: 1 } as never)
    .returning()) as Row[];
  if (changeType) await session.recordChange(changeType, row, "UPSERT");
  return { row, outcome: "INSERTED" };
}

/** Deletes a record; its tombstone (version + 1) stays in the change feed. */
export async function deleteRecord(session: WriteSession, target: RecordTable, existing: BaseRow): Promise<void> {
  await session.tx.delete(target.table).where(eq(target.table.id, existing.id));
  if (target.changeType) await session.recordChange(target.changeType, { ...existing, version: existing.version + 1 }, "DELETE");
}

/** Links (source, externalId) to a saved record, in the namespace of the organisation that owns the id (0: none). */
export async function linkExternalKey(
  session: WriteSession,
  recordType: RecordType,
  recordId: number,
  key: ExternalKey,
  namespace = 0,
): Promise<void> {
  await session.tx.insert(externalIds).values({ recordType, recordId, namespace, scheme: key.source, value: key.externalId });
}

/** After an upsert's save: link the external id and, for a new record, cite who wrote it. */
export async function afterSave(
  session: WriteSession,
  recordType: RecordType,
  row: { id: number },
  outcome: SaveOutcome,
  keys: UpsertKeys,
  linkExternalId: boolean,
): Promise<void> {
  if (linkExternalId && keys.source && keys.externalId)
    await linkExternalKey(session, recordType, row.id, { source: keys.source, externalId: keys.externalId });
  if (outcome === "INSERTED") await citeWriteSource(session, recordType, row.id, writeOrigin(session, keys.source ?? null));
}

/**
 * The stored Jalali year and month beside a date column (`startJy`, `startJm` for "start"):
 * undefined when the date is not written (the columns keep their values), null when it is cleared.
 */
export function jalaliColumns<Prefix extends string>(
  prefix: Prefix,
  date: string | null | undefined,
): { [K in `${Prefix}Jy` | `${Prefix}Jm`]: number | null | undefined } {
  const parts = date === undefined ? undefined : date ? toJalali(date) : null;
  return {
    [`${prefix}Jy`]: parts === undefined ? undefined : (parts?.year ?? null),
    [`${prefix}Jm`]: parts === undefined ? undefined : (parts?.month ?? null),
  } as { [K in `${Prefix}Jy` | `${Prefix}Jm`]: number | null | undefined };
}

/**
 * The precision to store with a date: as given; else kept when the date itself is unchanged (a
 * partner resending "2005-01-01" does not turn a year into a day); else DAY.
 */
export function precisionFor(
  date: string | null | undefined,
  given: DatePrecision | null | undefined,
  oldDate: string | null | undefined,
  oldPrecision: DatePrecision | null | undefined,
): DatePrecision | null | undefined {
  if (date === undefined) return given ?? undefined;
  if (date === null) return null;
  if (given) return given;
  return date === oldDate && oldPrecision ? oldPrecision : "DAY";
}

/** "an organisation", "a trip". */
function withArticle(noun: string): string {
  return `${/^[aeiou]/.test(noun) ? "an" : "a"} ${noun}`;
}
