import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { partnerships as seeded } from "../seeds/dataset/partnerships.js";
import { errorCodes, startTestServer, type TestServer } from "./support/testServer.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe("partnerships", () => {
  it("lists every partnership with both cities, kind, status and provenance", async () => {
    const res = await server.gql(
      `{ partnerships(first: 100) { totalCount nodes { city { slug } partner { slug } kind status provenance sources { title } } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.partnerships.totalCount).toBe(seeded.length);
    const pairs = res.data.partnerships.nodes.map((p: any) => `${p.city.slug}>${p.partner.slug}`).sort();
    expect(pairs).toEqual(seeded.map((p) => `${p.city}>${p.partner}`).sort());
    for (const p of res.data.partnerships.nodes) expect(p.sources.length).toBeGreaterThan(0);
  });

  it("filters by kind, status, city and partner", async () => {
    const kind = seeded[0].kind;
    const byKind = await server.gql(`query($k: [PartnershipKind!]) { partnerships(filter: { kind: $k }) { totalCount } }`, {
      k: [kind],
    });
    expect(byKind.data.partnerships.totalCount).toBe(seeded.filter((p) => p.kind === kind).length);
    const dormant = await server.gql(`{ partnerships(filter: { status: [DORMANT] }) { nodes { status } } }`);
    expect(dormant.data.partnerships.nodes.length).toBe(seeded.filter((p) => p.status === "DORMANT").length);
    const partner = seeded[0].partner;
    const byPartner = await server.gql(
      `query($p: [String!]) { partnerships(filter: { city: ["tehran"], partner: $p }) { nodes { partner { slug } } } }`,
      { p: [partner] },
    );
    expect(byPartner.data.partnerships.nodes.map((n: any) => n.partner.slug)).toEqual([partner]);
  });

  it("pages with cursors and refuses a bad page size", async () => {
    const first = await server.gql(
      `{ partnerships(first: 3) { pageInfo { hasNextPage endCursor } nodes { id partner { slug } } } }`,
    );
    const rest = await server.gql(`query($a: String) { partnerships(first: 100, after: $a) { nodes { id partner { slug } } } }`, {
      a: first.data.partnerships.pageInfo.endCursor,
    });
    // By id: a partner may hold two ties of different kinds (Moscow, Dushanbe).
    const all = [...first.data.partnerships.nodes, ...rest.data.partnerships.nodes].map((n: any) => n.id);
    expect(all).toHaveLength(seeded.length);
    expect(new Set(all).size).toBe(seeded.length);
    expect(errorCodes(await server.gql(`{ partnerships(first: 0) { totalCount } }`))).toEqual(["BAD_USER_INPUT"]);
  });
});
