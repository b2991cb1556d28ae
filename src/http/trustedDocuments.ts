/**
 * Persisted queries. Automatic persisted queries (APQ) are always on: a client may send a query's
 * SHA-256 instead of its text once the server has seen it. In trusted-documents mode (config
 * TRUSTED_DOCUMENTS = a manifest file) only the manifest's operations run, by hash or by text,
 * as first-party dashboards need and nothing else does.
 *
 * The manifest is Apollo's persisted-query manifest format:
 * { "format": "apollo-persisted-query-manifest", "version": 1,
 *   "operations": [{ "id": "<sha256 of body>", "name": "...", "type": "query", "body": "..." }] }
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { RequestHandler } from "express";
import { InMemoryLRUCache, type KeyValueCache } from "@apollo/utils.keyvaluecache";
import { ErrorCode } from "../lib/errorCodes.js";

export interface TrustedDocuments {
  /** sha256 hex of a document's text → the text. */
  byHash: Map<string, string>;
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

export function loadTrustedDocuments(file: string): TrustedDocuments {
  const manifest = JSON.parse(readFileSync(file, "utf8")) as { format?: string; operations?: { id?: string; body?: string }[] };
  if (manifest.format !== "apollo-persisted-query-manifest" || !Array.isArray(manifest.operations)) {
    throw new Error(`${file} is not an Apollo persisted-query manifest (format "apollo-persisted-query-manifest").`);
  }
  const byHash = new Map<string, string>();
  for (const op of manifest.operations) {
    if (typeof op.body !== "string") throw new Error(`${file}: an operation has no body.`);
    const hash = sha256Hex(op.body);
    if (op.id && op.id !== hash) throw new Error(`${file}: operation ${op.id} does not match the SHA-256 of its body (${hash}).`);
    byHash.set(hash, op.body);
  }
  return { byHash };
}

/**
 * The APQ cache. In trusted mode it answers from the manifest and learns nothing new, so a hash
 * that is not in the manifest is never found.
 */
export function persistedQueryCache(trusted: TrustedDocuments | null): KeyValueCache<string> {
  const learned = new InMemoryLRUCache<string>({ maxSize: 2 ** 22 });
  if (!trusted) return learned;
  return {
    async get(key) {
      return trusted.byHash.get(key.replace(/^apq:/, ""));
    },
    async set() {},
    async delete() {},
  };
}

/**
 * In trusted mode, refuses any operation not in the manifest before Apollo sees it, so a refused
 * document is neither run, nor charged, nor learned as an automatic persisted query.
 */
export function trustedDocumentsMiddleware(trusted: TrustedDocuments, onRejected: () => void): RequestHandler {
  return (req, res, next) => {
    const payload = (req.method === "GET" ? req.query : req.body) as Record<string, unknown> | undefined;
    const query = typeof payload?.query === "string" ? payload.query : undefined;
    const extensions = typeof payload?.extensions === "string" ? safeJson(payload.extensions) : payload?.extensions;
    const hash =
      query !== undefined
        ? sha256Hex(query)
        : (extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery?.sha256Hash;
    if (typeof hash === "string" && trusted.byHash.has(hash)) {
      next();
      return;
    }
    onRejected();
    res.status(403).json({
      errors: [
        {
          message: "This server runs only trusted documents, and this operation is not one of them.",
          extensions: { code: ErrorCode.PERSISTED_QUERY_NOT_ALLOWED, requestId: res.getHeader("x-request-id") },
        },
      ],
    });
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
