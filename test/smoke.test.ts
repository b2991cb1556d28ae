import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./support/testServer.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe("smoke", () => {
  it("serves the seeded API", async () => {
    const res = await server.gql(`{ trips(first: 1) { totalCount } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.trips.totalCount).toBeGreaterThan(50);
  });
});
