/**
 * Writing events and attendances. Events are upserted, keyed by (source system, external id), else
 * by public id, else created (an event has no natural key). Attendances are recorded: one per city,
 * event and mode. Every input is checked before anything is written.
 */
import { and, eq } from "drizzle-orm";
import {
  ATTENDANCE_MODES,
  EVENT_KINDS,
  EVENT_STATUSES,
  PARTICIPATION_MODES,
  PROVENANCES,
  type AttendanceMode,
  type EventKind,
  type EventStatus,
  type Provenance,
} from "../../../db/enums.js";
import { attendances, events, memberships, trips } from "../../../db/schema.js";
import { UserErrorCode } from "../../lib/errorCodes.js";
import type { EntityRef } from "../conditions.js";
import type { AttendanceRow, EventRow, MembershipRow, TripRow } from "../rows.js";
import { indexForSearch } from "../search.js";
import { checkDate, checkEnum, checkName, checkRef, MAX_NAME, type Path } from "./checks.js";
import { lookupCities, lookupOrganisations } from "./refs.js";
import {
  afterSave,
  findByPublicId,
  findUpsertTarget,
  jalaliColumns,
  saveRecord,
  type RecordTable,
  type UpsertKeys,
  type UpsertResult,
} from "./upsert.js";
import type { UserErrorList } from "./userErrors.js";
import { citeWriteSource, writeOrigin } from "./writeSource.js";
import type { WriteSession } from "./writeSession.js";

export interface EventWrite extends UpsertKeys {
  /** null clears a name, as long as the other language keeps one. */
  nameFa?: string | null;
  nameEn?: string | null;
  kind?: EventKind | null;
  format?: AttendanceMode | null;
  status?: EventStatus | null;
  /** null clears. */
  organiser?: EntityRef | null;
  /** null clears. */
  host?: EntityRef | null;
  startDate?: string | null;
  /** null clears. */
  endDate?: string | null;
  provenance?: Provenance | null;
}

/** A trip named by its public id or its committee file code. */
export type TripRef = { publicId: string } | { code: string };

export interface AttendanceWrite {
  city: EntityRef;
  /** Public id of the event. */
  event: string;
  /** IN_PERSON or ONLINE: how this city took part (HYBRID describes events, not participations). */
  mode: string;
  trip?: TripRef | null;
  /** Public id of the membership that brought the city to the event. */
  membership?: string | null;
  outcomes?: string[] | null;
  provenance?: Provenance | null;
}

const EVENTS: RecordTable = { table: events, recordType: "EVENT", changeType: "EVENT", label: "event" };
const ATTENDANCES: RecordTable = { table: attendances, recordType: "ATTENDANCE", changeType: "ATTENDANCE", label: "attendance" };
const TRIPS: RecordTable = { table: trips, recordType: "TRIP", label: "trip" };
const MEMBERSHIPS: RecordTable = { table: memberships, recordType: "MEMBERSHIP", label: "membership" };
/** A trip in these states went (or is going) ahead, so it can have taken the city to an event. */
const ATTENDING_TRIP_STATUSES = ["COMPLETED", "APPROVED"];
export const MAX_OUTCOMES = 20;

/**
 * Creates or updates one event in the session's transaction. Returns null, with `errors` filled,
 * when the input is invalid: then nothing has been written.
 */
export async function upsertEvent(
  session: WriteSession,
  item: EventWrite,
  errors: UserErrorList,
  at: Path = [],
): Promise<UpsertResult<EventRow> | null> {
  const [orgs, cities] = await Promise.all([
    lookupOrganisations(session, item.organiser ? [item.organiser] : []),
    lookupCities(session, item.host ? [item.host] : []),
  ]);
  const { existing, linkExternalId, creating } = await findUpsertTarget<EventRow>(session, EVENTS, item, errors, at);

  const nameFa = checkName(item.nameFa, [...at, "nameFa"], errors, { required: false, clearable: true, what: "nameFa" });
  const nameEn = checkName(item.nameEn, [...at, "nameEn"], errors, { required: false, clearable: true, what: "nameEn" });
  const nameGivenInvalid = (item.nameFa != null && nameFa === undefined) || (item.nameEn != null && nameEn === undefined);
  const finalFa = nameFa ?? existing?.nameFa ?? "";
  const finalEn = nameEn ?? existing?.nameEn ?? "";
  if (!nameGivenInvalid && (existing || creating) && finalFa === "" && finalEn === "") {
    const field = item.nameEn === null ? "nameEn" : item.nameFa === null ? "nameFa" : "nameEn";
    errors.add([...at, field], `An event needs a name in at least one language (nameFa or nameEn, 1 to ${MAX_NAME} characters).`);
  }

  checkEnum(item.kind, EVENT_KINDS, [...at, "kind"], errors);
  checkEnum(item.format, ATTENDANCE_MODES, [...at, "format"], errors);
  checkEnum(item.status, EVENT_STATUSES, [...at, "status"], errors);
  checkEnum(item.provenance, PROVENANCES, [...at, "provenance"], errors);
  if (creating && !item.kind) errors.add([...at, "kind"], "kind is required for a new event.");
  if (creating && !item.format) errors.add([...at, "format"], "format is required for a new event.");
  if (creating && !item.startDate) errors.add([...at, "startDate"], "startDate is required for a new event.");

  const start = checkDate(item.startDate, [...at, "startDate"], errors);
  const endValid = item.endDate ? checkDate(item.endDate, [...at, "endDate"], errors) !== null : true;
  const finalStart = item.startDate ?? existing?.startDate ?? null;
  const finalEnd = item.endDate === undefined ? (existing?.endDate ?? null) : item.endDate;
  if (endValid && (!item.startDate || start) && finalStart && finalEnd && finalEnd < finalStart) {
    errors.add(
      [...at, item.endDate === undefined ? "startDate" : "endDate"],
      `endDate ${finalEnd} is before startDate ${finalStart}.`,
    );
  }

  const organiser = checkRef(orgs, item.organiser, [...at, "organiser"], errors, "organisation");
  const host = checkRef(cities, item.host, [...at, "host"], errors, "city");
  if (errors.any) return null;

  const values: Record<string, unknown> = {
    nameFa: existing ? nameFa : finalFa,
    nameEn: existing ? nameEn : finalEn,
    kind: item.kind ?? undefined,
    format: item.format ?? undefined,
    status: item.status ?? (existing ? undefined : "SCHEDULED"),
    organiserId: item.organiser === undefined ? undefined : (organiser?.id ?? null),
    hostCityId: item.host === undefined ? undefined : (host?.id ?? null),
    startDate: item.startDate ?? undefined,
    ...jalaliColumns("start", item.startDate ?? undefined),
    endDate: item.endDate,
    provenance: item.provenance ?? (existing ? undefined : "SOURCED"),
  };
  const { row, outcome } = await saveRecord(session, EVENTS, existing, values);
  await afterSave(session, "EVENT", row, outcome, item, linkExternalId);
  if (outcome !== "UNCHANGED")
    await indexForSearch(session.tx, [{ type: "EVENT", id: row.id, keys: [], names: [row.nameFa, row.nameEn] }]);
  return { row, outcome };
}

/**
 * Records one city's participation in an event. Returns null, with `errors` filled, when the input
 * is invalid or the city already took part in the event this way: then nothing has been written.
 */
export async function recordAttendance(
  session: WriteSession,
  item: AttendanceWrite,
  errors: UserErrorList,
  at: Path = [],
): Promise<AttendanceRow | null> {
  const { tx } = session;
  const city = checkRef(await lookupCities(session, [item.city]), item.city, [...at, "city"], errors, "city");
  const event = await findByPublicId<EventRow>(session, EVENTS, item.event, [...at, "event"], errors);

  const modeValid = (PARTICIPATION_MODES as readonly string[]).includes(item.mode);
  if (!modeValid) {
    errors.add(
      [...at, "mode"],
      item.mode === "HYBRID"
        ? "mode is how this city took part: IN_PERSON or ONLINE. HYBRID describes how an event is held (its format)."
        : `mode must be IN_PERSON or ONLINE; got "${item.mode}".`,
    );
  }
  checkEnum(item.provenance, PROVENANCES, [...at, "provenance"], errors);

  let tripId: number | null = null;
  if (item.trip) {
    const ref = item.trip;
    let trip: TripRow | null;
    if ("publicId" in ref) trip = await findByPublicId<TripRow>(session, TRIPS, ref.publicId, [...at, "trip"], errors);
    else {
      [trip = null] = await tx.select().from(trips).where(eq(trips.code, ref.code));
      if (!trip) errors.add([...at, "trip"], `No trip has the code "${ref.code}".`, UserErrorCode.NOT_FOUND);
    }
    if (trip) {
      tripId = trip.id;
      if (!ATTENDING_TRIP_STATUSES.includes(trip.status)) {
        errors.add(
          [...at, "trip"],
          `The trip is ${trip.status}; only an APPROVED or COMPLETED trip can take a city to an event.`,
          UserErrorCode.CONFLICT,
        );
      }
      if (city && trip.cityId !== city.id)
        errors.add(
          [...at, "trip"],
          `The trip was made by another city's municipality, not ${city.nameEn}.`,
          UserErrorCode.CONFLICT,
        );
      if (item.mode === "ONLINE")
        errors.add([...at, "trip"], "An ONLINE attendance needs no trip; give the trip for an IN_PERSON one.");
    }
  }

  let membershipId: number | null = null;
  if (item.membership) {
    const membership = await findByPublicId<MembershipRow>(session, MEMBERSHIPS, item.membership, [...at, "membership"], errors);
    if (membership) {
      membershipId = membership.id;
      if (city && membership.memberCityId !== city.id)
        errors.add([...at, "membership"], `The membership is another city's, not ${city.nameEn}'s.`, UserErrorCode.CONFLICT);
    }
  }

  const outcomes: string[] = [];
  if (item.outcomes && item.outcomes.length > MAX_OUTCOMES)
    errors.add([...at, "outcomes"], `At most ${MAX_OUTCOMES} outcomes; got ${item.outcomes.length}.`);
  else {
    (item.outcomes ?? []).forEach((text, i) => {
      const trimmed = text.trim();
      if (trimmed.length < 1 || trimmed.length > MAX_NAME)
        errors.add([...at, "outcomes", i], `An outcome must be 1 to ${MAX_NAME} characters.`);
      else outcomes.push(trimmed);
    });
  }

  if (city && event && modeValid) {
    const [duplicate] = await tx
      .select({ id: attendances.id })
      .from(attendances)
      .where(
        and(
          eq(attendances.cityId, city.id),
          eq(attendances.eventId, event.id),
          eq(attendances.mode, item.mode as "IN_PERSON" | "ONLINE"),
        ),
      );
    if (duplicate)
      errors.add(
        [...at, "mode"],
        `${city.nameEn}'s ${item.mode} attendance of this event is already recorded.`,
        UserErrorCode.CONFLICT,
      );
  }
  if (errors.any || !city || !event) return null;

  const { row } = await saveRecord<AttendanceRow>(session, ATTENDANCES, null, {
    cityId: city.id,
    eventId: event.id,
    mode: item.mode,
    tripId,
    membershipId,
    outcomes,
    provenance: item.provenance ?? "SOURCED",
  });
  await citeWriteSource(session, "ATTENDANCE", row.id, writeOrigin(session, null));
  return row;
}
