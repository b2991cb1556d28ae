/**
 * Analytics cannot be made to do unbounded work, and a date outside what the Jalali conversion
 * covers is the client's error (BAD_USER_INPUT), never an internal one: `series` has at most
 * 1,200 points and is costed per point; periods and write dates stay inside the supported days.
 */
import { parse } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryCost } from "../../src/http/queryCost.js";
import { MAX_SERIES_BUCKETS } from "../../src/modules/analytics/seriesResolver.js";
import { SUPPORTED_DATES } from "../../src/lib/jalali.js";
import { footprintSchema } from "../../src/schema.js";
import { bearer, errorCodes, startTestServer, type TestServer } from "../support/testServer.js";

let server: TestServer;
let editor: string;
beforeAll(async () => {
  server = await startTestServer();
  editor = await server.createKey("EDITOR");
});
afterAll(() => server.close());

const series = (groupBy: string, period: string) =>
  `series(metric: TRIPS_REQUESTED, groupBy: ${groupBy}, period: ${period}) { key label { fa en } value }`;

async function refusedWith(query: string, pattern: RegExp) {
  const res = await server.gql(query);
  expect(res.status).toBeLessThan(500);
  expect(res.data ?? null).toBeNull();
  expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
  expect(res.errors![0].message).toMatch(pattern);
  return res;
}

describe("series: bucket cap and cost", () => {
  it(`more than ${MAX_SERIES_BUCKETS} buckets is BAD_USER_INPUT naming the count`, async () => {
    await refusedWith(`{ ${series("MONTH", `{ from: "1700-01-01", to: "2700-12-31" }`)} }`, /12,012 points; at most 1,200/);
    await refusedWith(`{ ${series("JALALI_YEAR", `{ from: "1700-01-01", to: "3500-01-01" }`)} }`, /1,80\d points; at most 1,200/);
  });

  it("exactly 1,200 monthly buckets answer", async () => {
    const res = await server.gql(`{ ${series("MONTH", `{ from: "1901-01-01", to: "2000-12-31" }`)} }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.series).toHaveLength(1200);
    expect(res.data.series[0].key).toBe("1901-01");
    expect(res.data.series[1199].key).toBe("2000-12");
  });

  it("costs per bucket: 10 + 2 per point (the point and its label)", async () => {
    const schema = await footprintSchema();
    const cost = (q: string) => queryCost(schema, parse(`{ ${q} }`), undefined, undefined);
    expect(cost(series("JALALI_MONTH", "{ jalaliYear: 1401 }"))).toBe(10 + 12 * 2);
    expect(cost(series("YEAR", `{ from: "2001-01-01", to: "2010-12-31" }`))).toBe(10 + 10 * 2);
    expect(cost(series("MONTH", `{ from: "1901-01-01", to: "2000-12-31" }`))).toBe(10 + 1200 * 2);
    // Over the cap the estimate stops at cap + 1: the query is refused when it runs anyway.
    expect(cost(series("MONTH", `{ from: "1700-01-01", to: "2700-12-31" }`))).toBe(10 + 1201 * 2);
  });

  it("two groupings multiply the points, counted against the same cap and cost; first caps the cost", async () => {
    const twoWay = (groupings: string, period: string, extra = "") =>
      `series(metric: TRIPS_REQUESTED, groupings: ${groupings}, period: ${period}${extra}) { key label { fa en } value }`;
    await refusedWith(
      `{ ${twoWay("[MONTH, PURPOSE]", `{ from: "1901-01-01", to: "2000-12-31" }`)} }`,
      /9,600 points; at most 1,200/,
    );
    const res = await server.gql(`{ ${twoWay("[MONTH, PURPOSE]", `{ from: "1991-01-01", to: "2000-12-31" }`)} }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.series).toHaveLength(120 * 8);
    const schema = await footprintSchema();
    const cost = (q: string) => queryCost(schema, parse(`{ ${q} }`), undefined, undefined);
    expect(cost(twoWay("[JALALI_MONTH, PURPOSE]", "{ jalaliYear: 1401 }"))).toBe(10 + 12 * 8 * 2);
    expect(cost(twoWay("[JALALI_MONTH, PURPOSE]", "{ jalaliYear: 1401 }", ", orderBy: VALUE_DESC, first: 5"))).toBe(10 + 5 * 2);
    expect(cost(twoWay("[MONTH, PURPOSE]", `{ from: "1901-01-01", to: "2000-12-31" }`))).toBe(10 + 1201 * 2);
  });

  it("30 aliases over 1700..2700 are refused before they run (MAX_COST_EXCEEDED), not run for seconds", async () => {
    const aliases = Array.from(
      { length: 30 },
      (_, i) => `a${i}: ${series("MONTH", `{ from: "1700-01-01", to: "2700-12-31" }`)}`,
    ).join(" ");
    const started = performance.now();
    const res = await server.gql(`{ ${aliases} }`);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(res.data ?? null).toBeNull();
    expect(errorCodes(res)).toEqual(["MAX_COST_EXCEEDED"]);
  });
});

describe("dates outside the Jalali conversion's range", () => {
  const ALL_TIME = `{ from: "0001-01-01", to: "9999-12-31" }`;

  it("footprint and series over 0001-01-01..9999-12-31: BAD_USER_INPUT naming the supported range", async () => {
    const range = new RegExp(
      `0001-01-01 is outside the dates this API supports, ${SUPPORTED_DATES.from} \\.\\. ${SUPPORTED_DATES.to}`,
    );
    const footprint = await refusedWith(`{ footprint(period: ${ALL_TIME}) { tripsRequested } }`, range);
    expect(footprint.errors![0].extensions?.argumentName).toBe("period.from");
    await refusedWith(`{ ${series("YEAR", ALL_TIME)} }`, range);
    await refusedWith(`{ footprint(period: { to: "9999-12-31" }) { tripsRequested } }`, /9999-12-31 is outside/);
    await refusedWith(`{ trips(filter: { period: { from: "0001-01-01" } }) { totalCount } }`, /0001-01-01 is outside/);
  });

  it("the first plausible day and the last supported day answer", async () => {
    const res = await server.gql(
      `{ footprint(period: { from: "1700-01-01", to: "${SUPPORTED_DATES.to}" }) { tripsRequested period { fromJalali { iso } toJalali { iso } } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.footprint.period).toEqual({ fromJalali: { iso: "1078-10-11" }, toJalali: { iso: "3177-12-29" } });
    expect(res.data.footprint.tripsRequested).toBeGreaterThan(0);
  });

  it("the first supported day (0622) is refused as a Jalali-looking date", async () => {
    await refusedWith(
      `{ footprint(period: { from: "${SUPPORTED_DATES.from}" }) { tripsRequested } }`,
      /looks like a Jalali date .*use jalaliYear/,
    );
  });

  it("a jalaliYear beyond 1500: BAD_USER_INPUT (one that could be a Gregorian year says so)", async () => {
    await refusedWith(`{ footprint(period: { jalaliYear: 3178 }) { tripsRequested } }`, /3178 looks like a Gregorian year/);
    await refusedWith(
      `{ footprint(period: { jalaliYear: 9999 }) { tripsRequested } }`,
      /jalaliYear must be a Jalali year 1078\.\.1500/,
    );
  });

  it("requestTrip starting 9999-12-31 (or requested in year 1): an INVALID user error, nothing written", async () => {
    const before = await server.count("SELECT count(*) AS n FROM trips");
    const changes = await server.count("SELECT count(*) AS n FROM changes");
    const res = await server.gql(
      `mutation($input: RequestTripInput!) { requestTrip(input: $input) { trip { id } userErrors { field message code } } }`,
      {
        input: {
          titleEn: "Far future",
          purpose: "SUMMIT",
          requestingUnit: "International affairs",
          requestedOn: "0001-01-01",
          startDate: "9999-12-31",
          destinations: ["istanbul"],
          delegates: [{ position: "Expert", role: "EXPERT" }],
        },
      },
      bearer(editor),
    );
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    expect(res.data.requestTrip.trip).toBeNull();
    expect(res.data.requestTrip.userErrors).toEqual([
      { field: ["input", "requestedOn"], code: "INVALID", message: expect.stringMatching(/0001-01-01 is outside the dates/) },
      { field: ["input", "startDate"], code: "INVALID", message: expect.stringMatching(/9999-12-31 is outside the dates/) },
    ]);
    expect(await server.count("SELECT count(*) AS n FROM trips")).toBe(before);
    expect(await server.count("SELECT count(*) AS n FROM changes")).toBe(changes);
  });
});
