/**
 * Writing organisations: one upsert, keyed by (source system, external id), else by public id,
 * else by slug, else a new organisation. Every input is checked before anything is written; an
 * upsert that changes nothing keeps the version and emits no change.
 */
import { and, eq, ne } from "drizzle-orm";
import { ORGANISATION_KINDS, PROVENANCES, type OrganisationKind, type Provenance } from "../../../db/enums.js";
import { organisations } from "../../../db/schema.js";
import { UserErrorCode } from "../../lib/errorCodes.js";
import type { EntityRef } from "../conditions.js";
import type { OrganisationRow } from "../rows.js";
import { indexForSearch } from "../search.js";
import { checkEnum, checkHttpUrl, checkName, checkRef, checkSlug, type Path } from "./checks.js";
import { lookupCities } from "./refs.js";
import { afterSave, findUpsertTarget, saveRecord, type RecordTable, type UpsertKeys, type UpsertResult } from "./upsert.js";
import type { UserErrorList } from "./userErrors.js";
import type { WriteSession } from "./writeSession.js";

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

export const MAX_ACRONYM = 30;
export const MAX_FOCUS_TAGS = 20;
export const MAX_FOCUS_TAG = 60;

const ORGANISATIONS: RecordTable = {
  table: organisations,
  recordType: "ORGANISATION",
  changeType: "ORGANISATION",
  label: "organisation",
};

/**
 * Creates or updates one organisation in the session's transaction. Returns null, with `errors`
 * filled, when the input is invalid: then nothing has been written.
 */
export async function upsertOrganisation(
  session: WriteSession,
  item: OrganisationWrite,
  errors: UserErrorList,
  at: Path = [],
): Promise<UpsertResult<OrganisationRow> | null> {
  const cities = await lookupCities(session, item.headquarters ? [item.headquarters] : []);
  const slugValid = item.slug !== undefined && item.slug !== null && checkSlug(item.slug, [...at, "slug"], errors);

  const target = await findUpsertTarget<OrganisationRow>(session, ORGANISATIONS, item, errors, at, async () => {
    if (!slugValid) return null;
    const [row] = await session.tx
      .select()
      .from(organisations)
      .where(eq(organisations.slug, item.slug as string));
    return row ?? null;
  });
  const { existing, creating } = target;

  if (creating && (item.slug === undefined || item.slug === null))
    errors.add([...at, "slug"], "slug is required for a new organisation.");
  if (slugValid && existing && item.slug !== existing.slug) {
    const [taken] = await session.tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(and(eq(organisations.slug, item.slug as string), ne(organisations.id, existing.id)));
    if (taken)
      errors.add([...at, "slug"], `The slug "${item.slug}" is already used by another organisation.`, UserErrorCode.CONFLICT);
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
  checkEnum(item.kind, ORGANISATION_KINDS, [...at, "kind"], errors);
  if (creating && !item.kind) errors.add([...at, "kind"], "kind is required for a new organisation.");
  checkEnum(item.provenance, PROVENANCES, [...at, "provenance"], errors);
  const focus = item.focus === undefined || item.focus === null ? undefined : checkFocus(item.focus, [...at, "focus"], errors);
  if (item.website !== undefined && item.website !== null) checkHttpUrl(item.website, [...at, "website"], errors);
  const headquarters = checkRef(cities, item.headquarters, [...at, "headquarters"], errors, "city");
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

function checkFocus(tags: readonly string[], field: Path, errors: UserErrorList): string[] | undefined {
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
