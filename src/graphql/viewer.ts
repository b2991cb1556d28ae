/**
 * Who is asking. Reads are public; writes need an API key with a role that allows them. Failures
 * are GraphQL errors with stable codes and the HTTP status the GraphQL-over-HTTP spec suggests.
 */
import { GraphQLError } from "graphql";
import type { ApiKeyRole } from "../../db/enums.js";
import { ErrorCode } from "../lib/errorCodes.js";
import type { ApiKeyRow } from "../data/apiKeys.js";
import type { Actor } from "../data/writes/writeSession.js";

export type Viewer = { kind: "ANONYMOUS" } | { kind: "API_KEY"; key: ApiKeyRow };

export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
}

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.FORBIDDEN, http: { status: 403 } } });
}

/** The key behind a write, if its role is among `roles`; otherwise UNAUTHENTICATED or FORBIDDEN. */
export function requireRole(viewer: Viewer, roles: readonly ApiKeyRole[], action: string): ApiKeyRow {
  if (viewer.kind === "ANONYMOUS") throw unauthenticated(`${action} needs an API key: send "Authorization: Bearer <key>".`);
  if (!roles.includes(viewer.key.role))
    throw forbidden(`${action} needs a key with role ${roles.join(" or ")}; this key's role is ${viewer.key.role}.`);
  return viewer.key;
}

export function actorOf(key: ApiKeyRow): Actor {
  return { name: key.name, apiKeyId: key.id, role: key.role, organisationId: key.organisationId };
}
