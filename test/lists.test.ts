/**
 * Consistent lists: every list of records pages the same way (`first`/`after`, `last`/`before`)
 * and sorts with `orderBy` where order matters, nested lists included, without N+1.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorCodes, startTestServer, type TestServer } from "./support/testServer.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

async function ok(query: string, variables?: Record<string, unknown>) {
  const res = await server.gql(query, variables);
  expect(res.errors, query).toBeUndefined();
  return res.data;
}

/** Every node of a root list, paged forwards and backwards with page size 3. */
async function walk(field: string, args: string, select: string) {
  const forwards: unknown[] = [];
  let after: string | null = null;
  for (;;) {
    const data: any = await ok(
      `query($after: String) { ${field}(first: 3, after: $after${args}) { nodes { ${select} } pageInfo { hasNextPage endCursor } } }`,
      { after },
    );
    forwards.push(...data[field].nodes);
    if (!data[field].pageInfo.hasNextPage) break;
    after = data[field].pageInfo.endCursor;
  }
  const backwards: unknown[] = [];
  let before: string | null = null;
  for (;;) {
    const data: any = await ok(
      `query($before: String) { ${field}(last: 3, before: $before${args}) { nodes { ${select} } pageInfo { hasPreviousPage startCursor } } }`,
      { before },
    );
    backwards.unshift(...data[field].nodes);
    if (!data[field].pageInfo.hasPreviousPage) break;
    before = data[field].pageInfo.startCursor;
  }
  return { forwards, backwards };
}

describe("cities: orderBy, last, before", () => {
  it("POPULATION DESC pages the same forwards and backwards, unknown populations last", async () => {
    const { forwards, backwards } = await walk(
      "cities",
      `, orderBy: [{ field: POPULATION, direction: DESC }]`,
      "slug population",
    );
    const total = (await ok(`{ cities { totalCount } }`)).cities.totalCount;
    expect(forwards).toHaveLength(total);
    expect(backwards).toEqual(forwards);
    const populations = (forwards as { population: number | null }[]).map((c) => c.population ?? -1);
    expect([...populations].sort((a, b) => b - a)).toEqual(populations);
    expect(populations[0]).toBeGreaterThan(1_000_000);
  });

  it("the default is still NAME ASC, and SLUG DESC reverses SLUG ASC", async () => {
    const byDefault = (await ok(`{ cities(first: 100) { nodes { name { en } } } }`)).cities.nodes.map((c: any) => c.name.en);
    expect([...byDefault].sort((a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(byDefault);
    const asc = (await ok(`{ cities(first: 100, orderBy: [{ field: SLUG, direction: ASC }]) { nodes { slug } } }`)).cities.nodes;
    const desc = (await ok(`{ cities(first: 100, orderBy: [{ field: SLUG, direction: DESC }]) { nodes { slug } } }`)).cities
      .nodes;
    expect(desc).toEqual([...asc].reverse());
  });
});

describe("partnerships: orderBy, last, before", () => {
  it("SIGNED_ON ASC pages the same forwards and backwards", async () => {
    const { forwards, backwards } = await walk(
      "partnerships",
      `, orderBy: [{ field: SIGNED_ON, direction: ASC }]`,
      "id signedOn",
    );
    expect(forwards.length).toBeGreaterThan(3);
    expect(backwards).toEqual(forwards);
    const dates = (forwards as { signedOn: string | null }[]).map((p) => p.signedOn ?? "");
    expect([...dates].sort()).toEqual(dates);
  });

  it("City.partnerships takes last, orderBy and a filter; parents share one statement", async () => {
    const query = (n: number) =>
      `{ cities(first: ${n}) { nodes { slug partnerships(last: 2, orderBy: [{ field: SIGNED_ON, direction: ASC }]) { totalCount nodes { signedOn } } } } }`;
    const tehran = (
      await ok(
        `{ cities(filter: { countries: ["IR"] }, first: 100) { nodes { slug partnerships(last: 2, orderBy: [{ field: SIGNED_ON, direction: ASC }]) { totalCount nodes { signedOn } } } } }`,
      )
    ).cities.nodes.find((c: any) => c.slug === "tehran");
    const all = (
      await ok(
        `{ partnerships(first: 100, filter: { city: ["tehran"] }, orderBy: [{ field: SIGNED_ON, direction: ASC }]) { nodes { signedOn } } }`,
      )
    ).partnerships.nodes;
    expect(tehran.partnerships.totalCount).toBe(all.length);
    expect(tehran.partnerships.nodes).toEqual(all.slice(-2));
    const small = await server.countStatements(() => ok(query(5)));
    const large = await server.countStatements(() => ok(query(50)));
    expect(large).toBe(small);
  });
});

describe("Event.tripsConnection and Event.attendances", () => {
  const EVENTS = (n: number) => `{ events(first: ${n}) { nodes { name { en }
    trips { code startDate }
    tripsConnection(first: 20, orderBy: [{ field: START_DATE, direction: ASC }]) { totalCount nodes { code startDate } }
    attendances { mode city { slug } }
    online: attendances(mode: ONLINE) { mode city { slug } }
    inPerson: attendancesConnection(mode: IN_PERSON, first: 20) { totalCount nodes { mode city { slug } } }
  } } }`;

  it("tripsConnection holds the deprecated list's trips, pages and sorts", async () => {
    const events = (await ok(EVENTS(50))).events.nodes;
    const withTrips = events.filter((e: any) => e.trips.length >= 2);
    expect(withTrips.length).toBeGreaterThan(0);
    for (const e of events) {
      expect(e.tripsConnection.totalCount).toBe(e.trips.length);
      expect(e.tripsConnection.nodes.map((t: any) => t.code).sort()).toEqual(e.trips.map((t: any) => t.code).sort());
      const dates = e.tripsConnection.nodes.map((t: any) => t.startDate);
      expect([...dates].sort()).toEqual(dates);
    }
    const eventId = (await ok(`{ events(first: 100) { nodes { id trips { code } } } }`)).events.nodes.find(
      (e: any) => e.trips.length >= 2,
    ).id;
    const page = `query($id: ID!, $after: String) { node(id: $id) { ... on Event { tripsConnection(first: 1, after: $after) { nodes { code } pageInfo { hasNextPage endCursor } } } } }`;
    const first = (await ok(page, { id: eventId })).node.tripsConnection;
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await ok(page, { id: eventId, after: first.pageInfo.endCursor })).node.tripsConnection;
    expect(second.nodes[0].code).not.toBe(first.nodes[0].code);
    const last = (
      await ok(`query($id: ID!) { node(id: $id) { ... on Event { tripsConnection(last: 1) { nodes { code } } } } }`, {
        id: eventId,
      })
    ).node.tripsConnection;
    expect(last.nodes).toHaveLength(1);
  });

  it("attendances filter by mode, as a list and as a connection", async () => {
    const events = (await ok(EVENTS(50))).events.nodes;
    let online = 0;
    let inPerson = 0;
    for (const e of events) {
      expect(e.online).toEqual(e.attendances.filter((a: any) => a.mode === "ONLINE"));
      expect(e.inPerson.nodes).toEqual(e.attendances.filter((a: any) => a.mode === "IN_PERSON"));
      expect(e.inPerson.totalCount).toBe(e.inPerson.nodes.length);
      online += e.online.length;
      inPerson += e.inPerson.nodes.length;
    }
    expect(online).toBeGreaterThan(0);
    expect(inPerson).toBeGreaterThan(0);
    const hybrid = await server.gql(`{ events(first: 1) { nodes { attendances(mode: HYBRID) { mode } } } }`);
    expect(errorCodes(hybrid)).toEqual(["BAD_USER_INPUT"]);
    expect(hybrid.errors![0].message).toMatch(/HYBRID describes an event's `format`/);
  });

  it("attendancesConnection sorts and pages back from the end", async () => {
    const events = (
      await ok(`{ events(first: 100) { nodes { id
        attendances { id mode }
        byMode: attendancesConnection(first: 100, orderBy: [{ field: MODE, direction: DESC }]) { nodes { id mode } }
        newestFirst: attendancesConnection(first: 100, orderBy: [{ field: RECORDED, direction: DESC }]) { nodes { id } }
        tail: attendancesConnection(last: 1) { nodes { id } pageInfo { hasPreviousPage } }
      } } }`)
    ).events.nodes;
    expect(events.filter((e: any) => e.attendances.length > 1).length).toBeGreaterThan(0);
    for (const e of events) {
      const ids = e.attendances.map((a: any) => a.id);
      expect(e.newestFirst.nodes.map((a: any) => a.id)).toEqual([...ids].reverse());
      const modes = e.byMode.nodes.map((a: any) => a.mode);
      expect(modes).toEqual([...modes].sort().reverse());
      expect(e.byMode.nodes.map((a: any) => a.id).sort()).toEqual([...ids].sort());
      if (ids.length > 0) expect(e.tail.nodes[0].id).toBe(ids.at(-1));
      expect(e.tail.pageInfo.hasPreviousPage).toBe(ids.length > 1);
    }
  });

  it("a page of 50 events with their trips and attendances runs as many statements as a page of 5", async () => {
    const small = await server.countStatements(() => ok(EVENTS(5)));
    const large = await server.countStatements(() => ok(EVENTS(50)));
    expect(small).toBeGreaterThan(3);
    expect(large).toBe(small);
  });
});

describe("Trip.eventsConnection and Trip.organisationsConnection", () => {
  const TRIPS = (n: number) => `{ trips(first: ${n}) { nodes { code
    events { name { en } } eventsConnection(first: 5) { totalCount nodes { name { en } } }
    organisations { slug } organisationsConnection(first: 5, orderBy: [{ field: SLUG, direction: ASC }]) { totalCount nodes { slug } }
  } } }`;

  it("hold the plain lists' records, and a page of 50 trips runs as many statements as a page of 5", async () => {
    const trips = (await ok(TRIPS(50))).trips.nodes;
    expect(trips.some((t: any) => t.events.length > 0)).toBe(true);
    expect(trips.some((t: any) => t.organisations.length > 0)).toBe(true);
    for (const t of trips) {
      expect(t.eventsConnection.totalCount).toBe(t.events.length);
      expect(t.eventsConnection.nodes).toEqual(t.events.slice(0, 5));
      expect(t.organisationsConnection.totalCount).toBe(t.organisations.length);
      expect(t.organisationsConnection.nodes).toEqual(t.organisations.slice(0, 5));
    }
    const small = await server.countStatements(() => ok(TRIPS(5)));
    const large = await server.countStatements(() => ok(TRIPS(50)));
    expect(large).toBe(small);
  });
});

describe("nested lists take last/before and orderBy", () => {
  it("Organisation.trips(last, orderBy) is the end of the full list", async () => {
    const orgs = (await ok(`{ organisations(first: 100) { nodes { slug trips { totalCount } } } }`)).organisations.nodes;
    const slug = orgs.reduce((a: any, b: any) => (b.trips.totalCount > a.trips.totalCount ? b : a)).slug;
    const org = (
      await ok(`{ organisation(slug: "${slug}") {
        all: trips(first: 100, orderBy: [{ field: CODE, direction: ASC }]) { nodes { code } }
        tail: trips(last: 1, orderBy: [{ field: CODE, direction: ASC }]) { nodes { code } pageInfo { hasPreviousPage startCursor } } } }`)
    ).organisation;
    expect(org.all.nodes.length).toBeGreaterThan(2);
    expect(org.tail.nodes).toEqual(org.all.nodes.slice(-1));
    expect(org.tail.pageInfo.hasPreviousPage).toBe(true);
    const before = (
      await ok(
        `query($before: String, $slug: String!) { organisation(slug: $slug) { trips(last: 1, before: $before, orderBy: [{ field: CODE, direction: ASC }]) { nodes { code } } } }`,
        { before: org.tail.pageInfo.startCursor, slug },
      )
    ).organisation.trips.nodes;
    expect(before).toEqual(org.all.nodes.slice(-2, -1));
  });

  it("admin lists take last too", async () => {
    const admin = await server.createKey("ADMIN");
    const res = await server.gql(`{ apiKeys(last: 1) { nodes { name } } }`, undefined, { authorization: `Bearer ${admin}` });
    expect(res.errors).toBeUndefined();
    expect(res.data.apiKeys.nodes).toHaveLength(1);
  });
});
