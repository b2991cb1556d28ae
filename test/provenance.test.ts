/**
 * Field-level provenance through the API: a record's citations (source, fact, fields), the fields
 * they back and those none does, the status derived from them; a source's `citedBy`; and the
 * `cites` filter of the root lists ("every record resting on fact F12").
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, errorCodes, startTestServer, type TestServer } from "./support/testServer.js";

let server: TestServer;
let report: string;

beforeAll(async () => {
  server = await startTestServer();
  const res = await server.gql(
    `{ trips(first: 1, filter: { headedByMayor: true, period: { from: "2022-08-23", to: "2023-03-20" } }) { nodes { citations { source { id publisher } } } } }`,
  );
  report = res.data.trips.nodes[0].citations[0].source.id;
});
afterAll(() => server.close());

describe("a record's citations", () => {
  it("the mayor's trips are PARTLY_SOURCED: F5 backs the countries and the mayor heading them, nothing else", async () => {
    const res = await server.gql(`{
      trips(first: 10, filter: { headedByMayor: true, period: { from: "2022-08-23", to: "2023-03-20" } }) {
        nodes {
          code provenance sourcedFields unsourcedFields
          citations { fact fields source { kind publisher publishedOn } }
          countries { code }
        }
      }
    }`);
    expect(res.errors).toBeUndefined();
    const trips = res.data.trips.nodes;
    expect(trips).toHaveLength(2);
    for (const trip of trips) {
      expect(trip.provenance).toBe("PARTLY_SOURCED");
      expect(trip.citations).toEqual([
        {
          fact: "F5",
          fields: ["countries", "headedByMayor"],
          source: { kind: "NEWS", publisher: "Tehran Press", publishedOn: "2023-05-30" },
        },
      ]);
      expect(trip.sourcedFields).toEqual(["countries", "headedByMayor"]);
      // The destination cities, dates and delegation are the dataset's, not the report's.
      expect(trip.unsourcedFields).toEqual(expect.arrayContaining(["destinations", "startDate", "delegates", "delegationSize"]));
      expect(trip.unsourcedFields).not.toContain("countries");
    }
    expect(trips.map((t: { countries: { code: string }[] }) => t.countries[0].code).sort()).toEqual(["IQ", "TJ"]);
  });

  it("where sources disagree, the record follows one and the other's citation gives its own value", async () => {
    const res = await server.gql(
      `{ partnerships(first: 100) { nodes { partner { slug } signedOn signedPrecision provenance sourcedFields
          citations { fact source { title } fields statedOtherwise { field value } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const beijing = res.data.partnerships.nodes.find((p: any) => p.partner.slug === "beijing");
    expect(beijing).toMatchObject({ signedOn: "2014-02-27", signedPrecision: "DAY", provenance: "SOURCED" });
    const differing = beijing.citations.filter((c: any) => c.statedOtherwise.length > 0);
    expect(differing).toEqual([
      expect.objectContaining({ fact: "F10", statedOtherwise: [{ field: "signedOn", value: "2006" }] }),
    ]);
    expect(differing[0].fields).not.toContain("signedOn");
    // The value the record holds is backed by another citation, which agrees with it.
    const backing = beijing.citations.find((c: any) => c.fields.includes("signedOn"));
    expect(backing).toMatchObject({ fact: "F1", statedOtherwise: [] });
    expect(backing.source.title).not.toBe(differing[0].source.title);
    // Elsewhere, citations agree with their records.
    const others = res.data.partnerships.nodes.filter((p: any) => p.partner.slug !== "beijing");
    expect(others.flatMap((p: any) => p.citations.flatMap((c: any) => c.statedOtherwise))).toEqual([]);
  });

  it("an ILLUSTRATIVE record has no citations and backs none of its fields", async () => {
    const res = await server.gql(`{
      memberships(first: 100, filter: { provenance: ILLUSTRATIVE }) { totalCount nodes { provenance citations { fact } sourcedFields unsourcedFields } }
    }`);
    // Every partnership now cites a source; memberships without one (CityNet, OICC, ICLEI, ...) remain.
    expect(res.data.memberships.totalCount).toBeGreaterThan(0);
    for (const p of res.data.memberships.nodes) {
      expect(p).toMatchObject({ provenance: "ILLUSTRATIVE", citations: [], sourcedFields: [] });
      expect(p.unsourcedFields).toEqual(expect.arrayContaining(["member", "organisation", "status", "role"]));
    }
  });

  it("a country is SOURCED: ISO 3166-1 backs its code and name", async () => {
    const res = await server.gql(
      `{ countries { code provenance sourcedFields unsourcedFields citations { fact fields source { publisher } } } }`,
    );
    const iran = res.data.countries.find((c: { code: string }) => c.code === "IR");
    expect(iran).toEqual({
      code: "IR",
      provenance: "SOURCED",
      sourcedFields: ["code", "name"],
      unsourcedFields: [],
      citations: [{ fact: "IR", fields: ["code", "name"], source: { publisher: "ISO" } }],
    });
  });

  it("filters by status, PARTLY_SOURCED included", async () => {
    const partly = await server.gql(
      `{ trips(first: 100, filter: { provenance: PARTLY_SOURCED }) { totalCount nodes { code provenance } } }`,
    );
    expect(partly.errors).toBeUndefined();
    // The four the report names (F5, F11, F12) and the mayor's three trips public sources report.
    expect(partly.data.trips.totalCount).toBe(7);
    for (const t of partly.data.trips.nodes) expect(t.provenance).toBe("PARTLY_SOURCED");
    const sourced = await server.gql(`{ trips(filter: { provenance: SOURCED }) { totalCount } }`);
    expect(sourced.data.trips.totalCount).toBe(0);
  });

  it("loads citations for a page of trips in a constant number of statements", async () => {
    const query = (n: number) =>
      `{ trips(first: ${n}) { nodes { provenance sourcedFields unsourcedFields citations { fact fields source { id title } } } } }`;
    const small = await server.countStatements(async () => {
      const res = await server.gql(query(5));
      expect(res.data.trips.nodes).toHaveLength(5);
    });
    const large = await server.countStatements(async () => {
      const res = await server.gql(query(50));
      expect(res.errors).toBeUndefined();
      expect(res.data.trips.nodes).toHaveLength(50);
    });
    expect(small).toBeGreaterThan(1);
    expect(large).toBe(small);
  });
});

describe("Source.citedBy", () => {
  it("lists the records resting on the report, narrowed by type and fact", async () => {
    const res = await server.gql(
      `query ($id: ID!) {
        source(id: $id) {
          publisher
          f12: citedBy(first: 20, fact: "F12") { totalCount nodes { __typename id } }
          trips: citedBy(first: 20, types: [TRIP]) { totalCount nodes { ... on Trip { code citations { fact } } } }
        }
      }`,
      { id: report },
    );
    expect(res.errors).toBeUndefined();
    const source = res.data.source;
    expect(source.f12.nodes.map((n: { __typename: string }) => n.__typename).sort()).toEqual([
      "City",
      "Event",
      "Organisation",
      "Trip",
    ]);
    expect(source.f12.totalCount).toBe(4);
    expect(source.trips.totalCount).toBe(4);
    for (const t of source.trips.nodes) expect(t.citations.length).toBeGreaterThan(0);
  });

  it("pages with first/after without repeating a record", async () => {
    const page = (after: string | null) =>
      server.gql(
        `query ($id: ID!, $after: String) { source(id: $id) { citedBy(first: 4, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } } }`,
        { id: report, after },
      );
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (let i = 0; i < 10; i++) {
      const res = await page(after);
      expect(res.errors).toBeUndefined();
      const c = res.data.source.citedBy;
      total = c.totalCount;
      seen.push(...c.nodes.map((n: { id: string }) => n.id));
      if (!c.pageInfo.hasNextPage) break;
      after = c.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(total);
    expect(total).toBe(15);
  });

  it("pages back with last/before and sorts by record type", async () => {
    const list = (args: string) =>
      server.gql(
        `query ($id: ID!) { source(id: $id) { citedBy(${args}) { pageInfo { hasPreviousPage startCursor } edges { cursor node { __typename id } } } } }`,
        { id: report },
      );
    const all = (await list("first: 100")).data.source.citedBy.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(all.length).toBeGreaterThan(4);
    const tail = (await list("last: 3")).data.source.citedBy;
    expect(tail.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(all.slice(-3));
    expect(tail.pageInfo.hasPreviousPage).toBe(true);
    const before = await server.gql(
      `query ($id: ID!, $before: String) { source(id: $id) { citedBy(last: 2, before: $before) { nodes { id } } } }`,
      { id: report, before: tail.pageInfo.startCursor },
    );
    expect(before.errors).toBeUndefined();
    expect(before.data.source.citedBy.nodes.map((n: { id: string }) => n.id)).toEqual(all.slice(-5, -3));
    const byType = (await list(`first: 100, orderBy: [{ field: RECORD_TYPE, direction: ASC }]`)).data.source.citedBy.edges;
    const types = byType.map((e: { node: { __typename: string } }) => e.node.__typename);
    // Grouped by kind of record: each type's records are together, and the same records are listed.
    expect(new Set(types).size).toBe(types.filter((t: string, i: number) => t !== types[i - 1]).length);
    expect(byType.map((e: { node: { id: string } }) => e.node.id).sort()).toEqual([...all].sort());
    const mixed = await server.gql(
      `query ($id: ID!, $after: String) { source(id: $id) { citedBy(first: 2, after: $after, orderBy: [{ field: RECORD_TYPE, direction: ASC }]) { nodes { id } } } }`,
      { id: report, after: tail.pageInfo.startCursor },
    );
    expect(errorCodes(mixed)).toEqual(["BAD_USER_INPUT"]);
  });

  it("refuses an ID that is not a Source's", async () => {
    const trip = await server.gql(`{ trips(first: 1) { nodes { id } } }`);
    const res = await server.gql(`query ($id: ID!) { source(id: $id) { title } }`, { id: trip.data.trips.nodes[0].id });
    expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
    expect((await server.gql(`{ source(id: "nope") { title } }`)).errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  });
});

describe("the cites filter", () => {
  it("finds every record resting on fact F12, list by list", async () => {
    const res = await server.gql(
      `query ($cites: CitesInput!) {
        trips(filter: { cites: $cites }) { nodes { code invitedBy { slug } } }
        events(filter: { cites: $cites }) { nodes { name { en } } }
        organisations(filter: { cites: $cites }) { nodes { slug } }
        cities(filter: { cites: $cites }) { nodes { slug } }
        memberships(filter: { cites: $cites }) { totalCount }
        partnerships(filter: { cites: $cites }) { totalCount }
      }`,
      { cites: { source: report, fact: "F12" } },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.trips.nodes).toEqual([{ code: expect.any(String), invitedBy: { slug: "najaf-governorate" } }]);
    expect(res.data.events.nodes).toEqual([{ name: { en: "Najaf exhibition" } }]);
    expect(res.data.organisations.nodes).toEqual([{ slug: "najaf-governorate" }]);
    expect(res.data.cities.nodes).toEqual([{ slug: "najaf" }]);
    expect(res.data.memberships.totalCount).toBe(0);
    expect(res.data.partnerships.totalCount).toBe(0);
  });

  it("without a fact, any fact of the source; in series too", async () => {
    const res = await server.gql(
      `query ($cites: CitesInput!) {
        memberships(filter: { cites: $cites }) { nodes { organisation { slug } provenance } }
        series(metric: TRIPS_COMPLETED, groupBy: PURPOSE, filter: { cites: $cites }, period: { from: "2022-08-23", to: "2023-03-20" }) { key value }
      }`,
      { cites: { source: report } },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.memberships.nodes.map((m: { organisation: { slug: string } }) => m.organisation.slug).sort()).toEqual([
      "isocarp",
      "wego",
    ]);
    const total = res.data.series.reduce((sum: number, p: { value: number }) => sum + p.value, 0);
    expect(total).toBe(4);
  });

  it.each([
    ["a malformed ID", "not-an-id"],
    ["the ID of another type", null],
    ["the ID of no source", "U291cmNlOjAwMDAwMDAwLTAwMDAtNTAwMC04MDAwLTAwMDAwMDAwMDAwMA"],
  ])("refuses %s as the source: BAD_USER_INPUT", async (_, given) => {
    let source = given;
    if (source === null) source = (await server.gql(`{ cities(first: 1) { nodes { id } } }`)).data.cities.nodes[0].id;
    for (const list of ["trips", "events", "memberships", "organisations", "partnerships", "cities"]) {
      const res = await server.gql(`query ($cites: CitesInput!) { ${list}(filter: { cites: $cites }) { totalCount } }`, {
        cites: { source, fact: "F12" },
      });
      expect(errorCodes(res), list).toEqual(["BAD_USER_INPUT"]);
      expect(res.errors?.[0].message).toMatch(/cites/);
    }
  });
});

describe("the cites filter on nested lists", () => {
  it("narrows Organisation.trips to the trips citing a fact, and refuses a source that does not exist", async () => {
    const query = `query ($cites: CitesInput!) { organisation(slug: "metropolis") { trips(filter: { cites: $cites }) { nodes { code } } } }`;
    const f11 = await server.gql(query, { cites: { source: report, fact: "F11" } });
    expect(f11.errors).toBeUndefined();
    expect(f11.data.organisation.trips.nodes).toEqual([{ code: "CFT-1401-0026" }]);
    const f5 = await server.gql(query, { cites: { source: report, fact: "F5" } });
    expect(f5.data.organisation.trips.nodes).toEqual([]);
    const none = await server.gql(query, { cites: { source: "U291cmNlOjAwMDAwMDAwLTAwMDAtNTAwMC04MDAwLTAwMDAwMDAwMDAwMA" } });
    expect(errorCodes(none)).toEqual(["BAD_USER_INPUT"]);
  });
});

describe("records written through the API", () => {
  it("cite their writer's data entry for the whole record, with the status the writer gives (default SOURCED)", async () => {
    const editor = await server.createKey("EDITOR");
    const write = (input: Record<string, unknown>) =>
      server.gql(
        `mutation($input: UpsertPartnershipInput!) { upsertPartnership(input: $input) {
          partnership { provenance sourcedFields unsourcedFields citations { fact fields source { kind } } }
          userErrors { message } } }`,
        { input },
        bearer(editor),
      );
    const sourced = await write({ city: "tehran", partner: "paris", kind: "SISTER_CITY", status: "ACTIVE" });
    expect(sourced.errors).toBeUndefined();
    // No signedOn given: the record does not state it, so nothing backs it.
    expect(sourced.data.upsertPartnership.partnership).toEqual({
      provenance: "SOURCED",
      sourcedFields: ["city", "partner", "kind", "status"],
      unsourcedFields: [],
      citations: [{ fact: null, fields: ["city", "partner", "kind", "status"], source: { kind: "DATA_ENTRY" } }],
    });
    const illustrative = await write({
      city: "tehran",
      partner: "madrid",
      kind: "MEMORANDUM",
      status: "PROPOSED",
      provenance: "ILLUSTRATIVE",
    });
    expect(illustrative.data.upsertPartnership.partnership).toMatchObject({
      provenance: "ILLUSTRATIVE",
      sourcedFields: [],
      citations: [{ fact: null, fields: [], source: { kind: "DATA_ENTRY" } }],
    });
    expect(illustrative.data.upsertPartnership.partnership.unsourcedFields).toContain("partner");
  });
});
