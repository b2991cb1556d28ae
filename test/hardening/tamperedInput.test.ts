/**
 * Input the server did not issue, or cannot store, is the client's error on both backends:
 * cursors edited by hand (a string, a float or 2^63 where an id was; any value of the wrong kind),
 * change-feed cursors beyond the `seq` column's range, and NUL characters in any string argument
 * or input. PostgreSQL used to answer each with a 500; SQLite used a tampered cursor silently.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changeCursor } from "../../src/modules/sync/changeFeedResolver.js";
import { toGlobalId } from "../../src/graphql/globalId.js";
import { bearer, errorCodes, startTestServer, type TestServer } from "../support/testServer.js";

let server: TestServer;
let editor: string;
let admin: string;
beforeAll(async () => {
  server = await startTestServer();
  editor = await server.createKey("EDITOR");
  admin = await server.createKey("ADMIN");
});
afterAll(() => server.close());

const decode = (cursor: string) => JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown[];
/** The cursor as a client could rewrite it: the issued one's JSON with one value replaced (raw JSON text). */
const tamper = (cursor: string, index: number, json: string) => {
  const parts = decode(cursor).map((v) => JSON.stringify(v));
  parts[index] = json;
  return Buffer.from(`[${parts.join(",")}]`, "utf8").toString("base64url");
};

async function badInput(query: string, variables: Record<string, unknown>, pattern: RegExp, headers?: Record<string, string>) {
  const res = await server.gql(query, variables, headers);
  expect(res.status, JSON.stringify(res.errors)).toBe(200);
  expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
  expect(res.errors![0].message).toMatch(pattern);
  return res;
}

describe("tampered page cursors", () => {
  const TRIPS = `query($after: String) { trips(first: 2, after: $after) { nodes { code } pageInfo { endCursor } } }`;
  const NESTED = `query($after: String) { organisation(slug: "metropolis") { memberships(first: 2, after: $after) { nodes { id } pageInfo { endCursor } } } }`;
  const BY_NAME = `query($after: String) { organisations(first: 2, after: $after, orderBy: [{ field: NAME, direction: ASC }]) { nodes { slug } pageInfo { endCursor } } }`;

  it("an issued cursor still pages", async () => {
    const first = await server.gql(TRIPS);
    const next = await server.gql(TRIPS, { after: first.data.trips.pageInfo.endCursor });
    expect(next.errors).toBeUndefined();
    expect(next.data.trips.nodes).toHaveLength(2);
    expect(next.data.trips.nodes[0].code).not.toBe(first.data.trips.nodes[0].code);
  });

  it("a string, a float, 2^63 or -2^63 as the id; a number as the date; a NUL in a name: BAD_USER_INPUT", async () => {
    const cursor = (await server.gql(TRIPS)).data.trips.pageInfo.endCursor as string;
    // [list, ordering, startDate, id]
    expect(decode(cursor)).toHaveLength(4);
    expect(decode(cursor)[0]).toBe("trips");
    for (const [index, json] of [
      [3, `"abc"`],
      [3, `"1"`],
      [3, `1.5`],
      [3, `9223372036854775808`],
      [3, `-9223372036854775808`],
      [3, `2147483648`],
      [3, `1e400`],
      [2, `20240101`],
      [2, `"2024-01-01\\u0000"`],
    ] as const) {
      await badInput(TRIPS, { after: tamper(cursor, index, json) }, /Malformed cursor/);
    }
    const named = (await server.gql(BY_NAME)).data.organisations.pageInfo.endCursor as string;
    await badInput(BY_NAME, { after: tamper(named, 2, `"A\\u0000"`) }, /Malformed cursor/);
    await badInput(BY_NAME, { after: tamper(named, 2, `42`) }, /Malformed cursor/);
  });

  it("a tampered cursor of a nested connection: BAD_USER_INPUT", async () => {
    const res = await server.gql(NESTED);
    expect(res.errors).toBeUndefined();
    const cursor = res.data.organisation.memberships.pageInfo.endCursor as string;
    const last = decode(cursor).length - 1;
    await badInput(NESTED, { after: tamper(cursor, last, `"x"`) }, /Malformed cursor/);
    await badInput(NESTED, { after: tamper(cursor, last, `9223372036854775808`) }, /Malformed cursor/);
  });
});

describe("change-feed cursors", () => {
  const CHANGES = `query($after: String) { changes(first: 5, after: $after) { nodes { sequence } pageInfo { endCursor hasNextPage } } }`;

  it("beyond the column's range (2^31, 2^53, 15 digits): BAD_USER_INPUT; the largest sequence number is an empty page", async () => {
    for (const seq of [2 ** 31, 2 ** 53, 999_999_999_999_999])
      await badInput(CHANGES, { after: changeCursor(seq) }, /Malformed cursor/);
    const top = await server.gql(CHANGES, { after: changeCursor(2 ** 31 - 1) });
    expect(top.errors).toBeUndefined();
    expect(top.data.changes).toEqual({ nodes: [], pageInfo: { endCursor: changeCursor(2 ** 31 - 1), hasNextPage: false } });
  });
});

describe("NUL characters", () => {
  const NUL = "\u0000";

  it("in query arguments and filters, by variable or literal: BAD_USER_INPUT naming the argument", async () => {
    await badInput(`query($t: String!) { search(text: $t) { __typename } }`, { t: `teh${NUL}ran` }, /text contains a NUL/);
    await badInput(`query($s: String!) { organisation(slug: $s) { slug } }`, { s: `metropolis${NUL}` }, /slug contains a NUL/);
    await badInput(`{ organisation(slug: "metro\\u0000polis") { slug } }`, {}, /slug contains a NUL/);
    await badInput(
      `query($f: TripFilter) { trips(filter: $f) { totalCount } }`,
      { f: { requestingUnit: `x${NUL}`, city: ["tehran"] } },
      /filter\.requestingUnit contains a NUL/,
    );
    await badInput(
      `query($f: TripFilter) { trips(filter: $f) { totalCount } }`,
      { f: { destinations: ["istanbul", `konya${NUL}`] } },
      /filter\.destinations\.1 contains a NUL/,
    );
    await badInput(`query($c: ID) { footprint(city: $c) { tripsRequested } }`, { c: NUL }, /city contains a NUL/);
    await badInput(
      `query($a: String) { auditLog(actor: $a) { totalCount } }`,
      { a: `x${NUL}` },
      /actor contains a NUL/,
      bearer(admin),
    );
  });

  it("inside a global ID: no such node, not an error from the database", async () => {
    const res = await server.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: toGlobalId("Trip", `x${NUL}`) });
    expect(res.status).toBe(200);
    expect(errorCodes(res)).not.toContain("INTERNAL_SERVER_ERROR");
    expect(res.data?.node ?? null).toBeNull();
  });

  it("in a mutation's input: an INVALID user error at its path, nothing written", async () => {
    const trips = await server.count("SELECT count(*) AS n FROM trips");
    const res = await server.gql(
      `mutation($input: RequestTripInput!) { requestTrip(input: $input) { trip { id } userErrors { field message code } } }`,
      {
        input: {
          titleEn: `Nul${NUL}title`,
          purpose: "SUMMIT",
          requestingUnit: "International affairs",
          startDate: "2024-05-10",
          destinations: ["istanbul"],
          delegates: [{ position: `Expert${NUL}`, role: "EXPERT" }],
        },
      },
      bearer(editor),
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.requestTrip).toEqual({
      trip: null,
      userErrors: [
        { field: ["input", "titleEn"], code: "INVALID", message: expect.stringMatching(/input\.titleEn contains a NUL/) },
        {
          field: ["input", "delegates", "0", "position"],
          code: "INVALID",
          message: expect.stringMatching(/input\.delegates\.0\.position contains a NUL/),
        },
      ],
    });
    expect(await server.count("SELECT count(*) AS n FROM trips")).toBe(trips);
  });
});
