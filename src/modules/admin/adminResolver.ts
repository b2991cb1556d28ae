/**
 * Keys and the audit log. ADMIN keys manage keys and read every audit event; a PARTNER key reads
 * its own organisation's sync history.
 */
import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Mutation, Query, Resolver, Root } from "type-graphql";
import type { ApiKeyRole } from "../../../db/enums.js";
import { ApiKeyError, createApiKey, revokeApiKey, type ApiKeyRow } from "../../data/apiKeys.js";
import { auditList, type AuditEventRow } from "../../data/audit.js";
import { apiKeys } from "../../../db/schema.js";
import type { OrganisationRow } from "../../data/rows.js";
import { writerLabel } from "../../data/writes/writeSession.js";
import { UserErrorCode } from "../../lib/errorCodes.js";
import { auditedMutation } from "../../graphql/auditedMutation.js";
import { listConnection, PageArgsInput, type ConnectionShape } from "../../graphql/connection.js";
import type { Context } from "../../graphql/context.js";
import { toGlobalId } from "../../graphql/globalId.js";
import { inputId } from "../../graphql/mutationInput.js";
import { forbidden, requireRole } from "../../graphql/viewer.js";
import { Organisation } from "../organisations/organisationType.js";
import {
  ApiKey,
  ApiKeyConnection,
  ApiKeyRoleEnum,
  AuditEvent,
  AuditEventConnection,
  CreateApiKeyPayload,
  RevokeApiKeyPayload,
} from "./adminTypes.js";

@InputType()
export class CreateApiKeyInput {
  @Field(() => String, { description: 'Who the key is for, e.g. "Metropolis registry"; recorded in the audit log.' })
  name!: string;
  @Field(() => ApiKeyRoleEnum) role!: ApiKeyRole;
  @Field(() => String, { nullable: true, description: "PARTNER keys only: the organisation (slug) they write for." })
  organisation?: string;
}

@InputType()
export class RevokeApiKeyInput {
  @Field(() => ID) id!: string;
}

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  @Query(() => ApiKeyConnection, { description: "Every API key (never a secret). ADMIN keys only." })
  apiKeys(@Ctx() ctx: Context, @Args(() => PageArgsInput) page: PageArgsInput): Promise<ConnectionShape<ApiKeyRow>> {
    requireRole(ctx.viewer, ["ADMIN"], "apiKeys");
    return listConnection(
      ctx,
      { table: apiKeys, order: [{ name: "ID", sql: apiKeys.id, value: (r: ApiKeyRow) => r.id, direction: "ASC" }] },
      page,
    );
  }

  @FieldResolver(() => ID)
  id(@Root() key: ApiKeyRow): string {
    return toGlobalId("ApiKey", key.publicId);
  }

  @FieldResolver(() => Organisation, { nullable: true, description: "For PARTNER keys: the organisation the key writes for." })
  organisation(@Root() key: ApiKeyRow, @Ctx() ctx: Context): Promise<OrganisationRow | null> | null {
    return key.organisationId === null ? null : ctx.loaders.organisation.load(key.organisationId);
  }

  @Mutation(() => CreateApiKeyPayload, { description: "Creates an API key; its secret is in this answer only. ADMIN keys only." })
  async createApiKey(
    @Ctx() ctx: Context,
    @Arg("input", () => CreateApiKeyInput) input: CreateApiKeyInput,
  ): Promise<CreateApiKeyPayload> {
    return auditedMutation(
      ctx,
      { operation: "createApiKey", roles: ["ADMIN"], input },
      async (session, errors) => {
        try {
          return await createApiKey(session.tx, {
            name: input.name,
            role: input.role,
            organisationSlug: input.organisation ?? null,
          });
        } catch (error) {
          if (!(error instanceof ApiKeyError)) throw error;
          errors.add([], error.message, UserErrorCode.INVALID);
          return null;
        }
      },
      (created) => ({ apiKey: created?.key ?? null, secret: created?.secret ?? null }),
    );
  }

  @Mutation(() => RevokeApiKeyPayload, { description: "Revokes an API key at once. ADMIN keys only." })
  async revokeApiKey(
    @Ctx() ctx: Context,
    @Arg("input", () => RevokeApiKeyInput) input: RevokeApiKeyInput,
  ): Promise<RevokeApiKeyPayload> {
    return auditedMutation(
      ctx,
      { operation: "revokeApiKey", roles: ["ADMIN"], input },
      async (session, errors) => {
        const publicId = inputId(input.id, "ApiKey", ["publicId"], errors);
        const key = publicId ? await revokeApiKey(session.tx, publicId) : null;
        if (publicId && !key) errors.add(["publicId"], "No active key has this ID.", UserErrorCode.NOT_FOUND);
        return key;
      },
      (apiKey) => ({ apiKey }),
    );
  }
}

const isAdmin = (ctx: Context) => ctx.viewer.kind === "API_KEY" && ctx.viewer.key.role === "ADMIN";

@Resolver(() => AuditEvent)
export class AuditResolver {
  @Query(() => AuditEventConnection, {
    description: "Every write, newest first: who, when, what, with what outcome. ADMIN keys only.",
  })
  auditLog(
    @Ctx() ctx: Context,
    @Args(() => PageArgsInput) page: PageArgsInput,
    @Arg("operation", () => String, { nullable: true }) operation?: string,
    @Arg("actor", () => String, { nullable: true, description: "A key's name." }) actor?: string,
  ): Promise<ConnectionShape<AuditEventRow>> {
    requireRole(ctx.viewer, ["ADMIN"], "auditLog");
    return listConnection(ctx, auditList({ operation, actor }), page);
  }

  @Query(() => AuditEventConnection, {
    description:
      "A PARTNER key's own sync history: the writes made for its organisation, newest first. ADMIN keys see every partner's.",
  })
  syncHistory(@Ctx() ctx: Context, @Args(() => PageArgsInput) page: PageArgsInput): Promise<ConnectionShape<AuditEventRow>> {
    const key = requireRole(ctx.viewer, ["PARTNER", "ADMIN"], "syncHistory");
    if (key.role === "PARTNER" && key.organisationId === null) throw forbidden("This PARTNER key is bound to no organisation.");
    return listConnection(ctx, auditList({ organisationId: key.role === "PARTNER" ? key.organisationId : undefined }), page);
  }

  @FieldResolver(() => ID)
  id(@Root() event: AuditEventRow): string {
    return toGlobalId("AuditEvent", event.publicId);
  }

  @FieldResolver(() => String, {
    description:
      "Who wrote: the key's name for ADMIN viewers; for anyone else the key's organisation, else its role (a key's name is for ADMIN only).",
  })
  async actor(@Root() event: AuditEventRow, @Ctx() ctx: Context): Promise<string> {
    if (event.apiKeyId === null || isAdmin(ctx)) return event.actor;
    const [key, organisation] = await Promise.all([
      ctx.loaders.apiKey.load(event.apiKeyId),
      event.organisationId === null ? null : ctx.loaders.organisation.load(event.organisationId),
    ]);
    return writerLabel(key?.role ?? "PARTNER", organisation?.nameEn ?? null);
  }

  @FieldResolver(() => ApiKey, { nullable: true, description: "The key that wrote (ADMIN viewers only)." })
  async apiKey(@Root() event: AuditEventRow, @Ctx() ctx: Context): Promise<ApiKeyRow | null> {
    if (event.apiKeyId === null || !isAdmin(ctx)) return null;
    return ctx.loaders.apiKey.load(event.apiKeyId);
  }
}
