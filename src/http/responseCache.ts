/**
 * Whole answers kept in memory, keyed by what an answer depends on: the operation and its
 * variables, the language, the viewer's role and organisation (ADMIN-only and partner-scoped
 * fields), the UTC day (periods that default to "this year") and the data version. Every write
 * advances the data version (the change feed's sequence number), and admission reads it for every
 * request from the database itself, so a write on any instance is seen by all of them at once:
 * an entry is never invalidated, it is simply no longer asked for, and the least recently used
 * entries go when the byte budget is full.
 *
 * A hit skips execution only: the request is admitted, costed and charged as a miss is (a hit
 * still costs its points), and its `extensions` (cost, data version) are made afresh.
 *
 * Over HTTP GET, the key is also the answer's ETag: `If-None-Match` with it answers 304, and
 * anonymous answers may be stored by shared caches (`public, max-age=0, must-revalidate`: they
 * revalidate every time, so a write is never hidden behind a stale copy).
 */
import { createHash } from "node:crypto";
import type { ApolloServerPlugin } from "@apollo/server";
import { HeaderMap } from "@apollo/server";
import { Kind, OperationTypeNode, type DocumentNode, type OperationDefinitionNode } from "graphql";
import { LRUCache } from "lru-cache";
import stringify from "safe-stable-stringify";
import type { Context } from "../graphql/context.js";
import type { ServerMetrics } from "./metrics.js";

/** Root fields whose answers do not follow the data version: budgets, keys and the audit trail. */
const UNCACHED_ROOT_FIELDS = new Set(["rateLimit", "apiKeys", "auditLog", "syncHistory"]);

/** Answers larger than this are not kept: one would push out hundreds of dashboard answers. */
const MAX_ENTRY_BYTES = 1 << 20;

export interface ResponseCacheSettings {
  /** The budget, counted as the answers' JSON bytes (in memory they take a few times that); 0 turns the cache off. */
  maxBytes: number;
}

interface Entry {
  data: Record<string, unknown>;
  /** The objects the answer holds (its actual cost before the cap), counted when it was executed. */
  returned: number;
}

export class ResponseCache {
  private readonly entries: LRUCache<string, Entry> | null;

  constructor(readonly settings: ResponseCacheSettings) {
    this.entries =
      settings.maxBytes > 0 ? new LRUCache<string, Entry>({ maxSize: settings.maxBytes, maxEntrySize: MAX_ENTRY_BYTES }) : null;
  }

  get enabled(): boolean {
    return this.entries !== null;
  }

  get(key: string): Entry | undefined {
    return this.entries?.get(key);
  }

  set(key: string, data: Record<string, unknown>, returned: number): void {
    if (!this.entries) return;
    const bytes = Buffer.byteLength(JSON.stringify(data));
    if (bytes > MAX_ENTRY_BYTES) return;
    this.entries.set(key, { data, returned }, { size: bytes });
  }

  /** How many bytes the kept answers take. */
  get bytes(): number {
    return this.entries?.calculatedSize ?? 0;
  }
}

/** Whether an answer to `operation` follows from the data version alone. */
function cacheable(operation: OperationDefinitionNode): boolean {
  if (operation.operation !== OperationTypeNode.QUERY) return false;
  return operation.selectionSet.selections.every(
    (selection) => selection.kind === Kind.FIELD && !UNCACHED_ROOT_FIELDS.has(selection.name.value),
  );
}

/** The key of an answer: everything it depends on, hashed. */
export function answerKey(
  ctx: Context,
  op: { query: string; operationName: string | null | undefined; variables: Record<string, unknown> | undefined },
): string {
  const viewer = ctx.viewer.kind === "API_KEY" ? `${ctx.viewer.key.role}:${ctx.viewer.key.organisationId ?? ""}` : "anonymous";
  const today = new Date().toISOString().slice(0, 10);
  return createHash("sha256")
    .update(stringify([op.query, op.operationName ?? null, op.variables ?? {}, ctx.lang, viewer, today, ctx.dataVersion ?? null]))
    .digest("base64url");
}

/** The operation's text: as sent, else (a persisted query sent by hash) its parsed document's source. */
function documentText(document: DocumentNode, given: string | undefined): string | null {
  return given ?? document.loc?.source.body ?? null;
}

/** The Apollo plugin that answers from `cache`, stores what it did not, and sets the HTTP cache headers. */
export function responseCachePlugin(cache: ResponseCache, metrics: ServerMetrics): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      let key: string | null = null;
      let hit = false;
      let notModified = false;
      return {
        async responseForOperation({ request, document, operation, operationName, contextValue }) {
          if (!cacheable(operation)) {
            metrics.responseCache.inc({ outcome: "bypass" });
            return null;
          }
          const query = documentText(document, request.query);
          // Without its text an operation cannot be told from another: never answered from the cache.
          if (query === null) {
            metrics.responseCache.inc({ outcome: "bypass" });
            return null;
          }
          key = answerKey(contextValue, { query, operationName, variables: request.variables });
          notModified = request.http?.method === "GET" && request.http.headers.get("if-none-match") === `"${key}"`;
          const found = cache.get(key);
          if (!found) {
            metrics.responseCache.inc({ outcome: cache.enabled ? "miss" : "bypass" });
            return null;
          }
          hit = true;
          metrics.responseCache.inc({ outcome: "hit" });
          // Nothing executes: what it returns is what the stored answer returned.
          if (contextValue.cost) contextValue.cost.returned = found.returned;
          return {
            http: { status: undefined, headers: new HeaderMap() },
            body: { kind: "single", singleResult: { data: found.data } },
          };
        },
        async willSendResponse({ request, response, contextValue }) {
          if (!key || response.body.kind !== "single") return;
          const result = response.body.singleResult;
          if (result.errors?.length || !result.data) return;
          if (!hit) cache.set(key, result.data, contextValue.cost?.returned ?? 0);
          if (request.http?.method !== "GET") return;
          response.http.headers.set("etag", `"${key}"`);
          response.http.headers.set(
            "cache-control",
            contextValue.viewer.kind === "ANONYMOUS"
              ? "public, max-age=0, must-revalidate"
              : "private, max-age=0, must-revalidate",
          );
          response.http.headers.set("vary", "accept-language, authorization");
          // Node sends no body with a 304; the client keeps the copy its ETag names.
          if (notModified) response.http.status = 304;
        },
      };
    },
  };
}
