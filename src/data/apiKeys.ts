/** Storage of API keys. The secret itself never reaches the database. */
import { randomUUID } from "node:crypto";
import { and, asc, eq, isNull, lt, or } from "drizzle-orm";
import type { Db } from "../../db/connection.js";
import { API_KEY_ROLES, type ApiKeyRole } from "../../db/enums.js";
import { apiKeys, organisations } from "../../db/schema.js";
import { apiKeyDisplayPrefix, hashApiKeySecret, newApiKeySecret } from "../lib/apiKeySecret.js";

export type ApiKeyRow = typeof apiKeys.$inferSelect;

export interface CreatedApiKey {
  key: ApiKeyRow;
  /** The secret: returned once, never stored. */
  secret: string;
}

export class ApiKeyError extends Error {
  override name = "ApiKeyError";
}

export async function createApiKey(
  db: Db,
  input: { name: string; role: ApiKeyRole; organisationSlug?: string | null },
): Promise<CreatedApiKey> {
  if (!(API_KEY_ROLES as readonly string[]).includes(input.role))
    throw new ApiKeyError(`A key's role is one of ${API_KEY_ROLES.join(", ")}; got "${input.role}".`);
  const name = input.name.trim();
  if (name.length < 1 || name.length > 100) throw new ApiKeyError("A key needs a name of 1 to 100 characters.");
  let organisationId: number | null = null;
  if (input.role === "PARTNER") {
    if (!input.organisationSlug) throw new ApiKeyError("A PARTNER key is bound to one organisation: give --organisation <slug>.");
    const [org] = await db
      .select({ id: organisations.id })
      .from(organisations)
      .where(eq(organisations.slug, input.organisationSlug));
    if (!org) throw new ApiKeyError(`No organisation has the slug "${input.organisationSlug}".`);
    organisationId = org.id;
  } else if (input.organisationSlug) {
    throw new ApiKeyError(`Only PARTNER keys are bound to an organisation; a ${input.role} key is not.`);
  }
  const secret = newApiKeySecret();
  const [key] = await db
    .insert(apiKeys)
    .values({
      publicId: randomUUID(),
      name,
      role: input.role,
      organisationId,
      keyHash: hashApiKeySecret(secret),
      keyPrefix: apiKeyDisplayPrefix(secret),
    })
    .returning();
  return { key, secret };
}

/** The live (not revoked) key a secret belongs to. */
export async function findLiveApiKey(db: Db, secret: string): Promise<ApiKeyRow | null> {
  const [key] = await db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, hashApiKeySecret(secret)), isNull(apiKeys.revokedAt)));
  return key ?? null;
}

/** Records use, at most once a minute per key, so that reads do not turn into a write each. */
export async function touchApiKey(db: Db, key: ApiKeyRow, now = new Date()): Promise<void> {
  const threshold = new Date(now.getTime() - 60_000).toISOString();
  if (key.lastUsedAt && key.lastUsedAt > threshold) return;
  await db
    .update(apiKeys)
    .set({ lastUsedAt: now.toISOString() })
    .where(and(eq(apiKeys.id, key.id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, threshold))));
}

export async function listApiKeys(db: Db): Promise<(ApiKeyRow & { organisationSlug: string | null })[]> {
  const rows = await db
    .select({ key: apiKeys, organisationSlug: organisations.slug })
    .from(apiKeys)
    .leftJoin(organisations, eq(organisations.id, apiKeys.organisationId))
    .orderBy(asc(apiKeys.id));
  return rows.map((r) => ({ ...r.key, organisationSlug: r.organisationSlug }));
}

/** Revokes a live key by its id (as `keys list` shows it); null when no live key has that id. */
export async function revokeApiKey(db: Db, publicId: string, now = new Date()): Promise<ApiKeyRow | null> {
  const [key] = await db
    .update(apiKeys)
    .set({ revokedAt: now.toISOString() })
    .where(and(eq(apiKeys.publicId, publicId), isNull(apiKeys.revokedAt)))
    .returning();
  return key ?? null;
}
