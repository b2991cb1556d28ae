/**
 * A real Footprint server for tests: a fresh database, migrated and seeded by the same start-up
 * code production uses, served over HTTP on a free port. The database is a SQLite file in a
 * temporary folder, or, in the test run on PostgreSQL (`testBackend()`), a schema of its own in
 * the TEST_DATABASE_URL database, dropped on close.
 */
import "reflect-metadata";
import type { FootprintApp } from "../../src/app.js";
import { bootFootprint, type BootConfig } from "../../src/app.js";
import { loadSeed } from "../../seeds/loadSeed.js";
import type { ApiKeyRole } from "../../db/enums.js";
import { createApiKey } from "../../src/data/apiKeys.js";
import type { SeedDataset } from "../../seeds/dataset/types.js";
import { testDatabase, type TestDatabase } from "./testDatabase.js";

export interface GraphQLResponse<D = any> {
  status: number;
  data?: D;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  /** The answer's extensions (cost, dataVersion). */
  extensions?: any;
  headers: Headers;
}

export interface TestServer {
  app: FootprintApp;
  url: string;
  /** The database settings the server runs on, for a command-line tool to run on the same data. */
  databaseConfig: { DATABASE_URL: string; DATABASE_SCHEMA?: string };
  gql<D = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<D>>;
  /** The single number a `SELECT count(*) AS n ...` statement returns, read from the server's database. */
  count(sql: string, ...params: unknown[]): Promise<number>;
  /** Rows of a raw statement on the server's database; `?` placeholders work on both backends. */
  rows<Row = any>(sql: string, ...params: unknown[]): Promise<Row[]>;
  /** Runs a raw statement on the server's database for its effect. */
  exec(sql: string, ...params: unknown[]): Promise<void>;
  /** Creates an API key in the server's database and returns its secret. */
  createKey(role: ApiKeyRole, options?: { organisation?: string; name?: string }): Promise<string>;
  /** Runs `work` and returns how many SQL statements the server executed meanwhile. */
  countStatements(work: () => Promise<unknown>): Promise<number>;
  close(): Promise<void>;
}

/** Every SQL statement the test servers ran, in order (for diagnosing a count that changed). */
export const statementLog: string[] = [];

export interface TestServerOptions {
  seed?: boolean;
  /** The database holds this dataset (through the seed loader) instead of the seed. */
  dataset?: SeedDataset;
  homeCity?: string;
  /** Settings the test needs beyond the defaults (limits, timeouts, production mode…). */
  config?: Partial<BootConfig>;
  /** Called with every SQL statement the server runs. */
  onStatement?: (sqlText: string) => void;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const database: TestDatabase = await testDatabase();
  const app = await bootFootprint(
    {
      ...database.config,
      NODE_ENV: "test",
      LOG_LEVEL: "silent",
      HOME_CITY: options.homeCity ?? "tehran",
      // Tests measure execution (statements, deadlines) by asking the same thing again: the
      // response cache would answer instead. test/http/responseCache.test.ts turns it on.
      RESPONSE_CACHE_MB: 0,
      ...options.config,
    },
    {
      seed: options.dataset ? false : options.seed,
      onStatement: (sqlText) => {
        statementLog.push(sqlText);
        options.onStatement?.(sqlText);
      },
    },
  );
  if (options.dataset) await loadSeed(app.database, options.dataset);
  const rows = async (text: string, ...params: unknown[]) => database.rows(app.database, text, params);
  const address = await app.server.listen(0, "127.0.0.1");
  const url = `http://127.0.0.1:${address.port}`;
  const statementsSoFar = async () => (await app.metrics.statements.get()).values[0]?.value ?? 0;
  return {
    app,
    url,
    databaseConfig: database.config,
    async gql(query, variables, headers) {
      const res = await fetch(`${url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data?: unknown; errors?: GraphQLResponse["errors"]; extensions?: unknown };
      return {
        status: res.status,
        data: body.data as any,
        errors: body.errors,
        extensions: body.extensions,
        headers: res.headers,
      };
    },
    async count(text, ...params) {
      const [row] = await rows(text, ...params);
      return Number(row?.n);
    },
    rows,
    async exec(text, ...params) {
      await rows(text, ...params);
    },
    async createKey(role, options = {}) {
      const { secret } = await createApiKey(app.database.db, {
        role,
        name: options.name ?? `${role} test key`,
        organisationSlug: options.organisation ?? null,
      });
      return secret;
    },
    async countStatements(work) {
      const before = await statementsSoFar();
      await work();
      return (await statementsSoFar()) - before;
    },
    async close() {
      // A test may leave the server unable to close cleanly (a broken database); its data goes anyway.
      try {
        await app.close();
      } finally {
        await database.drop();
      }
    },
  };
}

/** The `extensions.code` of each error, for compact assertions. */
/** Headers that authenticate with an API key. */
export function bearer(secret: string): Record<string, string> {
  return { authorization: `Bearer ${secret}` };
}

/** A payload's userErrors as [field path, code] pairs, for compact assertions. */
export function errorsOf(payload: { userErrors: { field: string[] | null; code: string }[] }): (string | undefined)[][] {
  return payload.userErrors.map((e) => [e.field?.join("."), e.code]);
}

export function errorCodes(response: GraphQLResponse): unknown[] {
  return (response.errors ?? []).map((e) => e.extensions?.code);
}
