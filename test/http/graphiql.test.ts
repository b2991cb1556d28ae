/**
 * The GraphiQL page at GET /graphql (Accept: text/html): compressed when the browser accepts it,
 * revalidated with its ETag, self-contained (no CDN), opening with the example operations as tabs
 * that run as they are; and the JSON side of /graphql, never compressed by the server.
 */
import { request } from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphiqlTabs } from "../../src/http/graphiqlPage.js";
import { bearer, startTestServer, type TestServer } from "../support/testServer.js";

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The bytes as they came over the wire (fetch would decompress them). */
  body: Buffer;
}

function raw(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawAnswer> {
  return new Promise((resolvePromise, reject) => {
    const req = request(url, { method: options.method ?? "GET", headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolvePromise({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

const HTML = { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" };
const OPERATIONS = ["ResearcherTrips", "DashboardFootprint", "PartnerSync", "PartnerChanges"];

let server: TestServer;
let endpoint: string;
beforeAll(async () => {
  server = await startTestServer();
  endpoint = `${server.url}/graphql`;
});
afterAll(() => server?.close());

describe("the GraphiQL page", () => {
  it("goes out gzip-compressed, well under its size, self-contained, with the example operations", async () => {
    const res = await raw(endpoint, { headers: { ...HTML, "accept-encoding": "gzip" } });
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(res.headers["content-encoding"]).toBe("gzip");
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(res.headers.etag).toMatch(/^"[^"]+"$/);
    expect(Number(res.headers["content-length"])).toBe(res.body.length);
    const html = gunzipSync(res.body).toString("utf8");
    expect(res.body.length).toBeLessThan(3_000_000);
    expect(html.length).toBeGreaterThan(3 * res.body.length);
    expect(html).toMatch(/^\s*<!doctype html>/i);
    for (const name of OPERATIONS) expect(html).toContain(name);
    // Works offline: no script or stylesheet from anywhere else.
    const tags = html.match(/<(script|link)\b[^>]*>/gi) ?? [];
    expect(tags.length).toBeGreaterThan(0);
    for (const tag of tags) expect(tag).not.toMatch(/(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(tags.join(" ")).not.toMatch(/unpkg|jsdelivr|cdnjs/i);
  });

  it("answers a reload with If-None-Match with a 304 and no body", async () => {
    const first = await raw(endpoint, { headers: { ...HTML, "accept-encoding": "gzip" } });
    const again = await raw(endpoint, {
      headers: { ...HTML, "accept-encoding": "gzip", "if-none-match": String(first.headers.etag) },
    });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(first.headers.etag);
  });

  it("is brotli-compressed for a browser that takes br (browsers list gzip first)", async () => {
    const res = await raw(endpoint, { headers: { ...HTML, "accept-encoding": "gzip, deflate, br, zstd" } });
    expect(res.status).toBe(200);
    expect(res.headers["content-encoding"]).toBe("br");
    const gzip = await raw(endpoint, { headers: { ...HTML, "accept-encoding": "gzip" } });
    expect(res.headers.etag).not.toBe(gzip.headers.etag);
    expect(brotliDecompressSync(res.body).equals(gunzipSync(gzip.body))).toBe(true);
    // Another representation's validator does not match.
    const stale = await raw(endpoint, {
      headers: { ...HTML, "accept-encoding": "br", "if-none-match": String(gzip.headers.etag) },
    });
    expect(stale.status).toBe(200);
  });

  it("is served plain to a client that accepts no compression", async () => {
    const res = await raw(endpoint, { headers: HTML });
    expect(res.status).toBe(200);
    expect(res.headers["content-encoding"]).toBeUndefined();
    const gzip = await raw(endpoint, { headers: { ...HTML, "accept-encoding": "gzip" } });
    expect(res.body.equals(gunzipSync(gzip.body))).toBe(true);
    const viaFetch = await fetch(endpoint, { headers: HTML });
    expect(viaFetch.status).toBe(200);
    expect(await viaFetch.text()).toContain("ResearcherTrips");
  });

  it("is not served to a client that wants JSON", async () => {
    const res = await raw(`${endpoint}?query=${encodeURIComponent("{ __typename }")}`, {
      headers: { accept: "application/json", "apollo-require-preflight": "true" },
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body.toString("utf8")).data).toEqual({ __typename: "Query" });
  });
});

describe("the GraphiQL tabs", () => {
  const tabs = graphiqlTabs();
  const operationsOf = (query: string) => [...query.matchAll(/^(?:query|mutation|subscription)\s+(\w+)/gm)].map((m) => m[1]);

  it("are the researcher's, the dashboard's and the partner's operations, each with its variables", () => {
    expect(tabs.map((tab) => operationsOf(tab.query))).toEqual([
      ["ResearcherTrips"],
      ["DashboardFootprint"],
      ["PartnerSync", "PartnerChanges"],
    ]);
    expect(JSON.parse(tabs[0].variables ?? "")).toEqual({ after: null });
    expect(tabs[1].variables).toBeUndefined();
    expect(Object.keys(JSON.parse(tabs[2].variables ?? ""))).toEqual(["key", "after"]);
    expect(tabs[2].query).toMatch(/^# .*API key/);
  });

  it("run as they are (the partner's write with a partner's key)", async () => {
    const partner = await server.createKey("PARTNER", { organisation: "metropolis" });
    for (const tab of tabs) {
      const variables = tab.variables ? JSON.parse(tab.variables) : undefined;
      for (const operationName of operationsOf(tab.query)) {
        const headers = operationName === "PartnerSync" ? bearer(partner) : {};
        const res = await fetch(endpoint, {
          method: "POST",
          headers: { "content-type": "application/json", ...headers },
          body: JSON.stringify({ query: tab.query, variables, operationName }),
        });
        const body = (await res.json()) as { data?: Record<string, any>; errors?: unknown[] };
        expect(body.errors, operationName).toBeUndefined();
        expect(res.status).toBe(200);
        if (operationName === "PartnerSync") expect(body.data?.syncMemberships.userErrors).toEqual([]);
      }
    }
  });
});

describe("JSON answers on /graphql", () => {
  const BIG = `{ trips(first: 100) { edges { node { id code title { fa en } purpose startDate } } } }`;
  const post = (query: string, headers: Record<string, string>) =>
    raw(endpoint, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ query }),
    });

  it("are sent uncompressed, even large ones to a client that accepts gzip (compression is a proxy's job)", async () => {
    const plain = await post(BIG, {});
    expect(plain.status).toBe(200);
    expect(plain.body.length).toBeGreaterThan(10_000);
    const asked = await post(BIG, { "accept-encoding": "gzip, br" });
    expect(asked.headers["content-encoding"]).toBeUndefined();
    expect(JSON.parse(asked.body.toString("utf8")).data).toEqual(JSON.parse(plain.body.toString("utf8")).data);
  });

  it("still work through fetch, which decompresses", async () => {
    const res = await server.gql(`{ countries { code } }`);
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    expect(res.data.countries).toContainEqual({ code: "IR" });
  });
});
