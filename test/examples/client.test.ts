/**
 * The typed client (examples/client) against a real server on the seed: its generated types and its
 * plain-fetch executor give the answers the README and the dashboard tests describe.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execute, runClient, type ClientRun } from "../../examples/client/src/main.js";
import { SearchHitsDocument } from "../../examples/client/src/generated/graphql.js";
import { startTestServer, type TestServer } from "../support/testServer.js";

let server: TestServer;
let run: ClientRun;
beforeAll(async () => {
  server = await startTestServer();
  run = await runClient(`${server.url}/graphql`);
});
afterAll(() => server.close());

describe("examples/client", () => {
  it("pages the researcher's trips: completed trips to Iraq in 1401, newest first", () => {
    const { researcher } = run;
    expect(researcher.totalCount).toBeGreaterThan(0);
    expect(researcher.edges.length).toBe(Math.min(20, researcher.totalCount));
    for (const { node } of researcher.edges) {
      expect(node.code).toMatch(/^CFT-1401-\d{4}$/);
      expect(node.startJalali.iso).toMatch(/^1401-/);
      expect(node.destinations.map((d) => d.country.code)).toContain("IQ");
    }
    const starts = researcher.edges.map(({ node }) => node.startDate);
    expect(starts).toEqual([...starts].sort().reverse());
  });

  it("reads the dashboard's headline figures for Shahrivar..Esfand 1401", () => {
    const { dashboard, series } = run;
    expect(dashboard.tripsCompleted).toBe(31);
    expect(dashboard.participants).toBe(127);
    expect(dashboard.countriesVisited).toHaveLength(14);
    expect(dashboard.rejectionRate).toBeCloseTo(0.28, 2);
    expect(series).toHaveLength(12);
  });

  it("searches the union and selects `code` on Country and Trip alike", () => {
    expect(run.coded).toContainEqual(expect.objectContaining({ __typename: "Country", code: "RU" }));
    const trips = run.coded.filter((hit) => hit.__typename === "Trip");
    expect(trips.length).toBeGreaterThan(0);
    for (const trip of trips) expect(trip.code).toMatch(/^CFT-\d{4}-\d{4}$/);
  });

  it("prints a few lines about each answer", () => {
    expect(run.lines[0]).toMatch(/^Researcher: \d+ completed trips to Iraq in 1401/);
    expect(run.lines).toContainEqual(
      expect.stringMatching(/^Dashboard 1401-06-01\.\.1401-12-(29|30): 31 trips completed, 127 participants/),
    );
    expect(run.lines.at(-1)).toMatch(/^Search "russia": \d+ hits; with a code: .*Country RU/);
  });

  it("finds a trip by its code through the same typed search", async () => {
    const { search } = await execute(`${server.url}/graphql`, SearchHitsDocument, { text: "CFT-1401-0113" });
    expect(search).toEqual([expect.objectContaining({ __typename: "Trip", code: "CFT-1401-0113" })]);
  });

  it("turns GraphQL errors into a thrown error naming their code", async () => {
    await expect(execute(`${server.url}/graphql`, SearchHitsDocument, { text: "x", first: 0 })).rejects.toThrow(/BAD_USER_INPUT/);
  });
});
