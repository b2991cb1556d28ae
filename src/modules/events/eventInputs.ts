import { CitesInput, citesArg } from "../../graphql/cites.js";
import { Field, InputType } from "type-graphql";
import type { AttendanceMode, EventKind, EventStatus, Provenance } from "../../../db/enums.js";
import { EVENT_ORDER_FIELDS, type EventCriteria, type EventOrderField } from "../../data/events.js";
import { AttendanceModeEnum, enumOf, EventKindEnum, EventStatusEnum, ProvenanceEnum } from "../../graphql/enums.js";
import { badUserInput } from "../../graphql/errors.js";
import { OrderInput } from "../../graphql/ordering.js";
import { PeriodInput, periodArg } from "../../graphql/period.js";
import { entityRefs } from "../../graphql/refs.js";

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

export function eventCriteria(filter: EventFilter | null | undefined, argument = "filter"): EventCriteria {
  if (!filter) return {};
  if (filter.mode === "HYBRID")
    throw badUserInput(
      "`mode` is how one city took part: IN_PERSON or ONLINE. HYBRID describes an event's `format`.",
      `${argument}.mode`,
    );
  return {
    kind: filter.kind,
    format: filter.format,
    status: filter.status,
    organisers: entityRefs(filter.organisation, "Organisation", `${argument}.organisation`),
    hosts: entityRefs(filter.host, "City", `${argument}.host`),
    countries: filter.countries,
    period: periodArg(filter.period, `${argument}.period`),
    attendedBy: entityRefs(filter.attendedBy, "City", `${argument}.attendedBy`),
    attendanceMode: filter.mode,
    provenance: filter.provenance,
    cites: citesArg(filter.cites, `${argument}.cites`),
  };
}
