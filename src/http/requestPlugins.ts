/**
 * Apollo plugins for what every request goes through: limits and cost before execution, the rate
 * limit, the budget reported in `extensions.cost`, error masking with a request id, structured logs
 * and metrics. Each plugin does one of these.
 */
import type { ApolloServerPlugin, GraphQLRequestContextWillSendResponse } from "@apollo/server";
import { GraphQLError, OperationTypeNode, type GraphQLFormattedError, type GraphQLSchema } from "graphql";
import type { Logger } from "pino";
import type { Context } from "../graphql/context.js";
import { isInternalError } from "./clientErrors.js";
import type { ServerMetrics } from "./metrics.js";
import { LIMIT_CODES, QUERY_LIMITS, limitCodeOf, limitError, longestList, type LimitName } from "./queryLimits.js";
import { actualCost, MAX_QUERY_COST, queryCost } from "./queryCost.js";
import { RateLimitExceeded, type RateLimiter, type RateSubject } from "./rateLimit.js";
import { logLevelFor, markLogged, operationNameForLog } from "./requestLog.js";

export function rateSubjectOf(ctx: Context): RateSubject {
  return ctx.viewer.kind === "API_KEY"
    ? { kind: "KEY", id: String(ctx.viewer.key.id) }
    : { kind: "ADDRESS", id: ctx.clientAddress };
}

/** Variables are checked, the cost computed and charged, before execution starts. */
export function costPlugin(
  schema: GraphQLSchema,
  limiter: RateLimiter,
  metrics: ServerMetrics,
  onRejected: (limit: LimitName | "rateLimit") => void,
): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operationName, contextValue, operation }) {
          const longest = longestList(request.variables);
          if (longest > QUERY_LIMITS.maxListLength) {
            onRejected("listLength");
            throw limitError(
              "listLength",
              `List input limit of ${QUERY_LIMITS.maxListLength} items exceeded, found ${longest} in the variables.`,
            );
          }
          let cost: number;
          try {
            cost = queryCost(schema, document, request.variables, operationName ?? undefined);
          } catch (error) {
            // Costing coerces the variables first; a bad value is the client's error, reported as
            // graphql-js would report it during execution.
            if (error instanceof GraphQLError)
              throw new GraphQLError(error.message, {
                nodes: error.nodes,
                extensions: { code: "BAD_USER_INPUT", http: { status: 400 } },
              });
            throw error;
          }
          contextValue.cost = { requested: cost, actual: null };
          if (cost > MAX_QUERY_COST) {
            onRejected("cost");
            throw new GraphQLError(
              `Query cost limit of ${MAX_QUERY_COST} exceeded, found ${cost}: ask for smaller pages (first/last) or fewer nested connections.`,
              {
                extensions: { limitCode: LIMIT_CODES.cost, cost: { requestedQueryCost: cost, maximumQueryCost: MAX_QUERY_COST } },
              },
            );
          }
          // Subscriptions are charged per event by nothing: the connection is the cost.
          if (operation?.operation === OperationTypeNode.SUBSCRIPTION) return;
          try {
            contextValue.rate = await limiter.charge(rateSubjectOf(contextValue), Math.max(1, cost));
            metrics.costSpent.inc(Math.max(1, cost));
          } catch (error) {
            if (!(error instanceof RateLimitExceeded)) throw error;
            onRejected("rateLimit");
            contextValue.rate = error.state;
            throw new GraphQLError(`${error.message} Retry after ${error.retryAfterSeconds} s.`, {
              extensions: {
                code: "RATE_LIMITED",
                retryAfterSeconds: error.retryAfterSeconds,
                // Apollo reads these headers as a Map (its HeaderMap); the type of extensions says Record.
                http: {
                  status: 429,
                  headers: new Map([["retry-after", String(error.retryAfterSeconds)]]) as unknown as Record<string, string>,
                },
              },
            });
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== "single" || !contextValue.cost) return;
          const result = response.body.singleResult;
          const actual = Math.min(contextValue.cost.requested, actualCost(result.data));
          contextValue.cost.actual = actual;
          const rate = contextValue.rate;
          if (rate && !result.errors?.some((e) => e.extensions?.code === "RATE_LIMITED")) {
            const refund = Math.max(1, contextValue.cost.requested) - Math.max(1, actual);
            await limiter.refund(rateSubjectOf(contextValue), refund);
            rate.remaining = Math.min(rate.limit, rate.remaining + Math.max(0, refund));
            rate.used = rate.limit - rate.remaining;
          }
          result.extensions = {
            ...result.extensions,
            cost: {
              requestedQueryCost: contextValue.cost.requested,
              actualQueryCost: actual,
              maximumQueryCost: MAX_QUERY_COST,
              ...(rate
                ? { throttleStatus: { maximumAvailable: rate.limit, currentlyAvailable: rate.remaining, resetAt: rate.resetAt } }
                : {}),
            },
          };
        },
      };
    },
  };
}

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
    return { ...formatted, extensions: { ...extensions, code: "PERSISTED_QUERY_HASH_MISMATCH" } };
  if (extensions.code !== "INTERNAL_SERVER_ERROR" || !production) return formatted;
  return {
    message: "Internal server error. Quote the request id when you report it.",
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: {
      code: "INTERNAL_SERVER_ERROR",
      ...(typeof extensions.requestId === "string" ? { requestId: extensions.requestId } : {}),
    },
  };
}

/** Adds the request id to every error and to the response headers, and logs internal errors with it. */
export function requestIdPlugin(logger: Logger): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            // Refusals and other client errors are in the request's log line (observabilityPlugin), without a stack.
            if (isInternalError(error))
              logger.error({ requestId: contextValue.requestId, err: error.originalError ?? error }, "internal error");
          }
        },
        async willSendResponse({ response }) {
          response.http.headers.set("x-request-id", contextValue.requestId);
          if (response.body.kind !== "single") return;
          const errors = response.body.singleResult.errors;
          if (errors) {
            response.body.singleResult.errors = errors.map((e) => ({
              ...e,
              extensions: { ...e.extensions, requestId: contextValue.requestId },
            }));
          }
        },
      };
    },
  };
}

function outcomeOf(ctx: GraphQLRequestContextWillSendResponse<Context>): string {
  if (ctx.response.body.kind !== "single") return "ok";
  const errors = ctx.response.body.singleResult.errors;
  if (!errors?.length) return "ok";
  const code = errors[0]?.extensions?.code;
  return typeof code === "string" ? code : "error";
}

/**
 * One structured log line and the metrics of every request. Never logs headers or keys. Metrics are
 * labelled through `operationLabel` (a fixed set of names: operationLabels.ts); the log keeps the
 * client's operation name, cut to a bounded length. The level follows the status: 4xx warn, 5xx error.
 */
export function observabilityPlugin(
  logger: Logger,
  metrics: ServerMetrics,
  operationLabel: (operationName: string | null | undefined) => string,
): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse(ctx) {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          const label = operationLabel(ctx.operationName);
          const outcome = outcomeOf(ctx);
          const status = ctx.response.http.status ?? 200;
          metrics.requests.inc({ operation: label, outcome: outcome === "ok" ? "ok" : "error" });
          metrics.latency.observe({ operation: label }, seconds);
          markLogged(contextValue);
          logger[logLevelFor(status)](
            {
              requestId: contextValue.requestId,
              operation: operationNameForLog(ctx.operationName),
              operationType: ctx.operation?.operation,
              durationMs: Math.round(seconds * 1000 * 10) / 10,
              cost: contextValue.cost?.requested,
              actualCost: contextValue.cost?.actual,
              status,
              outcome,
              viewer: contextValue.viewer.kind === "API_KEY" ? contextValue.viewer.key.name : "anonymous",
            },
            "graphql request",
          );
        },
      };
    },
  };
}
