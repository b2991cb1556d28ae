import { Arg, Ctx, Field, Float, ID, InputType, Mutation, ObjectType, Resolver } from "type-graphql";
import type { DecisionOutcome, DelegateRole, Funding, Provenance, TripPurpose } from "../../../db/enums.js";
import type { TripRow } from "../../data/rows.js";
import {
  cancelTrip,
  completeTrip,
  decideTrip,
  requestTrip,
  TRIP_LIMITS,
  type DelegateWrite,
  type TripStep,
} from "../../data/writes/trips.js";
import type { UserErrorList } from "../../data/writes/userErrors.js";
import type { WriteSession } from "../../data/writes/writeSession.js";
import { auditedMutation } from "../../graphql/auditedMutation.js";
import type { Context } from "../../graphql/context.js";
import { DecisionOutcomeEnum, DelegateRoleEnum, FundingEnum, ProvenanceEnum, TripPurposeEnum } from "../../graphql/enums.js";
import { inputId, inputRef } from "../../graphql/mutationInput.js";
import { LocalDate } from "../../graphql/scalars.js";
import { ExistingRecordInput } from "../../graphql/upsertInput.js";
import { MutationPayload } from "../../graphql/userErrors.js";
import { Trip } from "./tripTypes.js";

const WORKFLOW =
  "The committee workflow: requestTrip creates a REQUESTED trip; decideTrip moves it to APPROVED or REJECTED; an APPROVED trip then becomes COMPLETED (completeTrip) or CANCELLED (cancelTrip). REJECTED, COMPLETED and CANCELLED are final: any other step is a CONFLICT user error naming the trip's status and the steps allowed from it.";

@InputType({
  description:
    "One member of a delegation, in the order listed. Only public officials are named: a name without `publicOfficial: true` is INVALID.",
})
export class DelegateInput {
  @Field(() => String, { nullable: true, description: "Persian name; only with publicOfficial: true." }) nameFa?: string | null;
  @Field(() => String, { nullable: true, description: "English name; only with publicOfficial: true." }) nameEn?: string | null;
  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description: "True for a public official (e.g. the mayor), who may be named. Names of anyone else are never stored.",
  })
  publicOfficial?: boolean | null;
  @Field(() => String, {
    description: `The delegate's post (1 to ${TRIP_LIMITS.delegateText} characters), in Persian where there is one; read back as \`positionText.fa\`.`,
  })
  position!: string;
  @Field(() => String, {
    nullable: true,
    description: `The post in English (at most ${TRIP_LIMITS.delegateText} characters); read back as \`positionText.en\`.`,
  })
  positionEn?: string | null;
  @Field(() => String, {
    nullable: true,
    description: `The municipal unit the delegate belongs to (at most ${TRIP_LIMITS.delegateText} characters).`,
  })
  unit?: string | null;
  @Field(() => String, {
    nullable: true,
    description: `The unit in English (at most ${TRIP_LIMITS.delegateText} characters).`,
  })
  unitEn?: string | null;
  @Field(() => DelegateRoleEnum) role!: DelegateRole;
}

@InputType({
  description:
    "An amount of money in major units. Stored exactly as integer minor units, so the amount may have at most as many decimals as the currency (USD 2, IRR 0, KWD 3).",
})
export class MoneyInput {
  @Field(() => Float, { description: "At least 0, in major units (e.g. 6400.5 USD)." }) amount!: number;
  @Field(() => String, { description: 'ISO 4217 code in upper case, e.g. "USD", "EUR", "IRR".' }) currency!: string;
}

@InputType({
  description:
    "A new foreign-trip request to the committee. Every reference is checked and the whole request is refused (with user errors) if any part is wrong.",
})
export class RequestTripInput {
  @Field(() => String, {
    nullable: true,
    description:
      'The committee\'s file number, unique: "CFT-<Jalali year>-<1 to 6 digits>", anything else is an INVALID user error. Generated when absent: "CFT-<Jalali year of requestedOn>-<next number of that year, four digits at least>", e.g. "CFT-1403-0007".',
  })
  code?: string | null;
  @Field(() => String, {
    nullable: true,
    description: `Persian title, at most ${TRIP_LIMITS.title} characters. A trip needs titleFa, titleEn or both.`,
  })
  titleFa?: string | null;
  @Field(() => String, { nullable: true, description: `English title, at most ${TRIP_LIMITS.title} characters.` }) titleEn?:
    string | null;
  @Field(() => TripPurposeEnum) purpose!: TripPurpose;
  @Field(() => String, { nullable: true, description: "The requesting city, by slug or ID. Default: the server's home city." })
  city?: string | null;
  @Field(() => String, {
    description: `The municipal unit asking for the trip (1 to ${TRIP_LIMITS.requestingUnit} characters), in Persian where there is one; read back as \`requestingUnitText.fa\`.`,
  })
  requestingUnit!: string;
  @Field(() => String, {
    nullable: true,
    description: `The requesting unit in English (at most ${TRIP_LIMITS.requestingUnit} characters); read back as \`requestingUnitText.en\`.`,
  })
  requestingUnitEn?: string | null;
  @Field(() => LocalDate, { nullable: true, description: "When the request reached the committee. Default: today." })
  requestedOn?: string | null;
  @Field(() => LocalDate, { description: "Planned first day abroad." }) startDate!: string;
  @Field(() => LocalDate, { nullable: true, description: "Planned last day; not before startDate." }) endDate?: string | null;
  @Field(() => [String], {
    description: `Destination cities in the order they will be visited, by slug or ID (1 to ${TRIP_LIMITS.destinations}).`,
  })
  destinations!: string[];
  @Field(() => [DelegateInput], {
    description: `The delegation (1 to ${TRIP_LIMITS.delegates}); delegationSize is their number.`,
  })
  delegates!: DelegateInput[];
  @Field(() => Boolean, { nullable: true, defaultValue: false, description: "Headed by the mayor in person." }) headedByMayor?:
    boolean | null;
  @Field(() => [ID], { nullable: true, description: "Events the trip is made for, by ID." }) events?: string[] | null;
  @Field(() => [String], { nullable: true, description: "Organisations the trip is linked to, by slug or ID." }) organisations?:
    string[] | null;
  @Field(() => String, { nullable: true, description: "The organisation that sent the invitation, by slug or ID." }) invitedBy?:
    string | null;
  @Field(() => FundingEnum, { nullable: true }) funding?: Funding | null;
  @Field(() => MoneyInput, { nullable: true, description: "Estimated cost." }) cost?: MoneyInput | null;
  @Field(() => ProvenanceEnum, { nullable: true, description: "Default SOURCED (the writer's data entry is the source)." })
  provenance?: Provenance | null;
}

@InputType({ description: "The committee's decision on a REQUESTED trip." })
export class DecideTripInput extends ExistingRecordInput("trip") {
  @Field(() => DecisionOutcomeEnum, { description: "APPROVED or REJECTED; the trip's status becomes the same." })
  outcome!: DecisionOutcome;
  @Field(() => LocalDate, { description: "Not before the trip's requestedOn." }) decidedOn!: string;
  @Field(() => String, {
    nullable: true,
    description: `The committee's reason (at most ${TRIP_LIMITS.reason} characters), in Persian where there is one; REJECTED needs \`reason\`, \`reasonEn\` or both.`,
  })
  reason?: string | null;
  @Field(() => String, {
    nullable: true,
    description: `The reason in English (at most ${TRIP_LIMITS.reason} characters); read back as \`decision.reasonText.en\`.`,
  })
  reasonEn?: string | null;
}

@InputType({ description: "An APPROVED trip that was carried out. Omitted fields keep their current values." })
export class CompleteTripInput extends ExistingRecordInput("trip") {
  @Field(() => LocalDate, { nullable: true, description: "The actual first day abroad, when it differs from the planned one." })
  startDate?: string | null;
  @Field(() => LocalDate, { nullable: true, description: "The actual last day; not before startDate." }) endDate?: string | null;
  @Field(() => LocalDate, {
    nullable: true,
    description: "When the delegation's trip report was submitted; not before startDate.",
  })
  reportSubmittedOn?: string | null;
  @Field(() => [DelegateInput], {
    nullable: true,
    description: `The delegation as it actually travelled (1 to ${TRIP_LIMITS.delegates}); replaces the planned one, and delegationSize follows.`,
  })
  delegates?: DelegateInput[] | null;
}

@InputType({ description: "An APPROVED trip that will not be carried out." })
export class CancelTripInput extends ExistingRecordInput("trip") {
  @Field(() => String, {
    nullable: true,
    description: `Why (at most ${TRIP_LIMITS.reason} characters). Kept in the audit log; the trip's decision keeps the committee's own reason.`,
  })
  reason?: string | null;
}

@ObjectType({
  simpleResolvers: true,
  description:
    "The answer to a trip workflow step: the trip as it is now, or null with the user errors that refused the step (then nothing was written).",
})
export class TripPayload extends MutationPayload {
  @Field(() => Trip, { nullable: true }) trip!: TripRow | null;
}

function toDelegates(list: readonly DelegateInput[]): DelegateWrite[] {
  return list.map((d) => ({
    nameFa: d.nameFa,
    nameEn: d.nameEn,
    publicOfficial: d.publicOfficial,
    position: d.position,
    positionEn: d.positionEn,
    unit: d.unit,
    unitEn: d.unitEn,
    role: d.role,
  }));
}

/**
 * The input as the audit log keeps it: names of delegates who are not public officials are
 * withheld there too (such a request is refused, but its input would otherwise be stored).
 */
function auditInput(input: object): object {
  if (!("delegates" in input) || !Array.isArray(input.delegates)) return input;
  const withheld = (name: string | null | undefined) => (name ? "(withheld)" : name);
  return {
    ...input,
    delegates: (input.delegates as DelegateInput[]).map((d) =>
      d.publicOfficial ? d : { ...d, nameFa: withheld(d.nameFa), nameEn: withheld(d.nameEn) },
    ),
  };
}

/**
 * Runs one workflow step for an EDITOR key in a write session, and audits it whatever its outcome.
 * `work` returns null (with user errors) when the step is refused.
 */
function tripStep(
  ctx: Context,
  operation: TripStep,
  input: object,
  work: (session: WriteSession, errors: UserErrorList) => Promise<TripRow | null>,
): Promise<TripPayload> {
  return auditedMutation(ctx, { operation, roles: ["EDITOR"], input, auditInput: auditInput(input) }, work, (trip) => ({ trip }));
}

/** A step on an existing trip: its ID read, then the step run on it. */
function existingTripStep<Input extends { id: string }>(
  ctx: Context,
  operation: Exclude<TripStep, "requestTrip">,
  input: Input,
  step: (session: WriteSession, input: Input & { publicId: string }, errors: UserErrorList) => Promise<TripRow | null>,
): Promise<TripPayload> {
  return tripStep(ctx, operation, input, async (session, errors) => {
    const publicId = inputId(input.id, "Trip", ["publicId"], errors);
    return publicId ? step(session, { ...input, publicId }, errors) : null;
  });
}

@Resolver()
export class TripMutations {
  @Mutation(() => TripPayload, {
    description: `Files a new foreign-trip request with the committee: a REQUESTED trip with its destinations (in order), delegation, events and organisations. ${WORKFLOW} Roles: EDITOR.`,
  })
  requestTrip(@Ctx() ctx: Context, @Arg("input", () => RequestTripInput) input: RequestTripInput): Promise<TripPayload> {
    return tripStep(ctx, "requestTrip", input, async (session, errors) => {
      const write = {
        ...input,
        city: inputRef(input.city ?? ctx.homeCity, "City", ["city"], errors),
        destinations: input.destinations.map((d, i) => inputRef(d, "City", ["destinations", i], errors)),
        delegates: toDelegates(input.delegates),
        events: input.events?.map((e, i) => inputId(e, "Event", ["events", i], errors) ?? ""),
        organisations: input.organisations?.map((o, i) => inputRef(o, "Organisation", ["organisations", i], errors)),
        invitedBy: input.invitedBy ? inputRef(input.invitedBy, "Organisation", ["invitedBy"], errors) : null,
      };
      return errors.any ? null : requestTrip(session, write, errors);
    });
  }

  @Mutation(() => TripPayload, {
    description: `Records the committee's decision on a REQUESTED trip: APPROVED, or REJECTED with the reason; the decision date may not precede the request. ${WORKFLOW} Roles: EDITOR.`,
  })
  decideTrip(@Ctx() ctx: Context, @Arg("input", () => DecideTripInput) input: DecideTripInput): Promise<TripPayload> {
    return existingTripStep(ctx, "decideTrip", input, decideTrip);
  }

  @Mutation(() => TripPayload, {
    description: `Marks an APPROVED trip as carried out (COMPLETED), with its actual dates, the report date and the delegation that actually travelled. ${WORKFLOW} Roles: EDITOR.`,
  })
  completeTrip(@Ctx() ctx: Context, @Arg("input", () => CompleteTripInput) input: CompleteTripInput): Promise<TripPayload> {
    return existingTripStep(ctx, "completeTrip", input, (session, write, errors) =>
      completeTrip(session, { ...write, delegates: write.delegates ? toDelegates(write.delegates) : null }, errors),
    );
  }

  @Mutation(() => TripPayload, {
    description: `Marks an APPROVED trip as CANCELLED: approved but never carried out. The committee's decision is kept as it was. ${WORKFLOW} Roles: EDITOR.`,
  })
  cancelTrip(@Ctx() ctx: Context, @Arg("input", () => CancelTripInput) input: CancelTripInput): Promise<TripPayload> {
    return existingTripStep(ctx, "cancelTrip", input, cancelTrip);
  }
}
