/**
 * The data package (`GET /export/datapackage.zip`) checked with the Frictionless libraries
 * themselves: the descriptor is a valid tabular data package, every table's schema is valid, and
 * every row of every CSV casts to its schema, keys and foreign keys included, with 0 errors.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { Package } from "datapackage";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/testServer.js";
import { castErrors } from "../support/frictionless.js";
import { unzipTo } from "../support/unzip.js";

describe("the data package", () => {
  let server: TestServer;
  let folder: string;
  let files: string[];
  let version: string;

  beforeAll(async () => {
    server = await startTestServer();
    folder = await mkdtemp(join(tmpdir(), "footprint-package-"));
    const res = await fetch(`${server.url}/export/datapackage.zip`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/zip");
    version = res.headers.get("x-data-version")!;
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="footprint-datapackage-v${version}.zip"`);
    files = await unzipTo(Buffer.from(await res.arrayBuffer()), folder);
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it("holds datapackage.json, a README and one CSV per table", async () => {
    expect(files).toContain("datapackage.json");
    expect(files).toContain("README.md");
    const descriptor = JSON.parse(await readFile(join(folder, "datapackage.json"), "utf8"));
    expect(files.filter((f) => f.endsWith(".csv")).sort()).toEqual(descriptor.resources.map((r: any) => r.path).sort());
    expect(descriptor.resources.map((r: any) => r.name)).toEqual(
      expect.arrayContaining([
        "trips",
        "trip_destinations",
        "delegates",
        "memberships",
        "events",
        "attendances",
        "organisations",
        "cities",
        "partnerships",
        "sources",
        "reported_figures",
      ]),
    );
    expect(descriptor["footprint:dataVersion"]).toBe(Number(version));
    expect(descriptor.licenses[0].name).toBe("CC-BY-4.0");
    expect(Date.parse(descriptor.created)).not.toBeNaN();
    const { data } = await server.gql(`{ trips(first: 1) { totalCount } }`);
    const readme = await readFile(join(folder, "README.md"), "utf8");
    expect(readme).toContain(`Data version: **${version}**`);
    expect(readme).toContain(`| \`data/trips.csv\` | ${data.trips.totalCount} |`);
  });

  it("is a valid tabular data package whose every table schema is valid", async () => {
    const dataPackage = await Package.load(join(folder, "datapackage.json"), folder, { strict: false });
    expect(dataPackage.errors.map((e) => e.message)).toEqual([]);
    expect(dataPackage.valid).toBe(true);
    const sources = dataPackage.descriptor.sources as { title: string; path?: string }[];
    const { data } = await server.gql(`{ trips(first: 100) { nodes { citations { source { title url } } } } }`);
    const cited = new Set<string>(data.trips.nodes.flatMap((t: any) => t.citations.map((c: any) => c.source.title)));
    for (const title of cited) expect(sources.map((s) => s.title)).toContain(title);
  });

  it("every row of every table casts to its schema, with keys and foreign keys, 0 errors", async () => {
    const dataPackage = await Package.load(join(folder, "datapackage.json"), folder);
    const errors: string[] = [];
    let rows = 0;
    for (const resource of dataPackage.resources) {
      const cast = await castErrors(join(folder, resource.descriptor.path), resource.descriptor.schema);
      rows += cast.rows;
      errors.push(...cast.errors.map((e) => `${resource.name}: ${e}`));
      // Foreign keys resolve against the referenced tables (a dangling reference throws).
      await resource.read({ relations: true }).catch((error: Error) => errors.push(`${resource.name}: ${error.message}`));
    }
    expect(errors).toEqual([]);
    expect(rows).toBeGreaterThan(300);
  });

  it("`npm run export` writes the same package into a folder, and refuses a filter naming no table, writing nothing", async () => {
    const out = join(folder, "cli");
    const env = { ...process.env, ...server.databaseConfig, LOG_LEVEL: "silent" };
    const run = promisify(execFile);
    const filter = JSON.stringify({ trips: { countries: ["CN"] } });
    const { stderr } = await run("npx", ["tsx", "src/cli/export.ts", "--out", out, "--filter", filter], { env });
    expect(stderr).toContain(`data version ${version}`);
    const written = JSON.parse(await readFile(join(out, "datapackage.json"), "utf8"));
    expect(written.resources.map((r: any) => r.name)).toEqual(
      JSON.parse(await readFile(join(folder, "datapackage.json"), "utf8")).resources.map((r: any) => r.name),
    );
    expect(written["footprint:filters"]).toEqual({ trips: { countries: ["CN"] } });
    const chinese = await server.gql(`{ trips(first: 100, filter: { countries: ["CN"] }) { totalCount } }`);
    const tripsCsv = (await readFile(join(out, "data/trips.csv"), "utf8")).trimEnd().split("\n");
    expect(tripsCsv.length - 1).toBe(chinese.data.trips.totalCount);
    const refusedOut = join(folder, "cli-refused");
    const refused = await run("npx", ["tsx", "src/cli/export.ts", "--out", refusedOut, "--filter", '{"travels":{}}'], {
      env,
    }).catch((error: { code: number; stderr: string }) => error);
    expect((refused as { code: number }).code).toBe(1);
    expect((refused as { stderr: string }).stderr).toContain('No exported table is called "travels"');
    await expect(readdir(refusedOut)).rejects.toThrow();
  }, 60_000);
});
