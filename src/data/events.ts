/** Events (summits, assemblies, exhibitions) and how cities attended them. */
import { and, asc, sql } from "drizzle-orm";
import type { Db } from "../../db/connection.js";
import type { AttendanceMode, EventKind, EventStatus, ParticipationMode, Provenance } from "../../db/enums.js";
import { inKeyList, keyListParam } from "../../db/dialect/queries.js";
import { attendances, events } from "../../db/schema.js";
import type { ResolvedPeriod } from "../lib/period.js";
import { groupBy } from "../lib/collections.js";
import { cityIn, cityInCountries, equals, inList, inPeriod, organisationIn, type EntityRef } from "./conditions.js";
import { sortKeys, type OrderTerm, type SortableField } from "./ordering.js";
import type { ListSpec } from "./pagination.js";
import { prepared } from "./prepared.js";
import type { AttendanceRow, EventRow } from "./rows.js";
import { citing, type CitesCriteria } from "./sources.js";

export interface EventCriteria {
  kind?: readonly EventKind[] | null;
  format?: readonly AttendanceMode[] | null;
  status?: readonly EventStatus[] | null;
  organisers?: readonly EntityRef[] | null;
  hosts?: readonly EntityRef[] | null;
  /** ISO codes of the host city's country. */
  countries?: readonly string[] | null;
  /** By start date. */
  period?: ResolvedPeriod | null;
  /** Events one of these cities attended ... */
  attendedBy?: readonly EntityRef[] | null;
  /** ... in this mode (alone: events anyone attended in this mode). */
  attendanceMode?: ParticipationMode | null;
  provenance?: Provenance | null;
  /** Records citing this source (at this fact). */
  cites?: CitesCriteria | null;
}

export const EVENT_ORDER_FIELDS = ["START_DATE", "NAME"] as const;
export type EventOrderField = (typeof EVENT_ORDER_FIELDS)[number];

const sortable: Record<EventOrderField, SortableField<EventRow>> = {
  START_DATE: { sql: events.startDate, value: (r) => r.startDate },
  NAME: { sql: events.nameEn, value: (r) => r.nameEn },
};

export function eventWhere(c: EventCriteria) {
  const attendance =
    c.attendedBy?.length || c.attendanceMode
      ? sql`${events.id} in (select ${attendances.eventId} from ${attendances} where ${and(cityIn(attendances.cityId, c.attendedBy), equals(attendances.mode, c.attendanceMode)) ?? sql`1 = 1`})`
      : undefined;
  return and(
    inList(events.kind, c.kind),
    inList(events.format, c.format),
    inList(events.status, c.status),
    organisationIn(events.organiserId, c.organisers),
    cityIn(events.hostCityId, c.hosts),
    cityInCountries(events.hostCityId, c.countries),
    inPeriod({ date: events.startDate, jalaliYear: events.startJy, jalaliMonth: events.startJm }, c.period),
    attendance,
    equals(events.provenance, c.provenance),
    citing("EVENT", events.id, c.cites),
  );
}

export function eventList(criteria: EventCriteria, order?: readonly OrderTerm<EventOrderField>[] | null): ListSpec<EventRow> {
  return {
    table: events,
    where: eventWhere(criteria),
    order: sortKeys(sortable, order, [{ field: "START_DATE", direction: "ASC" }]),
  };
}

/** Attendances, in the order they were recorded; nested under their event (`attendances.eventId`). */
export const ATTENDANCE_ORDER_FIELDS = ["RECORDED", "MODE", "UPDATED_AT"] as const;
export type AttendanceOrderField = (typeof ATTENDANCE_ORDER_FIELDS)[number];

const attendanceSortable: Record<AttendanceOrderField, SortableField<AttendanceRow>> = {
  RECORDED: { sql: attendances.id, value: (r) => r.id },
  MODE: { sql: attendances.mode, value: (r) => r.mode },
  UPDATED_AT: { sql: attendances.updatedAt, value: (r) => r.updatedAt },
};

/** An event's attendances; without `order`, in the order they were recorded. */
export function attendanceList(
  c: { mode?: ParticipationMode | null },
  order?: readonly OrderTerm<AttendanceOrderField>[] | null,
): ListSpec<AttendanceRow> {
  return {
    table: attendances,
    where: equals(attendances.mode, c.mode),
    order: sortKeys(attendanceSortable, order, [{ field: "RECORDED", direction: "ASC" }]),
  };
}

export async function attendancesByEvent(db: Db, eventIds: readonly number[]): Promise<Map<number, AttendanceRow[]>> {
  const statement = prepared(db, "attendances_by_event", () =>
    db.select().from(attendances).where(inKeyList(attendances.eventId)).orderBy(asc(attendances.id)),
  );
  const rows = (await statement.rows({ keys: keyListParam(eventIds) })) as AttendanceRow[];
  return groupBy(
    rows,
    (r) => r.eventId,
    (r) => r,
  );
}
