/** The dashboard's first screen, run as written against the seed (issue #3's acceptance query). */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/testServer.js";
import { exampleOperation } from "../../examples/operations/index.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe("examples/operations/dashboard-footprint.graphql against the seed", () => {
  it("reproduces the report: 31 trips, 127 people, 28% rejected, 26% not carried out, 14 countries, 13 online", async () => {
    const query = exampleOperation("dashboard-footprint");
    const res = await server.gql(query);
    expect(res.errors).toBeUndefined();
    const fp = res.data.footprint;
    expect(fp.period).toEqual({
      from: "2022-08-23",
      to: "2023-03-20",
      fromJalali: { iso: "1401-06-01" },
      toJalali: { iso: "1401-12-29" },
    });
    expect(fp.tripsCompleted).toBe(31);
    expect(fp.participants).toBe(127);
    expect(Math.abs(fp.rejectionRate - 0.28)).toBeLessThanOrEqual(0.005);
    expect(Math.abs(fp.notCarriedOutRate - 0.26)).toBeLessThanOrEqual(0.005);
    expect(fp.countriesVisited.map((c: any) => c.country.code).sort()).toEqual([
      "AE",
      "DE",
      "ES",
      "ID",
      "IN",
      "IQ",
      "JO",
      "JP",
      "KR",
      "MY",
      "QA",
      "RU",
      "TJ",
      "TR",
    ]);
    expect(fp.countriesVisited.reduce((n: number, c: any) => n + c.trips, 0)).toBeGreaterThanOrEqual(31);
    expect(fp.eventsAttended).toBe(13);
    expect(fp.activeMemberships.map((m: any) => m.organisation.acronym)).toEqual(
      expect.arrayContaining(["WeGO", "ISOCARP", "Metropolis"]),
    );
    const reported = Object.fromEntries(fp.reportedFigures.map((f: any) => [f.metric, f]));
    expect(reported.TRIPS_COMPLETED).toMatchObject({ reported: 31, computed: 31 });
    expect(reported.PARTICIPANTS).toMatchObject({ reported: 127, computed: 127 });
    expect(reported.EVENTS_ATTENDED).toMatchObject({ reported: 13, computed: 13 });
    expect(reported.TRIPS_PER_MONTH.reported).toBe(1.6);
    const months = res.data.series;
    expect(months.map((p: any) => p.key)).toEqual(Array.from({ length: 12 }, (_, i) => `1401-${String(i + 1).padStart(2, "0")}`));
    expect(months.slice(5).reduce((n: number, p: any) => n + p.value, 0)).toBe(31);
    expect(months[5].label).toEqual({ fa: "شهریور ۱۴۰۱", en: "Shahrivar 1401" });
  });
});
