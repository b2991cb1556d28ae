import { CitesInput, citesArg } from "../../graphql/cites.js";
import { Field, InputType } from "type-graphql";
import type { AttendanceMode, EventKind, EventStatus, ParticipationMode, Provenance } from "../../../db/enums.js";
import {
  ATTENDANCE_ORDER_FIELDS,
  EVENT_ORDER_FIELDS,
  type AttendanceOrderField,
  type EventCriteria,
  type EventOrderField,
} from "../../data/events.js";
import { AttendanceModeEnum, enumOf, EventKindEnum, EventStatusEnum, ProvenanceEnum } from "../../graphql/enums.js";
import { badUserInput } from "../../graphql/errors.js";
import { OrderInput } from "../../graphql/ordering.js";
import { PeriodInput, periodArg } from "../../graphql/period.js";
import type { FilterCheck } from "../../graphql/filterCheck.js";

@InputType({ description: "Narrows an event list; all given conditions must hold, a list matches any of its values." })
export class EventFilter {
  @Field(() => [EventKindEnum], { nullable: true }) kind?: EventKind[];
  @Field(() => [AttendanceModeEnum], { nullable: true, description: "How the event was held." }) format?: AttendanceMode[];
  @Field(() => [EventStatusEnum], { nullable: true }) status?: EventStatus[];
  @Field(() => [String], { nullable: true, description: "Organisers, by ID or slug." }) organisation?: string[];
  @Field(() => [String], { nullable: true, description: "Host cities, by ID or slug." }) host?: string[];
  @Field(() => [String], { nullable: true, description: "ISO codes of the host city's country." }) countries?: string[];
  @Field(() => PeriodInput, { nullable: true, description: "Events starting in this period." }) period?: PeriodInput;
  @Field(() => [String], { nullable: true, description: "Events these cities attended, by ID or slug." }) attendedBy?: string[];
  @Field(() => AttendanceModeEnum, {
    nullable: true,
    description: "With `attendedBy`: attended in this way (IN_PERSON or ONLINE).",
  })
  mode?: AttendanceMode;
  @Field(() => ProvenanceEnum, {
    nullable: true,
    description: "By the record's status: SOURCED, PARTLY_SOURCED or ILLUSTRATIVE (see Provenance).",
  })
  provenance?: Provenance;
  @Field(() => CitesInput, { nullable: true, description: "Records citing this source, or this fact of it." })
  cites?: CitesInput;
}

export const EventOrderFieldEnum = enumOf(
  EVENT_ORDER_FIELDS,
  "EventOrderField",
  "What events can be sorted by. NAME sorts by the English name.",
);
export const EventOrder = OrderInput<EventOrderField>(
  EventOrderFieldEnum,
  "EventOrder",
  "A sort key for events (default: START_DATE ASC).",
);

export const AttendanceOrderFieldEnum = enumOf(
  ATTENDANCE_ORDER_FIELDS,
  "AttendanceOrderField",
  "What an event's attendances can be sorted by: RECORDED (the order they were recorded in), MODE (IN_PERSON before ONLINE ascending), UPDATED_AT.",
);
export const AttendanceOrder = OrderInput<AttendanceOrderField>(
  AttendanceOrderFieldEnum,
  "AttendanceOrder",
  "A sort key for an event's attendances (default: RECORDED ASC).",
);

/** `mode` of one city's participation: IN_PERSON or ONLINE; HYBRID is how an event is held. */
export function participationMode(mode: AttendanceMode | null | undefined, argument: string): ParticipationMode | undefined {
  if (mode === undefined || mode === null) return undefined;
  if (mode === "HYBRID")
    throw badUserInput("`mode` is how one city took part: IN_PERSON or ONLINE. HYBRID describes an event's `format`.", argument);
  return mode;
}

export function eventCriteria(check: FilterCheck, filter: EventFilter | null | undefined, argument = "filter"): EventCriteria {
  if (!filter) return {};
  return {
    kind: filter.kind,
    format: filter.format,
    status: filter.status,
    organisers: check.refs(filter.organisation, "Organisation", `${argument}.organisation`),
    hosts: check.refs(filter.host, "City", `${argument}.host`),
    countries: check.countries(filter.countries, `${argument}.countries`),
    period: periodArg(filter.period, `${argument}.period`),
    attendedBy: check.refs(filter.attendedBy, "City", `${argument}.attendedBy`),
    attendanceMode: participationMode(filter.mode, `${argument}.mode`),
    provenance: filter.provenance,
    cites: citesArg(filter.cites, `${argument}.cites`),
  };
}
