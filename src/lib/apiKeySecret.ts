/**
 * API key secrets: 32 random bytes, shown once; only their SHA-256 hash is stored. A fast hash is
 * right here (unlike passwords): the secret has 256 bits of entropy, so there is nothing to guess.
 */
import { createHash, randomBytes } from "node:crypto";

const PREFIX = "fpk_";

export function newApiKeySecret(): string {
  return `${PREFIX}${randomBytes(32).toString("base64url")}`;
}

export function hashApiKeySecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** The part of a secret shown in key listings: enough to tell keys apart, useless to an attacker. */
export function apiKeyDisplayPrefix(secret: string): string {
  return secret.slice(0, PREFIX.length + 6);
}

/** The secret from an `Authorization: Bearer <key>` header; undefined when there is no such header. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : "";
}
