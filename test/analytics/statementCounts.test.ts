/**
 * Footprint and series are computed in SQL: the statements they run do not grow with the number of
 * trips. Two databases, 10 trips and 10,000 trips, the same queries, the same statement counts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SeedDataset, SeedTrip } from "../../seeds/dataset/types.js";
import { startTestServer, statementLog, type TestServer } from "../support/testServer.js";
import { exampleOperation } from "../../examples/operations/index.js";

const PURPOSES = ["SUMMIT", "EXHIBITION", "PROJECT_VISIT", "TRAINING"] as const;
const STATUSES = ["COMPLETED", "COMPLETED", "CANCELLED", "REJECTED", "REQUESTED"] as const;
const DESTINATIONS = ["d-iq", "d-tr", "d-ae", "d-jp"];

function generated(tripCount: number): SeedDataset {
  const cite = { citations: [] };
  const trips: SeedTrip[] = Array.from({ length: tripCount }, (_, i) => {
    const status = STATUSES[i % STATUSES.length];
    // Spread over two years whatever the count, so both datasets have trips in every period asked about.
    const day = new Date(Date.UTC(2021, 3, 1) + Math.floor((i * 720) / tripCount) * 86_400_000).toISOString().slice(0, 10);
    return {
      ...cite,
      key: `g${i}`,
      code: `G-${i}`,
      titleFa: `سفر ${i}`,
      titleEn: `Trip ${i}`,
      purpose: PURPOSES[i % PURPOSES.length],
      status,
      city: "home",
      requestingUnit: `unit ${i % 7}`,
      requestedOn: "2021-01-01",
      decision:
        status === "REQUESTED"
          ? undefined
          : { outcome: status === "REJECTED" ? "REJECTED" : "APPROVED", decidedOn: "2021-02-01" },
      startDate: day,
      endDate: day,
      destinations: [DESTINATIONS[i % 4], DESTINATIONS[(i + 1) % 4]],
      delegates: Array.from({ length: 1 + (i % 5) }, () => ({ position: "expert", role: "EXPERT" as const })),
      headedByMayor: false,
      events: [],
      organisations: i % 3 === 0 ? ["org"] : [],
    };
  });
  return {
    cities: [
      { ...cite, slug: "home", nameFa: "خانه", nameEn: "Home", country: "IR", latitude: 35, longitude: 51 },
      ...DESTINATIONS.map((slug, i) => ({
        ...cite,
        slug,
        nameFa: slug,
        nameEn: slug,
        country: ["IQ", "TR", "AE", "JP"][i],
        latitude: 30,
        longitude: 40,
      })),
    ],
    organisations: [{ ...cite, slug: "org", nameFa: "سازمان", nameEn: "Org", kind: "CITY_NETWORK", focus: [], monitored: true }],
    memberships: [{ ...cite, key: "m", member: "home", organisation: "org", status: "ACTIVE", category: "FULL", role: "MEMBER" }],
    events: [
      {
        ...cite,
        key: "e",
        nameFa: "ر",
        nameEn: "E",
        kind: "SUMMIT",
        format: "ONLINE",
        status: "SCHEDULED",
        organiser: "org",
        startDate: "2022-01-10",
      },
    ],
    attendances: [{ ...cite, key: "a", city: "home", event: "e", mode: "ONLINE", outcomes: [] }],
    trips,
    partnerships: [{ ...cite, key: "p", city: "home", partner: "d-jp", kind: "SISTER_CITY", status: "ACTIVE" }],
    reportedFigures: [
      {
        key: "r",
        city: "home",
        metric: "TRIPS_COMPLETED",
        periodFrom: "2022-03-21",
        periodTo: "2023-03-20",
        value: 10,
        fact: "F1",
      },
    ],
  };
}

const dashboard = exampleOperation("dashboard-footprint");
const seriesQueries = [
  "MONTH",
  "YEAR",
  "JALALI_MONTH",
  "JALALI_YEAR",
  "COUNTRY",
  "PURPOSE",
  "ORGANISATION",
  "REQUESTING_UNIT",
].map((g) => `{ series(metric: REJECTION_RATE, groupBy: ${g}, period: { from: "2021-04-01", to: "2023-03-20" }) { key value } }`);
const twoWaySeriesQueries = ["[JALALI_MONTH, COUNTRY]", "[ORGANISATION, PURPOSE]", "[REQUESTING_UNIT, COUNTRY]"].map(
  (g) =>
    `{ series(metric: TRIPS_REQUESTED, groupings: ${g}, period: { from: "2021-04-01", to: "2023-03-20" }) { keys labels { en } value } }`,
);
const eventFilterQuery = `{ series(metric: EVENTS_ATTENDED, groupings: [ORGANISATION, JALALI_YEAR], eventFilter: { kind: [SUMMIT], mode: ONLINE, organisation: ["org"] }, period: { from: "2021-04-01", to: "2023-03-20" }) { keys value } footprint(period: { jalaliYear: 1400 }) { eventsAttended(filter: { kind: [SUMMIT], format: [ONLINE] }) } }`;
const fullFootprint = `{ footprint(period: { jalaliYear: 1401 }) { tripsRequested participants countriesVisited { country { code } trips } eventsAttended activeMemberships { organisation { slug } } partnerCities { slug } reportedFigures { computed source { title } } geojson costTotals { total { currency minorUnits } trips } tripsWithoutCost } }`;

let small: TestServer;
let large: TestServer;
beforeAll(async () => {
  small = await startTestServer({ dataset: generated(10), homeCity: "home" });
  large = await startTestServer({ dataset: generated(10_000), homeCity: "home" });
}, 120_000);
afterAll(async () => {
  await small?.close();
  await large?.close();
});

async function statements(server: TestServer, query: string): Promise<number> {
  const start = statementLog.length;
  const n = await server.countStatements(async () => {
    const res = await server.gql(query);
    expect(res.errors).toBeUndefined();
  });
  if (process.env.SHOW_SQL)
    console.log(
      statementLog
        .slice(start)
        .map((s) => s.slice(0, 150))
        .join("\n"),
    );
  return n;
}

describe("statement counts do not grow with the number of trips", () => {
  it("holds 10 and 10,000 trips", async () => {
    const count = (s: TestServer) => s.gql(`{ trips(first: 1) { totalCount } }`).then((r) => r.data.trips.totalCount);
    expect(await count(small)).toBe(10);
    expect(await count(large)).toBe(10_000);
  });

  it("footprint", async () => {
    const few = await statements(small, fullFootprint);
    const many = await statements(large, fullFootprint);
    expect(few).toBeGreaterThan(3);
    expect(many).toBe(few);
    expect(
      await statements(large, dashboard.replace(/jalaliYear: 1401, jalaliMonthFrom: 6, jalaliMonthTo: 12/, "jalaliYear: 1401")),
    ).toBe(
      await statements(small, dashboard.replace(/jalaliYear: 1401, jalaliMonthFrom: 6, jalaliMonthTo: 12/, "jalaliYear: 1401")),
    );
  });

  it.each(seriesQueries)("series %s", async (query) => {
    expect(await statements(large, query)).toBe(await statements(small, query));
  });

  it("series and footprint with an event filter", async () => {
    expect(await statements(large, eventFilterQuery)).toBe(await statements(small, eventFilterQuery));
  });

  it.each(twoWaySeriesQueries)("two-way series %s", async (query) => {
    expect(await statements(large, query)).toBe(await statements(small, query));
  });
});
