import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attendances } from "../seeds/dataset/attendances.js";
import { events } from "../seeds/dataset/events.js";
import { trips } from "../seeds/dataset/trips.js";
import { errorCodes, startTestServer, type TestServer } from "./support/testServer.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const LIST = `query($filter: EventFilter, $orderBy: [EventOrder!], $first: Int, $after: String) {
  events(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    totalCount
    nodes { name { en } kind format startDate }
    pageInfo { hasNextPage endCursor }
  }
}`;

async function list(filter?: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const res = await server.gql(LIST, { filter, first: 100, ...extra });
  expect(res.errors).toBeUndefined();
  return res.data.events;
}
const names = (conn: { nodes: { name: { en: string } }[] }) => conn.nodes.map((n) => n.name.en);

/** Period P of the report: Shahrivar..Esfand 1401. */
const PERIOD_P = { jalaliYear: 1401, jalaliMonthFrom: 6, jalaliMonthTo: 12 };
const inP = (date: string) => date >= "2022-08-23" && date <= "2023-03-20";

describe("events: the report's figures", () => {
  it("Tehran attended exactly 13 events online in Shahrivar..Esfand 1401 (F10)", async () => {
    const conn = await list({ period: PERIOD_P, attendedBy: ["tehran"], mode: "ONLINE" });
    expect(conn.totalCount).toBe(13);
    const expected = attendances
      .filter((a) => a.city === "tehran" && a.mode === "ONLINE")
      .map((a) => events.find((e) => e.key === a.event)!)
      .filter((e) => inP(e.startDate))
      .map((e) => e.nameEn)
      .sort();
    expect(names(conn).sort()).toEqual(expected);
    for (const n of conn.nodes) expect(inP(n.startDate)).toBe(true);
  });

  it("the same period as ISO dates gives the same 13", async () => {
    const jalali = await list({ period: PERIOD_P, attendedBy: ["tehran"], mode: "ONLINE" });
    const dates = await list({ period: { from: "2022-08-23", to: "2023-03-20" }, attendedBy: ["tehran"], mode: "ONLINE" });
    expect(dates).toEqual(jalali);
  });

  it("without the period, Tehran's online attendances include earlier ones", async () => {
    const conn = await list({ attendedBy: ["tehran"], mode: "ONLINE" });
    expect(conn.totalCount).toBe(attendances.filter((a) => a.city === "tehran" && a.mode === "ONLINE").length);
    expect(conn.totalCount).toBeGreaterThan(13);
  });

  it("Tehran's in-person events of the period include the Metropolis assembly and the Najaf exhibition", async () => {
    const conn = await list({ period: PERIOD_P, attendedBy: ["tehran"], mode: "IN_PERSON" });
    const expected = attendances
      .filter((a) => a.city === "tehran" && a.mode === "IN_PERSON")
      .map((a) => events.find((e) => e.key === a.event)!)
      .filter((e) => inP(e.startDate));
    expect(conn.totalCount).toBe(expected.length);
    expect(names(conn)).toEqual(expect.arrayContaining(["Metropolis assembly (September 2022)", "Najaf exhibition"]));
  });
});

describe("the Metropolis assembly of Shahrivar 1401 (F11)", () => {
  let assembly: any;
  beforeAll(async () => {
    const res = await server.gql(`{
      events(filter: { kind: [GENERAL_ASSEMBLY], organisation: ["metropolis"], period: { jalaliYear: 1401, jalaliMonthFrom: 6, jalaliMonthTo: 6 } }) {
        totalCount
        nodes {
          id name { fa en } kind format status provenance startDate endDate
          startJalali { year month day iso monthName en: monthName(lang: EN) }
          endJalali { iso }
          organiser { slug } host { slug country { code } }
          sources { locator }
          citations { fact fields }
          unsourcedFields
          attendances { id city { slug } mode provenance trip { code } membership { organisation { slug } } event { name { en } } }
          trips { code status purpose destinations { slug } }
        }
      }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.events.totalCount).toBe(1);
    assembly = res.data.events.nodes[0];
  });

  it("is a GENERAL_ASSEMBLY organised by Metropolis, PARTLY_SOURCED: F11 states organiser and kind", () => {
    expect(assembly.name.en).toBe("Metropolis assembly (September 2022)");
    expect(assembly.name.fa).toBe("مجمع متروپلیس (شهریور ۱۴۰۱)");
    expect(assembly.kind).toBe("GENERAL_ASSEMBLY");
    expect(assembly.format).toBe("IN_PERSON");
    expect(assembly.organiser).toEqual({ slug: "metropolis" });
    expect(assembly.host).toEqual({ slug: "barcelona", country: { code: "ES" } });
    expect(assembly.provenance).toBe("PARTLY_SOURCED");
    expect(assembly.citations).toEqual([{ fact: "F11", fields: ["kind", "organiser"] }]);
    // The host and the days are the dataset's: cited to its illustrative source, never as fact.
    expect(assembly.unsourcedFields).toEqual(expect.arrayContaining(["host", "startDate", "endDate"]));
    expect(assembly.sources).toEqual([{ locator: "F11" }, { locator: null }]);
  });

  it("starts in Shahrivar 1401", () => {
    expect(assembly.startDate).toBe("2022-09-05");
    expect(assembly.startJalali).toEqual({
      year: 1401,
      month: 6,
      day: 14,
      iso: "1401-06-14",
      monthName: "شهریور",
      en: "Shahrivar",
    });
    expect(assembly.endDate).toBe("2022-09-07");
    expect(assembly.endJalali).toEqual({ iso: "1401-06-16" });
  });

  it("Tehran attended in person, on the assembly trip, through its Metropolis membership", () => {
    const tehran = assembly.attendances.filter((a: any) => a.city.slug === "tehran");
    expect(tehran).toHaveLength(1);
    expect(tehran[0]).toMatchObject({
      mode: "IN_PERSON",
      provenance: "PARTLY_SOURCED",
      trip: { code: "CFT-1401-0026" },
      membership: { organisation: { slug: "metropolis" } },
      event: { name: { en: "Metropolis assembly (September 2022)" } },
    });
  });

  it("lists every city's attendance", () => {
    const expected = attendances
      .filter((a) => a.event === "metropolis-assembly-1401")
      .map((a) => a.city)
      .sort();
    expect(assembly.attendances.map((a: any) => a.city.slug).sort()).toEqual(expected);
    expect(expected).toEqual(["istanbul", "seoul", "tehran"]);
    for (const a of assembly.attendances) if (a.city.slug !== "tehran") expect(a.trip).toBeNull();
  });

  it("lists the trips made to attend it", () => {
    const expected = trips.filter((t) => t.events.includes("metropolis-assembly-1401")).map((t) => t.code);
    expect(assembly.trips.map((t: any) => t.code)).toEqual(expected);
    expect(assembly.trips[0]).toEqual({
      code: "CFT-1401-0026",
      status: "COMPLETED",
      purpose: "SUMMIT",
      destinations: [{ slug: "barcelona" }],
    });
  });

  it("an event nobody travelled to has no trips", async () => {
    const conn = await server.gql(
      `{ events(filter: { attendedBy: ["tehran"], mode: ONLINE }, first: 1) { nodes { trips { code } attendances { mode trip { code } } } } }`,
    );
    expect(conn.errors).toBeUndefined();
    const e = conn.data.events.nodes[0];
    expect(e.trips).toEqual([]);
    expect(e.attendances.every((a: any) => a.trip === null)).toBe(true);
  });
});

describe("events: filters and ordering", () => {
  it("lists all events by start date by default", async () => {
    const conn = await list();
    expect(conn.totalCount).toBe(events.length);
    const dates = conn.nodes.map((n: any) => n.startDate);
    expect(dates).toEqual([...dates].sort());
    // The founding assembly of the Asian Mayors Forum (Tehran, November 2008) is the earliest.
    expect(conn.nodes[0].name.en).toBe("1st General Assembly of the Asian Mayors Forum, Tehran");
  });

  it("orderBy NAME ASC and DESC are each other's reverse and cover every event", async () => {
    const asc = await list(undefined, { orderBy: [{ field: "NAME", direction: "ASC" }] });
    const desc = await list(undefined, { orderBy: [{ field: "NAME", direction: "DESC" }] });
    expect(asc.totalCount).toBe(events.length);
    expect(names(asc)).toEqual([...names(desc)].reverse());
    expect(new Set(names(asc))).toEqual(new Set(events.map((e) => e.nameEn)));
    expect(names(asc).slice(0, 3)).toEqual([
      "1st General Assembly of the Asian Mayors Forum, Tehran",
      "4th UCLG World Congress, Rabat",
      "58th ISOCARP World Planning Congress",
    ]);
    // Among names that start with a capital letter, the order is alphabetical.
    const capitalised = names(asc).filter((n: string) => /^[A-Z]/.test(n));
    expect(capitalised).toEqual([...capitalised].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it("pages through orderBy NAME with cursors without gaps or repeats", async () => {
    const all = names(await list(undefined, { orderBy: [{ field: "NAME", direction: "ASC" }] }));
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const page: any = await list(undefined, { orderBy: [{ field: "NAME", direction: "ASC" }], first: 8, after });
      seen.push(...names(page));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(all);
  });

  it("filters by kind and organiser", async () => {
    const conn = await list({ kind: ["GENERAL_ASSEMBLY"] });
    expect(names(conn).sort()).toEqual(
      events
        .filter((e) => e.kind === "GENERAL_ASSEMBLY")
        .map((e) => e.nameEn)
        .sort(),
    );
    const byOrg = await list({ organisation: ["wego"] });
    expect(names(byOrg).sort()).toEqual(["WeGO online smart-cities summit", "WeGO webinar: digital government after COVID-19"]);
  });

  it("filters by format, host and host country", async () => {
    const hybrid = await list({ format: ["HYBRID"] });
    expect(hybrid.totalCount).toBe(events.filter((e) => e.format === "HYBRID").length);
    expect(hybrid.nodes.every((n: any) => n.format === "HYBRID")).toBe(true);
    const munich = await list({ host: ["munich"] });
    expect(names(munich).sort()).toEqual(["IFAT 2022", "bauma 2022"].sort());
    const de = await list({ countries: ["DE"] });
    expect(names(de).sort()).toEqual(["IFAT 2022", "ITB Berlin 2023", "bauma 2022"].sort());
  });

  it("filters by a Jalali month: Shahrivar 1401", async () => {
    const conn = await list({ period: { jalaliYear: 1401, jalaliMonthFrom: 6, jalaliMonthTo: 6 } });
    const expected = events
      .filter((e) => e.startDate >= "2022-08-23" && e.startDate <= "2022-09-22")
      .map((e) => e.nameEn)
      .sort();
    expect(names(conn).sort()).toEqual(expected);
    expect(expected).toContain("Metropolis assembly (September 2022)");
  });

  it("filters by an open-ended date period", async () => {
    const from = await list({ period: { from: "2023-03-21" } });
    expect(names(from).sort()).toEqual(
      events
        .filter((e) => e.startDate >= "2023-03-21")
        .map((e) => e.nameEn)
        .sort(),
    );
    const to = await list({ period: { to: "2021-12-31" } });
    expect(names(to).sort()).toEqual(
      events
        .filter((e) => e.startDate <= "2021-12-31")
        .map((e) => e.nameEn)
        .sort(),
    );
  });

  it("mode HYBRID is a BAD_USER_INPUT error (HYBRID is an event's format, not a city's mode)", async () => {
    const res = await server.gql(LIST, { filter: { attendedBy: ["tehran"], mode: "HYBRID" } });
    expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(res.errors![0].extensions?.argumentName).toBe("filter.mode");
  });

  it("a period mixing dates and Jalali parts is a BAD_USER_INPUT error", async () => {
    const res = await server.gql(LIST, { filter: { period: { from: "2022-08-23", jalaliYear: 1401 } } });
    expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(String(res.errors![0].extensions?.argumentName)).toMatch(/^filter\.period/);
  });

  it("an inverted date period is a BAD_USER_INPUT error", async () => {
    const res = await server.gql(LIST, { filter: { period: { from: "2023-03-20", to: "2022-08-23" } } });
    expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(res.errors![0].extensions?.argumentName).toBe("filter.period.from");
  });

  it("an inverted Jalali period (month 9 to month 3) is a BAD_USER_INPUT error", async () => {
    const res = await server.gql(LIST, { filter: { period: { jalaliYear: 1401, jalaliMonthFrom: 9, jalaliMonthTo: 3 } } });
    expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(res.errors![0].extensions?.argumentName).toBe("filter.period.jalaliMonthFrom");
  });

  it.each([
    [{ jalaliYear: 1401, jalaliMonthTo: 13 }, "filter.period.jalaliMonthTo"],
    [{ jalaliMonthFrom: 6 }, "filter.period.jalaliYear"],
  ])("period %j is a BAD_USER_INPUT error on %s", async (period, argumentName) => {
    const res = await server.gql(LIST, { filter: { period } });
    expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(res.errors![0].extensions?.argumentName).toBe(argumentName);
  });

  it("a City ID as organisation is a BAD_USER_INPUT error", async () => {
    const city = await server.gql(`{ cities(first: 1) { nodes { id } } }`);
    const res = await server.gql(LIST, { filter: { organisation: [city.data.cities.nodes[0].id] } });
    expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
  });
});
