import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorCodes, startTestServer, type TestServer } from "./support/testServer.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const b64url = (text: string) => Buffer.from(text, "utf8").toString("base64url");

/** A well-formed global ID for a Trip no record has. */
const MISSING_TRIP = b64url("Trip:does-not-exist");
/** Well-formed base64url, but of a type the API does not have. */
const UNKNOWN_TYPE = b64url("Foo:1");

/** One ID of every Node type, taken from ordinary list fields, with a field to check the node by. */
interface Sample {
  type: string;
  id: string;
  /** A selection on the type and its expected value, proving the right record came back. */
  fragment: string;
  expected: Record<string, unknown>;
}

let samples: Sample[];

beforeAll(async () => {
  const res = await server.gql(`{
    cities(first: 1, filter: { countries: ["IR"] }) { nodes { id slug } }
    countries { id code }
    organisation(slug: "metropolis") {
      id slug
      sources { id title }
      memberships(filter: { member: ["tehran"] }) { nodes { id externalId } }
    }
    events(filter: { kind: [GENERAL_ASSEMBLY], organisation: ["metropolis"], period: { jalaliYear: 1401 } }) {
      nodes { id name { en } attendances { id mode city { slug } } }
    }
    trips(first: 1, orderBy: [{ field: CODE, direction: ASC }]) { nodes { id code } }
    partnerships(filter: { partner: ["seoul"] }) { nodes { id kind } }
  }`);
  expect(res.errors).toBeUndefined();
  const d = res.data;
  const iran = d.countries.find((c: { code: string }) => c.code === "IR");
  const event = d.events.nodes[0];
  const tehranAttendance = event.attendances.find((a: { city: { slug: string } }) => a.city.slug === "tehran");
  samples = [
    { type: "City", id: d.cities.nodes[0].id, fragment: "... on City { slug }", expected: { slug: "tehran" } },
    { type: "Country", id: iran.id, fragment: "... on Country { code }", expected: { code: "IR" } },
    { type: "Organisation", id: d.organisation.id, fragment: "... on Organisation { slug }", expected: { slug: "metropolis" } },
    {
      type: "Membership",
      id: d.organisation.memberships.nodes[0].id,
      fragment: "... on Membership { externalId }",
      expected: { externalId: "MET-TEH-001" },
    },
    {
      type: "Event",
      id: event.id,
      fragment: "... on Event { name { en } }",
      expected: { name: { en: "Metropolis assembly (September 2022)" } },
    },
    {
      type: "Attendance",
      id: tehranAttendance.id,
      fragment: "... on Attendance { mode city { slug } }",
      expected: { mode: "IN_PERSON", city: { slug: "tehran" } },
    },
    { type: "Trip", id: d.trips.nodes[0].id, fragment: "... on Trip { code }", expected: { code: "CFT-1400-0006" } },
    {
      type: "Partnership",
      id: d.partnerships.nodes[0].id,
      fragment: "... on Partnership { kind }",
      expected: { kind: "SISTER_CITY" },
    },
    {
      type: "Source",
      id: d.organisation.sources[0].id,
      fragment: "... on Source { kind publisher }",
      expected: { kind: "NEWS", publisher: "Tehran Press" },
    },
  ];
});

describe("node", () => {
  it("has a sample of every Node type", () => {
    expect(samples.map((s) => s.type).sort()).toEqual([
      "Attendance",
      "City",
      "Country",
      "Event",
      "Membership",
      "Organisation",
      "Partnership",
      "Source",
      "Trip",
    ]);
    for (const s of samples) expect(s.id).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it.each(["City", "Country", "Organisation", "Membership", "Event", "Attendance", "Trip", "Partnership", "Source"])(
    "resolves a %s by the id a list gave",
    async (type) => {
      const sample = samples.find((s) => s.type === type)!;
      const res = await server.gql(`query($id: ID!) { node(id: $id) { __typename id ${sample.fragment} } }`, { id: sample.id });
      expect(res.errors).toBeUndefined();
      expect(res.data.node).toEqual({ __typename: type, id: sample.id, ...sample.expected });
    },
  );

  it("global IDs are opaque base64url of <Type>:<public id>", () => {
    for (const s of samples) {
      const decoded = Buffer.from(s.id, "base64url").toString("utf8");
      expect(decoded.startsWith(`${s.type}:`)).toBe(true);
      // Never the integer primary key.
      expect(decoded.slice(s.type.length + 1)).not.toMatch(/^\d+$/);
    }
  });

  it("IDs are unique across types", () => {
    expect(new Set(samples.map((s) => s.id)).size).toBe(samples.length);
  });

  it("returns null for a well-formed ID that names no record", async () => {
    const res = await server.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: MISSING_TRIP });
    expect(res.errors).toBeUndefined();
    expect(res.data.node).toBeNull();
  });

  it("a public id under the wrong type names no record", async () => {
    const trip = samples.find((s) => s.type === "Trip")!;
    const publicId = Buffer.from(trip.id, "base64url").toString("utf8").slice("Trip:".length);
    const res = await server.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: b64url(`Event:${publicId}`) });
    expect(res.errors).toBeUndefined();
    expect(res.data.node).toBeNull();
  });

  it.each([
    ["garbage!!", "garbage!!"],
    ["an unknown type", UNKNOWN_TYPE],
    ["an empty public id", b64url("Trip:")],
    ["padded base64", Buffer.from("Trip:does-not-exist").toString("base64") + "="],
    ["an empty string", ""],
  ])("node(id: %s) is a BAD_USER_INPUT error", async (_what, id) => {
    const res = await server.gql(`query($id: ID!) { node(id: $id) { id } }`, { id });
    expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(res.data?.node ?? null).toBeNull();
  });
});

describe("nodes", () => {
  it("returns every sample, in the order asked", async () => {
    const ids = samples.map((s) => s.id).reverse();
    const res = await server.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`, { ids });
    expect(res.errors).toBeUndefined();
    expect(res.data.nodes.map((n: { id: string }) => n.id)).toEqual(ids);
    expect(res.data.nodes.map((n: { __typename: string }) => n.__typename)).toEqual(samples.map((s) => s.type).reverse());
  });

  it("gives null for malformed, unknown-type and missing IDs, keeping positions in a mix; malformed ones are errors as in node", async () => {
    const city = samples.find((s) => s.type === "City")!;
    const trip = samples.find((s) => s.type === "Trip")!;
    const ids = [MISSING_TRIP, city.id, "garbage!!", UNKNOWN_TYPE, trip.id, city.id];
    const res = await server.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`, { ids });
    // A malformed ID is reported as `node` reports it, at its own position; a missing record is just null.
    expect(res.errors?.map((e) => [e.path, e.extensions?.code, e.extensions?.argumentName])).toEqual([
      [["nodes", 2], "BAD_USER_INPUT", "ids.2"],
      [["nodes", 3], "BAD_USER_INPUT", "ids.3"],
    ]);
    expect(res.errors?.[0]?.message).toBe('"garbage!!" is not a global ID issued by this API.');
    expect(res.data.nodes).toEqual([
      null,
      { __typename: "City", id: city.id },
      null,
      null,
      { __typename: "Trip", id: trip.id },
      { __typename: "City", id: city.id },
    ]);
  });

  it("gives [] for no IDs", async () => {
    const res = await server.gql(`{ nodes(ids: []) { id } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.nodes).toEqual([]);
  });

  it("accepts 100 IDs", async () => {
    const res = await server.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: Array(100).fill(MISSING_TRIP) });
    expect(res.errors).toBeUndefined();
    expect(res.data.nodes).toHaveLength(100);
    expect(res.data.nodes.every((n: unknown) => n === null)).toBe(true);
  });

  it("more than 100 IDs is a BAD_USER_INPUT error", async () => {
    const res = await server.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: Array(101).fill(MISSING_TRIP) });
    expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(res.errors![0].extensions?.argumentName).toBe("ids");
    expect(res.data).toBeNull();
  });
});
