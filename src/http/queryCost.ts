/**
 * What a query costs, computed from the document and its variables before it runs, the way
 * GitHub's API does: every object a query can return costs 1, and the page size of a connection
 * (`first` / `last`, or its default) multiplies everything beneath it, so nested connections
 * multiply down the nesting. Fields that cost more to compute carry a type-graphql `complexity`.
 * The same number caps what one query may ask for and is what the rate limit charges.
 */
import { createRequire } from "node:module";
import { getNamedType, isLeafType, isObjectType, type DocumentNode, type GraphQLSchema } from "graphql";
import type * as QueryComplexity from "graphql-query-complexity";
import { DEFAULT_PAGE_SIZE } from "../graphql/connection.js";
import type { Context } from "../graphql/context.js";

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

const counted = new WeakSet<GraphQLSchema>();

/**
 * Makes `schema` count, while a query executes, the objects it returns into `ctx.cost.returned`:
 * counted like the requested cost counts them (every object 1, leaves nothing), without a second
 * walk over the answer. graphql-js asks an object type's `isTypeOf` about every object value it
 * completes (list items one by one, and through Node and SearchHit, whose `resolveType` picks the
 * type first), so a hook there sees each returned object exactly once. No type of the schema has an
 * `isTypeOf` of its own, and its two abstract types resolve by `resolveType`, so answering `true`
 * changes nothing else. The schema is built once per process (src/schema.ts): counted once.
 */
export function countReturnedObjects(schema: GraphQLSchema): void {
  if (counted.has(schema)) return;
  counted.add(schema);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    const own = type.isTypeOf;
    type.isTypeOf = own
      ? (value, context: Partial<Context> | undefined, info) => {
          if (context?.cost) context.cost.returned++;
          return own(value, context, info);
        }
      : (_value, context: Partial<Context> | undefined) => {
          if (context?.cost) context.cost.returned++;
          return true;
        };
  }
}
