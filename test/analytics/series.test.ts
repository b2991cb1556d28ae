import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { smallFootprint } from "../fixtures/smallFootprint.js";
import { errorCodes, startTestServer, type TestServer } from "../support/testServer.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ dataset: smallFootprint, homeCity: "alpha" });
});
afterAll(() => server.close());

const DEY_TO_ESFAND = "{ jalaliYear: 1401, jalaliMonthFrom: 10, jalaliMonthTo: 12 }";

async function series(metric: string, groupBy: string, extra = `period: ${DEY_TO_ESFAND}`) {
  const res = await server.gql(`{ series(metric: ${metric}, groupBy: ${groupBy}, ${extra}) { key label { fa en } value } }`);
  expect(res.errors, `${metric} by ${groupBy}`).toBeUndefined();
  return res.data.series as { key: string; label: { fa: string | null; en: string | null }; value: number }[];
}
const values = (points: { key: string; value: number }[]) => Object.fromEntries(points.map((p) => [p.key, p.value]));

describe("series: time groupings", () => {
  it("JALALI_MONTH lists every month of the period, empty ones as 0, with Jalali month names", async () => {
    const points = await series("TRIPS_COMPLETED", "JALALI_MONTH");
    expect(points).toEqual([
      { key: "1401-10", label: { fa: "دی ۱۴۰۱", en: "Dey 1401" }, value: 2 },
      { key: "1401-11", label: { fa: "بهمن ۱۴۰۱", en: "Bahman 1401" }, value: 0 },
      { key: "1401-12", label: { fa: "اسفند ۱۴۰۱", en: "Esfand 1401" }, value: 0 },
    ]);
  });

  it("MONTH crosses the Gregorian new year, with Gregorian month names", async () => {
    const points = await series("TRIPS_REQUESTED", "MONTH");
    expect(points.map((p) => p.key)).toEqual(["2022-12", "2023-01", "2023-02", "2023-03"]);
    expect(values(points)).toEqual({ "2022-12": 1, "2023-01": 2, "2023-02": 2, "2023-03": 1 });
    expect(points[0].label).toEqual({ fa: "دسامبر ۲۰۲۲", en: "December 2022" });
  });

  it("YEAR and JALALI_YEAR", async () => {
    expect(values(await series("TRIPS_COMPLETED", "YEAR"))).toEqual({ 2022: 1, 2023: 1 });
    expect(values(await series("PARTICIPANTS", "JALALI_YEAR"))).toEqual({ 1401: 5 });
  });

  it("per-month metrics divide by the months of each bucket inside the period", async () => {
    const byYear = await series("TRIPS_PER_MONTH", "JALALI_YEAR");
    expect(byYear[0].value).toBeCloseTo(2 / 3, 10);
    const byGregorianYear = values(await series("TRIPS_PER_MONTH", "YEAR"));
    expect(byGregorianYear["2022"]).toBeCloseTo(1 / 1, 10); // December only
    expect(byGregorianYear["2023"]).toBeCloseTo(1 / 3, 10); // January..March
  });

  it("rates per bucket: rejected / decided, cancelled / approved", async () => {
    expect(values(await series("REJECTION_RATE", "JALALI_MONTH"))).toEqual({ "1401-10": 0, "1401-11": 0.5, "1401-12": 0 });
    expect(values(await series("NOT_CARRIED_OUT_RATE", "JALALI_MONTH"))).toEqual({ "1401-10": 0, "1401-11": 1, "1401-12": 0 });
    expect(values(await series("AVERAGE_DELEGATION_SIZE", "JALALI_MONTH"))).toEqual({
      "1401-10": 2.5,
      "1401-11": 0,
      "1401-12": 0,
    });
  });

  it("Esfand of a leap year holds its 30th day", async () => {
    const leap = await series(
      "TRIPS_COMPLETED",
      "JALALI_MONTH",
      `period: { jalaliYear: 1403, jalaliMonthFrom: 11, jalaliMonthTo: 12 }`,
    );
    expect(values(leap)).toEqual({ "1403-11": 0, "1403-12": 1 });
    const common = await series(
      "PARTICIPANTS",
      "JALALI_MONTH",
      `period: { jalaliYear: 1402, jalaliMonthFrom: 12, jalaliMonthTo: 12 }`,
    );
    expect(values(common)).toEqual({ "1402-12": 6 });
  });

  it("counts events attended by the event's start month", async () => {
    expect(values(await series("EVENTS_ATTENDED", "JALALI_MONTH"))).toEqual({ "1401-10": 2, "1401-11": 1, "1401-12": 0 });
  });
});

describe("series: other groupings", () => {
  it("PURPOSE lists all eight purposes in enum order with the committee's labels", async () => {
    const points = await series("TRIPS_REQUESTED", "PURPOSE");
    expect(points.map((p) => p.key)).toEqual([
      "SUMMIT",
      "EXHIBITION",
      "PROJECT_VISIT",
      "TRAINING",
      "COMPETITION",
      "BILATERAL_NEGOTIATION",
      "CULTURAL_WEEK",
      "GOVERNMENT_DELEGATION",
    ]);
    expect(values(points)).toMatchObject({ SUMMIT: 3, EXHIBITION: 1, PROJECT_VISIT: 1, TRAINING: 1, COMPETITION: 0 });
    expect(points[0].label.en).toBe("International summits");
  });

  it("COUNTRY counts a trip once in each country it visited", async () => {
    const points = await series("TRIPS_REQUESTED", "COUNTRY");
    expect(values(points)).toEqual({ IQ: 3, TR: 3 });
    expect(points.find((p) => p.key === "TR")!.label.en).toBe("Türkiye");
    expect(values(await series("PARTICIPANTS", "COUNTRY"))).toEqual({ IQ: 2, TR: 3 });
  });

  it("ORGANISATION: trips linked to an organisation; events by organiser", async () => {
    const trips = await series("TRIPS_REQUESTED", "ORGANISATION");
    expect(trips).toEqual([{ key: "net", label: { fa: "شبکه", en: "The Network" }, value: 1 }]);
    expect(values(await series("EVENTS_ATTENDED", "ORGANISATION"))).toEqual({ net: 2 });
  });

  it("REQUESTING_UNIT and ATTENDANCE_MODE", async () => {
    expect(values(await series("TRIPS_REQUESTED", "REQUESTING_UNIT"))).toEqual({ economy: 1, "international affairs": 5 });
    expect(values(await series("EVENTS_ATTENDED", "ATTENDANCE_MODE"))).toEqual({ IN_PERSON: 1, ONLINE: 2 });
  });

  it("a trip filter narrows what is counted", async () => {
    expect(
      values(await series("TRIPS_REQUESTED", "JALALI_MONTH", `period: ${DEY_TO_ESFAND}, filter: { purpose: [SUMMIT] }`)),
    ).toEqual({ "1401-10": 1, "1401-11": 1, "1401-12": 1 });
    expect(values(await series("TRIPS_REQUESTED", "COUNTRY", `period: ${DEY_TO_ESFAND}, filter: { countries: ["TR"] }`))).toEqual(
      { TR: 3 },
    );
  });
});

describe("series: errors", () => {
  const refused: [string, string][] = [
    ["metric: TRIPS_COMPLETED, groupBy: ATTENDANCE_MODE", "ATTENDANCE_MODE"],
    ["metric: REJECTION_RATE, groupBy: ATTENDANCE_MODE", "ATTENDANCE_MODE"],
    ["metric: EVENTS_ATTENDED, groupBy: PURPOSE", "purpose"],
    ["metric: EVENTS_ATTENDED, groupBy: REQUESTING_UNIT", "requesting unit"],
    ["metric: EVENTS_ATTENDED, groupBy: MONTH, filter: { status: [COMPLETED] }", "filter"],
    ["metric: TRIPS_COMPLETED, groupBy: MONTH, filter: { period: { jalaliYear: 1401 } }", "period"],
    ['metric: TRIPS_COMPLETED, groupBy: MONTH, filter: { city: ["beta"] }', "city"],
    ['metric: TRIPS_COMPLETED, groupBy: MONTH, period: { from: "2023-01-01", jalaliYear: 1401 }', "not both"],
    ["metric: TRIPS_COMPLETED, groupBy: MONTH, period: { jalaliYear: 1401, jalaliMonthFrom: 5, jalaliMonthTo: 2 }", "backwards"],
  ];
  it.each(refused)("%s is refused with a reason", async (args, reason) => {
    const res = await server.gql(`{ series(${args}) { key value } }`);
    expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(res.errors![0].message.toLowerCase()).toContain(reason.toLowerCase());
  });

  it("an unknown city is BAD_USER_INPUT, as in every filter", async () => {
    const res = await server.gql(`{ series(metric: TRIPS_COMPLETED, groupBy: YEAR, city: "atlantis") { key } }`);
    expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
  });
});

type Point = { key: string; keys: string[]; labels: { fa: string | null; en: string | null }[]; value: number };

async function twoWay(metric: string, groupings: string, extra = `period: ${DEY_TO_ESFAND}`) {
  const res = await server.gql(
    `{ series(metric: ${metric}, groupings: ${groupings}, ${extra}) { key label { fa en } keys labels { fa en } value } }`,
  );
  expect(res.errors, `${metric} by ${groupings}`).toBeUndefined();
  return res.data.series as (Point & { label: { fa: string | null; en: string | null } })[];
}

/** The two-way points summed over the other dimension, per key of dimension `dim`. */
function sumsOver(points: Point[], dim: 0 | 1): Record<string, number> {
  const sums: Record<string, number> = {};
  for (const p of points) sums[p.keys[dim]] = (sums[p.keys[dim]] ?? 0) + p.value;
  return sums;
}

describe("series: two groupings", () => {
  it("every combination is a point, empty ones as 0, with keys and labels per dimension", async () => {
    const points = await twoWay("TRIPS_REQUESTED", "[JALALI_MONTH, PURPOSE]");
    expect(points).toHaveLength(3 * 8);
    expect(points.slice(0, 2).map((p) => p.keys)).toEqual([
      ["1401-10", "SUMMIT"],
      ["1401-10", "EXHIBITION"],
    ]);
    expect(points[0]).toMatchObject({
      key: "1401-10|SUMMIT",
      label: { en: "Dey 1401 · International summits" },
      labels: [{ fa: "دی ۱۴۰۱", en: "Dey 1401" }, { en: "International summits" }],
      value: 1,
    });
    const nonZero = Object.fromEntries(points.filter((p) => p.value !== 0).map((p) => [p.key, p.value]));
    expect(nonZero).toEqual({
      "1401-10|SUMMIT": 1,
      "1401-10|EXHIBITION": 1,
      "1401-11|SUMMIT": 1,
      "1401-11|PROJECT_VISIT": 1,
      "1401-11|TRAINING": 1,
      "1401-12|SUMMIT": 1,
    });
    // A combination with no trips is present, as 0.
    expect(points.find((p) => p.key === "1401-12|COMPETITION")!.value).toBe(0);
  });

  it("summed over one dimension, gives the one-way totals of the other", async () => {
    const cases: [string, string, string, string, string][] = [
      // metric, first, second, period; time and purpose split trips, so both directions sum up
      ["TRIPS_REQUESTED", "JALALI_MONTH", "PURPOSE", `period: ${DEY_TO_ESFAND}`, "both"],
      ["PARTICIPANTS", "JALALI_YEAR", "PURPOSE", "", "both"],
      ["TRIPS_COMPLETED", "PURPOSE", "YEAR", "", "both"],
      // a trip counts in each country it visited: only the sums over months are one-way totals
      ["TRIPS_REQUESTED", "COUNTRY", "JALALI_MONTH", `period: ${DEY_TO_ESFAND}`, "first"],
      ["TRIPS_REQUESTED", "REQUESTING_UNIT", "PURPOSE", "", "both"],
      ["EVENTS_ATTENDED", "ORGANISATION", "JALALI_MONTH", `period: { jalaliYear: 1401 }`, "first"],
    ];
    for (const [metric, first, second, period, directions] of cases) {
      const points = await twoWay(metric, `[${first}, ${second}]`, period);
      expect(points.length, `${first} × ${second}`).toBeGreaterThan(1);
      expect(sumsOver(points, 0), `${metric} ${first} × ${second}, summed over ${second}`).toEqual(
        values(await series(metric, first, period)),
      );
      if (directions === "both")
        expect(sumsOver(points, 1), `${metric} ${first} × ${second}, summed over ${first}`).toEqual(
          values(await series(metric, second, period)),
        );
    }
  });

  it("the one-dimension forms agree: groupBy and a list of one", async () => {
    const res = await server.gql(`{
      a: series(metric: TRIPS_REQUESTED, groupBy: COUNTRY, period: ${DEY_TO_ESFAND}) { key label { en } keys labels { en } value }
      b: series(metric: TRIPS_REQUESTED, groupings: [COUNTRY], period: ${DEY_TO_ESFAND}) { key label { en } keys labels { en } value }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.a).toEqual(res.data.b);
    expect(res.data.a[0]).toEqual({ key: "IQ", label: { en: "Iraq" }, keys: ["IQ"], labels: [{ en: "Iraq" }], value: 3 });
  });

  const refused: [string, string][] = [
    ["groupings: [JALALI_YEAR, PURPOSE, COUNTRY]", "one or two"],
    ["groupings: [PURPOSE, PURPOSE]", "repeats PURPOSE"],
    ["groupings: []", "groupings"],
    ["groupBy: PURPOSE, groupings: [COUNTRY]", "not both"],
    ["period: { jalaliYear: 1401 }", "groupBy"],
    ["groupings: [JALALI_YEAR, MONTH]", "one time dimension"],
    ["groupings: [COUNTRY, ATTENDANCE_MODE]", "ATTENDANCE_MODE"],
  ];
  it.each(refused)("%s is refused with a reason", async (args, reason) => {
    const res = await server.gql(`{ series(metric: TRIPS_COMPLETED, ${args}) { key value } }`);
    expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(res.errors![0].message.toLowerCase()).toContain(reason.toLowerCase());
  });
});

describe("series: rankings", () => {
  async function ranking(metric: string, grouping: string, args: string) {
    const res = await server.gql(
      `{ series(metric: ${metric}, groupings: ${grouping}, period: ${DEY_TO_ESFAND}, ${args}) { key keys value } }`,
    );
    expect(res.errors, `${metric} by ${grouping} ${args}`).toBeUndefined();
    return res.data.series as { key: string; keys: string[]; value: number }[];
  }

  it("VALUE_DESC with first: the top N, equal values in key order", async () => {
    expect(await ranking("TRIPS_REQUESTED", "[REQUESTING_UNIT]", "orderBy: VALUE_DESC, first: 1")).toEqual([
      { key: "international affairs", keys: ["international affairs"], value: 5 },
    ]);
    // Three purposes tie at 1 and four at 0: each tie in key order (not the purposes' enum order).
    const purposes = await ranking("TRIPS_REQUESTED", "[PURPOSE]", "orderBy: VALUE_DESC, first: 6");
    expect(purposes.map((p) => [p.key, p.value])).toEqual([
      ["SUMMIT", 3],
      ["EXHIBITION", 1],
      ["PROJECT_VISIT", 1],
      ["TRAINING", 1],
      ["BILATERAL_NEGOTIATION", 0],
      ["COMPETITION", 0],
    ]);
    const countries = await ranking("TRIPS_REQUESTED", "[COUNTRY]", "orderBy: VALUE_DESC");
    expect(countries.map((p) => [p.key, p.value])).toEqual([
      ["IQ", 3],
      ["TR", 3],
    ]);
  });

  it("is the bucket-ordered series sorted by value, for one and two groupings and for events", async () => {
    const cases: [string, string][] = [
      ["TRIPS_REQUESTED", "[JALALI_MONTH, PURPOSE]"],
      ["PARTICIPANTS", "[COUNTRY]"],
      ["TRIPS_REQUESTED", "[REQUESTING_UNIT, COUNTRY]"],
      ["EVENTS_ATTENDED", "[ORGANISATION, ATTENDANCE_MODE]"],
    ];
    for (const [metric, grouping] of cases) {
      const all = await ranking(metric, grouping, "orderBy: BUCKET");
      const byKeys = (a: { keys: string[] }, b: { keys: string[] }) => {
        const x = a.keys.join("\u0000");
        const y = b.keys.join("\u0000");
        return x < y ? -1 : x > y ? 1 : 0;
      };
      const expected = [...all].sort((a, b) => b.value - a.value || byKeys(a, b));
      expect(await ranking(metric, grouping, "orderBy: VALUE_DESC"), `${metric} ${grouping}`).toEqual(expected);
      expect(await ranking(metric, grouping, "orderBy: VALUE_DESC, first: 3"), `${metric} ${grouping}`).toEqual(
        expected.slice(0, 3),
      );
      expect(await ranking(metric, grouping, "orderBy: VALUE_ASC, first: 2"), `${metric} ${grouping}`).toEqual(
        [...all].sort((a, b) => a.value - b.value || byKeys(a, b)).slice(0, 2),
      );
    }
  });

  it("first alone keeps bucket order", async () => {
    const months = await ranking("TRIPS_REQUESTED", "[JALALI_MONTH]", "first: 2");
    expect(months.map((p) => p.key)).toEqual(["1401-10", "1401-11"]);
  });

  it.each(["first: 0", "first: -1", "first: 5000"])("%s is refused", async (args) => {
    const res = await server.gql(`{ series(metric: TRIPS_REQUESTED, groupBy: PURPOSE, orderBy: VALUE_DESC, ${args}) { key } }`);
    expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(res.errors![0].message).toContain("`first` must be between 1 and 1,200");
  });
});

describe("series: event filters", () => {
  const YEAR_1401 = "{ jalaliYear: 1401 }";
  const attended = (grouping: string, eventFilter: string) =>
    series("EVENTS_ATTENDED", grouping, `period: ${YEAR_1401}, eventFilter: ${eventFilter}`).then(values);

  it("summits attended online, by organiser, in one call", async () => {
    // E1 and E4 are net's online summits; E2 (net's too) was attended in person, E3 is a conference.
    expect(await attended("ORGANISATION", "{ kind: [SUMMIT], mode: ONLINE }")).toEqual({ net: 2 });
    expect(await attended("ORGANISATION", "{ kind: [SUMMIT], mode: IN_PERSON }")).toEqual({ net: 1 });
    expect(await attended("ORGANISATION", "{ kind: [SUMMIT] }")).toEqual({ net: 3 });
  });

  it("narrows by format, organiser and host country, with every grouping", async () => {
    expect(await attended("COUNTRY", "{ format: [HYBRID] }")).toEqual({ IQ: 1 });
    expect(await attended("ATTENDANCE_MODE", "{ mode: ONLINE }")).toEqual({ IN_PERSON: 0, ONLINE: 3 });
    const months = await attended("JALALI_MONTH", `{ organisation: ["net"] }`);
    expect(Object.fromEntries(Object.entries(months).filter(([, v]) => v > 0))).toEqual({ "1401-08": 1, "1401-10": 2 });
    expect(await attended("COUNTRY", `{ countries: ["TR"] }`)).toEqual({ TR: 1 });
  });

  it("`mode` is how this city took part, not how anyone did", async () => {
    // Beta attended E3 (hybrid) in person; alpha attended it online.
    expect(await attended("ATTENDANCE_MODE", "{ format: [HYBRID], mode: IN_PERSON }")).toEqual({ IN_PERSON: 0, ONLINE: 0 });
    expect(await attended("ATTENDANCE_MODE", "{ format: [HYBRID], mode: ONLINE }")).toEqual({ IN_PERSON: 0, ONLINE: 1 });
  });

  it("each point counts the events the events list gives for the same filter", async () => {
    const filters = ["{ kind: [SUMMIT], mode: ONLINE }", "{ format: [HYBRID] }", `{ organisation: ["net"], mode: IN_PERSON }`];
    for (const filter of filters) {
      const byMode = await attended("JALALI_YEAR", filter);
      const inner = filter.slice(1, -1);
      const res = await server.gql(
        `{ events(filter: { ${inner}, attendedBy: ["alpha"], period: ${YEAR_1401} }) { totalCount } }`,
      );
      expect(res.errors).toBeUndefined();
      expect(byMode, filter).toEqual({ 1401: res.data.events.totalCount });
    }
  });

  const refused: [string, string][] = [
    ["metric: TRIPS_COMPLETED, groupBy: PURPOSE, eventFilter: { kind: [SUMMIT] }", "counts trips"],
    ["metric: EVENTS_ATTENDED, groupBy: ORGANISATION, eventFilter: { period: { jalaliYear: 1401 } }", "period"],
    ['metric: EVENTS_ATTENDED, groupBy: ORGANISATION, eventFilter: { attendedBy: ["beta"] }', "city"],
    ["metric: EVENTS_ATTENDED, groupBy: ORGANISATION, eventFilter: { mode: HYBRID }", "IN_PERSON or ONLINE"],
    ['metric: EVENTS_ATTENDED, groupBy: ORGANISATION, eventFilter: { organisation: ["nobody"] }', "nobody"],
  ];
  it.each(refused)("%s is refused with a reason", async (args, reason) => {
    const res = await server.gql(`{ series(${args}) { key value } }`);
    expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(res.errors![0].message.toLowerCase()).toContain(reason.toLowerCase());
  });
});
