/**
 * Writes take only what the API can keep: a trip code is a committee file number
 * (CFT-<Jalali year>-<at most 6 digits>) and no stored code can break the automatic numbering;
 * every String / ID input has a length bound (src/graphql/inputBounds.ts), checked before any
 * resolver runs: BAD_USER_INPUT for queries, INVALID user errors for mutations, nothing written.
 */
import { buildSchema, getNamedType, isInputObjectType, isObjectType, type GraphQLInputType } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { boundStringInputs, STRING_INPUT_BOUNDS } from "../../src/graphql/inputBounds.js";
import { footprintSchema } from "../../src/schema.js";
import { bearer, errorCodes, startTestServer, type TestServer } from "../support/testServer.js";

let server: TestServer;
let editor: string;
let partner: string;
beforeAll(async () => {
  server = await startTestServer();
  editor = await server.createKey("EDITOR");
  partner = await server.createKey("PARTNER", { organisation: "metropolis" });
});
afterAll(() => server.close());

const REQUEST = `mutation($input: RequestTripInput!) { requestTrip(input: $input) { trip { id code } userErrors { field message code } } }`;
const request = (extra: Record<string, unknown> = {}) => ({
  titleEn: "A trip",
  purpose: "SUMMIT",
  requestingUnit: "International affairs",
  requestedOn: "2024-04-01", // 1403
  startDate: "2024-05-10",
  destinations: ["istanbul"],
  delegates: [{ position: "Expert", role: "EXPERT" }],
  ...extra,
});
// Audit entries are not counted: a refused attempt may be recorded (item 9 of issue 12 wants it).
const TOUCHED = ["trips", "changes", "idempotency_keys", "memberships", "search_index"];
const snapshot = async () =>
  Object.fromEntries(await Promise.all(TOUCHED.map(async (t) => [t, await server.count(`SELECT count(*) AS n FROM ${t}`)])));

async function requestTrip(input: Record<string, unknown>) {
  const res = await server.gql(REQUEST, { input }, bearer(editor));
  expect(res.errors).toBeUndefined();
  return res.data.requestTrip as {
    trip: { id: string; code: string } | null;
    userErrors: { field: string[]; message: string; code: string }[];
  };
}

describe("trip codes", () => {
  it.each([
    ["free text", "TEST-TRIP-0001"],
    ["seven digits", "CFT-1403-1234567"],
    ["thirty nines", `CFT-1403-${"9".repeat(30)}`],
    ["a letter in the year", "CFT-14O3-0001"],
    ["a year beyond the Jalali range", "CFT-9999-0001"],
    ["a two-digit year", "CFT-03-0001"],
    ["a lower-case prefix", "cft-1403-0001"],
    ["a sign", "CFT-1403--1"],
  ])("%s is an INVALID user error, nothing written", async (_name, code) => {
    const before = await snapshot();
    const payload = await requestTrip(request({ code }));
    expect(payload.trip).toBeNull();
    expect(payload.userErrors).toEqual([
      { field: ["input", "code"], code: "INVALID", message: expect.stringMatching(/CFT-<Jalali year>-<1 to 6 digits>/) },
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it("a well-formed code is taken as given", async () => {
    const payload = await requestTrip(request({ code: "CFT-1396-000042" }));
    expect(payload.userErrors).toEqual([]);
    expect(payload.trip?.code).toBe("CFT-1396-000042");
  });

  it("a planted CFT-1403-999…9 (stored before codes were checked) does not break the next number", async () => {
    const [{ id }] = await server.rows<{ id: number }>("SELECT min(id) AS id FROM trips");
    await server.exec("UPDATE trips SET code = ? WHERE id = ?", `CFT-1403-${"9".repeat(42)}`, id);
    const a = await requestTrip(request());
    const b = await requestTrip(request());
    expect(a.userErrors).toEqual([]);
    expect(a.trip!.code).toMatch(/^CFT-1403-\d{4,6}$/);
    expect(b.trip!.code).toMatch(/^CFT-1403-\d{4,6}$/);
    expect(Number(b.trip!.code.slice(9))).toBe(Number(a.trip!.code.slice(9)) + 1);
  });

  it("a code given as CFT-1403-999999 does not end the year's numbering: the lowest free number follows", async () => {
    const given = await requestTrip(request({ code: "CFT-1403-999999" }));
    expect(given.trip?.code).toBe("CFT-1403-999999");
    const used = new Set(
      (await server.rows<{ code: string }>("SELECT code FROM trips WHERE code LIKE 'CFT-1403-%'"))
        .map((r) => /^CFT-1403-(\d{1,6})$/.exec(r.code))
        .filter((m) => m !== null)
        .map((m) => Number(m[1])),
    );
    let lowest = 1;
    while (used.has(lowest)) lowest++;
    const next = await requestTrip(request());
    expect(next.userErrors).toEqual([]);
    expect(next.trip!.code).toBe(`CFT-1403-${String(lowest).padStart(4, "0")}`);
    const after = await requestTrip(request());
    expect(after.trip!.code).toMatch(/^CFT-1403-\d{4,6}$/);
  });
});

describe("string length bounds", () => {
  it("an idempotency key of 90,000 characters: an INVALID user error naming the bound, nothing stored", async () => {
    const before = await snapshot();
    const res = await server.gql(
      `mutation($input: SyncMembershipsInput!) { syncMemberships(input: $input) { replayed memberships { id } results { outcome } userErrors { field message code } } }`,
      {
        input: {
          source: "metropolis-registry",
          idempotencyKey: "k".repeat(90_000),
          memberships: [{ externalId: "MET-BOUND-1", organisation: "metropolis", member: "seoul", status: "ACTIVE" }],
        },
      },
      bearer(partner),
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.syncMemberships).toEqual({
      replayed: false,
      memberships: [],
      results: [],
      userErrors: [
        {
          field: ["input", "idempotencyKey"],
          code: "INVALID",
          message: "input.idempotencyKey may be at most 200 characters; got 90,000.",
        },
      ],
    });
    expect(await snapshot()).toEqual(before);
  });

  it("every over-long text of a mutation is reported at once, at its path", async () => {
    const before = await snapshot();
    const payload = await requestTrip(
      request({
        titleFa: "ت".repeat(5_000),
        requestingUnit: "u".repeat(201),
        destinations: ["istanbul", "x".repeat(201)],
        delegates: [{ position: "p".repeat(10_000), role: "EXPERT" }],
      }),
    );
    expect(payload.trip).toBeNull();
    expect(payload.userErrors.map((e) => [e.field.join("."), e.code])).toEqual([
      ["input.titleFa", "INVALID"],
      ["input.requestingUnit", "INVALID"],
      ["input.destinations.1", "INVALID"],
      ["input.delegates.0.position", "INVALID"],
    ]);
    expect(payload.userErrors[0].message).toBe("input.titleFa may be at most 300 characters; got 5,000.");
    expect(await snapshot()).toEqual(before);
  });

  it("over-long query arguments, filter fields and cursors: BAD_USER_INPUT naming the argument and the bound", async () => {
    const cases: [string, Record<string, unknown>, RegExp][] = [
      [
        `query($f: TripFilter) { trips(filter: $f) { totalCount } }`,
        { f: { requestingUnit: "u".repeat(5_000) } },
        /filter\.requestingUnit may be at most 200 characters; got 5,000/,
      ],
      [
        `query($a: String) { trips(after: $a) { totalCount } }`,
        { a: "A".repeat(20_000) },
        /after may be at most 1,000 characters; got 20,000/,
      ],
      [`query($a: String) { changes(after: $a) { nodes { sequence } } }`, { a: "A".repeat(1_001) }, /after may be at most 1,000/],
      [`query($s: String!) { organisation(slug: $s) { slug } }`, { s: "s".repeat(50_000) }, /slug may be at most 200/],
      [`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: ["x", "y".repeat(201)] }, /ids\.1 may be at most 200/],
      [
        `query($c: ID) { series(metric: TRIPS_REQUESTED, groupBy: YEAR, city: $c) { key } }`,
        { c: "c".repeat(300) },
        /city may be at most 200/,
      ],
    ];
    for (const [query, variables, pattern] of cases) {
      const res = await server.gql(query, variables);
      expect(res.status).toBe(200);
      expect(errorCodes(res), query).toEqual(["BAD_USER_INPUT"]);
      expect(res.errors![0].message).toMatch(pattern);
    }
  });

  it("a text at its bound is accepted", async () => {
    const res = await server.gql(`query($u: String) { trips(filter: { requestingUnit: $u }) { totalCount } }`, {
      u: "u".repeat(200),
    });
    expect(res.errors).toBeUndefined();
    expect(res.data.trips.totalCount).toBe(0);
  });

  it("every String and ID input of the schema has a bound, and every bound names an input", async () => {
    const schema = await footprintSchema();
    const texts: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith("__")) continue;
      const isText = (t: GraphQLInputType) => ["String", "ID"].includes(getNamedType(t).name);
      if (isInputObjectType(type))
        for (const f of Object.values(type.getFields())) if (isText(f.type)) texts.push(`${type.name}.${f.name}`);
      if (isObjectType(type))
        for (const f of Object.values(type.getFields()))
          for (const a of f.args)
            if (isText(a.type) && !["after", "before"].includes(a.name)) texts.push(`${type.name}.${f.name}(${a.name})`);
    }
    expect(texts.length).toBeGreaterThan(80);
    expect(texts.filter((c) => STRING_INPUT_BOUNDS[c] === undefined)).toEqual([]);
    expect(Object.keys(STRING_INPUT_BOUNDS).filter((c) => !texts.includes(c))).toEqual([]);
    // A schema with an unbounded text input does not start.
    expect(() => boundStringInputs(buildSchema(`type Query { a(x: String): String } input Q { y: ID }`))).toThrow(
      /Query\.a\(x\)/,
    );
  });
});
