import { Resolver } from "type-graphql";

/** upsertEvent, recordAttendance. */
@Resolver()
export class EventMutations {}
