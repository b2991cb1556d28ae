import { Resolver } from "type-graphql";

/** upsertOrganisation. */
@Resolver()
export class OrganisationMutations {}
