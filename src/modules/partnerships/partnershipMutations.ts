import { Resolver } from "type-graphql";

/** upsertPartnership. */
@Resolver()
export class PartnershipMutations {}
