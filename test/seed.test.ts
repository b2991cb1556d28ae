/**
 * The seed, counted from the records the database holds, reproduces "What the seed dataset must
 * reproduce" in seeds/sources/tehran-press-47801.md; and loading it again changes nothing.
 */
import { readFileSync } from "node:fs";
import { buildSchema, type GraphQLEnumType } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataset } from "../seeds/dataset/index.js";
import type { SeedCitation } from "../seeds/dataset/types.js";
import { loadSeed } from "../seeds/loadSeed.js";
import { recordProvenance } from "../seeds/provenance.js";
import { sourceFacts } from "../seeds/sourceFacts.js";
import { PROVENANCE_MEANINGS } from "../src/graphql/enums.js";
import { isRecordField, type CitedRecordType } from "../src/lib/recordFields.js";
import { block, sourcesTable, statusTable } from "./support/provenanceTables.js";
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

  it("the mayor's 2 trips in the period, to Tajikistan and Iraq (F5), both PARTLY_SOURCED (F5 states only country and head)", async () => {
    const rows = await all(
      `SELECT t.provenance, co.code FROM trips t JOIN trip_legs l ON l.trip_id = t.id JOIN cities c ON c.id = l.city_id JOIN countries co ON co.id = c.country_id WHERE t.headed_by_mayor = true AND ${IN_PERIOD} ORDER BY co.code`,
    );
    expect(rows).toEqual([
      { provenance: "PARTLY_SOURCED", code: "IQ" },
      { provenance: "PARTLY_SOURCED", code: "TJ" },
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
    expect(assembly).toEqual([{ mode: "IN_PERSON", start_jm: 6, provenance: "PARTLY_SOURCED" }]);
  });

  it("memberships of WeGO and ISOCARP (F14, F15) partly sourced, Metropolis active; 9 monitored organisations (F13)", async () => {
    const rows = await all(
      `SELECT o.slug, m.provenance FROM memberships m JOIN organisations o ON o.id = m.organisation_id WHERE m.member_city_id = (SELECT id FROM cities WHERE slug = 'tehran') AND o.slug IN ('isocarp', 'metropolis', 'wego') AND m.status = 'ACTIVE' ORDER BY o.slug`,
    );
    // F11 says the municipality attended Metropolis's assembly, not that it is a member; the atlas
    // and IRNA/IRIB state the membership and its vice-presidency, not its category.
    expect(rows).toEqual([
      { slug: "isocarp", provenance: "PARTLY_SOURCED" },
      { slug: "metropolis", provenance: "PARTLY_SOURCED" },
      { slug: "wego", provenance: "PARTLY_SOURCED" },
    ]);
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

  it.each(tables)("citations in %s agree with the record's status and store the fields they back", async (table) => {
    const rows = await all(
      `SELECT r.id, r.provenance, src.provenance AS source_provenance, src.kind, s.locator, s.fields FROM ${table} r JOIN record_sources s ON s.record_type = ? AND s.record_id = r.id JOIN sources src ON src.id = s.source_id`,
      recordType[table],
    );
    const byRecord = new Map<unknown, typeof rows>();
    for (const row of rows) byRecord.set(row.id, [...(byRecord.get(row.id) ?? []), row]);
    for (const cites of byRecord.values()) {
      const status = cites[0].provenance;
      const backing = cites.filter((c) => c.source_provenance === "SOURCED");
      const unbacked = cites.filter((c) => c.source_provenance === "ILLUSTRATIVE");
      const fields = (c: (typeof rows)[number]) => (typeof c.fields === "string" ? (JSON.parse(c.fields) as unknown) : c.fields);
      if (status === "ILLUSTRATIVE") expect(backing).toEqual([]);
      else expect(backing.length).toBeGreaterThan(0);
      // The illustrative source is cited for the stated fields no source backs: none for SOURCED.
      if (status === "SOURCED") expect(unbacked).toEqual([]);
      if (status === "PARTLY_SOURCED") expect(unbacked.map((c) => (fields(c) as string[]).length)).toEqual([expect.any(Number)]);
      for (const c of backing) {
        if (table !== "countries") expect(c.locator).toMatch(/^F\d+$/);
        expect(Array.isArray(fields(c))).toBe(true);
      }
    }
  });
});

/** Every seed record that can cite a source, with its type and key. */
const citing: { type: CitedRecordType; key: string; record: SeedCitation & Record<string, unknown> }[] = [
  ...dataset.cities.map((r) => ({ type: "City" as const, key: r.slug, record: { ...r } })),
  ...dataset.organisations.map((r) => ({ type: "Organisation" as const, key: r.slug, record: { ...r } })),
  ...dataset.memberships.map((r) => ({ type: "Membership" as const, key: r.key, record: { ...r } })),
  ...dataset.events.map((r) => ({ type: "Event" as const, key: r.key, record: { ...r } })),
  ...dataset.trips.map((r) => ({ type: "Trip" as const, key: r.key, record: { ...r } })),
  ...dataset.attendances.map((r) => ({ type: "Attendance" as const, key: r.key, record: { ...r } })),
  ...dataset.partnerships.map((r) => ({ type: "Partnership" as const, key: r.key, record: { ...r } })),
];
const allCitations = citing.flatMap((r) => r.record.citations.map((c) => ({ ...r, citation: c })));
const named = (r: (typeof allCitations)[number]) =>
  `${r.type} ${r.key} citing ${r.citation.source} ${r.citation.fact} for [${r.citation.fields.join(", ")}]`;

describe("seed citations against the sources' facts files", () => {
  const files = sourceFacts();

  it("reads every facts file in seeds/sources, the report among them", () => {
    expect(files.get("tehran-press-47801")).toMatchObject({ kind: "NEWS", publisher: expect.stringContaining("Tehran Press") });
    for (const f of files.values()) expect(f.facts.size).toBeGreaterThan(0);
  });

  it.each(allCitations.map((c) => [named(c), c] as const))("%s: the source, the fact and each field are in its file", (_, c) => {
    const file = files.get(c.citation.source);
    expect(file, `no facts file seeds/sources/${c.citation.source}.md`).toBeDefined();
    expect(file?.facts.has(c.citation.fact), `${c.citation.source} has no fact ${c.citation.fact}`).toBe(true);
    const listed = new Set(
      (file?.statements ?? [])
        .filter((s) => s.fact === c.citation.fact && s.recordType === c.type && s.recordKey === c.key)
        .flatMap((s) => s.fields.map((f) => f.name)),
    );
    const unlisted = [...c.citation.fields, ...Object.keys(c.citation.otherwise ?? {})].filter((f) => !listed.has(f));
    expect(unlisted, `${named(c)}: not stated by the facts file`).toEqual([]);
    for (const [field, value] of Object.entries(c.citation.otherwise ?? {})) {
      expect(c.citation.fields, `${named(c)}: ${field} is both backed and stated otherwise`).not.toContain(field);
      expect(isRecordField(c.type, field), `${named(c)}: ${field} is not a ${c.type} field`).toBe(true);
      // A disagreement is a different value: the record's own, to the source's precision, is not one.
      const held = (c.record as Record<string, unknown>)[field];
      expect(typeof held, `${named(c)}: ${field} is not a value the record holds`).toBe("string");
      expect((held as string).startsWith(value), `${named(c)}: ${field} ${value} is what the record holds`).toBe(false);
    }
    for (const f of c.citation.fields) expect(isRecordField(c.type, f), `${named(c)}: ${f} is not a ${c.type} field`).toBe(true);
  });

  it("a date a fact states only to the year or month is not cited for a record that gives it to the day", () => {
    const ORDER = { YEAR: 0, MONTH: 1, DAY: 2 } as const;
    // startDate -> startPrecision, signedOn -> signedPrecision; a date without one is to the day.
    const heldPrecision = (record: Record<string, unknown>, field: string) => {
      const held = record[`${field.replace(/(Date|On)$/, "")}Precision`];
      return typeof held === "string" && held in ORDER ? (held as keyof typeof ORDER) : "DAY";
    };
    const tooPrecise = allCitations.flatMap((c) => {
      const rows = (files.get(c.citation.source)?.statements ?? []).filter(
        (s) => s.fact === c.citation.fact && s.recordType === c.type && s.recordKey === c.key,
      );
      return rows.flatMap((row) =>
        row.fields
          .filter((f) => f.precision && c.citation.fields.includes(f.name))
          .filter((f) => ORDER[heldPrecision(c.record, f.name)] > ORDER[f.precision!])
          .map(
            (f) =>
              `${named(c)}: ${f.name} is stated to the ${f.precision}, the record gives it to the ${heldPrecision(c.record, f.name)}`,
          ),
      );
    });
    expect(tooPrecise).toEqual([]);
  });

  it("every row of a facts table is cited by the record it names (nothing claimed and left unused)", () => {
    const cited = new Set(
      allCitations.flatMap((c) =>
        [...c.citation.fields, ...Object.keys(c.citation.otherwise ?? {})].map(
          (f) => `${c.citation.source} ${c.citation.fact} ${c.type} ${c.key} ${f}`,
        ),
      ),
    );
    const unused = [...files.values()].flatMap((file) =>
      file.statements.flatMap((s) =>
        s.fields.map((f) => `${file.id} ${s.fact} ${s.recordType} ${s.recordKey} ${f.name}`).filter((row) => !cited.has(row)),
      ),
    );
    expect(unused).toEqual([]);
  });

  it("facts a record was shaped by exist in the report", () => {
    const report = files.get("tehran-press-47801");
    const missing = citing.flatMap((r) =>
      (r.record.shapedBy ?? []).filter((f) => !report?.facts.has(f)).map((f) => `${r.key} ${f}`),
    );
    expect(missing).toEqual([]);
    for (const f of dataset.reportedFigures) expect(files.get(f.source ?? "tehran-press-47801")?.facts.has(f.fact)).toBe(true);
  });

  it("no SOURCED record has a stated field no citation backs; statuses are derived as stored", async () => {
    const unbacked = citing.filter(
      (r) => recordProvenance(r.type, r.record).status === "SOURCED" && recordProvenance(r.type, r.record).unsourced.length > 0,
    );
    expect(unbacked).toEqual([]);
    // The mayor's trips: F5 backs the country and the mayor heading them, not the rest.
    const mayor = citing.filter(
      (r) =>
        r.type === "Trip" &&
        r.record.headedByMayor === true &&
        (r.record.startDate as string) >= "2022-08-23" &&
        (r.record.startDate as string) <= "2023-03-20",
    );
    expect(mayor.map((r) => recordProvenance(r.type, r.record))).toEqual([
      expect.objectContaining({ status: "PARTLY_SOURCED", sourced: ["countries", "headedByMayor"] }),
      expect.objectContaining({ status: "PARTLY_SOURCED", sourced: ["countries", "headedByMayor"] }),
    ]);
    const stored = await all(`SELECT provenance, count(*) AS n FROM trips GROUP BY provenance ORDER BY provenance`);
    const expected = new Map<string, number>();
    for (const r of citing.filter((c) => c.type === "Trip")) {
      const status = recordProvenance("Trip", r.record).status;
      expected.set(status, (expected.get(status) ?? 0) + 1);
    }
    expect(stored.map((r) => [r.provenance, Number(r.n)])).toEqual([...expected].sort(([a], [b]) => (a < b ? -1 : 1)));
  });
});

describe("README, Where the data comes from", () => {
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");

  it("lists every source with the number of records it backs, as the dataset has them", () => {
    expect(block(readme, "sources")).toBe(sourcesTable());
  });

  it("counts SOURCED, PARTLY_SOURCED and ILLUSTRATIVE records per type as the dataset has them", async () => {
    expect(block(readme, "statuses")).toBe(statusTable());
    // And as the database has them after loading.
    const stored = await all(`SELECT provenance, count(*) AS n FROM partnerships GROUP BY provenance ORDER BY provenance`);
    const row = statusTable()
      .split("\n")
      .find((line) => line.startsWith("| Partnership "));
    const [sourced, partly, illustrative] = (row?.split("|").slice(2, 5) ?? []).map(Number);
    const expected = (
      [
        ["ILLUSTRATIVE", illustrative],
        ["PARTLY_SOURCED", partly],
        ["SOURCED", sourced],
      ] as const
    ).filter(([, n]) => n > 0);
    expect(stored.map((r) => [r.provenance, Number(r.n)])).toEqual(expected);
  });

  it("says what each status means in the schema's words", () => {
    const flat = readme.replace(/\s+/g, " ");
    const sdl = readFileSync(new URL("../schema/schema.graphql", import.meta.url), "utf8");
    const provenance = buildSchema(sdl).getType("Provenance") as GraphQLEnumType;
    const values = provenance.getValues();
    expect(values.map((v) => v.name).sort()).toEqual(Object.keys(PROVENANCE_MEANINGS).sort());
    for (const value of values) {
      expect(value.description).toBe(PROVENANCE_MEANINGS[value.name as keyof typeof PROVENANCE_MEANINGS]);
      expect(flat).toContain(`- \`${value.name}\`: ${value.description}`);
    }
  });
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
