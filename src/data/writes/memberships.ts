/**
 * Writing memberships: upserts keyed by (source system, external id), batches applied all or
 * nothing, deletes that leave a tombstone. Every input is checked before anything is written.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { DatePrecision, MembershipCategory, MembershipRole, MembershipStatus, Provenance } from "../../../db/enums.js";
import { attendances, externalIds, memberships, recordSources } from "../../../db/schema.js";
import { UserErrorCode } from "../../lib/errorCodes.js";
import type { EntityRef } from "../conditions.js";
import type { MembershipRow } from "../rows.js";
import { checkDate, checkRef, type Path } from "./checks.js";
import { lookupCities, lookupOrganisations } from "./refs.js";
import {
  checkExternalKey,
  checkSource,
  checkVersion,
  deleteRecord,
  findByPublicId,
  jalaliColumns,
  linkExternalKey,
  precisionFor,
  saveRecord,
  type RecordTable,
  type SaveOutcome,
} from "./upsert.js";
import type { UserErrorList } from "./userErrors.js";
import { citeWriteSource, writeOrigin } from "./writeSource.js";
import { WriteForbiddenError, type WriteSession } from "./writeSession.js";

export interface MembershipWrite {
  externalId?: string | null;
  /** Update this membership (by public id) when there is no external id to key on. */
  publicId?: string | null;
  organisation: EntityRef;
  member: EntityRef;
  via?: EntityRef | null;
  status: MembershipStatus;
  role?: MembershipRole | null;
  category?: MembershipCategory | null;
  categoryLabel?: string | null;
  startDate?: string | null;
  startPrecision?: DatePrecision | null;
  endDate?: string | null;
  endPrecision?: DatePrecision | null;
  provenance?: Provenance | null;
  expectedVersion?: number | null;
}

export interface MembershipWriteResult {
  externalId: string | null;
  outcome: SaveOutcome;
  membership: MembershipRow;
}

const MEMBERSHIPS: RecordTable = {
  table: memberships,
  recordType: "MEMBERSHIP",
  changeType: "MEMBERSHIP",
  label: "membership",
};
export const MAX_SYNC_ITEMS = 250;

/**
 * Upserts memberships in the session's transaction: a batch `{ source, memberships }` whose items
 * are at `path(i)` (a single upsert passes the root). Returns null, with `errors` filled, when any
 * item is invalid: then nothing has been written.
 */
export async function writeMemberships(
  session: WriteSession,
  source: string | null,
  items: readonly MembershipWrite[],
  errors: UserErrorList,
  path: (i: number) => Path = (i) => ["memberships", i],
): Promise<MembershipWriteResult[] | null> {
  if (items.length > MAX_SYNC_ITEMS) {
    errors.add(["memberships"], `A batch holds at most ${MAX_SYNC_ITEMS} memberships; got ${items.length}.`);
    return null;
  }
  if (!checkSource(source, ["source"], errors)) return null;
  const [orgs, cities] = await Promise.all([
    lookupOrganisations(
      session,
      items.flatMap((i) => [i.organisation, ...(i.via ? [i.via] : [])]),
    ),
    lookupCities(
      session,
      items.map((i) => i.member),
    ),
  ]);
  // (source, externalId) pairs live in the namespace of the membership's organisation: an item
  // finds only its own organisation's memberships by them, so no partner's ids block or reveal
  // another's.
  const keyOf = (namespace: number, externalId: string) => `${namespace}\n${externalId}`;
  const keyed = items.flatMap((i) => {
    const organisation = orgs.get(i.organisation);
    return i.externalId && organisation ? [{ namespace: organisation.id, externalId: i.externalId }] : [];
  });
  const existingByExternalId = new Map<string, MembershipRow>();
  if (source && keyed.length > 0) {
    const rows = await session.tx
      .select({ namespace: externalIds.namespace, value: externalIds.value, membership: memberships })
      .from(externalIds)
      .innerJoin(memberships, eq(memberships.id, externalIds.recordId))
      .where(
        and(
          eq(externalIds.recordType, "MEMBERSHIP"),
          inArray(externalIds.namespace, [...new Set(keyed.map((k) => k.namespace))]),
          eq(externalIds.scheme, source),
          inArray(externalIds.value, [...new Set(keyed.map((k) => k.externalId))]),
        ),
      );
    for (const r of rows) existingByExternalId.set(keyOf(r.namespace, r.value), r.membership);
  }
  const byPublicId = new Map<string, MembershipRow>();
  const publicIds = items.flatMap((i) => (i.publicId ? [i.publicId] : []));
  if (publicIds.length > 0) {
    for (const row of await session.tx.select().from(memberships).where(inArray(memberships.publicId, publicIds)))
      byPublicId.set(row.publicId, row);
  }

  const seen = new Set<string>();
  const plans: {
    item: MembershipWrite;
    at: Path;
    existing: MembershipRow | null;
    values: Record<string, unknown>;
  }[] = [];
  items.forEach((item, i) => {
    const at = path(i);
    const externalKey = checkExternalKey(source, item.externalId, at, errors);
    if (externalKey) {
      const key = keyOf(orgs.get(item.organisation)?.id ?? 0, externalKey.externalId);
      if (seen.has(key))
        errors.add([...at, "externalId"], `externalId "${item.externalId}" appears twice in this batch.`, UserErrorCode.CONFLICT);
      seen.add(key);
    }
    const organisation = checkRef(orgs, item.organisation, [...at, "organisation"], errors, "organisation");
    const member = checkRef(cities, item.member, [...at, "member"], errors, "city");
    const via = checkRef(orgs, item.via, [...at, "via"], errors, "organisation");
    if (via && organisation && via.id === organisation.id)
      errors.add([...at, "via"], "A membership cannot be held through the organisation itself.");
    checkDate(item.startDate, [...at, "startDate"], errors);
    checkDate(item.endDate, [...at, "endDate"], errors);
    if (item.startPrecision && !item.startDate) errors.add([...at, "startPrecision"], "startPrecision needs a startDate.");
    if (item.endPrecision && !item.endDate) errors.add([...at, "endPrecision"], "endPrecision needs an endDate.");
    if (item.categoryLabel && item.categoryLabel.length > 100)
      errors.add([...at, "categoryLabel"], "categoryLabel may be at most 100 characters.");

    const existing =
      (item.externalId && organisation ? existingByExternalId.get(keyOf(organisation.id, item.externalId)) : null) ??
      (item.publicId ? byPublicId.get(item.publicId) : null) ??
      null;
    // Compare the dates the record will have: a new end may contradict a start already stored.
    const startDate = item.startDate === undefined ? (existing?.startDate ?? null) : item.startDate;
    const endDate = item.endDate === undefined ? (existing?.endDate ?? null) : item.endDate;
    if (startDate && endDate && endDate < startDate)
      errors.add([...at, "endDate"], `endDate ${endDate} is before startDate ${startDate}.`);
    if (item.publicId && !existing) errors.add([...at, "publicId"], "No membership has this ID.", UserErrorCode.NOT_FOUND);
    checkVersion("membership", existing, item.expectedVersion, [...at, "expectedVersion"], errors);
    checkPartnerReach(session, i, organisation, via, existing);
    plans.push({
      item,
      at,
      existing,
      values: {
        memberCityId: member?.id,
        organisationId: organisation?.id,
        viaOrganisationId: item.via === undefined ? undefined : (via?.id ?? null),
        status: item.status,
        role: item.role ?? (existing ? undefined : "MEMBER"),
        category: item.category ?? (existing ? undefined : "OTHER"),
        categoryLabel: item.categoryLabel,
        startDate: item.startDate,
        startPrecision: precisionFor(item.startDate, item.startPrecision, existing?.startDate, existing?.startPrecision),
        ...jalaliColumns("start", item.startDate),
        endDate: item.endDate,
        endPrecision: precisionFor(item.endDate, item.endPrecision, existing?.endDate, existing?.endPrecision),
        provenance: item.provenance ?? (existing ? undefined : "SOURCED"),
      },
    });
  });
  if (errors.any) return null;
  const moves = plans.filter(
    (p) => p.existing && p.values.organisationId !== undefined && p.values.organisationId !== p.existing.organisationId,
  );
  for (const move of moves)
    await checkNamespaceMove(session, move.existing as MembershipRow, move.values.organisationId as number, move.at, errors);
  if (errors.any) return null;

  const results: MembershipWriteResult[] = [];
  for (const { item, existing, values } of plans) {
    const { row, outcome } = await saveRecord(session, MEMBERSHIPS, existing, values);
    if (outcome === "INSERTED") {
      if (source && item.externalId)
        await linkExternalKey(session, "MEMBERSHIP", row.id, { source, externalId: item.externalId }, row.organisationId);
      await citeWriteSource(session, "MEMBERSHIP", row.id, writeOrigin(session, source));
    } else if (existing && row.organisationId !== existing.organisationId) {
      // Moved to another organisation (by an EDITOR): its ids move into that organisation's namespace.
      await session.tx
        .update(externalIds)
        .set({ namespace: row.organisationId })
        .where(and(eq(externalIds.recordType, "MEMBERSHIP"), eq(externalIds.recordId, row.id)));
    }
    results.push({ externalId: item.externalId ?? null, outcome, membership: row });
  }
  return results;
}

/** A membership moving to another organisation takes its ids along: none may be taken there already. */
async function checkNamespaceMove(
  session: WriteSession,
  existing: MembershipRow,
  organisationId: number,
  at: Path,
  errors: UserErrorList,
): Promise<void> {
  const own = await session.tx
    .select({ scheme: externalIds.scheme, value: externalIds.value })
    .from(externalIds)
    .where(and(eq(externalIds.recordType, "MEMBERSHIP"), eq(externalIds.recordId, existing.id)));
  for (const id of own) {
    const [taken] = await session.tx
      .select({ id: externalIds.id })
      .from(externalIds)
      .where(and(eq(externalIds.namespace, organisationId), eq(externalIds.scheme, id.scheme), eq(externalIds.value, id.value)));
    if (taken)
      errors.add(
        [...at, "organisation"],
        `The organisation already has a membership with externalId "${id.value}" of source "${id.scheme}".`,
        UserErrorCode.CONFLICT,
      );
  }
}

/**
 * A PARTNER key speaks for its own organisation only: every item must be (or stay) a membership of
 * that organisation, and `via` may keep what the membership has or name the key's own organisation,
 * never another. Anything else refuses the whole write.
 */
function checkPartnerReach(
  session: WriteSession,
  i: number,
  organisation: { id: number } | undefined,
  via: { id: number } | undefined,
  existing: MembershipRow | null,
): void {
  const partnerOrg = session.actor.role === "PARTNER" ? session.actor.organisationId : null;
  if (partnerOrg === null) return;
  if ((organisation && organisation.id !== partnerOrg) || (existing && existing.organisationId !== partnerOrg)) {
    throw new WriteForbiddenError(
      `This key writes memberships of its own organisation only; item ${i} is a membership of another organisation.`,
    );
  }
  if (via && via.id !== partnerOrg && via.id !== existing?.viaOrganisationId) {
    throw new WriteForbiddenError(
      `This key may set via only to its own organisation; item ${i} names another organisation there.`,
    );
  }
}

/** Deletes a membership and what hangs on it; the change feed keeps a tombstone. */
export async function deleteMembership(
  session: WriteSession,
  publicId: string,
  expectedVersion: number | null | undefined,
  errors: UserErrorList,
): Promise<MembershipRow | null> {
  const existing = await findByPublicId<MembershipRow>(session, MEMBERSHIPS, publicId, ["publicId"], errors);
  if (!existing) return null;
  if (session.actor.role === "PARTNER" && existing.organisationId !== session.actor.organisationId) {
    throw new WriteForbiddenError("This key deletes memberships of its own organisation only.");
  }
  checkVersion("membership", existing, expectedVersion, ["expectedVersion"], errors);
  if (errors.any) return null;
  await session.tx.update(attendances).set({ membershipId: null }).where(eq(attendances.membershipId, existing.id));
  await session.tx
    .delete(externalIds)
    .where(and(eq(externalIds.recordType, "MEMBERSHIP"), eq(externalIds.recordId, existing.id)));
  await session.tx
    .delete(recordSources)
    .where(and(eq(recordSources.recordType, "MEMBERSHIP"), eq(recordSources.recordId, existing.id)));
  await deleteRecord(session, MEMBERSHIPS, existing);
  return existing;
}
