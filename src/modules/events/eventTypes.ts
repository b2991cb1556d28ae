import { Field, ObjectType } from "type-graphql";
import { Connection } from "../../graphql/connection.js";
import { AttendanceModeEnum, EventKindEnum, EventStatusEnum } from "../../graphql/enums.js";
import { Node } from "../../graphql/node.js";
import { LocalDate } from "../../graphql/scalars.js";
import { RecordFields } from "../sources/recordFields.js";

@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description: "A summit, assembly, exhibition or other event that cities attend.",
})
export class Event extends RecordFields implements Node {
  id!: string;
  @Field(() => EventKindEnum) kind!: string;
  @Field(() => AttendanceModeEnum, { description: "How the event was held. How a given city took part is on its attendance." })
  format!: string;
  @Field(() => EventStatusEnum) status!: string;
  @Field(() => LocalDate) startDate!: string;
  @Field(() => LocalDate, { nullable: true }) endDate!: string | null;
}

@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description: "One city's participation in one event: in person (usually on a trip) or online.",
})
export class Attendance extends RecordFields implements Node {
  id!: string;
  @Field(() => AttendanceModeEnum, { description: "IN_PERSON or ONLINE: a summit held in person can be attended online." })
  mode!: string;
  @Field(() => [String], { description: "What came of it: talks held, seats won, agreements." }) outcomes!: string[];
}

@ObjectType({ simpleResolvers: true, description: "A page of attendances." })
export class AttendanceConnection extends Connection(Attendance, "Attendance") {}

@ObjectType({ simpleResolvers: true, description: "A page of events." })
export class EventConnection extends Connection(Event, "Event") {}
