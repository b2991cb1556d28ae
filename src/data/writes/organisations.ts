/**
 * Writing organisations: one upsert, keyed by (source system, external id), else by public id,
 * else by slug, else a new organisation. Every input is checked before anything is written; an
 * upsert that changes nothing keeps the version and emits no change.
 *
 * The key-resolution and field-check helpers at the end are shared by the event and partnership
 * writers.
 */
import { and, eq, ne } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import { ORGANISATION_KINDS, PROVENANCES, type OrganisationKind, type Provenance, type RecordType } from "../../../db/enums.js";
import { externalIds, organisations } from "../../../db/schema.js";
import { dateProblem, toJalali, type JalaliParts } from "../../lib/jalali.js";
import type { EntityRef } from "../conditions.js";
import type { OrganisationRow } from "../rows.js";
import { indexForSearch } from "../search.js";
import { writeOrigin } from "./memberships.js";
import { citeWriteSource, saveRecord, type SaveOutcome } from "./records.js";
import { describeRef, lookupCities } from "./refs.js";
import type { UserErrorList } from "./userErrors.js";
import type { WriteSession } from "./writeSession.js";

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

export interface OrganisationWrite extends UpsertKeys {
  slug?: string | null;
  /** null clears. */
  acronym?: string | null;
  nameFa?: string | null;
  nameEn?: string | null;
  kind?: OrganisationKind | null;
  focus?: string[] | null;
  /** null clears. */
  website?: string | null;
  /** null clears. */
  headquarters?: EntityRef | null;
  monitored?: boolean | null;
  provenance?: Provenance | null;
}

export interface UpsertResult<Row> {
  row: Row;
  outcome: SaveOutcome;
}

export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const MAX_SLUG = 60;
export const MAX_NAME = 300;
export const MAX_ACRONYM = 30;
export const MAX_FOCUS_TAGS = 20;
export const MAX_FOCUS_TAG = 60;
export const MAX_URL = 500;

const ORGANISATIONS = { table: organisations, changeType: "ORGANISATION" as const };

/**
 * Creates or updates one organisation in the session's transaction. Returns null, with `errors`
 * filled, when the input is invalid: then nothing has been written.
 */
export async function upsertOrganisation(
  session: WriteSession,
  item: OrganisationWrite,
  errors: UserErrorList,
  at: (string | number)[] = ["input"],
): Promise<UpsertResult<OrganisationRow> | null> {
  const cities = await lookupCities(session, item.headquarters ? [item.headquarters] : []);
  const slugValid = item.slug !== undefined && item.slug !== null && checkSlug(item.slug, [...at, "slug"], errors);

  const target = await findUpsertTarget<OrganisationRow>(
    session,
    { table: organisations, recordType: "ORGANISATION", label: "organisation" },
    item,
    errors,
    at,
    async () => {
      if (!slugValid) return null;
      const [row] = await session.tx
        .select()
        .from(organisations)
        .where(eq(organisations.slug, item.slug as string));
      return row ?? null;
    },
  );
  const { existing, creating } = target;

  if (creating && (item.slug === undefined || item.slug === null))
    errors.add([...at, "slug"], "slug is required for a new organisation.");
  if (slugValid && existing && item.slug !== existing.slug) {
    const [taken] = await session.tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(and(eq(organisations.slug, item.slug as string), ne(organisations.id, existing.id)));
    if (taken) errors.add([...at, "slug"], `The slug "${item.slug}" is already used by another organisation.`, "CONFLICT");
  }
  const nameFa = checkName(item.nameFa, [...at, "nameFa"], errors, {
    required: creating,
    clearable: false,
    what: "a new organisation's Persian name",
  });
  const nameEn = checkName(item.nameEn, [...at, "nameEn"], errors, {
    required: creating,
    clearable: false,
    what: "a new organisation's English name",
  });
  if (
    item.acronym !== undefined &&
    item.acronym !== null &&
    (item.acronym.trim().length < 1 || item.acronym.length > MAX_ACRONYM)
  ) {
    errors.add([...at, "acronym"], `acronym must be 1 to ${MAX_ACRONYM} characters; pass null to clear it.`);
  }
  checkEnum(item.kind, ORGANISATION_KINDS, [...at, "kind"], errors, "kind");
  if (creating && !item.kind) errors.add([...at, "kind"], "kind is required for a new organisation.");
  checkEnum(item.provenance, PROVENANCES, [...at, "provenance"], errors, "provenance");
  const focus = item.focus === undefined || item.focus === null ? undefined : checkFocus(item.focus, [...at, "focus"], errors);
  if (item.website !== undefined && item.website !== null) checkHttpUrl(item.website, [...at, "website"], errors);
  const headquarters = item.headquarters ? cities.get(item.headquarters) : null;
  if (item.headquarters && !headquarters)
    errors.add([...at, "headquarters"], `No city ${describeRef(item.headquarters)}.`, "NOT_FOUND");
  if (errors.any) return null;

  const values: Record<string, unknown> = {
    slug: item.slug ?? undefined,
    acronym: item.acronym === undefined ? undefined : (item.acronym?.trim() ?? null),
    nameFa,
    nameEn,
    kind: item.kind ?? undefined,
    focus,
    website: item.website,
    headquartersCityId: item.headquarters === undefined ? undefined : (headquarters?.id ?? null),
    monitored: item.monitored ?? undefined,
    provenance: item.provenance ?? (existing ? undefined : "SOURCED"),
  };
  const { row, outcome } = await saveRecord(session, ORGANISATIONS, existing, values);
  await afterSave(session, "ORGANISATION", row, outcome, item, target.linkExternalId);
  if (outcome !== "UNCHANGED") {
    await indexForSearch(session.tx, [
      { type: "ORGANISATION", id: row.id, keys: [row.slug, row.acronym], names: [row.nameFa, row.nameEn], body: row.focus },
    ]);
  }
  return { row, outcome };
}

// ── Shared by the upsert writers ──────────────────────────────────────────────────────────────

export interface UpsertTable {
  table: SQLiteTable & { id: SQLiteColumn; publicId: SQLiteColumn };
  recordType: RecordType;
  /** "organisation", "event": for messages. */
  label: string;
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
export async function findUpsertTarget<Row extends { id: number; publicId: string; version: number }>(
  session: WriteSession,
  target: UpsertTable,
  keys: UpsertKeys,
  errors: UserErrorList,
  at: (string | number)[],
  natural?: () => Promise<Row | null>,
): Promise<UpsertTarget<Row>> {
  const { table, recordType, label } = target;
  const { tx } = session;
  let externalKey: { source: string; externalId: string } | null = null;
  if (keys.source !== undefined && keys.source !== null && (keys.source.trim().length === 0 || keys.source.length > 100)) {
    errors.add([...at, "source"], "source must be 1 to 100 characters.");
  } else if (keys.externalId !== undefined && keys.externalId !== null) {
    if (!keys.source) errors.add([...at, "externalId"], "An externalId needs the `source` system it belongs to.");
    else if (keys.externalId.length < 1 || keys.externalId.length > 200)
      errors.add([...at, "externalId"], "externalId must be 1 to 200 characters.");
    else externalKey = { source: keys.source, externalId: keys.externalId };
  }

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
        "CONFLICT",
      );
      externalKey = null;
    } else if (taken) {
      const [found] = await tx.select().from(table).where(eq(table.id, taken.recordId));
      byExternalId = (found as Row | undefined) ?? null;
    }
  }
  let byPublicId: Row | null = null;
  if (keys.publicId) {
    const [found] = (await tx.select().from(table).where(eq(table.publicId, keys.publicId))) as unknown as Row[];
    byPublicId = found ?? null;
    if (!byPublicId) errors.add([...at, "id"], `No ${label} has this ID.`, "NOT_FOUND");
  }
  if (byExternalId && byPublicId && byExternalId.id !== byPublicId.id) {
    errors.add(
      [...at, "id"],
      `externalId "${externalKey?.externalId}" of ${externalKey?.source} names another ${label} than this ID.`,
      "CONFLICT",
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
        "CONFLICT",
      );
      linkExternalId = false;
    }
  }
  if (keys.expectedVersion !== undefined && keys.expectedVersion !== null && (existing?.version ?? 0) !== keys.expectedVersion) {
    errors.add(
      [...at, "expectedVersion"],
      existing
        ? `The ${label} is at version ${existing.version}, not ${keys.expectedVersion}.`
        : `No ${label} exists yet for this key (expected version ${keys.expectedVersion}).`,
      "VERSION_MISMATCH",
    );
  }
  return { existing, linkExternalId, creating: !existing && !keys.publicId };
}

/** After a save: link the external id and, for a new record, cite who wrote it. */
export async function afterSave(
  session: WriteSession,
  recordType: RecordType,
  row: { id: number },
  outcome: SaveOutcome,
  keys: UpsertKeys,
  linkExternalId: boolean,
): Promise<void> {
  if (linkExternalId && keys.source && keys.externalId) {
    await session.tx.insert(externalIds).values({ recordType, recordId: row.id, scheme: keys.source, value: keys.externalId });
  }
  if (outcome === "INSERTED") await citeWriteSource(session, recordType, row.id, writeOrigin(session, keys.source ?? null));
}

export function checkSlug(slug: string, field: (string | number)[], errors: UserErrorList): boolean {
  if (slug.length > MAX_SLUG || !SLUG_PATTERN.test(slug)) {
    errors.add(
      field,
      `slug must be lowercase letters and digits in hyphen-separated words (e.g. "uclg-mewa"), at most ${MAX_SLUG} characters; got "${slug}".`,
    );
    return false;
  }
  return true;
}

/**
 * A name to store: trimmed, 1..300 characters. undefined keeps the current one; null clears it
 * (stored as "") where `clearable`, and is otherwise an error, as is a missing `required` name.
 */
export function checkName(
  value: string | null | undefined,
  field: (string | number)[],
  errors: UserErrorList,
  options: { required: boolean; clearable: boolean; what: string },
): string | undefined {
  if (value === undefined || (value === null && !options.clearable)) {
    if (value === null) errors.add(field, `${field[field.length - 1]} cannot be cleared.`);
    else if (options.required) errors.add(field, `${options.what} is required.`);
    return undefined;
  }
  if (value === null) return "";
  const trimmed = value.trim();
  if (trimmed.length < 1 || trimmed.length > MAX_NAME) {
    errors.add(field, `A name must be 1 to ${MAX_NAME} characters.`);
    return undefined;
  }
  return trimmed;
}

/** Values reach the data layer from GraphQL enums, the CLI and tests alike: check them here too. */
export function checkEnum(
  value: string | null | undefined,
  allowed: readonly string[],
  field: (string | number)[],
  errors: UserErrorList,
  name: string,
): void {
  if (value !== undefined && value !== null && !allowed.includes(value))
    errors.add(field, `${name} must be one of ${allowed.join(", ")}; got "${value}".`);
}

export function checkHttpUrl(value: string, field: (string | number)[], errors: UserErrorList): void {
  let ok = value.length <= MAX_URL;
  if (ok) {
    try {
      const url = new URL(value);
      ok = (url.protocol === "http:" || url.protocol === "https:") && url.hostname.length > 0;
    } catch {
      ok = false;
    }
  }
  if (!ok) errors.add(field, `Expected an http(s) URL of at most ${MAX_URL} characters; got "${value}".`);
}

function checkFocus(tags: readonly string[], field: (string | number)[], errors: UserErrorList): string[] | undefined {
  if (tags.length > MAX_FOCUS_TAGS) {
    errors.add(field, `At most ${MAX_FOCUS_TAGS} focus tags; got ${tags.length}.`);
    return undefined;
  }
  const result: string[] = [];
  tags.forEach((tag, i) => {
    const trimmed = tag.trim();
    if (trimmed.length < 1 || trimmed.length > MAX_FOCUS_TAG)
      errors.add([...field, i], `A focus tag must be 1 to ${MAX_FOCUS_TAG} characters.`);
    else if (result.includes(trimmed)) errors.add([...field, i], `The focus tag "${trimmed}" appears twice.`);
    else result.push(trimmed);
  });
  return result;
}

/** The Jalali day of a date to store, or an INVALID error when it is not a real, convertible ISO day. */
export function checkDate(value: string, field: (string | number)[], errors: UserErrorList): JalaliParts | null {
  const problem = dateProblem(value);
  if (problem === null) return toJalali(value);
  errors.add(field, problem);
  return null;
}

/** "an organisation", "a trip". */
function withArticle(noun: string): string {
  return `${/^[aeiou]/.test(noun) ? "an" : "a"} ${noun}`;
}
