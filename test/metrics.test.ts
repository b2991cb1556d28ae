import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exampleOperation } from "../examples/operations/index.js";
import { startTestServer, type TestServer } from "./support/testServer.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

async function statementsTotal(): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith("footprint_db_statements_total "));
  expect(line).toBeDefined();
  return Number(line!.split(" ")[1]);
}

describe("/metrics", () => {
  it("exposes the SQL statement count in Prometheus text format, and it grows with queries", async () => {
    const res = await fetch(`${server.url}/metrics`);
    expect(res.headers.get("content-type")).toMatch(/text\/plain/);
    const before = await statementsTotal();
    await server.gql(`{ trips(first: 3) { totalCount nodes { destinations { slug } } } }`);
    const after = await statementsTotal();
    // the data version (extensions.dataVersion) + page + count + legs + cities
    expect(after - before).toBe(5);
  });

  it('counts operations by outcome, known ones by name and the rest as "other"', async () => {
    await server.gql(exampleOperation("dashboard-footprint"));
    await server.gql(`query Named { countries { code } }`);
    const text = await (await fetch(`${server.url}/metrics`)).text();
    expect(text).toMatch(/footprint_graphql_requests_total\{operation="DashboardFootprint",outcome="ok"\} 1/);
    expect(text).toMatch(/footprint_graphql_requests_total\{operation="other",outcome="ok"\} 1/);
    expect(text).not.toContain("Named");
  });
});

describe("/healthz", () => {
  it("answers ok", async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });
});
