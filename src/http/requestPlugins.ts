/**
 * Apollo plugins for what every request goes through: limits and cost before execution, the rate
 * limit, the budget reported in `extensions.cost`, error masking with a request id, structured logs
 * and metrics. Each plugin does one of these.
 */
import type { ApolloServerPlugin, GraphQLRequestContextWillSendResponse } from "@apollo/server";
import type { Logger } from "pino";
import type { Context } from "../graphql/context.js";
import type { Admission } from "./admission.js";
import { isInternalError } from "./clientErrors.js";
import type { ServerMetrics } from "./metrics.js";
import { logLevelFor, markLogged, operationNameForLog, type LogLevel } from "./requestLog.js";

/**
 * Variables are checked, the cost computed and charged, before execution starts; what was not used
 * is refunded after it. The checks are admission's (src/http/admission.ts), as on WebSocket.
 */
export function costPlugin(admission: Admission): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operationName, contextValue, operation }) {
          await admission.admit(contextValue, {
            document,
            variables: request.variables,
            operationName: operationName ?? undefined,
            operationType: operation?.operation,
          });
        },
        async willSendResponse({ response, contextValue, operation }) {
          if (response.body.kind !== "single") return;
          const result = response.body.singleResult;
          const cost = await admission.settle(contextValue, result);
          if (cost) result.extensions = { ...result.extensions, cost };
          const dataVersion = await admission.dataVersion(contextValue, operation?.operation);
          if (dataVersion !== null) result.extensions = { ...result.extensions, dataVersion };
        },
      };
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
          markLogged(contextValue);
          recordRequest(logger, metrics, logLevelFor(status), label, seconds, {
            requestId: contextValue.requestId,
            operation: operationNameForLog(ctx.operationName),
            operationType: ctx.operation?.operation,
            cost: contextValue.cost?.requested,
            actualCost: contextValue.cost?.actual,
            status,
            outcome,
            viewer: contextValue.viewer.kind === "API_KEY" ? contextValue.viewer.key.name : "anonymous",
          });
        },
      };
    },
  };
}

/** The metrics and the log line of one answered operation, whichever transport carried it. */
export function recordRequest(
  logger: Logger,
  metrics: ServerMetrics,
  level: LogLevel,
  label: string,
  seconds: number,
  fields: { outcome: string } & Record<string, unknown>,
): void {
  metrics.requests.inc({ operation: label, outcome: fields.outcome === "ok" ? "ok" : "error" });
  metrics.latency.observe({ operation: label }, seconds);
  logger[level]({ ...fields, durationMs: Math.round(seconds * 1000 * 10) / 10 }, "graphql request");
}
