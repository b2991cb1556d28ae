import { Arg, Ctx, Field, ID, InputType, Mutation, ObjectType, Resolver } from "type-graphql";
import type { AttendanceMode, EventKind, EventStatus, Provenance } from "../../../db/enums.js";
import type { AttendanceRow, EventRow } from "../../data/rows.js";
import {
  MAX_OUTCOMES,
  recordAttendance,
  upsertEvent,
  type AttendanceWrite,
  type EventWrite,
  type TripRef,
} from "../../data/writes/events.js";
import { MAX_NAME } from "../../data/writes/checks.js";
import type { UserErrorList } from "../../data/writes/userErrors.js";
import { auditedMutation, auditedUpsert } from "../../graphql/auditedMutation.js";
import type { Context } from "../../graphql/context.js";
import { AttendanceModeEnum, EventKindEnum, EventStatusEnum, ProvenanceEnum } from "../../graphql/enums.js";
import { fromGlobalId } from "../../graphql/globalId.js";
import { inputId, inputRef } from "../../graphql/mutationInput.js";
import { LocalDate } from "../../graphql/scalars.js";
import { upsertKeys, UpsertKeysInput } from "../../graphql/upsertInput.js";
import { MutationPayload, UpsertPayloadOf } from "../../graphql/userErrors.js";
import { Attendance, Event } from "./eventTypes.js";

@InputType({
  description:
    "One event, keyed by (`source`, `externalId`) when both are given, else by `id`; new when neither finds one (events have no natural key). Omitted fields keep their current values on update; a new event needs a name in at least one language, `kind`, `format` and `startDate`.",
})
export class UpsertEventInput extends UpsertKeysInput("event", "metropolis-events") {
  @Field(() => String, {
    nullable: true,
    description: `Persian name, 1 to ${MAX_NAME} characters; null clears it while the English name remains.`,
  })
  nameFa?: string | null;
  @Field(() => String, {
    nullable: true,
    description: `English name, 1 to ${MAX_NAME} characters; null clears it while the Persian name remains.`,
  })
  nameEn?: string | null;
  @Field(() => EventKindEnum, { nullable: true, description: "Required for a new event." }) kind?: EventKind | null;
  @Field(() => AttendanceModeEnum, { nullable: true, description: "How the event is held. Required for a new event." })
  format?: AttendanceMode | null;
  @Field(() => EventStatusEnum, { nullable: true, description: "Default SCHEDULED for a new event." })
  status?: EventStatus | null;
  @Field(() => String, { nullable: true, description: "The organising organisation, by slug or ID; null clears it." })
  organiser?: string | null;
  @Field(() => String, { nullable: true, description: "The host city, by slug or ID; null clears it." }) host?: string | null;
  @Field(() => LocalDate, {
    nullable: true,
    description: "Required for a new event; its Jalali year and month are stored beside it.",
  })
  startDate?: string | null;
  @Field(() => LocalDate, { nullable: true, description: "On or after startDate; null clears it." }) endDate?: string | null;
}

@InputType({ description: "One city's participation in one event. A city attends an event at most once in each mode." })
export class RecordAttendanceInput {
  @Field(() => String, { description: "The city that took part, by slug or ID." }) city!: string;
  @Field(() => ID, { description: "The event." }) event!: string;
  @Field(() => AttendanceModeEnum, {
    description: "How the city took part: IN_PERSON or ONLINE (HYBRID describes how an event is held, and is INVALID here).",
  })
  mode!: AttendanceMode;
  @Field(() => String, {
    nullable: true,
    description:
      "The trip that took the city's delegates there (IN_PERSON only), by ID or committee code: an APPROVED or COMPLETED trip of the same city.",
  })
  trip?: string | null;
  @Field(() => ID, {
    nullable: true,
    description: "The membership that brought the city to the event: one of this city's memberships.",
  })
  membership?: string | null;
  @Field(() => [String], {
    nullable: true,
    description: `What came of it: talks held, seats won, agreements (at most ${MAX_OUTCOMES}, each 1 to ${MAX_NAME} characters).`,
  })
  outcomes?: string[] | null;
  @Field(() => ProvenanceEnum, { nullable: true, description: "Default SOURCED (the writer's data entry is its source)." })
  provenance?: Provenance | null;
}

export const EventPayload = UpsertPayloadOf<"event", EventRow>(Event, "event");
export type EventPayload = InstanceType<typeof EventPayload>;

@ObjectType({ simpleResolvers: true, description: "What recordAttendance did." })
export class AttendancePayload extends MutationPayload {
  @Field(() => Attendance, { nullable: true, description: "The attendance recorded; null when there are userErrors." })
  attendance!: AttendanceRow | null;
}

function eventWrite(input: UpsertEventInput, errors: UserErrorList): EventWrite {
  const ref = (value: string | null | undefined, type: "Organisation" | "City", field: string) =>
    value === undefined ? undefined : value === null ? null : inputRef(value, type, [field], errors);
  return {
    ...upsertKeys(input, "Event", errors),
    nameFa: input.nameFa,
    nameEn: input.nameEn,
    kind: input.kind,
    format: input.format,
    status: input.status,
    organiser: ref(input.organiser, "Organisation", "organiser"),
    host: ref(input.host, "City", "host"),
    startDate: input.startDate,
    endDate: input.endDate,
    provenance: input.provenance,
  };
}

/** A trip by global ID or by committee code; the ID of another type is INVALID. */
function tripRef(value: string, errors: UserErrorList): TripRef | null {
  const decoded = fromGlobalId(value);
  if (!decoded) return { code: value };
  if (decoded.type !== "Trip") {
    errors.add(["trip"], `Expected a Trip ID or code; "${value}" is the ID of a ${decoded.type}.`);
    return null;
  }
  return { publicId: decoded.publicId };
}

function attendanceWrite(input: RecordAttendanceInput, errors: UserErrorList): AttendanceWrite {
  return {
    city: inputRef(input.city, "City", ["city"], errors),
    event: inputId(input.event, "Event", ["event"], errors) ?? "",
    mode: input.mode,
    trip: input.trip ? tripRef(input.trip, errors) : null,
    membership: input.membership ? inputId(input.membership, "Membership", ["membership"], errors) : null,
    outcomes: input.outcomes,
    provenance: input.provenance,
  };
}

@Resolver()
export class EventMutations {
  @Mutation(() => EventPayload, {
    description:
      "Creates or updates one event, keyed by (source, externalId), else id. An upsert that changes nothing is UNCHANGED: the version stays and no change enters the feed. Problems with the input come back as userErrors, and then nothing is written. Role: EDITOR.",
  })
  upsertEvent(@Ctx() ctx: Context, @Arg("input", () => UpsertEventInput) input: UpsertEventInput): Promise<EventPayload> {
    return auditedUpsert(ctx, "upsertEvent", input, "event", eventWrite, upsertEvent);
  }

  @Mutation(() => AttendancePayload, {
    description:
      "Records how a city took part in an event: IN_PERSON (usually on an APPROVED or COMPLETED trip of that city) or ONLINE. A second attendance of the same city at the same event in the same mode is a CONFLICT. The attendance enters the change feed as ATTENDANCE and counts in the footprint's eventsAttended. Role: EDITOR.",
  })
  recordAttendance(
    @Ctx() ctx: Context,
    @Arg("input", () => RecordAttendanceInput) input: RecordAttendanceInput,
  ): Promise<AttendancePayload> {
    return auditedMutation(
      ctx,
      { operation: "recordAttendance", roles: ["EDITOR"], input },
      async (session, errors) => {
        const write = attendanceWrite(input, errors);
        return errors.any ? null : recordAttendance(session, write, errors);
      },
      (attendance) => ({ attendance }),
    );
  }
}
