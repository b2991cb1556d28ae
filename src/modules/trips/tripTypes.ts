import { Field, Float, Int, ObjectType } from "type-graphql";
import { Connection } from "../../graphql/connection.js";
import { DecisionOutcomeEnum, DelegateRoleEnum, FundingEnum, TripPurposeEnum, TripStatusEnum } from "../../graphql/enums.js";
import { LocalizedText } from "../../graphql/localizedText.js";
import { Node } from "../../graphql/node.js";
import { LocalDate, SafeInt } from "../../graphql/scalars.js";
import { RecordFields } from "../sources/recordFields.js";

@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description:
    "One foreign-trip request of a municipality, through the committee's decision to the trip itself (or its cancellation).",
})
export class Trip extends RecordFields implements Node {
  id!: string;
  // Non-null although trips.code is a nullable column: every write gives a trip a code (requestTrip:
  // `code ??= nextTripCode(...)`) and the seed and synthetic data always set one. The column stays
  // nullable because SQLite cannot add NOT NULL in place, and drizzle-kit's table rebuild fails
  // inside the migrator's transaction (attendances.trip_id blocks DROP TABLE trips; legs would cascade).
  @Field(() => String, { description: 'The committee\'s file number, e.g. "CFT-1401-0113".' }) code!: string;
  @Field(() => TripPurposeEnum) purpose!: string;
  @Field(() => TripStatusEnum) status!: string;
  @Field(() => String, {
    description:
      "The municipal unit that asked for the trip, as the committee writes it (Persian in the seed); REQUESTING_UNIT series points are keyed by it.",
    deprecationReason: "Use `requestingUnitText` (Persian and English); its `fa` is this text.",
  })
  requestingUnit!: string;
  @Field(() => LocalDate, { nullable: true }) requestedOn!: string | null;
  @Field(() => LocalDate, {
    description: "Planned until the trip is carried out, then actual. A trip falls in a period by this date.",
  })
  startDate!: string;
  @Field(() => LocalDate, { nullable: true }) endDate!: string | null;
  @Field(() => Int, { description: "Number of delegates." }) delegationSize!: number;
  @Field(() => Boolean, { description: "Headed by the mayor in person." }) headedByMayor!: boolean;
  @Field(() => FundingEnum, { nullable: true }) funding!: string | null;
  @Field(() => LocalDate, { nullable: true, description: "When the delegation's trip report was submitted." })
  reportSubmittedOn!: string | null;
}

@ObjectType({ simpleResolvers: true, description: "One member of a delegation. Only public officials are named." })
export class Delegate {
  @Field(() => LocalizedText, { nullable: true, description: "Null unless the person is a public official." })
  name!: LocalizedText | null;
  @Field(() => String, {
    description: "The delegate's post, as given.",
    deprecationReason: "Use `positionText` (Persian and English).",
  })
  position!: string;
  @Field(() => LocalizedText, {
    description: "The delegate's post in Persian and English (`fa` holds the post as given, whatever its language).",
  })
  positionText!: LocalizedText;
  @Field(() => String, { nullable: true, deprecationReason: "Use `unitText` (Persian and English)." }) unit!: string | null;
  @Field(() => LocalizedText, {
    nullable: true,
    description: "The municipal unit the delegate belongs to, in Persian and English; null when not recorded.",
  })
  unitText!: LocalizedText | null;
  @Field(() => DelegateRoleEnum) role!: string;
}

@ObjectType({ simpleResolvers: true, description: "The foreign-trips committee's decision on a request." })
export class CommitteeDecision {
  @Field(() => DecisionOutcomeEnum) outcome!: string;
  @Field(() => LocalDate) decidedOn!: string;
  @Field(() => String, { nullable: true, deprecationReason: "Use `reasonText` (Persian and English)." }) reason!: string | null;
  @Field(() => LocalizedText, {
    nullable: true,
    description: "The committee's reason in Persian and English; null when it gave none (approvals usually).",
  })
  reasonText!: LocalizedText | null;
}

@ObjectType({ simpleResolvers: true, description: "An amount of money. Stored as integer minor units; `amount` is for display." })
export class Money {
  @Field(() => Float) amount!: number;
  @Field(() => String, { description: "ISO 4217." }) currency!: string;
  @Field(() => SafeInt, { description: "The exact amount in the currency's minor units (rials can exceed 32 bits)." })
  minorUnits!: number;
}

@ObjectType({ simpleResolvers: true, description: "A page of trips." })
export class TripConnection extends Connection(Trip, "Trip") {}
