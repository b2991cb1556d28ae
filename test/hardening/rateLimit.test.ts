/**
 * Rate limits in cost points, with tiny budgets: 60 points per client address, 200 per API key, in
 * windows of 2 seconds. Every response reports the budget in `extensions.cost`; `rateLimit` agrees;
 * a query that would overdraw the budget is refused with RATE_LIMITED, HTTP 429 and Retry-After,
 * charging nothing; the window's end restores the budget; unused points are refunded.
 *
 * Each test sends from its own loopback address (127.0.0.x), so each starts with its own budget.
 */
import "reflect-metadata";
import { request, type IncomingHttpHeaders } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootFootprint, type FootprintApp } from "../../src/app.js";
import { createApiKey } from "../../src/data/apiKeys.js";
import { testDatabase, type TestDatabase } from "../support/testDatabase.js";

const ANONYMOUS = 60;
const KEYED = 200;
const WINDOW_SECONDS = 2;
const MAX_QUERY_COST = 25_000;

let app: FootprintApp;
let database: TestDatabase | undefined;
let port: number;
let secret: string;

beforeAll(async () => {
  database = await testDatabase();
  app = await bootFootprint({
    ...database.config,
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    RATE_LIMIT_ANONYMOUS: ANONYMOUS,
    RATE_LIMIT_KEY: KEYED,
    RATE_LIMIT_WINDOW_SECONDS: WINDOW_SECONDS,
  });
  port = (await app.server.listen(0, "127.0.0.1")).port;
  ({ secret } = await createApiKey(app.database.db, { role: "EDITOR", name: "rate limit test" }));
}, 60_000);

afterAll(async () => {
  await app?.close();
  await database?.drop();
});

let lastAddress = 10;
/** A loopback address no earlier test has sent from: a fresh anonymous budget. */
const freshAddress = () => `127.0.0.${++lastAddress}`;

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: any;
  text: string;
}

function post(query: string, from: string, key?: string): Promise<Answer> {
  return new Promise((resolveAnswer, reject) => {
    const body = JSON.stringify({ query });
    const req = request(
      {
        host: "127.0.0.1",
        port,
        path: "/graphql",
        method: "POST",
        localAddress: from,
        agent: false,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          ...(key ? { authorization: `Bearer ${key}` } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          try {
            resolveAnswer({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(text), text });
          } catch (error) {
            reject(new Error(`not JSON (HTTP ${res.statusCode}): ${text.slice(0, 300)}`, { cause: error }));
          }
        });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** Requested cost 1 + n (the connection and n trips); the seed has 81 trips, so a page of n is full for n ≤ 81. */
const tripsPage = (n: number) => `{ trips(first: ${n}) { nodes { code } } }`;
const RATE = `rateLimit { limit remaining used resetAt cost }`;

function throttle(res: Answer) {
  const cost = res.body.extensions?.cost;
  expect(cost, `extensions.cost in ${res.text.slice(0, 300)}`).toBeDefined();
  return cost as {
    requestedQueryCost: number;
    actualQueryCost: number;
    maximumQueryCost: number;
    throttleStatus: { maximumAvailable: number; currentlyAvailable: number; resetAt: string };
  };
}

function expectResetAtInWindow(resetAt: string): void {
  const ms = Date.parse(resetAt) - Date.now();
  expect(ms).toBeGreaterThan(-200);
  expect(ms).toBeLessThanOrEqual(WINDOW_SECONDS * 1000 + 200);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("extensions.cost and rateLimit", () => {
  it("every response reports its cost and the budget, and rateLimit agrees with it", async () => {
    const from = freshAddress();
    const first = await post(`{ ${RATE} trips(first: 10) { nodes { code } } }`, from);
    expect(first.status).toBe(200);
    expect(first.body.errors).toBeUndefined();
    const cost = throttle(first);
    // rateLimit (1) + the connection (1) + 10 trips.
    expect(cost).toEqual({
      requestedQueryCost: 12,
      actualQueryCost: 12,
      maximumQueryCost: MAX_QUERY_COST,
      throttleStatus: { maximumAvailable: ANONYMOUS, currentlyAvailable: ANONYMOUS - 12, resetAt: expect.any(String) },
    });
    expectResetAtInWindow(cost.throttleStatus.resetAt);
    expect(first.body.data.rateLimit).toEqual({
      limit: ANONYMOUS,
      remaining: ANONYMOUS - 12,
      used: 12,
      resetAt: cost.throttleStatus.resetAt,
      cost: 12,
    });

    const second = await post(`{ ${RATE} }`, from);
    const cost2 = throttle(second);
    expect(cost2).toMatchObject({
      requestedQueryCost: 1,
      actualQueryCost: 1,
      throttleStatus: { maximumAvailable: ANONYMOUS, currentlyAvailable: ANONYMOUS - 13 },
    });
    expect(second.body.data.rateLimit).toEqual({
      limit: ANONYMOUS,
      remaining: ANONYMOUS - 13,
      used: 13,
      resetAt: cost2.throttleStatus.resetAt,
      cost: 1,
    });
    // One window: the same end.
    expect(Math.abs(Date.parse(cost2.throttleStatus.resetAt) - Date.parse(cost.throttleStatus.resetAt))).toBeLessThan(50);
  });

  it("reports the cost of a query without rateLimit too, and of an error response", async () => {
    const from = freshAddress();
    const ok = await post(`{ countries { code } }`, from);
    expect(throttle(ok)).toMatchObject({
      requestedQueryCost: 1,
      throttleStatus: { maximumAvailable: ANONYMOUS, currentlyAvailable: ANONYMOUS - 1 },
    });
    const failing = await post(`{ countries { code } node(id: "not a global id") { id } }`, from);
    expect(failing.body.errors?.length).toBeGreaterThan(0);
    expect(throttle(failing).throttleStatus.maximumAvailable).toBe(ANONYMOUS);
  });
});

describe("spending the budget", () => {
  it("refuses a query the budget cannot pay with RATE_LIMITED, HTTP 429 and Retry-After, charging nothing", async () => {
    const from = freshAddress();
    let available = ANONYMOUS;
    for (let i = 0; i < 5; i++) {
      const res = await post(tripsPage(10), from);
      expect(res.status).toBe(200);
      expect(res.body.data.trips.nodes).toHaveLength(10);
      available -= 11;
      expect(throttle(res).throttleStatus.currentlyAvailable).toBe(available);
    }
    expect(available).toBe(5);

    // 11 points asked, 5 left: refused.
    const refused = await post(tripsPage(10), from);
    expect(refused.status).toBe(429);
    expect(refused.body.data ?? null).toBeNull();
    expect(refused.body.errors).toHaveLength(1);
    const error = refused.body.errors[0];
    expect(error.extensions.code).toBe("RATE_LIMITED");
    const retryAfter = refused.headers["retry-after"];
    expect(retryAfter).toMatch(/^\d+$/);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(retryAfter)).toBeLessThanOrEqual(WINDOW_SECONDS);
    expect(error.extensions.retryAfterSeconds).toBe(Number(retryAfter));
    expect(throttle(refused)).toMatchObject({
      requestedQueryCost: 11,
      throttleStatus: { maximumAvailable: ANONYMOUS, currentlyAvailable: 5 },
    });

    // The refusal charged nothing: a 5-point query still runs and spends the budget to zero.
    const last = await post(tripsPage(4), from);
    expect(last.status).toBe(200);
    expect(last.body.data.trips.nodes).toHaveLength(4);
    expect(throttle(last)).toMatchObject({ requestedQueryCost: 5, throttleStatus: { currentlyAvailable: 0 } });

    // Now even the cheapest query is refused.
    const broke = await post(`{ ${RATE} }`, from);
    expect(broke.status).toBe(429);
    expect(broke.body.errors[0].extensions.code).toBe("RATE_LIMITED");
    expect(broke.headers["retry-after"]).toMatch(/^\d+$/);
  });

  it("keeps an API key's budget apart from its address's, and each address's apart", async () => {
    const from = freshAddress();
    // Spend the address's whole budget in one query: the connection + 59 trips = 60.
    const spent = await post(tripsPage(59), from);
    expect(spent.status).toBe(200);
    expect(throttle(spent).throttleStatus.currentlyAvailable).toBe(0);
    expect((await post(`{ ${RATE} }`, from)).status).toBe(429);

    // A key from the same address has its own, larger budget.
    const keyed = await post(`{ ${RATE} }`, from, secret);
    expect(keyed.status).toBe(200);
    expect(keyed.body.data.rateLimit).toMatchObject({ limit: KEYED, remaining: KEYED - 1, cost: 1 });
    expect(throttle(keyed).throttleStatus).toMatchObject({ maximumAvailable: KEYED, currentlyAvailable: KEYED - 1 });
    const keyedAgain = await post(tripsPage(10), from, secret);
    expect(throttle(keyedAgain).throttleStatus.currentlyAvailable).toBe(KEYED - 12);

    // ...the key's spending did not refill the address...
    expect((await post(`{ ${RATE} }`, from)).status).toBe(429);
    // ...and another address is untouched.
    const other = await post(`{ ${RATE} }`, freshAddress());
    expect(other.status).toBe(200);
    expect(other.body.data.rateLimit).toMatchObject({ limit: ANONYMOUS, remaining: ANONYMOUS - 1 });
  });

  it("restores the budget when the window has passed", async () => {
    const from = freshAddress();
    const spent = await post(`{ ${RATE} trips(first: 58) { nodes { code } } }`, from);
    expect(throttle(spent).throttleStatus.currentlyAvailable).toBe(0);
    const refused = await post(tripsPage(1), from);
    expect(refused.status).toBe(429);
    const resetAt = Date.parse(throttle(refused).throttleStatus.resetAt);

    await sleep(Math.max(WINDOW_SECONDS * 1000 + 200, resetAt - Date.now() + 200));
    const again = await post(`{ ${RATE} trips(first: 10) { nodes { code } } }`, from);
    expect(again.status).toBe(200);
    expect(again.body.errors).toBeUndefined();
    expect(again.body.data.trips.nodes).toHaveLength(10);
    expect(again.body.data.rateLimit).toMatchObject({ limit: ANONYMOUS, remaining: ANONYMOUS - 12, used: 12 });
    expect(Date.parse(again.body.data.rateLimit.resetAt)).toBeGreaterThan(resetAt);
  }, 15_000);

  it('counts refusals in footprint_graphql_rejected_total{reason="rateLimit"}', async () => {
    const value = async () => (await app.metrics.rejected.get()).values.find((v) => v.labels.reason === "rateLimit")?.value ?? 0;
    const from = freshAddress();
    await post(tripsPage(59), from);
    const before = await value();
    expect((await post(tripsPage(1), from)).status).toBe(429);
    expect((await post(tripsPage(1), from)).status).toBe(429);
    expect(await value()).toBe(before + 2);
  });
});

describe("refunds", () => {
  // The report's F5: the mayor headed 2 trips in 1401 (the seed keeps exactly those): a page of 10
  // asked for, 2 returned.
  const MAYOR_1401 = `filter: { headedByMayor: true, period: { jalaliYear: 1401 } }`;
  const SMALL_PAGE = `{ trips(first: 10, ${MAYOR_1401}) { nodes { code } } }`;

  it("charges the actual cost of a small page, not its requested cost", async () => {
    const from = freshAddress();
    const res = await post(SMALL_PAGE, from);
    expect(res.status).toBe(200);
    expect(res.body.data.trips.nodes).toHaveLength(2);
    const cost = throttle(res);
    expect(cost.requestedQueryCost).toBe(11);
    expect(cost.actualQueryCost).toBeLessThan(cost.requestedQueryCost);
    expect(cost.throttleStatus.currentlyAvailable).toBe(ANONYMOUS - cost.actualQueryCost);

    // The refund is real: the limiter's own count says so on the next request.
    const next = await post(`{ ${RATE} }`, from);
    expect(next.body.data.rateLimit).toMatchObject({
      used: cost.actualQueryCost + 1,
      remaining: ANONYMOUS - cost.actualQueryCost - 1,
    });
  });

  it("refunds a key's small page the same way", async () => {
    // A key of its own, so its window starts here.
    const { secret: fresh } = await createApiKey(app.database.db, { role: "EDITOR", name: "rate limit refund test" });
    const res = await post(SMALL_PAGE, freshAddress(), fresh);
    const cost = throttle(res);
    expect(cost.throttleStatus.maximumAvailable).toBe(KEYED);
    expect(cost.actualQueryCost).toBeLessThan(cost.requestedQueryCost);
    expect(cost.throttleStatus.currentlyAvailable).toBe(KEYED - cost.actualQueryCost);
  });

  it("counts the actual cost as the requested cost counts: the connection and the 2 trips it returned", async () => {
    // The same query with first: 2 is requested at 1 + 2 = 3; asking for 10 and getting 2 costs the same.
    const exact = await post(`{ trips(first: 2, ${MAYOR_1401}) { nodes { code } } }`, freshAddress());
    expect(throttle(exact).requestedQueryCost).toBe(3);
    const res = await post(SMALL_PAGE, freshAddress());
    expect(throttle(res).actualQueryCost).toBe(3);
    expect(throttle(res).throttleStatus.currentlyAvailable).toBe(ANONYMOUS - 3);
  });
});
