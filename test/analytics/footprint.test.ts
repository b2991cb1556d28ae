import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { smallFootprint } from "../fixtures/smallFootprint.js";
import { errorCodes, startTestServer, type TestServer } from "../support/testServer.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ dataset: smallFootprint, homeCity: "alpha" });
});
afterAll(() => server.close());

const DEY_TO_ESFAND = "{ jalaliYear: 1401, jalaliMonthFrom: 10, jalaliMonthTo: 12 }";
const ALL_FIELDS = `
  city { slug }
  period { from to fromJalali { iso } toJalali { iso } calendar months }
  tripsRequested tripsRejected tripsApproved tripsCancelled tripsCompleted
  rejectionRate notCarriedOutRate participants averageDelegationSize tripsPerMonth participantsPerMonth
  all: eventsAttended online: eventsAttended(mode: ONLINE) inPerson: eventsAttended(mode: IN_PERSON)
  countriesVisited { country { code name { en } } trips participants }
  activeMemberships { organisation { slug } }
  partnerCities { slug }
  reportedFigures { metric mode reported computed period { from to calendar months } source { kind } }
  geojson`;

async function footprint(args: string) {
  const res = await server.gql(`{ footprint${args ? `(${args})` : ""} { ${ALL_FIELDS} } }`);
  expect(res.errors).toBeUndefined();
  return res.data.footprint;
}

describe("footprint on a hand-counted fixture", () => {
  it("counts every metric for Dey..Esfand 1401 as counted by hand", async () => {
    const fp = await footprint(`period: ${DEY_TO_ESFAND}`);
    expect(fp.city.slug).toBe("alpha");
    expect(fp.period).toEqual({
      from: "2022-12-22",
      to: "2023-03-20",
      fromJalali: { iso: "1401-10-01" },
      toJalali: { iso: "1401-12-29" },
      calendar: "JALALI",
      months: 3,
    });
    expect(fp).toMatchObject({
      tripsRequested: 6,
      tripsRejected: 1,
      tripsApproved: 4,
      tripsCancelled: 1,
      tripsCompleted: 2,
      participants: 5,
    });
    expect(fp.rejectionRate).toBeCloseTo(1 / 5, 10);
    expect(fp.notCarriedOutRate).toBeCloseTo(1 / 4, 10);
    expect(fp.averageDelegationSize).toBeCloseTo(2.5, 10);
    expect(fp.tripsPerMonth).toBeCloseTo(2 / 3, 10);
    expect(fp.participantsPerMonth).toBeCloseTo(5 / 3, 10);
    expect({ all: fp.all, online: fp.online, inPerson: fp.inPerson }).toEqual({ all: 3, online: 2, inPerson: 1 });
    expect(fp.countriesVisited.map((c: any) => [c.country.code, c.trips, c.participants])).toEqual([
      ["IQ", 1, 2],
      ["TR", 1, 3],
    ]);
    expect(fp.activeMemberships.map((m: any) => m.organisation.slug)).toEqual(["net"]);
    expect(fp.partnerCities.map((c: any) => c.slug)).toEqual(["beta"]);
  });

  it("sets each reported figure beside the metric computed for the figure's own period", async () => {
    const fp = await footprint(`period: ${DEY_TO_ESFAND}`);
    const byMetric = Object.fromEntries(fp.reportedFigures.map((f: any) => [f.metric, f]));
    expect(fp.reportedFigures).toHaveLength(3); // the 1401 figure lies outside Dey..Esfand
    expect(byMetric.TRIPS_COMPLETED).toMatchObject({ reported: 3, computed: 2, period: { calendar: "JALALI", months: 3 } });
    expect(byMetric.TRIPS_PER_MONTH.computed).toBeCloseTo(2 / 3, 10);
    // Online events in Dey only: E1.
    expect(byMetric.EVENTS_ATTENDED).toMatchObject({
      mode: "ONLINE",
      reported: 1,
      computed: 1,
      period: { from: "2022-12-22", to: "2023-01-20", months: 1 },
    });
    const year = await footprint(`period: { jalaliYear: 1401 }`);
    expect(year.reportedFigures.find((f: any) => f.period.from === "2022-03-21")).toMatchObject({ reported: 9, computed: 3 });
  });

  it("gives map data as a GeoJSON FeatureCollection of destinations of completed trips", async () => {
    const fp = await footprint(`period: ${DEY_TO_ESFAND}`);
    expect(fp.geojson.type).toBe("FeatureCollection");
    const features = Object.fromEntries(fp.geojson.features.map((f: any) => [f.properties.slug, f]));
    expect(Object.keys(features).sort()).toEqual(["beta", "delta", "gamma"]);
    expect(features.beta).toMatchObject({
      type: "Feature",
      geometry: { type: "Point", coordinates: [29.0, 41.0] },
      properties: { country: "TR", trips: 1, participants: 3 },
    });
    expect(features.gamma.properties).toMatchObject({ trips: 1, participants: 2 });
  });

  it("a period given as dates counts its months in the Gregorian calendar", async () => {
    const fp = await footprint(`period: { from: "2022-12-22", to: "2023-03-20" }`);
    expect(fp.period).toMatchObject({ calendar: "GREGORIAN", months: 4 });
    expect(fp.tripsCompleted).toBe(2);
    expect(fp.tripsPerMonth).toBeCloseTo(2 / 4, 10);
  });

  it("Esfand has 30 days in a leap year (1403) and 29 in a common one (1402)", async () => {
    const leap = await footprint(`period: { jalaliYear: 1403, jalaliMonthFrom: 12, jalaliMonthTo: 12 }`);
    expect(leap.period).toMatchObject({ from: "2025-02-19", to: "2025-03-20", toJalali: { iso: "1403-12-30" } });
    expect(leap.tripsCompleted).toBe(1);
    const common = await footprint(`period: { jalaliYear: 1402, jalaliMonthFrom: 12, jalaliMonthTo: 12 }`);
    expect(common.period).toMatchObject({ from: "2024-02-20", to: "2024-03-19", toJalali: { iso: "1402-12-29" } });
    expect(common.tripsCompleted).toBe(1);
    expect(common.participants).toBe(6);
  });

  it("without a period, spans the city's first to last trip; rates are 0, not errors, when nothing was decided", async () => {
    const fp = await footprint("");
    expect(fp.period).toMatchObject({ from: "2022-11-30", to: "2025-03-20" });
    expect(fp.tripsRequested).toBe(9);
    const empty = await footprint(`period: { from: "2030-01-01", to: "2030-02-01" }`);
    expect(empty).toMatchObject({
      tripsRequested: 0,
      rejectionRate: 0,
      notCarriedOutRate: 0,
      averageDelegationSize: 0,
      tripsPerMonth: 0,
    });
  });

  it("another city by slug or ID", async () => {
    const beta = await footprint(`city: "beta", period: ${DEY_TO_ESFAND}`);
    expect(beta).toMatchObject({ tripsRequested: 0, inPerson: 1, all: 1 });
    const id = (await server.gql(`{ cities(filter: { countries: ["TR"] }) { nodes { id } } }`)).data.cities.nodes[0].id;
    const byId = await footprint(`city: "${id}", period: ${DEY_TO_ESFAND}`);
    expect(byId.city.slug).toBe("beta");
  });

  it("refuses bad input with a clear error", async () => {
    const cases: [string, string][] = [
      [`period: { from: "2023-01-01", jalaliYear: 1401 }`, "BAD_USER_INPUT"],
      [`period: { jalaliYear: 1401, jalaliMonthFrom: 12, jalaliMonthTo: 10 }`, "BAD_USER_INPUT"],
      [`period: { from: "2023-03-01", to: "2023-01-01" }`, "BAD_USER_INPUT"],
      [`period: { jalaliYear: 1401, jalaliMonthFrom: 13 }`, "BAD_USER_INPUT"],
      [`city: "atlantis"`, "BAD_USER_INPUT"],
    ];
    for (const [args, code] of cases) {
      const res = await server.gql(`{ footprint(${args}) { tripsRequested } }`);
      expect(errorCodes(res), args).toEqual([code]);
      expect(res.errors?.[0]?.message.length).toBeGreaterThan(10);
    }
    const hybrid = await server.gql(`{ footprint(period: ${DEY_TO_ESFAND}) { eventsAttended(mode: HYBRID) } }`);
    expect(errorCodes(hybrid)).toEqual(["BAD_USER_INPUT"]);
  });
});

type CostTotal = { total: { currency: string; minorUnits: number; amount: number }; trips: number };

/** The completed trips' costs as a client would add them up from the `trips` list, page by page. */
async function costsFromTrips(target: TestServer, filter: string) {
  const sums = new Map<string, CostTotal>();
  let withoutCost = 0;
  let after: string | null = null;
  do {
    const res: any = await target.gql(
      `query ($after: String) { trips(first: 100, after: $after, filter: ${filter}) { nodes { cost { currency minorUnits amount } } pageInfo { hasNextPage endCursor } } }`,
      { after },
    );
    expect(res.errors).toBeUndefined();
    for (const { cost } of res.data.trips.nodes) {
      if (!cost) {
        withoutCost++;
        continue;
      }
      const sum = sums.get(cost.currency) ?? { total: { currency: cost.currency, minorUnits: 0, amount: 0 }, trips: 0 };
      sum.total.minorUnits += cost.minorUnits;
      sum.total.amount += cost.amount;
      sum.trips++;
      sums.set(cost.currency, sum);
    }
    after = res.data.trips.pageInfo.hasNextPage ? res.data.trips.pageInfo.endCursor : null;
  } while (after);
  const totals = [...sums.values()].sort((a, b) => (a.total.currency < b.total.currency ? -1 : 1));
  return { totals, withoutCost };
}

async function costTotals(target: TestServer, args: string) {
  const res = await target.gql(
    `{ footprint${args ? `(${args})` : ""} { costTotals { total { currency minorUnits amount } trips } tripsWithoutCost tripsCompleted } }`,
  );
  expect(res.errors).toBeUndefined();
  return res.data.footprint as { costTotals: CostTotal[]; tripsWithoutCost: number; tripsCompleted: number };
}

function expectSameTotals(actual: CostTotal[], expected: CostTotal[]) {
  expect(actual.map((c) => [c.total.currency, c.total.minorUnits, c.trips])).toEqual(
    expected.map((c) => [c.total.currency, c.total.minorUnits, c.trips]),
  );
  actual.forEach((c, i) => expect(c.total.amount).toBeCloseTo(expected[i].total.amount, 6));
}

describe("footprint: cost totals", () => {
  it("sums completed trips' costs per currency, and counts those with none", async () => {
    const dey = await costTotals(server, `period: ${DEY_TO_ESFAND}`);
    expect(dey).toEqual({
      costTotals: [{ total: { currency: "USD", minorUnits: 640_000, amount: 6400 }, trips: 1 }],
      tripsWithoutCost: 1,
      tripsCompleted: 2,
    });
    const all = await costTotals(server, "");
    expect(all.costTotals).toEqual([
      { total: { currency: "EUR", minorUnits: 1_170_000, amount: 11_700 }, trips: 1 },
      { total: { currency: "IRR", minorUnits: 3_500_000_000, amount: 3_500_000_000 }, trips: 1 },
      { total: { currency: "USD", minorUnits: 850_050, amount: 8500.5 }, trips: 2 },
    ]);
    expect(all.tripsWithoutCost).toBe(1);
    const none = await costTotals(server, `period: { from: "2030-01-01", to: "2030-02-01" }`);
    expect(none).toEqual({ costTotals: [], tripsWithoutCost: 0, tripsCompleted: 0 });
  });

  it("equals the sum of the trips list's costs, on the fixture and on the seed", async () => {
    const periods: [string, string][] = [
      [`period: ${DEY_TO_ESFAND}`, `{ city: ["alpha"], status: [COMPLETED], period: ${DEY_TO_ESFAND} }`],
      ["", `{ city: ["alpha"], status: [COMPLETED] }`],
    ];
    for (const [args, filter] of periods) {
      const fp = await costTotals(server, args);
      const fromTrips = await costsFromTrips(server, filter);
      expectSameTotals(fp.costTotals, fromTrips.totals);
      expect(fp.tripsWithoutCost).toBe(fromTrips.withoutCost);
    }
    const seed = await startTestServer();
    try {
      for (const [args, filter] of [
        ["", `{ city: ["tehran"], status: [COMPLETED] }`],
        ["period: { jalaliYear: 1401 }", `{ city: ["tehran"], status: [COMPLETED], period: { jalaliYear: 1401 } }`],
      ]) {
        const fp = await costTotals(seed, args);
        const fromTrips = await costsFromTrips(seed, filter);
        expect(fp.costTotals.length, args).toBeGreaterThan(0);
        expectSameTotals(fp.costTotals, fromTrips.totals);
        expect(fp.tripsWithoutCost).toBe(fromTrips.withoutCost);
        expect(fp.costTotals.reduce((n, c) => n + c.trips, 0) + fp.tripsWithoutCost).toBe(fp.tripsCompleted);
      }
    } finally {
      await seed.close();
    }
  });
});

describe("footprint: events attended, filtered", () => {
  it("eventsAttended(filter) counts the events the events list gives for the city, period and filter", async () => {
    const filters = [
      "{ kind: [SUMMIT], mode: ONLINE }",
      "{ format: [HYBRID] }",
      `{ organisation: ["net"] }`,
      `{ countries: ["TR"], mode: IN_PERSON }`,
      "{ kind: [CONFERENCE], mode: IN_PERSON }",
    ];
    const res = await server.gql(`{ footprint(period: { jalaliYear: 1401 }) {
      ${filters.map((f, i) => `f${i}: eventsAttended(filter: ${f})`).join("\n")}
      online: eventsAttended(mode: ONLINE, filter: { kind: [SUMMIT] })
    } }`);
    expect(res.errors).toBeUndefined();
    const counts = filters.map((_, i) => res.data.footprint[`f${i}`]);
    expect(counts).toEqual([2, 1, 3, 1, 0]);
    expect(res.data.footprint.online).toBe(2);
    for (const [i, filter] of filters.entries()) {
      const list = await server.gql(
        `{ events(filter: { ${filter.slice(1, -1)}, attendedBy: ["alpha"], period: { jalaliYear: 1401 } }) { totalCount } }`,
      );
      expect(list.data.events.totalCount, filter).toBe(counts[i]);
    }
  });

  it("refuses a filter that would restate the footprint's own arguments, or two modes", async () => {
    for (const filter of [
      "{ period: { jalaliYear: 1401 } }",
      '{ attendedBy: ["beta"] }',
      "{ mode: HYBRID }",
      '{ organisation: ["nobody"] }',
    ]) {
      const res = await server.gql(`{ footprint(period: ${DEY_TO_ESFAND}) { eventsAttended(filter: ${filter}) } }`);
      expect(errorCodes(res), filter).toEqual(["BAD_USER_INPUT"]);
    }
    const both = await server.gql(
      `{ footprint(period: ${DEY_TO_ESFAND}) { eventsAttended(mode: ONLINE, filter: { mode: IN_PERSON }) } }`,
    );
    expect(errorCodes(both)).toEqual(["BAD_USER_INPUT"]);
    expect(both.errors![0].message).toContain("not both");
  });
});
