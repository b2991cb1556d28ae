/**
 * What a query costs, computed from the document and its variables before it runs, the way
 * GitHub's API does: every object a query can return costs 1, and the page size of a connection
 * (`first` / `last`, or its default) multiplies everything beneath it, so nested connections
 * multiply down the nesting. Fields that cost more to compute carry a type-graphql `complexity`.
 * The same number caps what one query may ask for and is what the rate limit charges.
 */
import { createRequire } from "node:module";
import { getNamedType, isLeafType, type DocumentNode, type GraphQLSchema } from "graphql";
import type * as QueryComplexity from "graphql-query-complexity";
import { DEFAULT_PAGE_SIZE } from "../graphql/connection.js";

// The CommonJS build shares the application's copy of graphql (the ESM build would load another).
const require = createRequire(import.meta.url);
const { getComplexity, fieldExtensionsEstimator } = require("graphql-query-complexity/cjs") as typeof QueryComplexity;

/** The most a single query may cost (objects it could return). */
export const MAX_QUERY_COST = 25_000;

/** Page sizes: connections' `first` / `last`, `search(first)`, `changes(first)`, `nodes(ids)`. */
function multiplier(args: Record<string, unknown>): number | null {
  for (const name of ["first", "last"]) {
    const value = args[name];
    if (typeof value === "number") return Math.max(0, value);
  }
  if (Array.isArray(args.ids)) return args.ids.length;
  return null;
}

const pagedEstimator: QueryComplexity.ComplexityEstimator = ({ field, args, childComplexity }) => {
  const own = isLeafType(getNamedType(field.type)) ? 0 : 1;
  const pageable = field.args.some((a) => a.name === "first" || a.name === "last" || a.name === "ids");
  if (!pageable) return own + childComplexity;
  return own + (multiplier(args) ?? DEFAULT_PAGE_SIZE) * childComplexity;
};

/**
 * Costs by document (Apollo hands the same parsed document to every request with the same text)
 * and by variables: a dashboard refreshed by many viewers is costed once.
 */
const costs = new WeakMap<DocumentNode, Map<string, number>>();
const MAX_COSTS_PER_DOCUMENT = 100;

export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined,
): number {
  let byVariables = costs.get(document);
  if (!byVariables) costs.set(document, (byVariables = new Map<string, number>()));
  const key = `${operationName ?? ""}\n${variables ? JSON.stringify(variables) : ""}`;
  const known = byVariables.get(key);
  if (known !== undefined) return known;
  const cost = computeCost(schema, document, variables, operationName);
  if (byVariables.size >= MAX_COSTS_PER_DOCUMENT) byVariables.clear();
  byVariables.set(key, cost);
  return cost;
}

function computeCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined,
): number {
  return getComplexity({
    schema,
    query: document,
    variables,
    operationName,
    estimators: [fieldExtensionsEstimator(), pagedEstimator],
  });
}

/** What a response actually returned: its objects, counted like the requested cost counts them. */
export function actualCost(data: Record<string, unknown> | null | undefined): number {
  // The root `data` object itself is not something the query asked for.
  return data ? Object.values(data).reduce((n: number, value) => n + objectsIn(value), 0) : 0;
}

function objectsIn(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, item) => n + objectsIn(item), 0);
  if (value === null || typeof value !== "object") return 0;
  return 1 + Object.values(value).reduce((n: number, v) => n + objectsIn(v), 0);
}
