/**
 * Writing city-to-city partnerships: one upsert, keyed by (source system, external id), else by
 * public id, else by (city, partner, kind), else a new partnership. Every input is checked before
 * anything is written.
 */
import { and, eq, ne } from "drizzle-orm";
import {
  DATE_PRECISIONS,
  PARTNERSHIP_KINDS,
  PARTNERSHIP_STATUSES,
  PROVENANCES,
  type DatePrecision,
  type PartnershipKind,
  type PartnershipStatus,
  type Provenance,
} from "../../../db/enums.js";
import { partnerships } from "../../../db/schema.js";
import { UserErrorCode } from "../../lib/errorCodes.js";
import type { EntityRef } from "../conditions.js";
import type { PartnershipRow } from "../rows.js";
import { checkDate, checkEnum, checkRef, type Path } from "./checks.js";
import { lookupCities } from "./refs.js";
import {
  afterSave,
  findUpsertTarget,
  jalaliColumns,
  precisionFor,
  saveRecord,
  type RecordTable,
  type UpsertKeys,
  type UpsertResult,
} from "./upsert.js";
import type { UserErrorList } from "./userErrors.js";
import type { WriteSession } from "./writeSession.js";

export interface PartnershipWrite extends UpsertKeys {
  /** The city that holds the partnership. */
  city?: EntityRef | null;
  partner?: EntityRef | null;
  kind?: PartnershipKind | null;
  status?: PartnershipStatus | null;
  /** null clears (and clears the precision). */
  signedOn?: string | null;
  /** How much of signedOn is known; default DAY, or kept when signedOn is resent unchanged. */
  signedPrecision?: DatePrecision | null;
  provenance?: Provenance | null;
}

const PARTNERSHIPS: RecordTable = {
  table: partnerships,
  recordType: "PARTNERSHIP",
  changeType: "PARTNERSHIP",
  label: "partnership",
};

/**
 * Creates or updates one partnership in the session's transaction. Returns null, with `errors`
 * filled, when the input is invalid: then nothing has been written.
 */
export async function upsertPartnership(
  session: WriteSession,
  item: PartnershipWrite,
  errors: UserErrorList,
  at: Path = [],
): Promise<UpsertResult<PartnershipRow> | null> {
  const cities = await lookupCities(
    session,
    [item.city, item.partner].filter((r): r is EntityRef => Boolean(r)),
  );
  const city = checkRef(cities, item.city, [...at, "city"], errors, "city");
  const partner = checkRef(cities, item.partner, [...at, "partner"], errors, "city");
  const kindValid = checkEnum(item.kind, PARTNERSHIP_KINDS, [...at, "kind"], errors) && Boolean(item.kind);
  checkEnum(item.status, PARTNERSHIP_STATUSES, [...at, "status"], errors);
  checkEnum(item.provenance, PROVENANCES, [...at, "provenance"], errors);
  checkEnum(item.signedPrecision, DATE_PRECISIONS, [...at, "signedPrecision"], errors);

  const { existing, linkExternalId, creating } = await findUpsertTarget<PartnershipRow>(
    session,
    PARTNERSHIPS,
    item,
    errors,
    at,
    async () => {
      if (!city || !partner || !kindValid) return null;
      const [row] = await session.tx
        .select()
        .from(partnerships)
        .where(
          and(
            eq(partnerships.cityId, city.id),
            eq(partnerships.partnerCityId, partner.id),
            eq(partnerships.kind, item.kind as PartnershipKind),
          ),
        );
      return row ?? null;
    },
  );

  if (creating) {
    if (!item.city) errors.add([...at, "city"], "city is required for a new partnership.");
    if (!item.partner) errors.add([...at, "partner"], "partner is required for a new partnership.");
    if (!item.kind) errors.add([...at, "kind"], "kind is required for a new partnership.");
    if (!item.status) errors.add([...at, "status"], "status is required for a new partnership.");
  }
  const finalCityId = city?.id ?? existing?.cityId;
  const finalPartnerId = partner?.id ?? existing?.partnerCityId;
  const finalKind = kindValid ? (item.kind as PartnershipKind) : existing?.kind;
  if (finalCityId !== undefined && finalCityId === finalPartnerId) {
    errors.add([...at, item.partner ? "partner" : "city"], "A city cannot be its own partner.");
  } else if (
    existing &&
    finalCityId !== undefined &&
    finalPartnerId !== undefined &&
    finalKind &&
    (city || partner || kindValid)
  ) {
    // Moving an existing partnership onto another's (city, partner, kind) would make two of one.
    const [twin] = await session.tx
      .select({ id: partnerships.id })
      .from(partnerships)
      .where(
        and(
          eq(partnerships.cityId, finalCityId),
          eq(partnerships.partnerCityId, finalPartnerId),
          eq(partnerships.kind, finalKind),
          ne(partnerships.id, existing.id),
        ),
      );
    if (twin)
      errors.add(
        [...at, item.kind ? "kind" : item.partner ? "partner" : "city"],
        `Another ${finalKind} partnership between these cities exists already.`,
        UserErrorCode.CONFLICT,
      );
  }
  checkDate(item.signedOn, [...at, "signedOn"], errors);
  const signedOn = item.signedOn === undefined ? existing?.signedOn : item.signedOn;
  if (item.signedPrecision && !signedOn) errors.add([...at, "signedPrecision"], "signedPrecision needs a signedOn date.");
  if (errors.any) return null;

  const values: Record<string, unknown> = {
    cityId: city?.id,
    partnerCityId: partner?.id,
    kind: item.kind ?? undefined,
    status: item.status ?? undefined,
    signedOn: item.signedOn,
    signedPrecision: precisionFor(item.signedOn, item.signedPrecision, existing?.signedOn, existing?.signedPrecision),
    ...jalaliColumns("signed", item.signedOn),
    provenance: item.provenance ?? (existing ? undefined : "SOURCED"),
  };
  const { row, outcome } = await saveRecord(session, PARTNERSHIPS, existing, values);
  await afterSave(session, "PARTNERSHIP", row, outcome, item, linkExternalId);
  return { row, outcome };
}
