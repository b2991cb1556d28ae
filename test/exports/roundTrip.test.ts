/**
 * The round trip: the seed exported as a data package (the zip over HTTP), imported into a new,
 * empty database, answers the example operations (the researcher's pages, the dashboard with its
 * series, a two-way series, the partner's sync) exactly as the original does; importing the
 * package again, or into the original, changes nothing; the import enters the change feed.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exampleOperation } from "../../examples/operations/index.js";
import { importPackage, type ImportSummary } from "../../src/import/importPackage.js";
import { bearer, startTestServer, type TestServer } from "../support/testServer.js";

/** The answer without its cursors: they hold each database's own row ids. */
function withoutCursors(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutCursors);
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== "cursor" && key !== "endCursor" && key !== "startCursor")
        .map(([key, v]) => [key, withoutCursors(v)]),
    );
  return value;
}

const TWO_WAY_SERIES = `{
  series(metric: TRIPS_REQUESTED, groupings: [JALALI_MONTH, PURPOSE], period: { jalaliYear: 1401 }) {
    keys value coverage
  }
  ranking: series(metric: TRIPS_COMPLETED, groupBy: COUNTRY, orderBy: VALUE_DESC, first: 5) { key value }
  footprint(period: { jalaliYear: 1401 }) {
    costTotals { total { amount currency } trips } tripsWithoutCost
    coverage { days completeDays statements { from to status source { title } } }
  }
}`;

describe("export, import into a new database, same answers", () => {
  let original: TestServer;
  let copy: TestServer;
  let folder: string;
  let zip: string;
  let imported: ImportSummary;

  beforeAll(async () => {
    original = await startTestServer();
    copy = await startTestServer({ seed: false });
    folder = await mkdtemp(join(tmpdir(), "footprint-roundtrip-"));
    const res = await fetch(`${original.url}/export/datapackage.zip`);
    expect(res.status).toBe(200);
    zip = join(folder, "package.zip");
    await writeFile(zip, Buffer.from(await res.arrayBuffer()));
    imported = await importPackage({ database: copy.app.database, schema: copy.app.server.schema, path: zip });
  }, 120_000);
  afterAll(async () => {
    await original?.close();
    await copy?.close();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  async function both(
    query: string,
    variables: Record<string, unknown> = {},
    headers: [Record<string, string>, Record<string, string>] = [{}, {}],
  ) {
    const [a, b] = await Promise.all([original.gql(query, variables, headers[0]), copy.gql(query, variables, headers[1])]);
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    return [a.data, b.data];
  }

  it("writes every record of the package, each as a change in the feed", async () => {
    expect(imported.dryRun).toBe(false);
    expect(imported.tables.trips.inserted).toBe(await original.count("SELECT count(*) AS n FROM trips"));
    expect(imported.tables.memberships.inserted).toBe(await original.count("SELECT count(*) AS n FROM memberships"));
    expect(imported.tables.sources.inserted).toBe(await original.count("SELECT count(*) AS n FROM sources"));
    const changeTypes = ["cities", "organisations", "events", "trips", "memberships", "attendances", "partnerships"];
    expect(imported.changes).toBe(changeTypes.reduce((n, table) => n + imported.tables[table].inserted, 0));
    expect(await copy.count("SELECT count(*) AS n FROM changes WHERE actor = 'import'")).toBe(imported.changes);
    expect(imported.version).toBe(imported.changes);
  });

  it("answers the researcher's pages as the original does, the next page too", async () => {
    const query = exampleOperation("researcher-trips");
    const [a, b] = await both(query);
    expect(a.trips.totalCount).toBeGreaterThan(0);
    expect(withoutCursors(b)).toEqual(withoutCursors(a));
    const [nextA, nextB] = await Promise.all([
      original.gql(query, { after: a.trips.pageInfo.endCursor }),
      copy.gql(query, { after: b.trips.pageInfo.endCursor }),
    ]);
    expect(withoutCursors(nextB.data)).toEqual(withoutCursors(nextA.data));
  });

  it("answers the dashboard, its series and a two-way series as the original does", async () => {
    const [a, b] = await both(exampleOperation("dashboard-footprint"));
    expect(a.footprint.tripsCompleted).toBe(31);
    expect(b).toEqual(a);
    const [seriesA, seriesB] = await both(TWO_WAY_SERIES);
    expect(seriesA.series.length).toBeGreaterThan(12);
    expect(seriesB).toEqual(seriesA);
  });

  it("answers the partner's sync as the original does (its external id came through)", async () => {
    const operation = exampleOperation("partner-sync");
    const sync = operation.slice(0, operation.indexOf("query PartnerChanges"));
    const keys = await Promise.all([
      original.createKey("PARTNER", { organisation: "metropolis" }),
      copy.createKey("PARTNER", { organisation: "metropolis" }),
    ]);
    const [a, b] = await both(sync, { key: "roundtrip-1" }, [bearer(keys[0]), bearer(keys[1])]);
    expect(a.syncMemberships.userErrors).toEqual([]);
    expect(a.syncMemberships.memberships[0].externalId).toBe("MET-TEH-001");
    expect(b).toEqual(a);
  });

  it("changes nothing when the package is imported again, or into the database it came from", async () => {
    const fresh = await startTestServer();
    try {
      const res = await fetch(`${fresh.url}/export/datapackage.zip`);
      const again = join(folder, "fresh.zip");
      await writeFile(again, Buffer.from(await res.arrayBuffer()));
      const before = await fresh.count("SELECT count(*) AS n FROM changes");
      const into = await importPackage({ database: fresh.app.database, schema: fresh.app.server.schema, path: again });
      expect(into.changes).toBe(0);
      for (const counts of Object.values(into.tables)) expect(counts.inserted + counts.updated).toBe(0);
      expect(await fresh.count("SELECT count(*) AS n FROM changes")).toBe(before);
    } finally {
      await fresh.close();
    }
  }, 60_000);
});
