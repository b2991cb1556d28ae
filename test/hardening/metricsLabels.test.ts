/**
 * /metrics stays bounded whatever operation names clients choose: the `operation` label names only
 * the operations the server knows (the example operations, the trusted documents), every other named
 * operation is "other" and an unnamed one "anonymous". The log line keeps the client's name, cut to
 * a bounded length.
 */
import "reflect-metadata";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { exampleOperation } from "../../examples/operations/index.js";
import { startTestServer, type TestServer } from "../support/testServer.js";
import { RawSocket } from "../support/wsClient.js";

async function metricsText(server: TestServer): Promise<string> {
  const res = await fetch(`${server.url}/metrics`);
  expect(res.status).toBe(200);
  return res.text();
}

function counter(text: string, operation: string): number {
  const line = text
    .split("\n")
    .find((l) => l.startsWith(`footprint_graphql_requests_total{operation="${operation}",outcome="ok"} `));
  return line ? Number(line.split(" ").at(-1)) : 0;
}

/** Sends `count` requests, `concurrency` at a time, each from `query(i)`. */
async function sendMany(server: TestServer, count: number, query: (i: number) => string, concurrency = 25): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const res = await server.gql(query(next++));
        expect(res.status).toBe(200);
      }
    }),
  );
}

describe("the operation label", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  it("does not grow /metrics with 500 distinct client-chosen operation names", async () => {
    // Every label this test can create exists once before measuring.
    await server.gql(`query Warmup { __typename }`);
    const before = await metricsText(server);
    const otherBefore = counter(before, "other");
    await sendMany(server, 500, (i) => `query ClientChosenName${i} { __typename }`);
    const after = await metricsText(server);
    // Without the bucket each name would add a counter and a 13-line histogram (about 1.7 KB each).
    expect(after.length - before.length).toBeLessThan(2_000);
    expect(after.length).toBeLessThan(100_000);
    expect(after).not.toMatch(/ClientChosenName|Warmup/);
    expect(counter(after, "other") - otherBefore).toBe(500);
  });

  it("names the example operations, and counts unnamed operations as anonymous", async () => {
    const res = await server.gql(exampleOperation("researcher-trips"), { after: null });
    expect(res.errors).toBeUndefined();
    await server.gql(`{ __typename }`);
    const text = await metricsText(server);
    expect(counter(text, "ResearcherTrips")).toBe(1);
    expect(counter(text, "anonymous")).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^footprint_graphql_request_duration_seconds_count\{operation="ResearcherTrips"\} 1$/m);
  });

  it("counts queries over WebSocket in the same metrics, with a log line naming the transport", async () => {
    const info = vi.spyOn(server.app.logger, "info");
    const warn = vi.spyOn(server.app.logger, "warn");
    const before = await metricsText(server);
    const socket = await RawSocket.open(server.url);
    try {
      const answer = await socket.run(exampleOperation("researcher-trips"), { after: null });
      expect(answer.errors).toBeUndefined();
      const refused = await socket.run(`query SocketRefused { trips(first: 100000) { nodes { id } } }`);
      expect(refused.errors?.length).toBeGreaterThan(0);
    } finally {
      await socket.close();
    }
    const after = await metricsText(server);
    expect(counter(after, "ResearcherTrips") - counter(before, "ResearcherTrips")).toBe(1);
    const errorLine = (text: string) =>
      Number(
        text
          .split("\n")
          .find((l) => l.startsWith(`footprint_graphql_requests_total{operation="other",outcome="error"} `))
          ?.split(" ")
          .at(-1) ?? 0,
      );
    expect(errorLine(after) - errorLine(before)).toBe(1);
    const lines = [...info.mock.calls, ...warn.mock.calls].map(([fields]) => fields as Record<string, unknown>);
    expect(lines).toContainEqual(
      expect.objectContaining({ transport: "websocket", operation: "ResearcherTrips", outcome: "ok" }),
    );
    expect(lines).toContainEqual(expect.objectContaining({ transport: "websocket", operation: "SocketRefused" }));
    info.mockRestore();
    warn.mockRestore();
  });

  it("the log line keeps the client's name, at most 100 characters of it", async () => {
    const info = vi.spyOn(server.app.logger, "info");
    const long = `N${"x".repeat(5_000)}`;
    await server.gql(`query ClientChosenLogged { __typename }`, undefined, { "x-request-id": "label-short" });
    await server.gql(`query ${long} { __typename }`, undefined, { "x-request-id": "label-long" });
    const line = (requestId: string) =>
      info.mock.calls.map(([fields]) => fields as Record<string, unknown>).find((f) => f.requestId === requestId);
    expect(line("label-short")?.operation).toBe("ClientChosenLogged");
    expect(line("label-long")?.operation).toBe(`${long.slice(0, 100)}…`);
    info.mockRestore();
  });
});

describe("with trusted documents", () => {
  let dir: string;
  let server: TestServer;
  const MANIFEST_OPERATION = `query PartnerDashboardHeadline { countries { code } }`;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "footprint-labels-"));
    const file = join(dir, "manifest.json");
    writeFileSync(
      file,
      JSON.stringify({
        format: "apollo-persisted-query-manifest",
        version: 1,
        operations: [{ name: "PartnerDashboardHeadline", type: "query", body: MANIFEST_OPERATION }],
      }),
    );
    server = await startTestServer({ config: { TRUSTED_DOCUMENTS: file } });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("labels the manifest's operations by name", async () => {
    const res = await server.gql(MANIFEST_OPERATION);
    expect(res.status).toBe(200);
    expect(counter(await metricsText(server), "PartnerDashboardHeadline")).toBe(1);
  });
});
