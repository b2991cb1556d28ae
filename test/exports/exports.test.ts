/**
 * `GET /export/<table>.csv|.jsonl`: the rows are the GraphQL connection's, in its order, with the
 * filter it takes (a bad one refused with the message GraphQL gives); CSV opens in a spreadsheet
 * (byte-order mark) and validates against the package's table schema; an export reads as of one
 * data version, named in the file; it is charged to the rate limit per 1,000 rows, and the
 * statements it runs do not grow with its rows.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tableSchema } from "../../src/export/dataPackage.js";
import { exportTable } from "../../src/export/exportTables.js";
import { footprintSchema } from "../../src/schema.js";
import { castErrors } from "../support/frictionless.js";
import { bearer, startTestServer, type TestServer } from "../support/testServer.js";

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

describe("exports over HTTP", () => {
  let server: TestServer;
  let folder: string;

  beforeAll(async () => {
    server = await startTestServer();
    folder = await mkdtemp(join(tmpdir(), "footprint-exports-"));
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  async function download(path: string, headers: Record<string, string> = {}) {
    const res = await fetch(`${server.url}${path}`, { headers });
    return { res, bytes: Buffer.from(await res.arrayBuffer()) };
  }

  const withFilter = (file: string, filter: unknown) => `/export/${file}?filter=${encodeURIComponent(JSON.stringify(filter))}`;

  function csvRows(bytes: Buffer): Record<string, string>[] {
    const rows: Record<string, string>[] = parse(bytes, { bom: true, columns: true });
    return rows;
  }

  /** Every node of a root connection, paged as a client would. */
  async function allNodes(field: string, filterType: string, selection: string, filter: unknown = null) {
    const nodes: any[] = [];
    let after: string | null = null;
    for (;;) {
      const res: any = await server.gql(
        `query($filter: ${filterType}, $after: String) { list: ${field}(first: 100, after: $after, filter: $filter) { pageInfo { hasNextPage endCursor } nodes { ${selection} } } }`,
        { filter, after },
      );
      expect(res.errors).toBeUndefined();
      nodes.push(...res.data.list.nodes);
      if (!res.data.list.pageInfo.hasNextPage) return nodes;
      after = res.data.list.pageInfo.endCursor;
    }
  }

  it("trips.csv: a byte-order mark, the dictionary's header, one row per trip in the connection's order, the data version in the file name", async () => {
    const { res, bytes } = await download("/export/trips.csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(bytes.subarray(0, 3)).toEqual(BOM);
    const version = (await server.gql(`{ __typename }`)).extensions.dataVersion;
    expect(res.headers.get("x-data-version")).toBe(String(version));
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="footprint-trips-v${version}.csv"`);
    const header = bytes.subarray(3).toString("utf8").split("\n")[0].split(",");
    expect(header).toEqual(exportTable("trips")!.columns.map((c) => c.name));
    const rows = csvRows(bytes);
    const trips = await allNodes(
      "trips",
      "TripFilter",
      "id code title { fa en } startJalali { iso } countries { code } provenance headedByMayor",
    );
    expect(rows.map((r) => r.id)).toEqual(trips.map((t) => t.id));
    const first = trips[0];
    expect(rows[0]).toMatchObject({
      code: first.code,
      title_fa: first.title.fa,
      title_en: first.title.en,
      start_jalali: first.startJalali.iso,
      countries: first.countries.map((c: any) => c.code).join("; "),
      provenance: first.provenance,
      headed_by_mayor: String(first.headedByMayor),
    });
  });

  it("every exported CSV validates against its table schema with the Frictionless library, mark and all", async () => {
    const schema = await footprintSchema();
    for (const name of ["trips", "delegates", "memberships", "cities", "partnerships"]) {
      const { bytes } = await download(`/export/${name}.csv`);
      const path = join(folder, `${name}.csv`);
      await writeFile(path, bytes);
      const cast = await castErrors(path, tableSchema(schema, exportTable(name)!), { bom: true });
      expect(cast.errors).toEqual([]);
      expect(cast.rows).toBeGreaterThan(0);
    }
  });

  it("a filter narrows the rows exactly as the connection's filter does", async () => {
    for (const [file, field, filterType, filter] of [
      ["trips.csv", "trips", "TripFilter", { countries: ["CN"] }],
      ["memberships.csv", "memberships", "MembershipFilter", { organisation: ["metropolis"] }],
      ["cities.csv", "cities", "CityFilter", { countries: ["TR"] }],
    ] as const) {
      const { res, bytes } = await download(withFilter(file, filter));
      expect(res.status).toBe(200);
      const expected = await allNodes(field, filterType, "id", filter);
      expect(expected.length).toBeGreaterThan(0);
      expect(csvRows(bytes).map((r) => r.id)).toEqual(expected.map((n) => n.id));
    }
  });

  it("a bad filter answers 400 with the message and code GraphQL gives, and no file", async () => {
    for (const filter of [
      { countries: ["XX"] },
      { city: ["teheran"] },
      { nope: 1 },
      { status: ["LOST"] },
      { headedByMayor: "yes" },
    ]) {
      const graphql = await server.gql(`query($filter: TripFilter) { trips(first: 1, filter: $filter) { totalCount } }`, {
        filter,
      });
      expect(graphql.errors?.length, JSON.stringify(filter)).toBeGreaterThan(0);
      const { res, bytes } = await download(withFilter("trips.csv", filter));
      expect(res.status).toBe(400);
      expect(res.headers.get("content-disposition")).toBeNull();
      const body = JSON.parse(bytes.toString("utf8"));
      expect(body.errors[0].message).toBe(graphql.errors![0].message);
      expect(body.errors[0].extensions.code).toBe("BAD_USER_INPUT");
      expect(graphql.errors![0].extensions?.code).toBe("BAD_USER_INPUT");
    }
    const notJson = await download(`/export/trips.csv?filter=${encodeURIComponent("{countries:")}`);
    expect(notJson.res.status).toBe(400);
    expect(JSON.parse(notJson.bytes.toString()).errors[0].message).toMatch(/^`filter` is not valid JSON/);
  });

  it("jsonl: one JSON object per line, lists as arrays and missing values as null", async () => {
    const { res, bytes } = await download("/export/memberships.jsonl");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="footprint-memberships-v\d+\.jsonl"$/);
    const lines = bytes.toString("utf8").trimEnd().split("\n");
    const rows = lines.map((line) => JSON.parse(line));
    const memberships = await allNodes(
      "memberships",
      "MembershipFilter",
      "id organisation { slug } endDate citations { source { id } fact }",
    );
    expect(rows.map((r) => r.id)).toEqual(memberships.map((m) => m.id));
    for (const [i, m] of memberships.entries()) {
      expect(rows[i].organisation_slug).toBe(m.organisation.slug);
      expect(rows[i].end_date).toBe(m.endDate);
      expect(rows[i].citations).toEqual(m.citations.map((c: any) => (c.fact ? `${c.source.id}#${c.fact}` : c.source.id)));
      expect(Object.keys(rows[i])).toEqual(exportTable("memberships")!.columns.map((c) => c.name));
    }
  });

  it("child tables have a row per destination, per delegate and per attendance, filtered by their parent's filter", async () => {
    const trips = await allNodes("trips", "TripFilter", "id destinations { id } delegates { role }");
    const destinations = csvRows((await download("/export/trip_destinations.csv")).bytes);
    expect(destinations.length).toBe(trips.reduce((n, t) => n + t.destinations.length, 0));
    expect(destinations.filter((d) => d.trip_id === trips[0].id).map((d) => d.city_id)).toEqual(
      trips[0].destinations.map((c: any) => c.id),
    );
    const delegates = csvRows((await download("/export/delegates.csv")).bytes);
    expect(delegates.length).toBe(trips.reduce((n, t) => n + t.delegates.length, 0));
    const events = await allNodes("events", "EventFilter", "id attendances { id }", { organisation: ["metropolis"] });
    const attendances = csvRows((await download(withFilter("attendances.csv", { organisation: ["metropolis"] }))).bytes);
    expect(attendances.map((a) => a.id)).toEqual(events.flatMap((e) => e.attendances.map((a: any) => a.id)));
  });

  it("reads as of one data version: a later write leaves the file as it was, and asOfVersion gives it again", async () => {
    const editor = await server.createKey("EDITOR");
    const before = await download(withFilter("organisations.csv", { kind: ["CITY_NETWORK"] }));
    const version = Number(before.res.headers.get("x-data-version"));
    const organisation = csvRows(before.bytes).find((o) => o.slug === "metropolis")!;
    const renamed = await server.gql(
      `mutation($input: UpsertOrganisationInput!) { upsertOrganisation(input: $input) { userErrors { code } } }`,
      {
        input: {
          id: organisation.id,
          slug: "metropolis",
          nameFa: organisation.name_fa,
          nameEn: "Metropolis (renamed for the test)",
          kind: "CITY_NETWORK",
        },
      },
      bearer(editor),
    );
    expect(renamed.data.upsertOrganisation.userErrors).toEqual([]);
    const after = await download(withFilter("organisations.csv", { kind: ["CITY_NETWORK"] }));
    expect(Number(after.res.headers.get("x-data-version"))).toBeGreaterThan(version);
    expect(csvRows(after.bytes).find((o) => o.slug === "metropolis")!.name_en).toBe("Metropolis (renamed for the test)");
    const again = await download(`${withFilter("organisations.csv", { kind: ["CITY_NETWORK"] })}&asOfVersion=${version}`);
    expect(again.res.headers.get("content-disposition")).toBe(`attachment; filename="footprint-organisations-v${version}.csv"`);
    expect(again.bytes.toString("utf8")).toBe(before.bytes.toString("utf8"));
    for (const bad of ["0", "abc", String(Number(after.res.headers.get("x-data-version")) + 10)]) {
      const refused = await download(`/export/trips.csv?asOfVersion=${bad}`);
      expect(refused.res.status).toBe(400);
      expect(JSON.parse(refused.bytes.toString()).errors[0].extensions.code).toBe("BAD_USER_INPUT");
    }
  });

  it("the sources, figures and coverage are exported whole, an unknown table is 404", async () => {
    const sources = csvRows((await download("/export/sources.csv")).bytes);
    expect(sources.length).toBeGreaterThan(8);
    const { data } = await server.gql(`query($id: ID!) { node(id: $id) { ... on Source { title url } } }`, {
      id: sources[0].id,
    });
    expect(data.node).toEqual({ title: sources[0].title, url: sources[0].url || null });
    const filtered = await download(withFilter("sources.csv", { kind: ["NEWS"] }));
    expect(filtered.res.status).toBe(400);
    expect(JSON.parse(filtered.bytes.toString()).errors[0].message).toBe(
      "The sources table takes no filter: it is exported whole.",
    );
    const figures = csvRows((await download("/export/reported_figures.csv")).bytes);
    expect(figures.length).toBeGreaterThan(0);
    expect(sources.map((s) => s.id)).toEqual(expect.arrayContaining([...new Set(figures.map((f) => f.source_id))]));
    const coverage = csvRows((await download("/export/coverage.csv")).bytes);
    expect(coverage).toEqual([
      expect.objectContaining({
        city_slug: "tehran",
        from_date: "2022-08-23",
        from_jalali: "1401-06-01",
        to_date: "2023-03-20",
        status: "COMPLETE",
        locator: "F1",
      }),
    ]);
    const missing = await download("/export/travels.csv");
    expect(missing.res.status).toBe(404);
    expect(JSON.parse(missing.bytes.toString()).errors[0].extensions.code).toBe("NOT_FOUND");
  });

  it("citations.csv: a row per citation of every record, with the fields each backs and what a source states otherwise", async () => {
    const rows = csvRows((await download("/export/citations.csv")).bytes);
    const partnerships = await allNodes(
      "partnerships",
      "PartnershipFilter",
      "id citations { source { id } fact fields statedOtherwise { field value } }",
    );
    const expected = partnerships.flatMap((p) =>
      p.citations.map((c: any, i: number) => ({
        record_type: "Partnership",
        record_id: p.id,
        position: String(i + 1),
        source_id: c.source.id,
        fact: c.fact ?? "",
        fields: c.fields.join("; "),
        stated_otherwise: c.statedOtherwise.map((v: any) => `${v.field}=${v.value}`).join("; "),
      })),
    );
    expect(expected.some((c) => c.stated_otherwise !== "")).toBe(true);
    expect(rows.filter((r) => r.record_type === "Partnership")).toEqual(expected);
    const types = new Set(rows.map((r) => r.record_type));
    for (const type of ["Trip", "Membership", "Event", "Attendance", "Organisation", "City", "Partnership"])
      expect(types).toContain(type);
    const refused = await download(withFilter("citations.csv", { countries: ["IR"] }));
    expect(refused.res.status).toBe(400);
  });

  it("runs the same statements for 1 trip as for all of them (no N+1 over the rows)", async () => {
    const all = await server.countStatements(() => download("/export/trips.csv"));
    const one = await server.countStatements(() => download(withFilter("trips.csv", { headedByMayor: true, countries: ["TJ"] })));
    const trips = await allNodes("trips", "TripFilter", "id", { headedByMayor: true, countries: ["TJ"] });
    expect(trips.length).toBeGreaterThan(0);
    expect(all).toBeLessThanOrEqual(one + 2);
  });
});

describe("exports and the rate limit", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ config: { RATE_LIMIT_ANONYMOUS: 25 } });
  }, 60_000);
  afterAll(() => server?.close());

  it("each started block of 1,000 rows costs 10 points from the same budget as GraphQL; a spent budget is 429 before any byte", async () => {
    const first = await fetch(`${server.url}/export/cities.csv`);
    expect(first.status).toBe(200);
    await first.arrayBuffer();
    const second = await fetch(`${server.url}/export/trips.jsonl`);
    expect(second.status).toBe(200);
    await second.arrayBuffer();
    const third = await fetch(`${server.url}/export/events.csv`);
    expect(third.status).toBe(429);
    expect(Number(third.headers.get("retry-after"))).toBeGreaterThan(0);
    const body = await third.json();
    expect(body.errors[0].extensions.code).toBe("RATE_LIMITED");
    // GraphQL draws on the same budget: 5 points remain.
    const query = await server.gql(`{ rateLimit { remaining } }`);
    expect(query.data?.rateLimit?.remaining ?? 0).toBeLessThanOrEqual(5);
  });
});
