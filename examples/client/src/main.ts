/**
 * A typed Footprint client with plain fetch: the researcher's trips page, the dashboard's headline
 * figures and a search over the SearchHit union, each typed by the code graphql-codegen generated
 * from schema/schema.graphql and the operations (examples/client/codegen.ts).
 *
 *   npx tsx examples/client/src/main.ts [endpoint]
 *
 * The endpoint is the argument, else FOOTPRINT_URL, else http://127.0.0.1:4000/graphql.
 */
import { pathToFileURL } from "node:url";
import { resolve } from "node:path";
import {
  DashboardFootprintDocument,
  ResearcherTripsDocument,
  SearchHitsDocument,
  type DashboardFootprintQuery,
  type ResearcherTripsQuery,
  type SearchHitsQuery,
  type TypedDocumentString,
} from "./generated/graphql.js";

export const DEFAULT_ENDPOINT = "http://127.0.0.1:4000/graphql";

/** A GraphQL-over-HTTP response whose `data` has the operation's generated type. */
interface GraphQLResponse<TResult> {
  data?: TResult | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** An operation with no variables takes none; any other takes its generated variables type. */
type VariablesOf<TVariables> = TVariables extends Record<string, never> ? [] : [variables: TVariables];

/** Runs one generated operation against `endpoint`; the result has the operation's type. */
export async function execute<TResult, TVariables>(
  endpoint: string,
  document: TypedDocumentString<TResult, TVariables>,
  ...[variables]: VariablesOf<TVariables>
): Promise<TResult> {
  const response = await fetch(endpoint, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/graphql-response+json, application/json" },
    body: JSON.stringify({ query: document.toString(), variables }),
  });
  // The generated types describe what the server answers for this document.
  const body = (await response.json()) as GraphQLResponse<TResult>;
  if (body.errors?.length) {
    throw new Error(`${endpoint}: ${body.errors.map((e) => `${e.message} (${e.extensions?.code ?? "no code"})`).join("; ")}`);
  }
  if (!response.ok || body.data == null) throw new Error(`${endpoint}: HTTP ${response.status} without data`);
  return body.data;
}

/** The search hits that carry a `code`: one field, one type (`String!`), on both members. */
type CodedHit = Extract<SearchHitsQuery["search"][number], { __typename: "Country" | "Trip" }>;

export interface ClientRun {
  researcher: ResearcherTripsQuery["trips"];
  dashboard: DashboardFootprintQuery["footprint"];
  series: DashboardFootprintQuery["series"];
  search: SearchHitsQuery["search"];
  /** The search hits with a code, Countries and Trips alike. */
  coded: CodedHit[];
  /** What the program prints. */
  lines: string[];
}

/** The three operations against `endpoint`, and a few lines about their answers. */
export async function runClient(endpoint: string = DEFAULT_ENDPOINT, searchText = "russia"): Promise<ClientRun> {
  const [{ trips: researcher }, { footprint: dashboard, series }, { search }] = await Promise.all([
    execute(endpoint, ResearcherTripsDocument, { after: null }),
    execute(endpoint, DashboardFootprintDocument),
    execute(endpoint, SearchHitsDocument, { text: searchText, first: 20 }),
  ]);

  // TypeScript narrows the union by __typename, so `coded` holds Countries and Trips, each with `code: string`.
  const coded: CodedHit[] = search.filter((hit) => hit.__typename === "Country" || hit.__typename === "Trip");
  const lines = [
    `Researcher: ${researcher.totalCount} completed trips to Iraq in 1401; newest first:`,
    ...researcher.edges.slice(0, 3).map(({ node }) => {
      const where = node.destinations.map((d) => `${d.name.en ?? "?"} (${d.country.code})`).join(", ");
      return `  ${node.code}  ${node.startJalali.iso} ${node.startJalali.monthName}  ${where}  ${node.delegationSize} delegates`;
    }),
    `Dashboard ${dashboard.period.fromJalali.iso}..${dashboard.period.toJalali.iso}: ${dashboard.tripsCompleted} trips completed, ` +
      `${dashboard.participants} participants, rejection rate ${(dashboard.rejectionRate * 100).toFixed(0)}%, ` +
      `${dashboard.countriesVisited.length} countries (most: ${dashboard.countriesVisited[0]?.country.name.en ?? "none"})`,
    `Series 1401: ${series.map((point) => `${point.label.en}=${point.value}`).join(" ")}`,
    `Search "${searchText}": ${search.length} hits; with a code: ${coded.map((hit) => `${hit.__typename} ${hit.code}`).join(", ") || "none"}`,
  ];
  return { researcher, dashboard, series, search, coded, lines };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const endpoint = process.argv[2] ?? process.env.FOOTPRINT_URL ?? DEFAULT_ENDPOINT;
  for (const line of (await runClient(endpoint)).lines) console.log(line);
}
