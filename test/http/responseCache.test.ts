/**
 * The response cache (src/http/responseCache.ts): the same query at the same data version is
 * answered without executing, and charged as before; a write anywhere moves every answer on; the
 * language and the viewer's role are part of the key; budgets are never cached; over GET, the
 * answer carries an ETag that a conditional request turns into a 304.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, startTestServer, type TestServer } from "../support/testServer.js";

const METROPOLIS = `{ organisations(first: 5, filter: { kind: [CITY_NETWORK] }) { nodes { slug name { en text } } } }`;

describe("the response cache", () => {
  let server: TestServer;
  let editor: string;
  let admin: string;

  beforeAll(async () => {
    server = await startTestServer({ config: { RESPONSE_CACHE_MB: 8 } });
    editor = await server.createKey("EDITOR", { name: "cache test editor" });
    admin = await server.createKey("ADMIN", { name: "cache test admin" });
  }, 60_000);
  afterAll(() => server?.close());

  async function cacheCount(outcome: string): Promise<number> {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    const line = text.split("\n").find((l) => l.startsWith(`footprint_response_cache_total{outcome="${outcome}"}`));
    return line ? Number(line.split(" ").pop()) : 0;
  }

  it("answers the same query again without executing it, with the same data and fresh extensions", async () => {
    const query = `{ trips(first: 50, filter: { status: [COMPLETED] }) { totalCount nodes { id code destinations { slug } delegates { role } } } }`;
    let first: any;
    const missStatements = await server.countStatements(async () => (first = await server.gql(query)));
    const hitsBefore = await cacheCount("hit");
    let second: any;
    const hitStatements = await server.countStatements(async () => (second = await server.gql(query)));
    expect(second.data).toEqual(first.data);
    expect(await cacheCount("hit")).toBe(hitsBefore + 1);
    expect(hitStatements).toBeLessThan(missStatements);
    expect(second.extensions.dataVersion).toBe(first.extensions.dataVersion);
    expect(second.extensions.cost.requestedQueryCost).toBe(first.extensions.cost.requestedQueryCost);
  });

  it("charges a hit as it charges a miss", async () => {
    const query = `{ events(first: 20) { nodes { id name { en } } } }`;
    const a = await server.gql(query);
    const b = await server.gql(query);
    const c = await server.gql(query);
    const available = [a, b, c].map((r) => r.extensions.cost.throttleStatus.currentlyAvailable as number);
    const spent = a.extensions.cost.actualQueryCost as number;
    expect(spent).toBeGreaterThan(0);
    expect(available[0] - available[1]).toBe(Math.max(1, spent));
    expect(available[1] - available[2]).toBe(Math.max(1, spent));
  });

  it("a write moves every answer on: the next read sees it, at the new data version", async () => {
    const before = await server.gql(METROPOLIS);
    await server.gql(METROPOLIS); // now cached
    const metropolis = (await server.gql(`{ organisation(slug: "metropolis") { id name { fa } kind } }`)).data.organisation;
    const write = await server.gql(
      `mutation($input: UpsertOrganisationInput!) { upsertOrganisation(input: $input) { userErrors { code } } }`,
      {
        input: {
          id: metropolis.id,
          slug: "metropolis",
          nameFa: metropolis.name.fa,
          nameEn: "Metropolis, renamed",
          kind: metropolis.kind,
        },
      },
      bearer(editor),
    );
    expect(write.data.upsertOrganisation.userErrors).toEqual([]);
    const after = await server.gql(METROPOLIS);
    expect(after.extensions.dataVersion).toBeGreaterThan(before.extensions.dataVersion);
    expect(after.data.organisations.nodes.find((o: any) => o.slug === "metropolis").name.en).toBe("Metropolis, renamed");
    // The answer as of the old version is still the old one, cached or not.
    const asOf = await server.gql(
      `query($v: Int) { organisations(first: 5, filter: { kind: [CITY_NETWORK] }, asOfVersion: $v) { nodes { slug name { en text } } } }`,
      { v: before.extensions.dataVersion },
    );
    expect(asOf.data.organisations).toEqual(before.data.organisations);
  });

  it("keys on the language and on the viewer's role", async () => {
    const fa = await server.gql(METROPOLIS, undefined, { "accept-language": "fa" });
    const en = await server.gql(METROPOLIS, undefined, { "accept-language": "en" });
    const first = (r: any) => r.data.organisations.nodes[0].name;
    expect(first(fa).text).not.toBe(first(en).text);
    expect(first(en).text).toBe(first(en).en);
    const history = `{ organisation(slug: "metropolis") { history(first: 10) { nodes { actor { name role } } } } }`;
    const anonymous = await server.gql(history);
    const asAdmin = await server.gql(history, undefined, bearer(admin));
    const again = await server.gql(history);
    const names = (r: any) => r.data.organisation.history.nodes.map((v: any) => v.actor.name);
    expect(names(asAdmin)).toContain("cache test editor");
    expect(names(anonymous)).not.toContain("cache test editor");
    expect(names(again)).toEqual(names(anonymous));
  });

  it("tells persisted queries sent by hash apart", async () => {
    const post = async (body: unknown): Promise<any> => {
      const res = await fetch(`${server.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      return res.json();
    };
    const queries = [`{ organisation(slug: "metropolis") { slug } }`, `{ organisation(slug: "wego") { slug } }`];
    const hashOf = (q: string) => ({ persistedQuery: { version: 1, sha256Hash: createHash("sha256").update(q).digest("hex") } });
    for (const query of queries) await post({ query, extensions: hashOf(query) });
    for (let round = 0; round < 2; round++)
      for (const query of queries) {
        const answer = await post({ extensions: hashOf(query) });
        expect(answer.data.organisation.slug).toBe(query.includes("wego") ? "wego" : "metropolis");
      }
  });

  it("never caches a budget", async () => {
    const a = await server.gql(`{ rateLimit { remaining } }`);
    const b = await server.gql(`{ rateLimit { remaining } }`);
    expect(b.data.rateLimit.remaining).toBeLessThan(a.data.rateLimit.remaining);
  });

  it("over GET: an ETag, public for anonymous readers and private for keys, and 304 while the data version stands", async () => {
    const url = `${server.url}/graphql?query=${encodeURIComponent(METROPOLIS)}`;
    const headers = { "apollo-require-preflight": "true" };
    const first = await fetch(url, { headers });
    expect(first.status).toBe(200);
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{20,}"$/);
    expect(first.headers.get("cache-control")).toBe("public, max-age=0, must-revalidate");
    const body = await first.json();
    const revalidated = await fetch(url, { headers: { ...headers, "if-none-match": etag } });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe("");
    const keyed = await fetch(url, { headers: { ...headers, ...bearer(editor) } });
    expect(keyed.headers.get("cache-control")).toBe("private, max-age=0, must-revalidate");
    expect(keyed.headers.get("etag")).not.toBe(etag);
    // A write: the old ETag no longer matches, and the answer comes in full.
    const wego = (await server.gql(`{ organisation(slug: "wego") { id name { fa en } kind } }`)).data.organisation;
    await server.gql(
      `mutation($input: UpsertOrganisationInput!) { upsertOrganisation(input: $input) { userErrors { code } } }`,
      { input: { id: wego.id, slug: "wego", nameFa: wego.name.fa, nameEn: `${wego.name.en} (edited)`, kind: wego.kind } },
      bearer(editor),
    );
    const changed = await fetch(url, { headers: { ...headers, "if-none-match": etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
    expect((await changed.json()).extensions.dataVersion).toBeGreaterThan(body.extensions.dataVersion);
  });
});
