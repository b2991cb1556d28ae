/**
 * Admission: the one door every operation goes through, whichever transport brought it. Apollo's
 * plugins (HTTP) and graphql-ws's hooks (WebSocket, src/http/subscriptions.ts) both call this module
 * for: the parse limit (tokens), the validation rules (depth, aliases, directives, repeated fields,
 * list lengths, and the introspection switch), trusted documents, the cost limit (with a lower cap
 * for a subscription's selection), the rate limit charged to the same budget (per key, else per
 * address), the settlement of what was charged, and error masking in production. The body-size
 * limit is also the WebSocket message limit (`maxPayload`).
 */
import {
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  OperationTypeNode,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type ValidationRule,
} from "graphql";
import type { Logger } from "pino";
import { lastChangeSeq } from "../data/changeFeed.js";
import { applyAsOf } from "../graphql/asOf.js";
import type { Context } from "../graphql/context.js";
import { ErrorCode } from "../lib/errorCodes.js";
import { stripSuggestions } from "./schemaSuggestions.js";
import type { ServerMetrics } from "./metrics.js";
import {
  armor,
  LIMIT_CODES,
  limitCodeOf,
  limitError,
  listLengthRule,
  longestList,
  PARSE_OPTIONS,
  QUERY_LIMITS,
  repeatedFieldRule,
  type LimitName,
} from "./queryLimits.js";
import { countReturnedObjects, MAX_QUERY_COST, queryCost } from "./queryCost.js";
import { RateLimitExceeded, type RateLimiter, type RateSubject } from "./rateLimit.js";
import { sha256Hex, type TrustedDocuments } from "./trustedDocuments.js";

/** Limits of live subscriptions (graphql-ws); the operation limits above apply to them as well. */
export const SUBSCRIPTION_LIMITS = {
  /** The cost of one subscription's selection, i.e. of each event it receives. */
  maxSubscriptionCost: 100,
  /** Subscriptions open at once on one socket. */
  maxSubscriptionsPerSocket: 20,
  /** Sockets open at once from one client address. */
  maxSocketsPerAddress: 32,
  /** A socket that sends no `connection_init` in this time is closed (4408). */
  connectionInitTimeoutMs: 3_000,
  /** Keyed sockets are re-checked against revocation at least this often (and before each event). */
  keyRecheckMs: 30_000,
} as const;

export const ADMISSION_CODES = {
  subscriptionCost: ErrorCode.MAX_SUBSCRIPTION_COST_EXCEEDED,
  subscriptionsPerSocket: ErrorCode.SUBSCRIPTION_LIMIT_EXCEEDED,
  untrustedDocument: ErrorCode.PERSISTED_QUERY_NOT_ALLOWED,
} as const;

export type RejectionReason =
  LimitName | "rateLimit" | "untrustedDocument" | "subscriptionCost" | "subscriptionsPerSocket" | "sockets";

export interface AdmissionOptions {
  schema: GraphQLSchema;
  limiter: RateLimiter;
  metrics: ServerMetrics;
  logger: Logger;
  production: boolean;
  introspection: boolean;
  trusted: TrustedDocuments | null;
}

export function rateSubjectOf(ctx: Context): RateSubject {
  return ctx.viewer.kind === "API_KEY"
    ? { kind: "KEY", id: String(ctx.viewer.key.id) }
    : { kind: "ADDRESS", id: ctx.clientAddress };
}

export interface OperationToAdmit {
  document: DocumentNode;
  variables: Record<string, unknown> | undefined;
  operationName: string | undefined;
  operationType: OperationTypeNode | undefined;
}

const MAX_CACHED_DOCUMENTS = 1_000;

/** Internal errors never show a stack, SQL or a path in production, and always carry the request id. */
export function maskInternalError(formatted: GraphQLFormattedError, production: boolean): GraphQLFormattedError {
  const extensions = { ...formatted.extensions };
  const limit = limitCodeOf(formatted.message, extensions);
  if (limit) {
    delete extensions.limitCode;
    delete extensions.stacktrace;
    return { ...formatted, message: limit.message, extensions: { ...extensions, code: limit.code } };
  }
  // Apollo labels a persisted-query hash that does not match its text as internal; it is the client's.
  if (/^provided sha does not match query/.test(formatted.message))
    return { ...formatted, extensions: { ...extensions, code: ErrorCode.PERSISTED_QUERY_HASH_MISMATCH } };
  if (extensions.code !== ErrorCode.INTERNAL_SERVER_ERROR || !production) return formatted;
  return {
    message: "Internal server error. Quote the request id when you report it.",
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: {
      code: ErrorCode.INTERNAL_SERVER_ERROR,
      ...(typeof extensions.requestId === "string" ? { requestId: extensions.requestId } : {}),
    },
  };
}

export function createAdmission(options: AdmissionOptions) {
  const { schema, limiter, metrics, logger, production, trusted } = options;
  // What a query returned is counted as it executes, for `settle`.
  countReturnedObjects(schema);
  const rejected = (reason: RejectionReason) => metrics.rejected.inc({ reason });
  const protection = armor(rejected);
  /** The rules every document is validated with, beyond graphql-js's own (specifiedRules). */
  const validationRules: ValidationRule[] = [
    ...protection.validationRules,
    listLengthRule(rejected),
    repeatedFieldRule(rejected),
    ...(options.introspection ? [] : [NoSchemaIntrospectionCustomRule]),
  ];
  const allRules = [...specifiedRules, ...validationRules];
  /** Parsed and validated documents by text (Apollo keeps its own cache for HTTP). */
  const documents = new Map<string, DocumentNode | readonly GraphQLError[]>();

  /** A document's text → the parsed, validated document, or the errors that refuse it. */
  function parseAndValidate(text: string): DocumentNode | readonly GraphQLError[] {
    const known = documents.get(text);
    if (known) return known;
    let outcome: DocumentNode | readonly GraphQLError[];
    try {
      const document = parse(text, PARSE_OPTIONS);
      const errors = validate(schema, document, allRules).map(
        (e) =>
          new GraphQLError(e.message, {
            nodes: e.nodes,
            extensions: { code: ErrorCode.GRAPHQL_VALIDATION_FAILED, ...e.extensions },
          }),
      );
      outcome = errors.length ? errors : document;
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      if (/^Syntax Error: Document contains more th/.test(error.message)) rejected("tokens");
      outcome = [new GraphQLError(error.message, { extensions: { code: ErrorCode.GRAPHQL_PARSE_FAILED, ...error.extensions } })];
    }
    if (documents.size >= MAX_CACHED_DOCUMENTS) documents.clear();
    documents.set(text, outcome);
    return outcome;
  }

  /** In trusted-documents mode, only the manifest's documents run (by text or by hash). */
  function isTrusted(hash: string | undefined): boolean {
    if (!trusted) return true;
    return typeof hash === "string" && trusted.byHash.has(hash);
  }

  function untrustedDocument(): GraphQLError {
    rejected("untrustedDocument");
    return new GraphQLError("This server runs only trusted documents, and this operation is not one of them.", {
      extensions: { code: ADMISSION_CODES.untrustedDocument, http: { status: 403 } },
    });
  }

  /**
   * Variables, cost and rate limit, before execution: throws the GraphQLError that refuses the
   * operation, else records `ctx.cost` and `ctx.rate`.
   */
  async function admit(ctx: Context, op: OperationToAdmit): Promise<void> {
    const longest = longestList(op.variables);
    if (longest > QUERY_LIMITS.maxListLength) {
      rejected("listLength");
      throw limitError(
        "listLength",
        `List input limit of ${QUERY_LIMITS.maxListLength} items exceeded, found ${longest} in the variables.`,
      );
    }
    let cost: number;
    try {
      cost = queryCost(schema, op.document, op.variables, op.operationName);
    } catch (error) {
      // Costing coerces the variables first; a bad value is the client's error, reported as
      // graphql-js would report it during execution.
      if (error instanceof GraphQLError)
        throw new GraphQLError(error.message, {
          nodes: error.nodes,
          extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } },
        });
      throw error;
    }
    ctx.cost = { requested: cost, actual: null, returned: 0 };
    if (cost > MAX_QUERY_COST) {
      rejected("cost");
      throw new GraphQLError(
        `Query cost limit of ${MAX_QUERY_COST} exceeded, found ${cost}: ask for smaller pages (first/last) or fewer nested connections.`,
        {
          extensions: { limitCode: LIMIT_CODES.cost, cost: { requestedQueryCost: cost, maximumQueryCost: MAX_QUERY_COST } },
        },
      );
    }
    if (op.operationType === OperationTypeNode.SUBSCRIPTION && cost > SUBSCRIPTION_LIMITS.maxSubscriptionCost) {
      rejected("subscriptionCost");
      const max = SUBSCRIPTION_LIMITS.maxSubscriptionCost;
      throw new GraphQLError(
        `Subscription cost limit of ${max} exceeded, found ${cost}: every event resolves this selection for every subscriber; select less (smaller pages, fewer nested connections) and query the rest.`,
        { extensions: { code: ADMISSION_CODES.subscriptionCost, cost: { requestedQueryCost: cost, maximumQueryCost: max } } },
      );
    }
    // The data version it answers as of (and a bad `asOf` refused) before anything is charged.
    if (op.operationType !== OperationTypeNode.SUBSCRIPTION) await applyAsOf(ctx, op);
    // A subscription is charged its selection's cost once, when it subscribes.
    try {
      ctx.rate = await limiter.charge(rateSubjectOf(ctx), Math.max(1, cost));
      metrics.costSpent.inc(Math.max(1, cost));
    } catch (error) {
      if (!(error instanceof RateLimitExceeded)) throw error;
      rejected("rateLimit");
      ctx.rate = error.state;
      throw new GraphQLError(`${error.message} Retry after ${error.retryAfterSeconds} s.`, {
        extensions: {
          code: ErrorCode.RATE_LIMITED,
          retryAfterSeconds: error.retryAfterSeconds,
          // Apollo reads these headers as a Map (its HeaderMap); the type of extensions says Record.
          http: {
            status: 429,
            headers: new Map([["retry-after", String(error.retryAfterSeconds)]]) as unknown as Record<string, string>,
          },
        },
      });
    }
  }

  /**
   * After a query or mutation ran: refunds what it was charged but did not return, and gives the
   * `extensions.cost` its answer carries.
   */
  async function settle(
    ctx: Context,
    result: { data?: unknown; errors?: readonly { extensions?: Record<string, unknown> }[] },
  ): Promise<Record<string, unknown> | null> {
    if (!ctx.cost) return null;
    // An answer without data returned nothing, whatever was completed before the error that nulled it.
    const actual = result.data ? Math.min(ctx.cost.requested, ctx.cost.returned) : 0;
    ctx.cost.actual = actual;
    const rate = ctx.rate;
    if (rate && !result.errors?.some((e) => e.extensions?.code === ErrorCode.RATE_LIMITED)) {
      const refund = Math.max(1, ctx.cost.requested) - Math.max(1, actual);
      await limiter.refund(rateSubjectOf(ctx), refund);
      rate.remaining = Math.min(rate.limit, rate.remaining + Math.max(0, refund));
      rate.used = rate.limit - rate.remaining;
    }
    return {
      requestedQueryCost: ctx.cost.requested,
      actualQueryCost: actual,
      maximumQueryCost: MAX_QUERY_COST,
      ...(rate
        ? { throttleStatus: { maximumAvailable: rate.limit, currentlyAvailable: rate.remaining, resetAt: rate.resetAt } }
        : {}),
    };
  }

  /**
   * The data version an answer reflects (`extensions.dataVersion`): the one admission settled on
   * for a query; for a mutation, the last change after it ran (its own writes included). Null for
   * a request refused before admission.
   */
  async function dataVersion(ctx: Context, operationType: OperationTypeNode | undefined): Promise<number | null> {
    if (operationType === OperationTypeNode.MUTATION) return await lastChangeSeq(ctx.database.db);
    return ctx.dataVersion ?? null;
  }

  /**
   * What a client sees of an error: limits under their codes, internal errors masked in production,
   * and with introspection off no "Did you mean …?", which would map the schema one typo at a time.
   */
  function formatError(formatted: GraphQLFormattedError): GraphQLFormattedError {
    const masked = maskInternalError(formatted, production);
    return options.introspection ? masked : stripSuggestions(masked);
  }

  /** Errors as sent over graphql-ws: formatted like HTTP's, with the request id; internal ones logged. */
  function formatErrors(errors: readonly GraphQLError[], requestId: string): GraphQLFormattedError[] {
    return errors.map((error) => {
      const code = error.extensions?.code;
      if (!code || code === ErrorCode.INTERNAL_SERVER_ERROR) {
        logger.error({ requestId, err: error.originalError ?? error }, "internal error");
      }
      const json = error.toJSON();
      // An error without a code is an internal one (Apollo labels it so on HTTP).
      const formatted = formatError(
        code ? json : { ...json, extensions: { ...json.extensions, code: ErrorCode.INTERNAL_SERVER_ERROR } },
      );
      const { http: _http, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions: { ...extensions, requestId } };
    });
  }

  return {
    /** graphql-js parse options (the token limit). */
    parseOptions: PARSE_OPTIONS,
    validationRules,
    /** The largest message a WebSocket client may send: the HTTP body limit. */
    maxPayload: QUERY_LIMITS.maxBodyBytes,
    rejected,
    parseAndValidate,
    isTrusted,
    trustedText: (hash: string) => trusted?.byHash.get(hash),
    sha256Hex,
    untrustedDocument,
    admit,
    dataVersion,
    settle,
    formatError,
    formatErrors,
  };
}

export type Admission = ReturnType<typeof createAdmission>;
