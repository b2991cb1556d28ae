/**
 * The foreign-trips committee workflow, one function per step:
 *
 *   requestTrip   → REQUESTED
 *   decideTrip    REQUESTED → APPROVED | REJECTED
 *   completeTrip  APPROVED  → COMPLETED
 *   cancelTrip    APPROVED  → CANCELLED   (approved but never carried out)
 *
 * REJECTED, COMPLETED and CANCELLED are final. Every step checks its whole input first and
 * returns null with `errors` filled when anything is wrong: then nothing has been written.
 * Otherwise it writes in the session's transaction (the trip row through `saveRecord`, so the
 * version is bumped and the change feed gets a TRIP change), cites the writer's data entry as a
 * source and keeps the search index in step.
 */
import { eq, inArray, like } from "drizzle-orm";
import type { DecisionOutcome, DelegateRole, Funding, Provenance, TripPurpose, TripStatus } from "../../../db/enums.js";
import { events, tripDelegates, tripEvents, tripLegs, tripOrganisations, trips } from "../../../db/schema.js";
import { UserErrorCode } from "../../lib/errorCodes.js";
import { SUPPORTED_JALALI_YEARS, toJalali } from "../../lib/jalali.js";
import type { EntityRef } from "../conditions.js";
import type { EventRow, TripRow } from "../rows.js";
import { indexForSearch } from "../search.js";
import { checkDate, checkMoney, checkRef, checkText, type MoneyWrite, type Path } from "./checks.js";
import { lookupCities, lookupOrganisations } from "./refs.js";
import { checkVersion, findByPublicId, jalaliColumns, saveRecord, type RecordTable } from "./upsert.js";
import type { UserErrorList } from "./userErrors.js";
import { citeWriteSource, writeOrigin } from "./writeSource.js";
import type { WriteSession } from "./writeSession.js";

const TRIPS: RecordTable = { table: trips, recordType: "TRIP", changeType: "TRIP", label: "trip" };

export const TRIP_LIMITS = {
  title: 300,
  requestingUnit: 200,
  reason: 1000,
  code: 50,
  delegates: 100,
  destinations: 20,
  /** Delegate position, unit and names, in either language. */
  delegateText: 200,
} as const;

export type TripStep = "requestTrip" | "decideTrip" | "completeTrip" | "cancelTrip";

/** The statuses each step starts from. */
export const STEP_FROM: Record<Exclude<TripStep, "requestTrip">, readonly TripStatus[]> = {
  decideTrip: ["REQUESTED"],
  completeTrip: ["APPROVED"],
  cancelTrip: ["APPROVED"],
};

/** The steps allowed from each status; REJECTED, COMPLETED and CANCELLED are final. */
export const STEPS_FROM: Record<TripStatus, readonly TripStep[]> = {
  REQUESTED: ["decideTrip"],
  APPROVED: ["completeTrip", "cancelTrip"],
  REJECTED: [],
  COMPLETED: [],
  CANCELLED: [],
};

export interface DelegateWrite {
  /** Only for public officials (`publicOfficial: true`): nobody else is named. */
  nameFa?: string | null;
  nameEn?: string | null;
  publicOfficial?: boolean | null;
  /** The delegate's post, as given (Persian preferred), and its English. */
  position: string;
  positionEn?: string | null;
  unit?: string | null;
  unitEn?: string | null;
  role: DelegateRole;
}

export type { MoneyWrite };

export interface TripRequestWrite {
  /** The committee's file number; generated ("CFT-<Jalali year>-<0001>") when absent. */
  code?: string | null;
  titleFa?: string | null;
  titleEn?: string | null;
  purpose: TripPurpose;
  /** The requesting city (the caller passes the home city when the client gave none). */
  city: EntityRef;
  requestingUnit: string;
  /** The requesting unit in English. */
  requestingUnitEn?: string | null;
  /** Default: today (UTC). */
  requestedOn?: string | null;
  startDate: string;
  endDate?: string | null;
  /** In the order visited. */
  destinations: readonly EntityRef[];
  delegates: readonly DelegateWrite[];
  headedByMayor?: boolean | null;
  /** Events by public id. */
  events?: readonly string[] | null;
  organisations?: readonly EntityRef[] | null;
  invitedBy?: EntityRef | null;
  funding?: Funding | null;
  cost?: MoneyWrite | null;
  provenance?: Provenance | null;
}

interface ExistingTripWrite {
  /** The trip's public id. */
  publicId: string;
  expectedVersion?: number | null;
}

export interface TripDecisionWrite extends ExistingTripWrite {
  outcome: DecisionOutcome;
  decidedOn: string;
  /** A REJECTED decision needs a reason in at least one language. */
  reason?: string | null;
  /** The reason in English. */
  reasonEn?: string | null;
}

export interface TripCompletionWrite extends ExistingTripWrite {
  /** The actual dates, when they differ from the planned ones. */
  startDate?: string | null;
  endDate?: string | null;
  reportSubmittedOn?: string | null;
  /** Replaces the delegation as it actually travelled. */
  delegates?: readonly DelegateWrite[] | null;
}

export interface TripCancellationWrite extends ExistingTripWrite {
  /** Kept in the audit log only: the trip keeps the committee's decision and its reason. */
  reason?: string | null;
}

// ---- checks ----

function checkDelegates(list: readonly DelegateWrite[], at: Path, errors: UserErrorList): DelegateWrite[] {
  if (list.length < 1 || list.length > TRIP_LIMITS.delegates) {
    errors.add(at, `A delegation has 1 to ${TRIP_LIMITS.delegates} delegates; got ${list.length}.`);
  }
  return list.map((d, i) => {
    const here = [...at, i];
    const named = Boolean(d.nameFa?.trim() || d.nameEn?.trim());
    if (named && d.publicOfficial !== true) {
      errors.add(
        [...here, d.nameFa?.trim() ? "nameFa" : "nameEn"],
        "Only public officials are named: set publicOfficial to true, or describe the delegate by position alone.",
      );
    }
    return {
      nameFa: checkText(d.nameFa, [...here, "nameFa"], errors, TRIP_LIMITS.delegateText) ?? null,
      nameEn: checkText(d.nameEn, [...here, "nameEn"], errors, TRIP_LIMITS.delegateText) ?? null,
      publicOfficial: d.publicOfficial ?? false,
      position: checkText(d.position, [...here, "position"], errors, TRIP_LIMITS.delegateText, 1) ?? "",
      positionEn: checkText(d.positionEn, [...here, "positionEn"], errors, TRIP_LIMITS.delegateText) ?? null,
      unit: checkText(d.unit, [...here, "unit"], errors, TRIP_LIMITS.delegateText) ?? null,
      unitEn: checkText(d.unitEn, [...here, "unitEn"], errors, TRIP_LIMITS.delegateText) ?? null,
      role: d.role,
    };
  });
}

/** The trip a step applies to, checked against the step's starting statuses and the expected version. */
async function tripForStep(
  session: WriteSession,
  step: Exclude<TripStep, "requestTrip">,
  input: ExistingTripWrite,
  errors: UserErrorList,
): Promise<TripRow | null> {
  const trip = await findByPublicId<TripRow>(session, TRIPS, input.publicId, ["publicId"], errors);
  if (!trip) return null;
  checkVersion("trip", trip, input.expectedVersion, ["expectedVersion"], errors);
  if (!STEP_FROM[step].includes(trip.status)) {
    const allowed = STEPS_FROM[trip.status];
    const next =
      allowed.length === 0
        ? `${trip.status} is final: no further step is allowed`
        : `the allowed step${allowed.length > 1 ? "s are" : " is"} ${allowed.join(" or ")}`;
    errors.add(
      ["publicId"],
      `${step} applies to ${STEP_FROM[step].join(" or ")} trips; this trip is ${trip.status}, and ${next}.`,
      UserErrorCode.CONFLICT,
    );
  }
  return trip;
}

// ---- writing ----

async function replaceDelegates(session: WriteSession, tripId: number, delegates: readonly DelegateWrite[]): Promise<void> {
  await session.tx.delete(tripDelegates).where(eq(tripDelegates.tripId, tripId));
  if (delegates.length === 0) return;
  await session.tx.insert(tripDelegates).values(
    delegates.map((d, position) => ({
      tripId,
      position,
      // Names are stored only for public officials.
      nameFa: d.publicOfficial ? (d.nameFa ?? null) : null,
      nameEn: d.publicOfficial ? (d.nameEn ?? null) : null,
      title: d.position,
      titleEn: d.positionEn ?? null,
      unit: d.unit ?? null,
      unitEn: d.unitEn ?? null,
      role: d.role,
    })),
  );
}

/** Cites the writer's data entry, and keeps the trip's search entry in step with the row. */
async function finish(session: WriteSession, trip: TripRow): Promise<void> {
  await citeWriteSource(session, "TRIP", trip.id, writeOrigin(session, null));
  await indexForSearch(session.tx, [
    {
      type: "TRIP",
      id: trip.id,
      keys: [trip.code],
      names: [trip.titleFa, trip.titleEn],
      body: [trip.requestingUnit, trip.requestingUnitEn],
    },
  ]);
}

/** The committee's file numbers: "CFT-<Jalali year>-<number of that year>", at most six digits. */
const TRIP_CODE = /^CFT-(\d{4})-(\d{1,6})$/;
const MAX_TRIP_NUMBER = 999_999;

/** Why a given trip code is not a committee file number, or null when it is one. */
function tripCodeProblem(code: string): string | null {
  const match = TRIP_CODE.exec(code);
  const year = match ? Number(match[1]) : 0;
  if (!match || year < SUPPORTED_JALALI_YEARS.min || year > SUPPORTED_JALALI_YEARS.max)
    return `code must be a committee file number CFT-<Jalali year>-<1 to 6 digits>, e.g. "CFT-1403-0012"; got "${code}".`;
  return null;
}

/**
 * "CFT-<Jalali year>-<next number of that year>" (four digits at least; the lowest free one once
 * 999999 is taken), or null when all of the year's numbers are used. Only well-formed numbers count, so no stored code (one of the seed's, or one
 * written before codes were checked) can push the numbering past six digits.
 */
async function nextTripCode(session: WriteSession, jalaliYear: number): Promise<string | null> {
  const prefix = `CFT-${jalaliYear}-`;
  const rows = await session.tx
    .select({ code: trips.code })
    .from(trips)
    .where(like(trips.code, `${prefix}%`));
  const used = new Set<number>();
  for (const r of rows) {
    const match = TRIP_CODE.exec(r.code ?? "");
    if (match && Number(match[1]) === jalaliYear) used.add(Number(match[2]));
  }
  let highest = 0;
  for (const n of used) if (n > highest) highest = n;
  let next = highest + 1;
  // A file numbered 999999 by hand does not end the year's numbering: the lowest free number follows.
  if (next > MAX_TRIP_NUMBER) for (next = 1; used.has(next); next++);
  if (next > MAX_TRIP_NUMBER) return null;
  return `${prefix}${String(next).padStart(4, "0")}`;
}

// ---- the steps ----

/** A new request to the committee: a REQUESTED trip with its legs, delegates, events and organisations. */
export async function requestTrip(
  session: WriteSession,
  input: TripRequestWrite,
  errors: UserErrorList,
): Promise<TripRow | null> {
  const at = (...rest: Path): Path => rest;

  const titleFa = checkText(input.titleFa, at("titleFa"), errors, TRIP_LIMITS.title);
  const titleEn = checkText(input.titleEn, at("titleEn"), errors, TRIP_LIMITS.title);
  if (!titleFa && !titleEn) errors.add(at("titleFa"), "A trip needs a title: give titleFa, titleEn or both.");
  const requestingUnit = checkText(input.requestingUnit, at("requestingUnit"), errors, TRIP_LIMITS.requestingUnit, 1);
  const requestingUnitEn = checkText(input.requestingUnitEn, at("requestingUnitEn"), errors, TRIP_LIMITS.requestingUnit);

  const requestedOn = input.requestedOn ?? session.at.slice(0, 10);
  const requestedValid = checkDate(requestedOn, at("requestedOn"), errors);
  const startValid = checkDate(input.startDate, at("startDate"), errors);
  if (!input.startDate) errors.add(at("startDate"), "startDate is required.");
  const endValid = checkDate(input.endDate, at("endDate"), errors);
  if (startValid && endValid && (input.endDate as string) < input.startDate)
    errors.add(at("endDate"), `endDate ${input.endDate} is before startDate ${input.startDate}.`);

  let code: string | null = null;
  if (input.code !== undefined && input.code !== null) {
    code = checkText(input.code, at("code"), errors, TRIP_LIMITS.code, 1) ?? null;
    const problem = code ? tripCodeProblem(code) : null;
    if (problem) {
      errors.add(at("code"), problem);
      code = null;
    }
    if (code) {
      const [taken] = await session.tx.select({ id: trips.id }).from(trips).where(eq(trips.code, code));
      if (taken) errors.add(at("code"), `Another trip already has the code "${code}".`, UserErrorCode.CONFLICT);
    }
  }

  if (input.destinations.length < 1 || input.destinations.length > TRIP_LIMITS.destinations) {
    errors.add(at("destinations"), `A trip has 1 to ${TRIP_LIMITS.destinations} destinations; got ${input.destinations.length}.`);
  }
  const delegates = checkDelegates(input.delegates, at("delegates"), errors);

  const orgRefs = input.organisations ?? [];
  const [cities, orgs, eventRows] = await Promise.all([
    lookupCities(session, [input.city, ...input.destinations]),
    lookupOrganisations(session, [...orgRefs, ...(input.invitedBy ? [input.invitedBy] : [])]),
    input.events && input.events.length > 0
      ? session.tx
          .select()
          .from(events)
          .where(inArray(events.publicId, [...input.events]))
      : Promise.resolve([] as EventRow[]),
  ]);
  const city = checkRef(cities, input.city, at("city"), errors, "city");
  const legCityIds = input.destinations.map((ref, i) => {
    const destination = checkRef(cities, ref, at("destinations", i), errors, "city");
    if (destination && city && destination.id === city.id)
      errors.add(at("destinations", i), "A trip's destination cannot be the requesting city itself.");
    return destination?.id ?? 0;
  });
  const eventsById = new Map(eventRows.map((e) => [e.publicId, e]));
  const eventIds = new Set<number>();
  (input.events ?? []).forEach((publicId, i) => {
    const event = eventsById.get(publicId);
    if (!event) errors.add(at("events", i), "No event has this ID.", UserErrorCode.NOT_FOUND);
    else eventIds.add(event.id);
  });
  const organisationIds = new Set<number>();
  orgRefs.forEach((ref, i) => {
    const organisation = checkRef(orgs, ref, at("organisations", i), errors, "organisation");
    if (organisation) organisationIds.add(organisation.id);
  });
  const invitedBy = checkRef(orgs, input.invitedBy, at("invitedBy"), errors, "organisation");
  const cost = input.cost ? checkMoney(input.cost, at("cost"), errors) : null;

  if (errors.any || !city || !requestedValid) return null;

  code ??= await nextTripCode(session, toJalali(requestedOn).year);
  if (!code) {
    errors.add(
      at("code"),
      `The file numbers of Jalali year ${toJalali(requestedOn).year} are used up (CFT-${toJalali(requestedOn).year}-${MAX_TRIP_NUMBER}); give a code.`,
      UserErrorCode.CONFLICT,
    );
    return null;
  }
  const { row: trip } = await saveRecord<TripRow>(session, TRIPS, null, {
    code,
    titleFa: titleFa ?? null,
    titleEn: titleEn ?? null,
    purpose: input.purpose,
    status: "REQUESTED",
    cityId: city.id,
    requestingUnit,
    requestingUnitEn: requestingUnitEn ?? null,
    requestedOn,
    startDate: input.startDate,
    ...jalaliColumns("start", input.startDate),
    endDate: input.endDate ?? null,
    delegationSize: delegates.length,
    headedByMayor: input.headedByMayor ?? false,
    invitedById: invitedBy?.id ?? null,
    funding: input.funding ?? null,
    costMinor: cost?.minor ?? null,
    costCurrency: cost?.currency ?? null,
    provenance: input.provenance ?? "SOURCED",
  });
  await session.tx.insert(tripLegs).values(legCityIds.map((cityId, position) => ({ tripId: trip.id, position, cityId })));
  await replaceDelegates(session, trip.id, delegates);
  if (eventIds.size > 0)
    await session.tx.insert(tripEvents).values([...eventIds].map((eventId) => ({ tripId: trip.id, eventId })));
  if (organisationIds.size > 0)
    await session.tx
      .insert(tripOrganisations)
      .values([...organisationIds].map((organisationId) => ({ tripId: trip.id, organisationId })));
  await finish(session, trip);
  return trip;
}

/** What a step on an existing trip writes, once its input has been checked. */
interface StepPlan {
  values: Record<string, unknown>;
  /** Replaces the delegation. */
  delegates?: DelegateWrite[] | null;
}

/**
 * A step on an existing trip: the trip found and its status and version checked, the step's own
 * input checked by `plan` (which adds its errors), then the trip saved, cited and re-indexed.
 */
async function runStep(
  session: WriteSession,
  step: Exclude<TripStep, "requestTrip">,
  input: ExistingTripWrite,
  errors: UserErrorList,
  plan: (existing: TripRow) => StepPlan,
): Promise<TripRow | null> {
  const existing = await tripForStep(session, step, input, errors);
  if (!existing) return null;
  const { values, delegates } = plan(existing);
  if (errors.any) return null;
  const { row } = await saveRecord<TripRow>(session, TRIPS, existing, values);
  if (delegates) await replaceDelegates(session, row.id, delegates);
  await finish(session, row);
  return row;
}

/** The committee's decision on a REQUESTED trip: APPROVED, or REJECTED with a reason. */
export function decideTrip(session: WriteSession, input: TripDecisionWrite, errors: UserErrorList): Promise<TripRow | null> {
  return runStep(session, "decideTrip", input, errors, (existing) => {
    const reason = checkText(input.reason, ["reason"], errors, TRIP_LIMITS.reason);
    const reasonEn = checkText(input.reasonEn, ["reasonEn"], errors, TRIP_LIMITS.reason);
    if (input.outcome === "REJECTED" && !reason && !reasonEn)
      errors.add(["reason"], "A rejection needs the committee's reason (reason, reasonEn or both).");
    if (checkDate(input.decidedOn, ["decidedOn"], errors) && existing.requestedOn && input.decidedOn < existing.requestedOn)
      errors.add(["decidedOn"], `decidedOn ${input.decidedOn} is before the request (requestedOn ${existing.requestedOn}).`);
    return {
      values: {
        status: input.outcome,
        decisionOutcome: input.outcome,
        decidedOn: input.decidedOn,
        decisionReason: reason ?? null,
        decisionReasonEn: reasonEn ?? null,
      },
    };
  });
}

/** An APPROVED trip was carried out: COMPLETED, with the actual dates, report date and delegation. */
export function completeTrip(session: WriteSession, input: TripCompletionWrite, errors: UserErrorList): Promise<TripRow | null> {
  return runStep(session, "completeTrip", input, errors, (existing) => {
    const startGiven = checkDate(input.startDate, ["startDate"], errors);
    const endGiven = checkDate(input.endDate, ["endDate"], errors);
    const reportGiven = checkDate(input.reportSubmittedOn, ["reportSubmittedOn"], errors);
    const startDate = startGiven ? (input.startDate as string) : existing.startDate;
    const endDate = endGiven ? (input.endDate as string) : existing.endDate;
    if (endDate && endDate < startDate) {
      errors.add(
        [endGiven ? "endDate" : "startDate"],
        endGiven
          ? `endDate ${endDate} is before startDate ${startDate}.`
          : `startDate ${startDate} is after the trip's endDate ${endDate}.`,
      );
    }
    if (reportGiven && (input.reportSubmittedOn as string) < startDate)
      errors.add(
        ["reportSubmittedOn"],
        `reportSubmittedOn ${input.reportSubmittedOn} is before the trip started (${startDate}).`,
      );
    const delegates = input.delegates ? checkDelegates(input.delegates, ["delegates"], errors) : null;
    return {
      values: {
        status: "COMPLETED",
        startDate,
        ...jalaliColumns("start", startDate),
        endDate,
        reportSubmittedOn: reportGiven ? input.reportSubmittedOn : undefined,
        delegationSize: delegates ? delegates.length : undefined,
      },
      delegates,
    };
  });
}

/** An APPROVED trip that will not be carried out: CANCELLED. The committee's decision stays as it was. */
export function cancelTrip(session: WriteSession, input: TripCancellationWrite, errors: UserErrorList): Promise<TripRow | null> {
  return runStep(session, "cancelTrip", input, errors, () => {
    checkText(input.reason, ["reason"], errors, TRIP_LIMITS.reason);
    return { values: { status: "CANCELLED" } };
  });
}
