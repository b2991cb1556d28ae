/**
 * On PostgreSQL, rate-limit budgets live in the database, so instances share them: what one
 * instance charges, another sees, and a budget spent through one is refused through the other.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BATCH_SHARE, FLUSH_MS, RateLimiter, RateLimitExceeded } from "../../src/http/rateLimit.js";
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

  it("batches small charges: written to the row after a share of the limit or a second, within the stated bound", async () => {
    const settings = { anonymousPoints: 10_000, keyPoints: 10_000, windowSeconds: 60 };
    const batch = settings.anonymousPoints * BATCH_SHARE; // 100 points
    const one = new RateLimiter(settings, server.app.database.pool);
    const two = new RateLimiter(settings, server.app.database.pool);
    const client = { kind: "ADDRESS", id: "198.51.100.20" } as const;
    const row = () => server.count(`select points as n from rate_limits where key = 'address:${client.id}'`);

    // A client's first charge reads and writes the row; small ones after it stay in the instance.
    expect((await one.charge(client, 1)).remaining).toBe(9_999);
    for (let i = 0; i < 5; i++) await one.charge(client, 10);
    expect((await one.charge(client, 1)).remaining).toBe(9_948);
    expect(await row()).toBe(1);
    await one.flush();
    expect(await row()).toBe(52);

    // A charge of a batch or more goes to the row, and sees what the other instance wrote.
    expect((await two.charge(client, batch)).remaining).toBe(10_000 - 52 - batch);
    // The other instance's copy lags (it reports a budget without those 100 points) until it
    // writes, which it does as soon as its own unwritten points reach a batch.
    expect((await one.charge(client, 50)).remaining).toBe(10_000 - 52 - 50);
    expect((await one.charge(client, 60)).remaining).toBe(10_000 - 52 - 110);
    expect(await row()).toBe(52 + batch + 110);
    expect((await one.charge(client, 1)).remaining).toBe(10_000 - 52 - batch - 110 - 1);

    // A refund of unwritten points stays in the instance; the timer writes the rest.
    await one.refund(client, 1);
    await one.charge(client, 2);
    await new Promise((resolve) => setTimeout(resolve, FLUSH_MS + 500));
    expect(await row()).toBe(52 + batch + 110 + 2);
  });

  it("a batched budget is still refused at its limit", async () => {
    const settings = { anonymousPoints: 1_000, keyPoints: 1_000, windowSeconds: 60 };
    const one = new RateLimiter(settings, server.app.database.pool);
    const client = { kind: "ADDRESS", id: "198.51.100.21" } as const;
    await one.charge(client, 995);
    // 5 points left: 9 (under a batch of 10) cannot be covered by the copy, goes to the row, is refused.
    await expect(one.charge(client, 9)).rejects.toBeInstanceOf(RateLimitExceeded);
    expect((await one.charge(client, 5)).remaining).toBe(0);
    await expect(one.charge(client, 1)).rejects.toBeInstanceOf(RateLimitExceeded);
    await one.flush();
    expect(await server.count(`select points as n from rate_limits where key = 'address:${client.id}'`)).toBe(1_000);
  });
});
