/**
 * The seed, counted from the records the database holds, reproduces "What the seed dataset must
 * reproduce" in seeds/sources/tehran-press-47801.md; and loading it again changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSeed } from "../seeds/loadSeed.js";
import { startTestServer, type TestServer } from "./support/testServer.js";

let server: TestServer;
const all = (sql: string, ...params: unknown[]) => server.rows(sql, ...params);
const one = async (sql: string, ...params: unknown[]) => (await server.rows(sql, ...params))[0];
/** A row with every value a number (PostgreSQL returns count() and sum() as strings). */
const numbers = async (sql: string, ...params: unknown[]) =>
  Object.fromEntries(Object.entries((await one(sql, ...params)) as Record<string, unknown>).map(([k, v]) => [k, Number(v)]));

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

// Shahrivar 1 .. Esfand 29, 1401, on the stored Jalali columns and for Tehran's requests.
const IN_PERIOD =
  "t.start_jy = 1401 AND t.start_jm BETWEEN 6 AND 12 AND t.city_id = (SELECT id FROM cities WHERE slug = 'tehran')";

describe("seed reproduces the source report", () => {
  it("31 completed trips with 127 participants (F1)", async () => {
    const row = await numbers(
      `SELECT count(*) AS trips, sum((SELECT count(*) FROM trip_delegates d WHERE d.trip_id = t.id)) AS people FROM trips t WHERE t.status = 'COMPLETED' AND ${IN_PERIOD}`,
    );
    expect(row).toEqual({ trips: 31, people: 127 });
  });

  it("delegation size is the number of delegates, for every trip", async () => {
    expect(
      await server.count(
        "SELECT count(*) AS n FROM trips t WHERE t.delegation_size <> (SELECT count(*) FROM trip_delegates d WHERE d.trip_id = t.id)",
      ),
    ).toBe(0);
  });

  it("28% of decided requests rejected and 26% of approved trips not carried out (F4), within half a point", async () => {
    const c = await numbers(`SELECT
        sum(CASE WHEN t.decision_outcome = 'REJECTED' THEN 1 ELSE 0 END) AS rejected,
        sum(CASE WHEN t.decision_outcome = 'APPROVED' THEN 1 ELSE 0 END) AS approved,
        sum(CASE WHEN t.status = 'CANCELLED' THEN 1 ELSE 0 END) AS cancelled
      FROM trips t WHERE ${IN_PERIOD}`);
    expect(Math.abs(c.rejected / (c.rejected + c.approved) - 0.28)).toBeLessThanOrEqual(0.005);
    expect(Math.abs(c.cancelled / c.approved - 0.26)).toBeLessThanOrEqual(0.005);
  });

  it("exactly the 14 countries of F6 among trips carried out", async () => {
    const codes = (
      await all(
        `SELECT DISTINCT co.code FROM trips t JOIN trip_legs l ON l.trip_id = t.id JOIN cities c ON c.id = l.city_id JOIN countries co ON co.id = c.country_id WHERE t.status = 'COMPLETED' AND ${IN_PERIOD} ORDER BY co.code`,
      )
    ).map((r) => r.code);
    expect(codes).toEqual(["AE", "DE", "ES", "ID", "IN", "IQ", "JO", "JP", "KR", "MY", "QA", "RU", "TJ", "TR"]);
  });

  it("the mayor's 2 trips, to Tajikistan and Iraq (F5), both SOURCED", async () => {
    const rows = await all(
      `SELECT t.provenance, co.code FROM trips t JOIN trip_legs l ON l.trip_id = t.id JOIN cities c ON c.id = l.city_id JOIN countries co ON co.id = c.country_id WHERE t.headed_by_mayor = true ORDER BY co.code`,
    );
    expect(rows).toEqual([
      { provenance: "SOURCED", code: "IQ" },
      { provenance: "SOURCED", code: "TJ" },
    ]);
  });

  it("13 events attended online (F10) and the Metropolis assembly in person in Shahrivar (F11)", async () => {
    const online = await numbers(
      `SELECT count(DISTINCT a.event_id) AS n FROM attendances a JOIN events e ON e.id = a.event_id WHERE a.mode = 'ONLINE' AND e.start_jy = 1401 AND e.start_jm BETWEEN 6 AND 12 AND a.city_id = (SELECT id FROM cities WHERE slug = 'tehran')`,
    );
    expect(online.n).toBe(13);
    const assembly = await all(
      `SELECT a.mode, e.start_jm, e.provenance FROM attendances a JOIN events e ON e.id = a.event_id JOIN organisations o ON o.id = e.organiser_id WHERE o.slug = 'metropolis' AND e.kind = 'GENERAL_ASSEMBLY' AND e.start_jy = 1401 AND a.city_id = (SELECT id FROM cities WHERE slug = 'tehran')`,
    );
    expect(assembly).toEqual([{ mode: "IN_PERSON", start_jm: 6, provenance: "SOURCED" }]);
  });

  it("memberships of WeGO, ISOCARP and Metropolis, SOURCED; 9 monitored organisations (F13)", async () => {
    const slugs = (
      await all(
        `SELECT o.slug FROM memberships m JOIN organisations o ON o.id = m.organisation_id WHERE m.member_city_id = (SELECT id FROM cities WHERE slug = 'tehran') AND m.provenance = 'SOURCED' AND m.status = 'ACTIVE' ORDER BY o.slug`,
      )
    ).map((r) => r.slug);
    expect(slugs).toEqual(["isocarp", "metropolis", "wego"]);
    expect(await server.count("SELECT count(*) AS n FROM organisations WHERE monitored = true")).toBe(9);
  });

  it("earlier years are present so time series are not empty", async () => {
    expect(await server.count("SELECT count(*) AS n FROM trips WHERE start_jy = 1400")).toBeGreaterThan(0);
    expect(await server.count("SELECT count(*) AS n FROM trips WHERE start_jy = 1401 AND start_jm < 6")).toBeGreaterThan(0);
  });

  it("the report's figures records cannot reproduce (F2, F3) are kept as reported figures", async () => {
    const facts = (await all("SELECT DISTINCT locator FROM reported_figures ORDER BY locator")).map((r) => r.locator);
    expect(facts).toEqual(expect.arrayContaining(["F2", "F3"]));
  });
});

describe("seed provenance", () => {
  const tables = [
    "cities",
    "organisations",
    "memberships",
    "events",
    "attendances",
    "trips",
    "partnerships",
    "countries",
    "reported_figures",
  ];
  const recordType: Record<string, string> = {
    cities: "CITY",
    organisations: "ORGANISATION",
    memberships: "MEMBERSHIP",
    events: "EVENT",
    attendances: "ATTENDANCE",
    trips: "TRIP",
    partnerships: "PARTNERSHIP",
    countries: "COUNTRY",
    reported_figures: "REPORTED_FIGURE",
  };

  it.each(tables)("every record in %s cites a source", async (table) => {
    const uncited = await server.count(
      `SELECT count(*) AS n FROM ${table} r WHERE NOT EXISTS (SELECT 1 FROM record_sources s WHERE s.record_type = ? AND s.record_id = r.id)`,
      recordType[table],
    );
    expect(uncited).toBe(0);
  });

  it.each(tables.filter((t) => t !== "countries"))(
    "SOURCED records in %s cite the report by fact number; ILLUSTRATIVE ones never do",
    async (table) => {
      const rows = await all(
        `SELECT r.provenance, src.kind, s.locator FROM ${table} r JOIN record_sources s ON s.record_type = ? AND s.record_id = r.id JOIN sources src ON src.id = s.source_id`,
        recordType[table],
      );
      for (const row of rows) {
        if (row.provenance === "SOURCED") expect(row).toMatchObject({ kind: "NEWS", locator: expect.stringMatching(/^F\d+$/) });
        else expect(row.kind).toBe("DATA_ENTRY");
      }
    },
  );
});

describe("seed loading", () => {
  it("is idempotent: a second load inserts nothing", async () => {
    const before = await numbers(
      "SELECT (SELECT count(*) FROM trips) AS trips, (SELECT count(*) FROM trip_legs) AS legs, (SELECT count(*) FROM record_sources) AS cites, (SELECT count(*) FROM search_index) AS indexed",
    );
    const summary = await loadSeed(server.app.database);
    expect(summary.inserted).toBe(0);
    expect(summary.existing).toBeGreaterThan(300);
    const after = await numbers(
      "SELECT (SELECT count(*) FROM trips) AS trips, (SELECT count(*) FROM trip_legs) AS legs, (SELECT count(*) FROM record_sources) AS cites, (SELECT count(*) FROM search_index) AS indexed",
    );
    expect(after).toEqual(before);
  });

  it("stores the Jalali year and month beside every filtered date", async () => {
    const wrong = await all(
      "SELECT start_date, start_jy, start_jm FROM trips WHERE start_date = '2022-08-23' OR start_date = '2023-03-20'",
    );
    for (const row of wrong)
      expect([row.start_jy, row.start_jm]).toEqual(row.start_date === "2022-08-23" ? [1401, 6] : [1401, 12]);
    expect(await server.count("SELECT count(*) AS n FROM events WHERE start_jy IS NULL OR start_jm IS NULL")).toBe(0);
  });
});
