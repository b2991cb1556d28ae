/**
 * Prometheus metrics (prom-client). One registry per server instance, so tests can run several
 * servers in one process without colliding registrations.
 */
import { Counter, Registry, collectDefaultMetrics } from "prom-client";

export interface ServerMetrics {
  registry: Registry;
  statements: Counter;
  requests: Counter<"operation" | "outcome">;
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
  };
}
