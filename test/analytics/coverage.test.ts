/**
 * Coverage: which days of a city's records a source says are complete, partial or not yet
 * published. `footprint { coverage }` counts the period's days by status; each `series` point
 * carries its bucket's status, so a chart can draw "no data" apart from 0; `setCoverage` (EDITOR)
 * replaces the statements it contains, refuses a partial overlap, and is a new version of the city.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, startTestServer, type TestServer } from "../support/testServer.js";

const FOOTPRINT = `query($period: PeriodInput) { footprint(period: $period) {
  coverage { status days completeDays partialDays notPublishedDays unknownDays completeShare
    statements { from to fromJalali { iso } toJalali { iso } status locator source { title } } } } }`;
const SERIES = `query($period: PeriodInput, $v: Int) { series(metric: TRIPS_COMPLETED, groupBy: JALALI_MONTH, period: $period, asOfVersion: $v) { key value coverage } }`;
const SET = `mutation($input: SetCoverageInput!) { setCoverage(input: $input) { outcome city { slug version } userErrors { field code message } } }`;

describe("coverage", () => {
  let server: TestServer;
  let editor: string;
  let report: string;

  beforeAll(async () => {
    server = await startTestServer();
    editor = await server.createKey("EDITOR");
    const { data } = await server.gql(`{ footprint { reportedFigures { source { id title } } } }`);
    report = data.footprint.reportedFigures[0].source.id;
  }, 60_000);
  afterAll(() => server?.close());

  it("the seed: Shahrivar..Esfand 1401 complete by the committee's report, the rest of 1401 unknown", async () => {
    const res = await server.gql(FOOTPRINT, { period: { jalaliYear: 1401 } });
    expect(res.errors).toBeUndefined();
    const c = res.data.footprint.coverage;
    // 1401 has 365 days; Shahrivar 1 (2022-08-23) .. Esfand 29 (2023-03-20) are 210 of them.
    expect(c).toMatchObject({
      status: "PARTIAL",
      days: 365,
      completeDays: 210,
      partialDays: 0,
      notPublishedDays: 0,
      unknownDays: 155,
    });
    expect(c.completeShare).toBeCloseTo(210 / 365, 10);
    expect(c.statements).toEqual([
      {
        from: "2022-08-23",
        to: "2023-03-20",
        fromJalali: { iso: "1401-06-01" },
        toJalali: { iso: "1401-12-29" },
        status: "COMPLETE",
        locator: "F1",
        source: { title: expect.any(String) },
      },
    ]);
    const reportPeriod = await server.gql(FOOTPRINT, { period: { jalaliYear: 1401, jalaliMonthFrom: 6 } });
    expect(reportPeriod.data.footprint.coverage).toMatchObject({ status: "COMPLETE", completeShare: 1, unknownDays: 0 });
    const before = await server.gql(FOOTPRINT, { period: { jalaliYear: 1399 } });
    expect(before.data.footprint.coverage).toMatchObject({ status: "UNKNOWN", completeDays: 0, statements: [] });
  });

  it("each series point carries its bucket's coverage: a 0 in an unknown month is not a known 0", async () => {
    const res = await server.gql(SERIES, { period: { jalaliYear: 1401 } });
    expect(res.errors).toBeUndefined();
    const points = res.data.series as { key: string; value: number; coverage: string }[];
    expect(points.map((p) => p.coverage)).toEqual([...Array(5).fill("UNKNOWN"), ...Array(7).fill("COMPLETE")]);
    const byCountry = await server.gql(
      `{ series(metric: TRIPS_COMPLETED, groupBy: COUNTRY, period: { jalaliYear: 1401 }) { key coverage } }`,
    );
    expect(new Set(byCountry.data.series.map((p: any) => p.coverage))).toEqual(new Set(["PARTIAL"]));
  });

  it("setCoverage: an EDITOR states Farvardin..Mordad 1401 not yet published; a new version of the city, in the feed; as of before, unchanged", async () => {
    const before = (await server.gql(`{ __typename }`)).extensions.dataVersion as number;
    const input = {
      city: "tehran",
      from: "2022-03-21",
      to: "2022-08-22",
      status: "NOT_PUBLISHED",
      source: report,
      locator: "F1",
    };
    const anonymous = await server.gql(SET, { input });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const set = await server.gql(SET, { input }, bearer(editor));
    expect(set.data.setCoverage).toMatchObject({ outcome: "UPDATED", city: { slug: "tehran", version: 2 }, userErrors: [] });
    const series = await server.gql(SERIES, { period: { jalaliYear: 1401 } });
    expect(series.data.series.map((p: any) => p.coverage)).toEqual([
      ...Array(5).fill("NOT_PUBLISHED"),
      ...Array(7).fill("COMPLETE"),
    ]);
    const footprint = await server.gql(FOOTPRINT, { period: { jalaliYear: 1401 } });
    expect(footprint.data.footprint.coverage).toMatchObject({
      status: "PARTIAL",
      completeDays: 210,
      notPublishedDays: 155,
      unknownDays: 0,
    });
    const feed = await server.gql(
      `{ changes(first: 100, types: [CITY]) { nodes { sequence op record { ... on City { slug version } } } } }`,
    );
    expect(feed.errors).toBeUndefined();
    const last = feed.data.changes.nodes.at(-1);
    expect(last).toMatchObject({ sequence: set.extensions.dataVersion, op: "UPSERT", record: { slug: "tehran", version: 2 } });
    const asOf = await server.gql(SERIES, { period: { jalaliYear: 1401 }, v: before });
    expect(asOf.data.series.map((p: any) => p.coverage).slice(0, 5)).toEqual(Array(5).fill("UNKNOWN"));
    const again = await server.gql(SET, { input }, bearer(editor));
    expect(again.data.setCoverage).toMatchObject({ outcome: "UNCHANGED", city: { version: 2 } });
  });

  it("refuses a stretch that overlaps another in part, a backwards stretch and an unknown source, writing nothing", async () => {
    const version = (await server.gql(`{ __typename }`)).extensions.dataVersion as number;
    const overlap = await server.gql(
      SET,
      { input: { city: "tehran", from: "2023-01-01", to: "2023-06-30", status: "PARTIAL", source: report } },
      bearer(editor),
    );
    expect(overlap.data.setCoverage.userErrors).toEqual([
      expect.objectContaining({ field: ["input", "from"], code: "CONFLICT" }),
    ]);
    const backwards = await server.gql(
      SET,
      { input: { city: "tehran", from: "2024-02-01", to: "2024-01-01", status: "PARTIAL", source: report } },
      bearer(editor),
    );
    expect(backwards.data.setCoverage.userErrors.map((e: any) => e.field)).toEqual([["input", "to"]]);
    const noSource = await server.gql(
      SET,
      { input: { city: "tehran", from: "2024-01-01", to: "2024-02-01", status: "PARTIAL", source: "U291cmNlOm5vbmU" } },
      bearer(editor),
    );
    expect(noSource.data.setCoverage.userErrors).toEqual([expect.objectContaining({ code: "NOT_FOUND" })]);
    const noCity = await server.gql(
      SET,
      { input: { city: "atlantis", from: "2024-01-01", to: "2024-02-01", status: "PARTIAL", source: report } },
      bearer(editor),
    );
    expect(noCity.data.setCoverage.userErrors).toEqual([expect.objectContaining({ code: "NOT_FOUND" })]);
    expect((await server.gql(`{ __typename }`)).extensions.dataVersion).toBe(version);
    // A stretch that contains the seed's whole replaces it.
    const whole = await server.gql(
      SET,
      { input: { city: "tehran", from: "2022-08-23", to: "2023-03-31", status: "PARTIAL", source: report, note: "revised" } },
      bearer(editor),
    );
    expect(whole.data.setCoverage.userErrors).toEqual([]);
    const footprint = await server.gql(FOOTPRINT, { period: { from: "2022-08-23", to: "2023-03-31" } });
    expect(footprint.data.footprint.coverage.statements.map((s: any) => [s.from, s.to, s.status])).toEqual([
      ["2022-08-23", "2023-03-31", "PARTIAL"],
    ]);
  });
});
