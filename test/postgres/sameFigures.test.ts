/**
 * The seed's dashboard figures are identical on SQLite and PostgreSQL: the dashboard query runs
 * against a server on each backend and the answers are compared whole. Runs in the PostgreSQL
 * test run; the SQLite server is a child process (one process serves one dialect).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServerProcess, type ServerProcess } from "../support/serverProcess.js";
import { testBackend } from "../support/testDatabase.js";
import { startTestServer, type TestServer } from "../support/testServer.js";
import { exampleOperation } from "../../examples/operations/index.js";

const onPostgres = testBackend() === "postgres";

describe.skipIf(!onPostgres)("the seed's figures on both backends", () => {
  let postgres: TestServer;
  let sqlite: ServerProcess;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "footprint-figures-"));
    [postgres, sqlite] = await Promise.all([
      startTestServer(),
      startServerProcess({
        env: { ...process.env, DATABASE_URL: `file:${join(dir, "figures.sqlite")}`, NODE_ENV: "test", LOG_LEVEL: "info" },
      }),
    ]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([postgres?.close(), sqlite?.stop("SIGTERM")]);
    rmSync(dir, { recursive: true, force: true });
  });

  const answerFrom = async (url: string, text: string, variables?: Record<string, unknown>) => {
    const res = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: text, variables }),
    });
    const body = (await res.json()) as { data?: unknown; errors?: unknown };
    expect(body.errors).toBeUndefined();
    return body.data;
  };

  it("dashboard-footprint.graphql and researcher-trips.graphql answer the same, figure for figure", async () => {
    const text = exampleOperation("dashboard-footprint");
    const [fromPostgres, fromSqlite] = await Promise.all([answerFrom(postgres.url, text), answerFrom(sqlite.url, text)]);
    expect(fromPostgres).toEqual(fromSqlite);
    expect((fromPostgres as any).footprint.tripsCompleted).toBe(31);
    const researcher = exampleOperation("researcher-trips");
    const [pagePostgres, pageSqlite] = await Promise.all([
      answerFrom(postgres.url, researcher),
      answerFrom(sqlite.url, researcher),
    ]);
    expect(pagePostgres).toEqual(pageSqlite);
  });

  it("series of four metrics by every grouping answer the same", async () => {
    const groupings = ["JALALI_MONTH", "JALALI_YEAR", "MONTH", "YEAR", "COUNTRY", "PURPOSE", "ORGANISATION", "REQUESTING_UNIT"];
    for (const metric of ["TRIPS_COMPLETED", "PARTICIPANTS", "REJECTION_RATE", "EVENTS_ATTENDED"]) {
      for (const groupBy of metric === "EVENTS_ATTENDED"
        ? ["JALALI_MONTH", "COUNTRY", "ORGANISATION", "ATTENDANCE_MODE"]
        : groupings) {
        const text = `query($m: Metric!, $g: Grouping!) { series(metric: $m, groupBy: $g) { key label { fa en } value } }`;
        const variables = { m: metric, g: groupBy };
        const [p, s] = await Promise.all([answerFrom(postgres.url, text, variables), answerFrom(sqlite.url, text, variables)]);
        expect(p, `${metric} by ${groupBy}`).toEqual(s);
        expect((p as any).series.length, `${metric} by ${groupBy}`).toBeGreaterThan(0);
      }
    }
  });

  it("two-way series, rankings, event filters and cost totals answer the same", async () => {
    const text = `{
      byYearAndPurpose: series(metric: TRIPS_REQUESTED, groupings: [JALALI_YEAR, PURPOSE]) { key keys labels { fa en } value }
      byUnitAndCountry: series(metric: PARTICIPANTS, groupings: [REQUESTING_UNIT, COUNTRY]) { key keys labels { fa en } value }
      topUnits: series(metric: TRIPS_COMPLETED, groupBy: REQUESTING_UNIT, orderBy: VALUE_DESC, first: 5) { key value }
      topCountries: series(metric: TRIPS_COMPLETED, groupBy: COUNTRY, orderBy: VALUE_DESC, first: 5) { key value }
      onlineSummits: series(metric: EVENTS_ATTENDED, groupBy: ORGANISATION, eventFilter: { kind: [SUMMIT], mode: ONLINE }) { key value }
      footprint(period: { jalaliYear: 1401 }) {
        costTotals { total { currency minorUnits amount } trips } tripsWithoutCost
        onlineSummits: eventsAttended(filter: { kind: [SUMMIT], mode: ONLINE })
      }
    }`;
    const [p, s] = await Promise.all([answerFrom(postgres.url, text), answerFrom(sqlite.url, text)]);
    expect(p).toEqual(s);
    const answer = p as any;
    expect(answer.byYearAndPurpose.length).toBeGreaterThan(8);
    expect(answer.topUnits).toHaveLength(5);
    expect(answer.footprint.costTotals.length).toBeGreaterThan(0);
    expect(answer.onlineSummits.length).toBeGreaterThan(0);
  });
});
