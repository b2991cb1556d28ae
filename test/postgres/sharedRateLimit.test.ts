/**
 * On PostgreSQL, rate-limit budgets live in the database, so instances share them: what one
 * instance charges, another sees, and a budget spent through one is refused through the other.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RateLimiter, RateLimitExceeded } from "../../src/http/rateLimit.js";
import { testBackend } from "../support/testDatabase.js";
import { startTestServer, type TestServer } from "../support/testServer.js";

describe.skipIf(testBackend() !== "postgres")("rate limits shared through PostgreSQL", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  it("two limiters on one database draw on one budget per client", async () => {
    const settings = { anonymousPoints: 100, keyPoints: 1000, windowSeconds: 60 };
    const one = new RateLimiter(settings, server.app.database.pool);
    const two = new RateLimiter(settings, server.app.database.pool);
    const client = { kind: "ADDRESS", id: "198.51.100.7" } as const;

    expect((await one.charge(client, 60)).remaining).toBe(40);
    expect((await two.charge(client, 30)).remaining).toBe(10);
    await expect(two.charge(client, 20)).rejects.toBeInstanceOf(RateLimitExceeded);
    await expect(one.charge(client, 20)).rejects.toBeInstanceOf(RateLimitExceeded);
    await one.refund(client, 50);
    expect((await two.charge(client, 20)).remaining).toBe(40);
    // Another client, and the keyed budget, are untouched.
    expect((await two.charge({ kind: "ADDRESS", id: "198.51.100.8" }, 1)).remaining).toBe(99);
    expect((await one.charge({ kind: "KEY", id: "198.51.100.7" }, 1)).remaining).toBe(999);
    expect(await server.count("select count(*) as n from rate_limits")).toBe(3);
  });
});
