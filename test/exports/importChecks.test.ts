/**
 * `npm run import` on packages that are not as exported: every problem is reported with its file,
 * line and column and what was expected, up to the limit, and nothing is written; a dry run reports
 * what would change and writes nothing; a package edited by hand merges into the database it came
 * from as new versions of just the records that changed, in the change feed.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importPackage, ImportFailed } from "../../src/import/importPackage.js";
import { startTestServer, type TestServer } from "../support/testServer.js";
import { unzipTo } from "../support/unzip.js";

const run = promisify(execFile);

describe("importing a package that is not as exported", () => {
  let original: TestServer;
  let empty: TestServer;
  let folder: string;

  beforeAll(async () => {
    [original, empty] = await Promise.all([startTestServer(), startTestServer({ seed: false })]);
    folder = await mkdtemp(join(tmpdir(), "footprint-import-checks-"));
    const res = await fetch(`${original.url}/export/datapackage.zip`);
    await unzipTo(Buffer.from(await res.arrayBuffer()), join(folder, "clean"));
  }, 60_000);
  afterAll(async () => {
    await original?.close();
    await empty?.close();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  /** A copy of the clean package with `edit` applied to the rows of one table's CSV. */
  async function edited(name: string, table: string, edit: (rows: Record<string, string>[]) => void): Promise<string> {
    const target = join(folder, name);
    await run("cp", ["-r", join(folder, "clean"), target]);
    const file = join(target, "data", `${table}.csv`);
    const rows: Record<string, string>[] = parse(await readFile(file), { columns: true });
    const header = Object.keys(rows[0]);
    edit(rows);
    await writeFile(file, stringify(rows, { header: true, columns: header }));
    return target;
  }

  const importInto = (server: TestServer, path: string, options: { dryRun?: boolean; problemLimit?: number } = {}) =>
    importPackage({ database: server.app.database, schema: server.app.server.schema, path, ...options });

  async function problemsOf(server: TestServer, path: string, problemLimit?: number) {
    const error = await importInto(server, path, { problemLimit }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ImportFailed);
    return error as ImportFailed;
  }

  it("reports each bad cell with its file, line and column, and writes nothing", async () => {
    const path = await edited("bad-cells", "trips", (rows) => {
      rows[0].purpose = "HOLIDAY";
      rows[1].start_date = "1401-13-40";
      rows[2].delegation_size = "many";
    });
    const failed = await problemsOf(empty, path);
    expect(failed.problems).toEqual([
      expect.objectContaining({
        file: "data/trips.csv",
        line: 2,
        field: "purpose",
        message: expect.stringMatching(/^expected one of SUMMIT, .*found "HOLIDAY"$/),
      }),
      expect.objectContaining({
        file: "data/trips.csv",
        line: 3,
        field: "start_date",
        message: expect.stringContaining("YYYY-MM-DD"),
      }),
      expect.objectContaining({
        file: "data/trips.csv",
        line: 4,
        field: "delegation_size",
        message: expect.stringContaining("whole number"),
      }),
    ]);
    expect(await empty.count("SELECT count(*) AS n FROM trips")).toBe(0);
    expect(await empty.count("SELECT count(*) AS n FROM changes")).toBe(0);
  });

  it("reports a reference to a record neither the package nor the database has, and writes nothing", async () => {
    const path = await edited("bad-reference", "trip_destinations", (rows) => {
      rows[4].city_id = "Q2l0eTpuby1zdWNoLWNpdHk"; // City:no-such-city
    });
    const failed = await problemsOf(empty, path);
    expect(failed.problems).toEqual([
      expect.objectContaining({
        file: "data/trip_destinations.csv",
        line: 6,
        field: "city_id",
        message: expect.stringContaining("no City"),
      }),
    ]);
    expect(await empty.count("SELECT count(*) AS n FROM cities")).toBe(0);
    expect(await empty.count("SELECT count(*) AS n FROM sources")).toBe(0);
  });

  it("stops listing at the limit and says how many more there were", async () => {
    const path = await edited("many-bad", "delegates", (rows) => {
      for (const row of rows) row.role = "TOURIST";
    });
    const failed = await problemsOf(empty, path, 5);
    expect(failed.problems).toHaveLength(5);
    expect(failed.more).toBeGreaterThan(0);
    expect(failed.message).toContain(`${5 + failed.more} problem`);
  });

  it("on a dry run says what would change and writes nothing", async () => {
    const summary = await importInto(empty, join(folder, "clean"), { dryRun: true });
    expect(summary.dryRun).toBe(true);
    expect(summary.tables.trips.inserted).toBe(await original.count("SELECT count(*) AS n FROM trips"));
    expect(await empty.count("SELECT count(*) AS n FROM trips")).toBe(0);
    expect(await empty.count("SELECT count(*) AS n FROM changes")).toBe(0);
  });

  it("merges a hand-edited package as new versions of just the records that changed", async () => {
    let tripId = "";
    const path = await edited("one-change", "trips", (rows) => {
      tripId = rows[0].id;
      rows[0].title_en = "A corrected title";
    });
    const before = await original.count("SELECT count(*) AS n FROM changes");
    const summary = await importInto(original, path);
    expect(summary.tables.trips).toMatchObject({ inserted: 0, updated: 1 });
    expect(summary.changes).toBe(1);
    expect(await original.count("SELECT count(*) AS n FROM changes")).toBe(before + 1);
    const res = await original.gql(`query($id: ID!) { node(id: $id) { ... on Trip { title { en } version } } }`, { id: tripId });
    expect(res.data.node).toEqual({ title: { en: "A corrected title" }, version: 2 });
    const [change] = await original.rows("SELECT record_type, op, version, actor FROM changes ORDER BY seq DESC LIMIT 1");
    expect(change).toEqual({ record_type: "TRIP", op: "UPSERT", version: 2, actor: "import" });
  });

  it("on the command line lists the problems on stderr and exits 1", async () => {
    const path = await edited("cli-bad", "cities", (rows) => {
      rows[0].latitude = "north";
    });
    const result = await run("npx", ["tsx", "src/cli/import.ts", path], {
      env: { ...process.env, ...empty.databaseConfig, LOG_LEVEL: "warn" },
    }).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(result?.code).toBe(1);
    expect(result?.stderr).toContain("error: data/cities.csv line 2, latitude: expected a number");
    expect(result?.stderr).toContain("Nothing was imported");
    expect(await empty.count("SELECT count(*) AS n FROM cities")).toBe(0);
  }, 60_000);
});
