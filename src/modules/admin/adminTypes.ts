import { Field, ObjectType } from "type-graphql";
import { API_KEY_ROLES, AUDIT_OUTCOMES } from "../../../db/enums.js";
import { Connection } from "../../graphql/connection.js";
import { enumOf } from "../../graphql/enums.js";
import { Node } from "../../graphql/node.js";
import { DateTime, JSON as JSONScalar } from "../../graphql/scalars.js";
import { UserError } from "../../graphql/userErrors.js";

export const ApiKeyRoleEnum = enumOf(
  API_KEY_ROLES,
  "ApiKeyRole",
  "EDITOR: every domain write. PARTNER: bound to one organisation; writes only that organisation's memberships and reads its own sync history. ADMIN: manages keys and reads the audit log.",
);
export const AuditOutcomeEnum = enumOf(
  AUDIT_OUTCOMES,
  "AuditOutcome",
  "APPLIED: changes were written. UNCHANGED: nothing to change. REJECTED: user errors, nothing written. REPLAYED: an idempotent replay, nothing written. FORBIDDEN: the key may not make this write (a role it lacks, another organisation's records), nothing written.",
);

@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description: "An API key (never its secret). Visible to ADMIN keys only.",
})
export class ApiKey implements Node {
  id!: string;
  @Field(() => String) name!: string;
  @Field(() => ApiKeyRoleEnum) role!: string;
  @Field(() => String, { description: "The first characters of the secret, to recognise it." }) keyPrefix!: string;
  @Field(() => DateTime) createdAt!: string;
  @Field(() => DateTime, { nullable: true, description: "Updated at most once a minute." }) lastUsedAt!: string | null;
  @Field(() => DateTime, { nullable: true }) revokedAt!: string | null;
}

@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description: "One write attempt: who, when, what (operation and input) and with what outcome, refusals included.",
})
export class AuditEvent implements Node {
  id!: string;
  @Field(() => DateTime) at!: string;
  @Field(() => String, { description: "The mutation, e.g. syncMemberships." }) operation!: string;
  @Field(() => AuditOutcomeEnum) outcome!: string;
  @Field(() => JSONScalar, { description: "The mutation's input as sent." }) input!: unknown;
  @Field(() => [UserError]) userErrors!: unknown[];
}

@ObjectType({ simpleResolvers: true, description: "A page of audit events, newest first." })
export class AuditEventConnection extends Connection(AuditEvent, "AuditEvent") {}

@ObjectType({ simpleResolvers: true, description: "A page of API keys." })
export class ApiKeyConnection extends Connection(ApiKey, "ApiKey") {}

@ObjectType({ simpleResolvers: true, description: "A new key. `secret` is shown only in this answer: store it now." })
export class CreateApiKeyPayload {
  @Field(() => ApiKey, { nullable: true }) apiKey!: unknown;
  @Field(() => String, { nullable: true, description: "Send as `Authorization: Bearer <secret>`." }) secret!: string | null;
  @Field(() => [UserError]) userErrors!: unknown[];
}

@ObjectType({ simpleResolvers: true })
export class RevokeApiKeyPayload {
  @Field(() => ApiKey, { nullable: true }) apiKey!: unknown;
  @Field(() => [UserError]) userErrors!: unknown[];
}
