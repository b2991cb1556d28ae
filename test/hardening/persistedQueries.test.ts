/**
 * Persisted queries. Automatic persisted queries (APQ): a client may send only a query's SHA-256
 * once the server has seen the text. Trusted documents (TRUSTED_DOCUMENTS = an Apollo
 * persisted-query manifest): only the manifest's operations run, by text or by hash; anything else
 * is refused with PERSISTED_QUERY_NOT_ALLOWED (HTTP 403), and the server learns no new hashes.
 */
import "reflect-metadata";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BootConfig } from "../../src/app.js";
import { startTestServer, type TestServer } from "../support/testServer.js";
import { exampleOperation } from "../../examples/operations/index.js";

interface Booted {
  app: TestServer["app"];
  /** A folder for the test's files (a manifest), removed on close. */
  dir: string;
  /** The GraphQL endpoint. */
  url: string;
  close(): Promise<void>;
}

async function boot(config: (dir: string) => Partial<BootConfig> = () => ({})): Promise<Booted> {
  const dir = mkdtempSync(join(tmpdir(), "footprint-pq-"));
  const server = await startTestServer({ config: config(dir) });
  return {
    app: server.app,
    dir,
    url: `${server.url}/graphql`,
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const persisted = (query: string) => ({ persistedQuery: { version: 1, sha256Hash: sha256(query) } });

interface Answer {
  status: number;
  body: any;
  text: string;
}

async function send(url: string, body: unknown): Promise<Answer> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text), text };
}

const codes = (res: Answer) => (res.body.errors ?? []).map((e: { extensions?: { code?: string } }) => e.extensions?.code);

const DASHBOARD = exampleOperation("dashboard-footprint");

/** What the dashboard query must give against the seed (see the query's own comment). */
function expectDashboard(res: Answer): void {
  expect(res.status, res.text.slice(0, 500)).toBe(200);
  expect(res.body.errors).toBeUndefined();
  expect(res.body.data.footprint).toMatchObject({ tripsCompleted: 31, participants: 127 });
  expect(res.body.data.footprint.countriesVisited).toHaveLength(14);
  expect(res.body.data.series.length).toBeGreaterThan(0);
}

describe("automatic persisted queries (APQ)", () => {
  let server: Booted;
  beforeAll(async () => {
    server = await boot();
  }, 60_000);
  afterAll(() => server?.close());

  it("hash only → PERSISTED_QUERY_NOT_FOUND; hash + text → runs; then hash only → runs", async () => {
    // A text no other test uses, so the server cannot have seen it.
    const query = `query ApqCountries { countries { code name { en } } }`;
    const first = await send(server.url, { extensions: persisted(query) });
    expect(codes(first)).toEqual(["PERSISTED_QUERY_NOT_FOUND"]);
    expect(first.body.data).toBeUndefined();

    const registered = await send(server.url, { query, extensions: persisted(query) });
    expect(registered.status).toBe(200);
    expect(registered.body.errors).toBeUndefined();
    expect(registered.body.data.countries.find((c: { code: string }) => c.code === "IR")?.name.en).toMatch(/Iran/);

    const byHash = await send(server.url, { extensions: persisted(query) });
    expect(byHash.status).toBe(200);
    expect(byHash.body.errors).toBeUndefined();
    expect(byHash.body.data).toEqual(registered.body.data);
  });

  it("runs a persisted query by hash with new variables each time", async () => {
    const query = `query ApqTrips($n: Int!) { trips(first: $n) { nodes { code } } }`;
    expect(codes(await send(server.url, { extensions: persisted(query), variables: { n: 1 } }))).toEqual([
      "PERSISTED_QUERY_NOT_FOUND",
    ]);
    await send(server.url, { query, variables: { n: 1 }, extensions: persisted(query) });
    const two = await send(server.url, { extensions: persisted(query), variables: { n: 2 } });
    expect(two.body.errors).toBeUndefined();
    expect(two.body.data.trips.nodes).toHaveLength(2);
    const three = await send(server.url, { extensions: persisted(query), variables: { n: 3 } });
    expect(three.body.data.trips.nodes).toHaveLength(3);
  });

  it("refuses a text whose hash is not the one given, and learns nothing from it", async () => {
    const query = `query ApqLie { countries { code } }`;
    const lie = sha256("something else entirely");
    const res = await send(server.url, { query, extensions: { persistedQuery: { version: 1, sha256Hash: lie } } });
    expect(res.status).toBe(400);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors[0].message).toMatch(/sha does not match/i);
    expect(codes(await send(server.url, { extensions: { persistedQuery: { version: 1, sha256Hash: lie } } }))).toEqual([
      "PERSISTED_QUERY_NOT_FOUND",
    ]);
  });

  it("ordinary queries by text still run", async () => {
    expectDashboard(await send(server.url, { query: DASHBOARD }));
  });
});

describe("trusted documents (TRUSTED_DOCUMENTS = a manifest)", () => {
  let server: Booted;
  const OTHER = `{ countries { code } }`;

  beforeAll(async () => {
    server = await boot((dir) => {
      const file = join(dir, "persisted-query-manifest.json");
      writeFileSync(
        file,
        JSON.stringify({
          format: "apollo-persisted-query-manifest",
          version: 1,
          operations: [{ id: sha256(DASHBOARD), name: "DashboardFootprint", type: "query", body: DASHBOARD }],
        }),
      );
      return { TRUSTED_DOCUMENTS: file };
    });
  }, 60_000);
  afterAll(() => server?.close());

  it("runs the dashboard query by its hash only, straight from the manifest (its text never sent)", async () => {
    expectDashboard(await send(server.url, { extensions: persisted(DASHBOARD) }));
  });

  it("runs the manifest's dashboard query by its text", async () => {
    expectDashboard(await send(server.url, { query: DASHBOARD }));
  });

  it("runs the dashboard query by text and hash together", async () => {
    expectDashboard(await send(server.url, { query: DASHBOARD, extensions: persisted(DASHBOARD) }));
  });

  it("refuses any other query by text with PERSISTED_QUERY_NOT_ALLOWED and HTTP 403, answering no data", async () => {
    for (const query of [OTHER, `query DashboardFootprint { countries { code } }`, `${DASHBOARD}\n`]) {
      const res = await send(server.url, { query });
      expect(res.status, res.text.slice(0, 300)).toBe(403);
      expect(codes(res)).toEqual(["PERSISTED_QUERY_NOT_ALLOWED"]);
      expect(res.body.data).toBeUndefined();
    }
  });

  it("refuses another query sent with its own hash (an APQ registration): 403, and does not learn it", async () => {
    const res = await send(server.url, { query: OTHER, extensions: persisted(OTHER) });
    expect(res.status, res.text.slice(0, 300)).toBe(403);
    expect(codes(res)).toEqual(["PERSISTED_QUERY_NOT_ALLOWED"]);
    expect(res.body.data).toBeUndefined();
    const byHash = await send(server.url, { extensions: persisted(OTHER) });
    expect(byHash.body.data).toBeUndefined();
    expect(["PERSISTED_QUERY_NOT_FOUND", "PERSISTED_QUERY_NOT_ALLOWED"]).toContain(codes(byHash)[0]);
  });

  it("does not find a hash that is not in the manifest", async () => {
    for (const hash of [sha256(OTHER), sha256("query Unknown { trips { totalCount } }"), "0".repeat(64)]) {
      const res = await send(server.url, { extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
      expect(res.body.data).toBeUndefined();
      expect(["PERSISTED_QUERY_NOT_FOUND", "PERSISTED_QUERY_NOT_ALLOWED"]).toContain(codes(res)[0]);
    }
  });

  it('counts the refusals in footprint_graphql_rejected_total{reason="untrustedDocument"}', async () => {
    const value = async () =>
      (await server.app.metrics.rejected.get()).values.find((v) => v.labels.reason === "untrustedDocument")?.value ?? 0;
    const before = await value();
    await send(server.url, { query: OTHER });
    expect(await value()).toBe(before + 1);
  });
});
