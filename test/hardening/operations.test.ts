/**
 * Operating the server: liveness (/healthz), readiness (/readyz: the database answers and every
 * migration is applied), Prometheus metrics (/metrics), and in production, errors that tell the
 * client nothing about the inside (no stack, SQL or paths) but carry a request id that the logs
 * carry too; and logs that never contain an API key's secret.
 *
 * The production server runs as a child process (`node --import tsx src/cli/start.ts`), so its real
 * pino output on stdout can be read.
 */
import "reflect-metadata";
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServerProcess, type ServerProcess } from "../support/serverProcess.js";
import { testBackend, testDatabase, type TestDatabase } from "../support/testDatabase.js";
import { openDatabase } from "../../db/connection.js";
import { startTestServer, type TestServer } from "../support/testServer.js";
import { exampleOperation } from "../../examples/operations/index.js";

const run = promisify(execFile);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const EXPECTED_MIGRATIONS = (
  JSON.parse(readFileSync(join(ROOT, "db", "migrations", testBackend(), "meta", "_journal.json"), "utf8")) as {
    entries: unknown[];
  }
).entries.length;

type Booted = TestServer;
const boot = (): Promise<Booted> => startTestServer();

function post(url: string, query: string, headers: Record<string, string> = {}) {
  return fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query }),
  });
}

/** Cities → memberships → member → ... : 15 fields deep, over the limit of 12. */
const DEEP = `{ cities(first: 1) { nodes { memberships(first: 1) { nodes { member { memberships(first: 1) { nodes { member {
  memberships(first: 1) { nodes { member { memberships(first: 1) { nodes { member { slug } } } } } } } } } } } } } } }`;

describe("in process", () => {
  let server: Booted;
  beforeAll(async () => {
    server = await boot();
  }, 60_000);
  afterAll(() => server?.close());

  it("/healthz answers 200 ok", async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("/readyz answers 200 with every migration applied", async () => {
    const res = await fetch(`${server.url}/readyz`);
    expect(res.status).toBe(200);
    expect(EXPECTED_MIGRATIONS).toBeGreaterThan(0);
    expect(await res.json()).toEqual({
      ready: true,
      database: "ok",
      migrations: { applied: EXPECTED_MIGRATIONS, expected: EXPECTED_MIGRATIONS },
    });
  });

  it("/metrics exposes the database, GraphQL, cost, rejection and process metrics", async () => {
    // An example operation: labelled by its name (any other name is "other": test/hardening/metricsLabels.test.ts).
    expect((await post(server.url, exampleOperation("dashboard-footprint"))).status).toBe(200);
    const deep = await post(server.url, DEEP);
    expect(deep.status).toBe(400);
    const refusal = (await deep.json()) as { data?: unknown; errors: { extensions: { code: string } }[] };
    expect(refusal.data).toBeUndefined();
    expect(refusal.errors[0].extensions.code).toBe("MAX_DEPTH_EXCEEDED");

    const res = await fetch(`${server.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    const text = await res.text();
    const value = (pattern: RegExp) => {
      const line = text.split("\n").find((l) => pattern.test(l));
      expect(line, `a line matching ${pattern}`).toBeDefined();
      return Number(line!.split(" ").at(-1));
    };
    expect(value(/^footprint_db_statements_total /)).toBeGreaterThan(0);
    expect(value(/^footprint_graphql_requests_total\{operation="DashboardFootprint",outcome="ok"\} /)).toBe(1);
    expect(value(/^footprint_graphql_request_duration_seconds_bucket\{le="\+Inf",operation="DashboardFootprint"\} /)).toBe(1);
    expect(text).toMatch(
      /^footprint_graphql_request_duration_seconds_bucket\{le="0\.001",operation="DashboardFootprint"\} \d+$/m,
    );
    expect(value(/^footprint_graphql_cost_points_total /)).toBeGreaterThanOrEqual(1);
    expect(value(/^footprint_graphql_rejected_total\{reason="depth"\} /)).toBe(1);
    expect(value(/^footprint_process_resident_memory_bytes /)).toBeGreaterThan(1_000_000);
    expect(text).toMatch(/^# TYPE footprint_graphql_requests_total counter$/m);
    expect(text).toMatch(/^# TYPE footprint_graphql_request_duration_seconds histogram$/m);
  });

  describe("a server whose database breaks", () => {
    let broken: Booted;
    beforeAll(async () => {
      broken = await boot();
    }, 60_000);
    afterAll(() => broken?.close().catch(() => {}));

    const readyz = async () => {
      const res = await fetch(`${broken.url}/readyz`);
      return {
        status: res.status,
        body: (await res.json()) as { ready: boolean; database: string; migrations: { applied: number; expected: number } },
      };
    };

    it("is ready, then not ready (503) when a migration is missing", async () => {
      expect((await readyz()).status).toBe(200);
      await broken.exec("DELETE FROM __drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM __drizzle_migrations)");
      const res = await readyz();
      expect(res.status).toBe(503);
      expect(res.body).toEqual({
        ready: false,
        database: "ok",
        migrations: { applied: EXPECTED_MIGRATIONS - 1, expected: EXPECTED_MIGRATIONS },
      });
    });

    it("is not ready (503) when the migrations table is gone", async () => {
      await broken.exec("DROP TABLE __drizzle_migrations");
      const res = await readyz();
      expect(res.status).toBe(503);
      expect(res.body.ready).toBe(false);
    });

    it("is not ready (503) when the database is closed, and still alive (/healthz 200)", async () => {
      // Not awaited: on PostgreSQL, closing ends the connection pool, which refuses new queries at
      // once but finishes only when the server gives back the connection its change listener holds.
      broken.app.database.close().catch(() => {});
      const res = await readyz();
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ ready: false, database: "unreachable" });
      expect((await fetch(`${broken.url}/healthz`)).status).toBe(200);
    });
  });
});

describe("in production, as a child process", () => {
  let database: TestDatabase | undefined;
  let server: ServerProcess | undefined;
  let url: string;
  let secret: string;
  /** Everything the child wrote, stdout and stderr. */
  const output = () => server?.lines.join("\n") ?? "";
  const logLines = () => server?.entries() ?? [];

  /** Polls the logs until `predicate` holds (pino writes asynchronously). */
  async function waitForLog(predicate: (line: Record<string, unknown>) => boolean, ms = 5_000): Promise<Record<string, unknown>> {
    const until = Date.now() + ms;
    for (;;) {
      const found = logLines().find(predicate);
      if (found) return found;
      if (Date.now() > until) throw new Error(`no such log line in:\n${output().slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  beforeAll(async () => {
    database = await testDatabase();
    const env: NodeJS.ProcessEnv = { ...process.env, ...database.config, NODE_ENV: "production", LOG_LEVEL: "info" };
    delete env.PORT;
    await run(process.execPath, ["--import", "tsx", "src/cli/seed.ts"], { cwd: ROOT, env });
    const { stdout } = await run(
      process.execPath,
      ["--import", "tsx", "src/cli/keys.ts", "create", "--role", "EDITOR", "--name", "ops log test"],
      { cwd: ROOT, env },
    );
    secret = stdout.trim().split("\n").at(-1)!.trim();
    expect(secret).toMatch(/^fpk_/);

    server = await startServerProcess({ env });
    url = server.url;
  }, 120_000);

  afterAll(async () => {
    await server?.stop("SIGKILL");
    await database?.drop();
  });

  it("serves a request made with an API key, and logs it under the key's name", async () => {
    const res = await post(url, `query OpsWithKey { countries { code } }`, {
      authorization: `Bearer ${secret}`,
      "x-request-id": "ops-with-key-1",
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: { countries: unknown[] }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data.countries.length).toBeGreaterThan(200);
    const line = await waitForLog((l) => l.requestId === "ops-with-key-1");
    expect(line).toMatchObject({ msg: "graphql request", operation: "OpsWithKey", viewer: "ops log test", outcome: "ok" });
  });

  it("refuses an unknown key without logging it", async () => {
    const forged = `fpk_${"A".repeat(43)}`;
    const res = await post(url, `{ countries { code } }`, {
      authorization: `Bearer ${forged}`,
      "x-request-id": "ops-forged-key",
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0].extensions.code).toBe("UNAUTHENTICATED");
    await new Promise((r) => setTimeout(r, 300));
    expect(output()).not.toContain(forged);
  });

  it("answers a client error without a stack trace", async () => {
    const res = await post(url, `{ nope }`);
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).not.toMatch(/stacktrace|node_modules|\/work\//);
    expect(JSON.parse(text).errors[0].extensions.requestId).toBe(res.headers.get("x-request-id"));
  });

  it("masks a resolver's internal error: INTERNAL_SERVER_ERROR, a generic message, a request id the log has too", async () => {
    // Break the database under the running server: the countries table disappears (renamed, so
    // that the tables referring to it need not be touched).
    const config = database!.config;
    const handle = await openDatabase({ url: config.DATABASE_URL, schemaName: config.DATABASE_SCHEMA, poolSize: 1 });
    try {
      await database!.rows(handle, "ALTER TABLE countries RENAME TO countries_gone", []);
    } finally {
      await handle.close();
    }
    const res = await post(url, `query OpsBroken { countries { code } }`);
    const text = await res.text();
    const body = JSON.parse(text) as {
      data: unknown;
      errors: { message: string; path?: string[]; extensions: Record<string, unknown> }[];
    };
    expect(body.data ?? null).toBeNull();
    expect(body.errors).toHaveLength(1);
    const [error] = body.errors;
    expect(error.extensions.code).toBe("INTERNAL_SERVER_ERROR");
    expect(error.message).toMatch(/^Internal server error/);
    expect(error.extensions.stacktrace).toBeUndefined();
    // Nothing about the inside: no path on disk, no SQL, no database message.
    for (const leak of [
      "/work",
      "node_modules",
      "SELECT",
      "select",
      "no such table",
      "does not exist",
      "countries_gone",
      "SqliteError",
      "SQLITE",
      "stacktrace",
      ".ts:",
      "drizzle",
    ]) {
      expect(text, `the response contains ${leak}`).not.toContain(leak);
    }
    const requestId = error.extensions.requestId;
    expect(requestId).toEqual(expect.any(String));
    expect(res.headers.get("x-request-id")).toBe(requestId);

    // The log has the request id, with the real error, for whoever reads the logs.
    const logged = await waitForLog((l) => l.requestId === requestId && l.msg === "internal error");
    expect(logged.level).toBe(50);
    expect(JSON.stringify(logged.err)).toMatch(/no such table: countries|relation \\"countries\\" does not exist/);
    await waitForLog((l) => l.requestId === requestId && l.msg === "graphql request" && l.outcome === "INTERNAL_SERVER_ERROR");
  });

  it("never wrote an API key's secret to its logs", async () => {
    expect(logLines().length).toBeGreaterThan(3);
    const all = output();
    expect(all).not.toContain(secret);
    // Not even the part after the prefix, nor the Authorization header.
    expect(all).not.toContain(secret.slice(4));
    expect(all.toLowerCase()).not.toContain("bearer");
  });
});
