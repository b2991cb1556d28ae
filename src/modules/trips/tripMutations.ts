import { Resolver } from "type-graphql";

/** Trip workflow mutations (requestTrip, decideTrip, completeTrip, cancelTrip). */
@Resolver()
export class TripMutations {}
