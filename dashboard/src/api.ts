/**
 * The page's one request per view: the Dashboard operation (dashboard.graphql), typed by the
 * codegen client (src/generated/), POSTed to the server's own /graphql like any client's.
 */
import { DashboardDocument, type DashboardQuery, type DashboardQueryVariables } from "./generated/graphql.js";

export type Dashboard = DashboardQuery;

export class ApiError extends Error {}

interface GraphQLAnswer<D> {
  data?: D | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

// Beside the page: /dashboard/ asks /graphql, and so does a copy mounted under a proxy's prefix.
const GRAPHQL_URL = new URL("../graphql", window.location.href);

export async function fetchDashboard(variables: DashboardQueryVariables): Promise<Dashboard> {
  const response = await fetch(GRAPHQL_URL, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/graphql-response+json, application/json" },
    body: JSON.stringify({ query: DashboardDocument.toString(), operationName: "Dashboard", variables }),
  });
  const answer = (await response.json()) as GraphQLAnswer<Dashboard>;
  if (answer.errors?.length) {
    const [first] = answer.errors;
    throw new ApiError(`${first?.message ?? "error"}${first?.extensions?.code ? ` (${first.extensions.code})` : ""}`);
  }
  if (!answer.data) throw new ApiError(`HTTP ${response.status}: no data`);
  return answer.data;
}
