/**
 * The execution time limit (EXECUTION_TIMEOUT_MS): a request past its deadline stops at the next
 * field with EXECUTION_TIMEOUT instead of running on; what had already resolved is kept where the
 * schema allows (nullable fields), and the deadline is per request: the next query runs normally.
 */
import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BootConfig } from "../../src/app.js";
import { startTestServer, type TestServer } from "../support/testServer.js";

interface Booted {
  app: TestServer["app"];
  /** The GraphQL endpoint. */
  url: string;
  /** SQL statements run so far. */
  statements(): number;
  count: TestServer["count"];
  close(): Promise<void>;
}

async function boot(config: Partial<BootConfig>, onStatement: (sqlText: string) => void = () => {}): Promise<Booted> {
  let statements = 0;
  const server = await startTestServer({
    config,
    onStatement: (sqlText) => {
      statements++;
      onStatement(sqlText);
    },
  });
  return {
    app: server.app,
    url: `${server.url}/graphql`,
    statements: () => statements,
    count: (sqlText, ...params) => server.count(sqlText, ...params),
    close: () => server.close(),
  };
}

interface Answer {
  status: number;
  body: any;
  text: string;
  ms: number;
}

async function gql(server: Booted, query: string): Promise<Answer> {
  const started = Date.now();
  const res = await fetch(server.url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query }),
  });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text), text, ms: Date.now() - started };
}

const codes = (res: Answer) => [
  ...new Set((res.body.errors ?? []).map((e: { extensions?: { code?: string } }) => e.extensions?.code)),
];

const TRIP = `nodes { id code title { en fa } status purpose startDate endJalali { iso } decision { outcome decidedOn reason } cost { amount currency }
  city { slug name { en } country { code name { en } } }
  destinations { slug name { en fa } country { code name { en } sources { title } } }
  countries { code name { fa } } delegates { name { en } position role }
  events { id name { en } host { slug } organiser { slug } sources { title } }
  organisations { slug acronym } sources { title kind publishedOn } externalIds { scheme value } }`;
/** Three pages of 100 trips with everything nested: most of a second of work on the seed. */
const HEAVY = `query Heavy {
  a: trips(first: 100) { totalCount ${TRIP} }
  b: trips(first: 100, orderBy: [{ field: CODE, direction: ASC }]) { ${TRIP} }
  c: trips(first: 100, orderBy: [{ field: DELEGATION_SIZE, direction: DESC }]) { ${TRIP} }
}`;

let normal: Booted;
let tight: Booted;

beforeAll(async () => {
  [normal, tight] = await Promise.all([boot({}), boot({ EXECUTION_TIMEOUT_MS: 1 })]);
}, 60_000);
afterAll(async () => {
  await Promise.all([normal?.close(), tight?.close()]);
});

describe("EXECUTION_TIMEOUT_MS", () => {
  let normalStatements = 0;

  it("the heavy query is valid and completes under the default limit", async () => {
    const before = normal.statements();
    const res = await gql(normal, HEAVY);
    normalStatements = normal.statements() - before;
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    const total = res.body.data.a.totalCount;
    expect(total).toBeGreaterThan(50);
    for (const page of ["a", "b", "c"]) expect(res.body.data[page].nodes).toHaveLength(Math.min(100, total));
    expect(normalStatements).toBeGreaterThan(5);
  });

  it("with a 1 ms limit, stops the heavy query with EXECUTION_TIMEOUT (HTTP 503), before it does the work", async () => {
    expect(normalStatements, "the test above runs first").toBeGreaterThan(0);
    const before = tight.statements();
    const res = await gql(tight, HEAVY);
    const statements = tight.statements() - before;
    expect(res.body.errors?.length, res.text.slice(0, 300)).toBeGreaterThan(0);
    expect(codes(res)).toEqual(["EXECUTION_TIMEOUT"]);
    expect(res.body.errors[0].message).toMatch(/time limit/i);
    expect(res.status).toBe(503);
    // The three root connections are non-null: nothing of them can be kept.
    expect(res.body.data ?? null).toBeNull();
    // Stopped at the first fields: not the statements the whole query needs.
    expect(statements).toBeLessThan(normalStatements);
    expect(statements).toBeLessThanOrEqual(1);
    // The cost is still reported: it was charged before execution.
    expect(res.body.extensions?.cost?.requestedQueryCost).toBeGreaterThan(1000);
  });

  it("the normal server still answers a normal query afterwards, and the tight one stays up", async () => {
    const res = await gql(normal, `{ trips(first: 3) { totalCount nodes { code destinations { slug } } } }`);
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.trips.nodes).toHaveLength(3);
    expect((await fetch(tight.url.replace(/\/graphql$/, "/healthz"))).status).toBe(200);
    // And every request on the tight server gets its own (equally tight) deadline, not a stale one.
    // The heavy query again: parsing and pricing it alone take longer than 1 ms, where a one-statement
    // query could reach its statement within the millisecond and pass.
    const again = await gql(tight, HEAVY);
    expect(codes(again)).toEqual(["EXECUTION_TIMEOUT"]);
  });
});

describe("a deadline that passes in the middle of execution", () => {
  // The deadline is checked before each SQL statement. A statement that takes longer than the whole
  // limit (the page of trips) completes; the statements after it (the inviters) are not run, and
  // their fields are nulled with EXECUTION_TIMEOUT while what was resolved stays.
  const LIMIT_MS = 200;
  const STALL_MS = 400;
  let slow: Booted;
  let stall = false;

  beforeAll(async () => {
    slow = await boot({ EXECUTION_TIMEOUT_MS: LIMIT_MS }, (sqlText) => {
      if (!stall || !/from "trips"/.test(sqlText)) return;
      stall = false;
      const until = Date.now() + STALL_MS;
      while (Date.now() < until) {
        // a slow statement (the busy wait blocks the event loop: nothing else runs meanwhile)
      }
    });
  }, 60_000);
  afterAll(() => slow?.close());

  const QUERY = `{ trips(first: 100) { nodes { code invitedBy { slug name { en } } } } }`;

  it("keeps the data resolved before the deadline and nulls the nullable fields after it, each with EXECUTION_TIMEOUT", async () => {
    const invited = await slow.count("SELECT count(invited_by_id) AS n FROM trips");
    expect(invited).toBeGreaterThan(0);
    // Warm up (first-request costs), then the same query with the stall.
    const warm = await gql(slow, QUERY);
    expect(warm.body.errors).toBeUndefined();
    expect(warm.body.data.trips.nodes.filter((t: { invitedBy: unknown }) => t.invitedBy !== null)).toHaveLength(invited);

    stall = true;
    const res = await gql(slow, QUERY);
    expect(stall, "the stall happened").toBe(false);
    expect(res.body.data, res.text.slice(0, 300)).not.toBeNull();
    const nodes = res.body.data.trips.nodes as { code: string; invitedBy: unknown }[];
    expect(nodes).toHaveLength(warm.body.data.trips.nodes.length);
    expect(nodes.map((t) => t.code)).toEqual(warm.body.data.trips.nodes.map((t: { code: string }) => t.code));
    // Every inviter was cut off...
    expect(nodes.every((t) => t.invitedBy === null)).toBe(true);
    // ...each with an EXECUTION_TIMEOUT error under its trip's invitedBy.
    expect(codes(res)).toEqual(["EXECUTION_TIMEOUT"]);
    const cutOff = new Set((res.body.errors as { path: (string | number)[] }[]).map((e) => e.path.slice(0, 4).join(".")));
    const expected = warm.body.data.trips.nodes.flatMap((t: { invitedBy: unknown }, i: number) =>
      t.invitedBy ? [`trips.nodes.${i}.invitedBy`] : [],
    );
    expect([...cutOff].sort()).toEqual(expected.sort());
  });

  it("runs the next query normally (the deadline is per request)", async () => {
    const res = await gql(slow, QUERY);
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.trips.nodes.some((t: { invitedBy: unknown }) => t.invitedBy !== null)).toBe(true);
  });
});
