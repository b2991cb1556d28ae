/**
 * No silent empty answers: a filter value that names nothing (a country code that is not ISO
 * 3166-1 alpha-2, a city or organisation that does not exist, a Gregorian year given as
 * jalaliYear, a Jalali date given as from/to) is BAD_USER_INPUT naming the value and the argument,
 * on every entry point; a real value with no records is an empty answer, as before.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toGlobalId } from "../src/graphql/globalId.js";
import { errorCodes, startTestServer, type TestServer } from "./support/testServer.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

async function refused(query: string, argument: string, pattern: RegExp, variables?: Record<string, unknown>) {
  const res = await server.gql(query, variables);
  expect(res.status, query).toBe(200);
  expect(errorCodes(res), query).toEqual(["BAD_USER_INPUT"]);
  expect(res.errors![0].extensions?.argumentName, query).toBe(argument);
  expect(res.errors![0].message, query).toMatch(pattern);
  return res;
}

describe("country codes", () => {
  it('"XX" is refused on every list that filters by country; a real code with no records is fine', async () => {
    for (const [field, argument] of [
      ["trips", "filter.countries"],
      ["events", "filter.countries"],
      ["cities", "filter.countries"],
    ] as const) {
      await refused(
        `{ ${field}(filter: { countries: ["TJ", "XX"] }) { totalCount } }`,
        argument,
        /"XX" is not an ISO 3166-1 alpha-2/,
      );
    }
    await refused(`{ trips(filter: { countries: ["IRN"] }) { totalCount } }`, "filter.countries", /"IRN"/);
    // Antarctica is an ISO country with no trips to it: an empty answer, not an error.
    const empty = await server.gql(`{ trips(filter: { countries: ["AQ"] }) { totalCount } }`);
    expect(empty.errors).toBeUndefined();
    expect(empty.data.trips.totalCount).toBe(0);
    const lower = await server.gql(`{ trips(filter: { countries: ["tj"] }) { totalCount } }`);
    expect(lower.errors).toBeUndefined();
    expect(lower.data.trips.totalCount).toBeGreaterThan(0);
  });

  it("series refuses it too", async () => {
    await refused(
      `{ series(metric: TRIPS_REQUESTED, groupBy: YEAR, filter: { countries: ["XX"] }) { key } }`,
      "filter.countries",
      /"XX"/,
    );
  });
});

describe("cities and organisations by slug or ID", () => {
  it('cities: ["teheran"] is refused naming the value and the argument', async () => {
    const res = await refused(`{ trips(filter: { city: ["teheran"] }) { totalCount } }`, "filter.city", /"teheran"/);
    expect(res.data).toBeNull();
    await refused(
      `{ trips(filter: { destinations: ["dushanbe", "dushambe"] }) { totalCount } }`,
      "filter.destinations",
      /"dushambe"/,
    );
    await refused(`{ events(filter: { host: ["atlantis"] }) { totalCount } }`, "filter.host", /no city .*"atlantis"/);
    await refused(`{ events(filter: { attendedBy: ["atlantis"] }) { totalCount } }`, "filter.attendedBy", /"atlantis"/);
    await refused(`{ partnerships(filter: { partner: ["atlantis"] }) { totalCount } }`, "filter.partner", /"atlantis"/);
    await refused(`{ memberships(filter: { member: ["atlantis"] }) { totalCount } }`, "filter.member", /"atlantis"/);
    await refused(`{ organisations(filter: { memberCity: ["atlantis"] }) { totalCount } }`, "filter.memberCity", /"atlantis"/);
  });

  it("a mistyped organisation slug and an ID that names no record are refused", async () => {
    await refused(
      `{ trips(filter: { organisation: ["metroplis"] }) { totalCount } }`,
      "filter.organisation",
      /no organisation .*"metroplis"/,
    );
    await refused(`{ cities(filter: { memberOf: ["uclg-mena"] }) { totalCount } }`, "filter.memberOf", /"uclg-mena"/);
    await refused(
      `{ events(filter: { organisation: ["no-such-body"] }) { totalCount } }`,
      "filter.organisation",
      /"no-such-body"/,
    );
    const missing = toGlobalId("City", "00000000-0000-0000-0000-000000000000");
    await refused(`query($id: String!) { trips(filter: { city: [$id] }) { totalCount } }`, "filter.city", /no city/, {
      id: missing,
    });
  });

  it("nested lists under many parents refuse it too, with one look-up for all of them", async () => {
    await refused(
      `{ organisations(first: 5) { nodes { trips(filter: { countries: ["XX"] }) { totalCount } } } }`,
      "filter.countries",
      /"XX"/,
    );
    const query = (n: number) =>
      `{ organisations(first: ${n}) { nodes { slug trips(first: 2, filter: { destinations: ["dushanbe"], countries: ["TJ"] }) { totalCount } } } }`;
    const two = await server.countStatements(async () => expect((await server.gql(query(2))).errors).toBeUndefined());
    const ten = await server.countStatements(async () => expect((await server.gql(query(10))).errors).toBeUndefined());
    expect(ten).toBe(two);
  });

  it("real values still answer, and a filter adds one statement whatever the number of values", async () => {
    const count = (filter: string) =>
      server.countStatements(async () => {
        const res = await server.gql(`{ trips(first: 5, filter: ${filter}) { nodes { code } } }`);
        expect(res.errors).toBeUndefined();
      });
    const none = await count(`{}`);
    const one = await count(`{ city: ["tehran"] }`);
    const many = await count(
      `{ city: ["tehran"], destinations: ["dushanbe", "istanbul"], countries: ["TJ", "TR", "IQ"], organisation: ["metropolis"] }`,
    );
    expect(one).toBe(none + 1);
    expect(many).toBe(one);
  });

  it("footprint answers an unknown city with the same code and wording as the filters", async () => {
    const footprint = await refused(
      `{ footprint(city: "teheran") { tripsRequested } }`,
      "city",
      /no city has the ID or slug "teheran"/,
    );
    const trips = await refused(`{ trips(filter: { city: ["teheran"] }) { totalCount } }`, "filter.city", /no city/);
    expect(footprint.errors![0].message.replace("`city`", "")).toBe(trips.errors![0].message.replace("`filter.city`", ""));
    await refused(`{ series(metric: TRIPS_REQUESTED, groupBy: YEAR, city: "teheran") { key } }`, "city", /"teheran"/);
  });
});

describe("periods", () => {
  it("a Gregorian year given as jalaliYear says it looks Gregorian, on lists and analytics", async () => {
    await refused(
      `{ trips(filter: { period: { jalaliYear: 2022 } }) { totalCount } }`,
      "filter.period.jalaliYear",
      /looks like a Gregorian year/,
    );
    await refused(`{ events(filter: { period: { jalaliYear: 2022 } }) { totalCount } }`, "filter.period.jalaliYear", /Gregorian/);
    await refused(`{ footprint(period: { jalaliYear: 2022 }) { tripsRequested } }`, "period.jalaliYear", /Gregorian/);
  });

  it("a Jalali year before the data's plausible range (1078) is refused, naming the range", async () => {
    const res = await refused(
      `{ trips(filter: { period: { jalaliYear: 1000 } }) { totalCount } }`,
      "filter.period.jalaliYear",
      /1000/,
    );
    expect(res.errors![0].message).toMatch(/1078/);
    await refused(
      `{ series(metric: TRIPS_REQUESTED, groupBy: MONTH, period: { jalaliYear: 1077 }) { key } }`,
      "period.jalaliYear",
      /1077/,
    );
  });

  it("a from/to before 1700 says it looks Jalali and to use jalaliYear", async () => {
    await refused(
      `{ trips(filter: { period: { from: "1401-06-01", to: "1401-12-29" } }) { totalCount } }`,
      "filter.period.from",
      /looks like a Jalali date.*use jalaliYear/,
    );
    await refused(`{ footprint(period: { to: "1402-01-01" }) { tripsRequested } }`, "period.to", /Jalali/);
  });

  it("a Jalali period over the new year selects the same trips as the same days given as dates", async () => {
    const all = async (period: string) => {
      const res = await server.gql(
        `{ trips(first: 100, filter: { period: ${period} }) { totalCount nodes { code startDate } } }`,
      );
      expect(res.errors).toBeUndefined();
      return res.data.trips;
    };
    const span = await all(`{ jalaliYear: 1400, jalaliMonthFrom: 10, jalaliYearTo: 1401, jalaliMonthTo: 8 }`);
    const dates = await all(`{ from: "2021-12-22", to: "2022-11-21" }`);
    expect(span.totalCount).toBeGreaterThan(0);
    expect(span.nodes.map((t: { code: string }) => t.code).sort()).toEqual(
      dates.nodes.map((t: { code: string }) => t.code).sort(),
    );
    expect(span.nodes.some((t: { startDate: string }) => t.startDate < "2022-03-21")).toBe(true);
    expect(span.nodes.some((t: { startDate: string }) => t.startDate >= "2022-03-21")).toBe(true);
    const footprint = await server.gql(
      `{ footprint(period: { jalaliYear: 1400, jalaliMonthFrom: 10, jalaliYearTo: 1401, jalaliMonthTo: 8 }) { tripsRequested period { from to calendar months } } }`,
    );
    expect(footprint.errors).toBeUndefined();
    expect(footprint.data.footprint.period).toEqual({ from: "2021-12-22", to: "2022-11-21", calendar: "JALALI", months: 11 });
    expect(footprint.data.footprint.tripsRequested).toBe(span.totalCount);
  });
});

describe("IDs and cursors", () => {
  it('nodes(ids: ["abc"]) reports the malformed ID as node(id: "abc") does', async () => {
    const node = await server.gql(`{ node(id: "abc") { id } }`);
    const nodes = await server.gql(`{ nodes(ids: ["abc"]) { id } }`);
    expect(errorCodes(nodes)).toEqual(errorCodes(node));
    expect(nodes.errors![0].message).toBe(node.errors![0].message);
    expect(nodes.errors![0].path).toEqual(["nodes", 0]);
    expect(nodes.data).toEqual({ nodes: [null] });
  });

  it("an events cursor given to trips is refused as a cursor of another list", async () => {
    const cursor = (await server.gql(`{ events(first: 2) { pageInfo { endCursor } } }`)).data.events.pageInfo.endCursor;
    const res = await server.gql(`query($after: String) { trips(first: 2, after: $after) { totalCount } }`, { after: cursor });
    expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(res.errors![0].message).toMatch(/a cursor of another list \(events\), not of trips/);
    expect(res.errors![0].message).not.toMatch(/ordering/);
    const before = await server.gql(`query($before: String) { cities(last: 2, before: $before) { totalCount } }`, {
      before: cursor,
    });
    expect(errorCodes(before)).toEqual(["BAD_USER_INPUT"]);
    expect(before.errors![0].extensions?.argumentName).toBe("before");
  });

  it("a nested list refuses another list's cursor the same way", async () => {
    const cursor = (await server.gql(`{ events(first: 2) { pageInfo { endCursor } } }`)).data.events.pageInfo.endCursor;
    const res = await server.gql(
      `query($after: String) { organisations(first: 1) { nodes { trips(first: 2, after: $after) { totalCount } } } }`,
      { after: cursor },
    );
    expect(errorCodes(res)).toContain("BAD_USER_INPUT");
    expect(res.errors![0].message).toMatch(/a cursor of another list \(events\), not of trips/);
  });

  it("a cursor of the earlier format (no list name) is refused cleanly, never a 500", async () => {
    const old = Buffer.from(JSON.stringify(["START_DATE:d,id:d", "2022-09-01", 5]), "utf8").toString("base64url");
    const res = await server.gql(`query($after: String) { trips(first: 2, after: $after) { totalCount } }`, { after: old });
    expect(res.status).toBe(200);
    expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(res.errors![0].message).toMatch(/earlier version/);
  });
});
