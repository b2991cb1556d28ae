/**
 * A client's mistake answers 4xx, never 500, in GraphQL's error shape with the request id (in
 * `extensions.requestId` and `x-request-id`), and is logged as a refusal: the request's one log line
 * at level warn with the code as its outcome, no "internal error" entry and no stack. The production
 * server runs as a child process so that its pino output can be read.
 */
import "reflect-metadata";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { exampleOperation } from "../../examples/operations/index.js";
import { PROJECT_ROOT, startServerProcess, type ServerProcess } from "../support/serverProcess.js";
import { testDatabase, type TestDatabase } from "../support/testDatabase.js";
import { startTestServer, type TestServer } from "../support/testServer.js";

const run = promisify(execFile);

interface Refusal {
  name: string;
  status: number;
  code: string;
  /** The request body (a JSON text or raw bytes) and any headers beyond the JSON content type. */
  body: string | Uint8Array<ArrayBuffer>;
  headers?: Record<string, string>;
  /** Needs the rate-limited key's Authorization header. */
  withKey?: boolean;
}

const json = (query: string, variables?: Record<string, unknown>) => JSON.stringify({ query, variables });
const DEEP = `{ cities(first: 1) { nodes { memberships(first: 1) { nodes { member { memberships(first: 1) { nodes { member {
  memberships(first: 1) { nodes { member { memberships(first: 1) { nodes { member { slug } } } } } } } } } } } } } } }`;

const REFUSALS: Refusal[] = [
  {
    name: "cost",
    status: 400,
    code: "MAX_COST_EXCEEDED",
    body: json(`query Costly { trips(first: 99999999) { nodes { code } } }`),
  },
  {
    name: "list-variables",
    status: 400,
    code: "LIST_INPUT_TOO_LONG",
    body: json(`query Many($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: Array.from({ length: 300 }, (_, i) => `x${i}`) }),
  },
  {
    name: "list-literal",
    status: 400,
    code: "LIST_INPUT_TOO_LONG",
    body: json(`{ trips(filter: { countries: [${Array.from({ length: 251 }, () => '"IQ"').join(",")}] }) { totalCount } }`),
  },
  { name: "depth", status: 400, code: "MAX_DEPTH_EXCEEDED", body: json(DEEP) },
  {
    name: "aliases",
    status: 400,
    code: "MAX_ALIASES_EXCEEDED",
    body: json(`{ ${Array.from({ length: 31 }, (_, i) => `a${i}: countries { code }`).join(" ")} }`),
  },
  {
    name: "directives",
    status: 400,
    code: "MAX_DIRECTIVES_EXCEEDED",
    body: json(`{ countries { code ${"@include(if: true) ".repeat(51)} } }`),
  },
  {
    name: "tokens",
    status: 400,
    code: "MAX_TOKENS_EXCEEDED",
    body: json(`{ countries { code } ${Array.from({ length: 700 }, (_, i) => `f${i}: __typename`).join(" ")} }`),
  },
  { name: "repeated", status: 400, code: "REPEATED_FIELD_LIMIT_EXCEEDED", body: json(`{ countries { ${"code ".repeat(5)} } }`) },
  { name: "too-large", status: 413, code: "PAYLOAD_TOO_LARGE", body: json(`{ __typename }`, { pad: "x".repeat(120_000) }) },
  { name: "bad-json", status: 400, code: "BAD_REQUEST", body: `{"query": ` },
  {
    name: "bad-gzip",
    status: 400,
    code: "BAD_REQUEST",
    body: new TextEncoder().encode("this is not gzip"),
    headers: { "content-encoding": "gzip" },
  },
  {
    name: "unknown-encoding",
    status: 415,
    code: "UNSUPPORTED_CONTENT_ENCODING",
    body: json(`{ __typename }`),
    headers: { "content-encoding": "x-footprint" },
  },
  {
    name: "unknown-key",
    status: 401,
    code: "UNAUTHENTICATED",
    body: json(`{ __typename }`),
    headers: { authorization: `Bearer fpk_${"B".repeat(43)}` },
  },
  {
    name: "rate-limited",
    status: 429,
    code: "RATE_LIMITED",
    body: json(`{ trips(first: 100) { nodes { code } } }`),
    withKey: true,
  },
];

describe("refusals in production, as a child process", () => {
  let database: TestDatabase | undefined;
  let server: ServerProcess | undefined;
  let secret: string;

  beforeAll(async () => {
    database = await testDatabase();
    // A key whose budget (50 points) is smaller than one page of 100 trips.
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...database.config,
      NODE_ENV: "production",
      LOG_LEVEL: "info",
      RATE_LIMIT_KEY: "50",
    };
    delete env.PORT;
    await run(process.execPath, ["--import", "tsx", "src/cli/seed.ts"], { cwd: PROJECT_ROOT, env });
    const { stdout } = await run(
      process.execPath,
      ["--import", "tsx", "src/cli/keys.ts", "create", "--role", "EDITOR", "--name", "client errors test"],
      { cwd: PROJECT_ROOT, env },
    );
    secret = stdout.trim().split("\n").at(-1)!.trim();
    server = await startServerProcess({ env });
  }, 120_000);

  afterAll(async () => {
    await server?.stop("SIGKILL");
    await database?.drop();
  });

  /** Polls the logs until `predicate` holds (pino writes asynchronously). */
  async function waitForLog(predicate: (line: Record<string, unknown>) => boolean, ms = 5_000) {
    const until = Date.now() + ms;
    for (;;) {
      const found = server!.entries().find(predicate);
      if (found) return found;
      if (Date.now() > until) throw new Error(`no such log line in:\n${server!.lines.join("\n").slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it.each(REFUSALS)("$name: HTTP $status $code, JSON with the request id, logged as a refusal", async (refusal) => {
    const requestId = `client-error-${refusal.name}`;
    const res = await fetch(`${server!.url}/graphql`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-request-id": requestId,
        ...refusal.headers,
        ...(refusal.withKey ? { authorization: `Bearer ${secret}` } : {}),
      },
      body: refusal.body,
    });
    const text = await res.text();
    expect(res.status, text.slice(0, 300)).toBe(refusal.status);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("x-request-id")).toBe(requestId);
    const body = JSON.parse(text) as { data?: unknown; errors: { message: string; extensions: Record<string, unknown> }[] };
    expect(body.data).toBeUndefined();
    expect(body.errors[0].extensions).toMatchObject({ code: refusal.code, requestId });
    expect(body.errors[0].message.length).toBeGreaterThan(10);
    expect(text).not.toMatch(/stacktrace|node_modules|<html|\/work\/|at [A-Za-z.]+ \(/);
    if (refusal.code === "RATE_LIMITED") expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);

    const line = await waitForLog((l) => l.requestId === requestId && l.msg === "graphql request");
    expect(line).toMatchObject({ level: 40, status: refusal.status, outcome: refusal.code });
    expect(line.err).toBeUndefined();
    // One line per request, and no "internal error" beside it.
    await new Promise((r) => setTimeout(r, 100));
    const all = server!.entries().filter((l) => l.requestId === requestId);
    expect(all, JSON.stringify(all)).toHaveLength(1);
  });

  it("an accepted request is still logged at info, and nothing above was logged as an internal error", async () => {
    const res = await fetch(`${server!.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-request-id": "client-error-ok" },
      body: json(`query Fine { countries { code } }`),
    });
    expect(res.status).toBe(200);
    const line = await waitForLog((l) => l.requestId === "client-error-ok");
    expect(line).toMatchObject({ level: 30, status: 200, outcome: "ok", operation: "Fine" });
    const errors = server!.entries().filter((l) => Number(l.level) >= 50 || l.msg === "internal error");
    expect(errors, JSON.stringify(errors)).toEqual([]);
    expect(server!.lines.join("\n")).not.toContain(`fpk_${"B".repeat(43)}`);
  });
});

describe("an untrusted document (TRUSTED_DOCUMENTS)", () => {
  let dir: string;
  let server: TestServer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "footprint-client-errors-"));
    const file = join(dir, "manifest.json");
    const body = exampleOperation("dashboard-footprint");
    writeFileSync(
      file,
      JSON.stringify({
        format: "apollo-persisted-query-manifest",
        version: 1,
        operations: [{ name: "DashboardFootprint", type: "query", body }],
      }),
    );
    server = await startTestServer({ config: { TRUSTED_DOCUMENTS: file } });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("answers 403 PERSISTED_QUERY_NOT_ALLOWED with the request id, logged at warn", async () => {
    const warn = vi.spyOn(server.app.logger, "warn");
    const error = vi.spyOn(server.app.logger, "error");
    const res = await server.gql(`{ countries { code } }`, undefined, { "x-request-id": "untrusted-1" });
    expect(res.status).toBe(403);
    expect(res.errors?.[0].extensions).toMatchObject({ code: "PERSISTED_QUERY_NOT_ALLOWED", requestId: "untrusted-1" });
    expect(res.headers.get("x-request-id")).toBe("untrusted-1");
    await new Promise((r) => setTimeout(r, 50));
    expect(warn).toHaveBeenCalledWith(
      expect.objectContaining({ requestId: "untrusted-1", status: 403, outcome: "PERSISTED_QUERY_NOT_ALLOWED" }),
      "graphql request",
    );
    expect(error).not.toHaveBeenCalled();
  });
});
