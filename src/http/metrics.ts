/**
 * Prometheus metrics (prom-client). One registry per server instance, so tests can run several
 * servers in one process without colliding registrations.
 */
import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";

export interface ServerMetrics {
  registry: Registry;
  statements: Counter;
  requests: Counter<"operation" | "outcome">;
  latency: Histogram<"operation">;
  costSpent: Counter;
  rejected: Counter<"reason">;
  responseCache: Counter<"outcome">;
}

export function createMetrics(): ServerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "footprint_" });
  return {
    registry,
    statements: new Counter({
      name: "footprint_db_statements_total",
      help: "SQL statements executed against the database.",
      registers: [registry],
    }),
    requests: new Counter({
      name: "footprint_graphql_requests_total",
      help: "GraphQL operations served, by operation name and outcome (ok, error).",
      labelNames: ["operation", "outcome"],
      registers: [registry],
    }),
    latency: new Histogram({
      name: "footprint_graphql_request_duration_seconds",
      help: "GraphQL request latency, by operation name.",
      labelNames: ["operation"],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
      registers: [registry],
    }),
    costSpent: new Counter({
      name: "footprint_graphql_cost_points_total",
      help: "Query cost points charged to rate-limit budgets.",
      registers: [registry],
    }),
    rejected: new Counter({
      name: "footprint_graphql_rejected_total",
      help: "Requests refused before execution, by reason (depth, aliases, directives, tokens, repeatedField, listLength, cost, bodySize, rateLimit, untrustedDocument).",
      labelNames: ["reason"],
      registers: [registry],
    }),
    responseCache: new Counter({
      name: "footprint_response_cache_total",
      help: "Queries by what the response cache did: hit (answered from it), miss (executed, then kept), bypass (not cacheable, or the cache is off).",
      labelNames: ["outcome"],
      registers: [registry],
    }),
  };
}
