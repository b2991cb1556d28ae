/**
 * `search` returns the union SearchHit = City | Country | Event | Organisation | Trip. GraphQL lets a
 * client select a field of the same name on several members under one response key only when the
 * members agree on its type, nullability included ("Fields "code" conflict because they return
 * conflicting types "String" and "String!""). These tests keep the members in agreement.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getNamedType, isCompositeType, isUnionType, parse, validate, type GraphQLField, type GraphQLSchema } from "graphql";
import { footprintSchema } from "../src/schema.js";
import { startTestServer, type TestServer } from "./support/testServer.js";

/**
 * Shared names whose types differ on purpose; a client aliases them. Each would take a breaking
 * change to unify, and they mean different things on each member.
 */
const KNOWN_DIFFERENCES: Record<string, string> = {
  events: "Organisation.events is a paged EventConnection with arguments; Trip.events is the trip's plain list",
  trips: "Organisation.trips is a paged TripConnection with arguments; Event.trips is the event's plain list",
  kind: "EventKind and OrganisationKind are different vocabularies",
  status: "EventStatus and TripStatus are different lifecycles",
};

/** Fields whose types differ between members but still merge without aliases (different object types, same shape). */
const MERGEABLE_DIFFERENCES: Record<string, string> = {
  history:
    "each record type's history is typed as its own versions (TripVersionConnection, EventVersionConnection …), whose `record` is that type",
};

/** A field's type with its arguments, e.g. `MembershipConnection!(after: String, filter: MembershipFilter, first: Int)`. */
function signature(field: GraphQLField<unknown, unknown>): string {
  const args = field.args.map((a) => `${a.name}: ${String(a.type)}`).join(", ");
  return args ? `${String(field.type)}(${args})` : String(field.type);
}

/** Every field name two or more SearchHit members have, with each member's signature. */
function sharedFields(schema: GraphQLSchema): Map<string, Map<string, GraphQLField<unknown, unknown>>> {
  const union = schema.getType("SearchHit");
  if (!isUnionType(union)) throw new Error("SearchHit is not a union");
  const byName = new Map<string, Map<string, GraphQLField<unknown, unknown>>>();
  for (const member of union.getTypes()) {
    for (const field of Object.values(member.getFields())) {
      const members = byName.get(field.name) ?? new Map();
      members.set(member.name, field);
      byName.set(field.name, members);
    }
  }
  return new Map([...byName].filter(([, members]) => members.size > 1));
}

/** `{ search(text: "x") { ... on M { f g } ... } }` selecting the given shared fields on every member that has them. */
function searchSelecting(schema: GraphQLSchema, names: string[]): string {
  const shared = sharedFields(schema);
  const fragments = new Map<string, string[]>();
  for (const name of names) {
    for (const [member, field] of shared.get(name)!) {
      const selection = isCompositeType(getNamedType(field.type)) ? `${name} { __typename }` : name;
      fragments.set(member, [...(fragments.get(member) ?? []), selection]);
    }
  }
  const inline = [...fragments].map(([member, fields]) => `... on ${member} { ${fields.join(" ")} }`).join(" ");
  return `{ search(text: "x") { __typename ${inline} } }`;
}

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await footprintSchema();
});

describe("SearchHit members' shared fields", () => {
  it("have one type each, apart from the documented differences", () => {
    const differing: Record<string, string[]> = {};
    const agreeing: string[] = [];
    for (const [name, members] of sharedFields(schema)) {
      const signatures = [...members].map(([member, field]) => `${member}: ${signature(field)}`);
      if (new Set([...members.values()].map(signature)).size > 1) differing[name] = signatures;
      else agreeing.push(name);
    }
    // A new disagreement (e.g. one member's field turned nullable) fails here; so does fixing a
    // documented one without taking it off the list.
    expect(Object.keys(differing).sort(), JSON.stringify(differing, null, 2)).toEqual(
      Object.keys({ ...KNOWN_DIFFERENCES, ...MERGEABLE_DIFFERENCES }).sort(),
    );
    expect(agreeing.sort()).toEqual(
      expect.arrayContaining(["code", "createdAt", "id", "name", "provenance", "slug", "sources", "startDate", "startJalali"]),
    );
  });

  it("can all be selected without aliases in one search query (the validation rule itself)", () => {
    const agreeing = [...sharedFields(schema).keys()].filter((name) => !(name in KNOWN_DIFFERENCES));
    expect(validate(schema, parse(searchSelecting(schema, agreeing)))).toEqual([]);
  });

  it.each(Object.keys(KNOWN_DIFFERENCES))("%s really does need an alias (else take it off the list)", (name) => {
    const errors = validate(schema, parse(searchSelecting(schema, [name])));
    expect(errors.map((e) => e.message)).toEqual([expect.stringContaining(`Fields "${name}" conflict`)]);
  });
});

describe("a plain search query over the union", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  const PLAIN = `
    query PlainSearch($text: String!) {
      search(text: $text, first: 50) {
        __typename
        ... on City { id slug name { en } provenance sources { title } version createdAt updatedAt }
        ... on Organisation { id slug name { en } provenance sources { title } version createdAt updatedAt }
        ... on Country { id code name { en } provenance sources { title } version createdAt updatedAt }
        ... on Trip { id code startDate startJalali { iso } endDate provenance sources { title } version }
        ... on Event { id name { en } startDate startJalali { iso } endDate provenance sources { title } version }
      }
    }`;

  it("selects `code` on Country and Trip and answers with both", async () => {
    const res = await server.gql<{ search: { __typename: string; code?: string; id: string }[] }>(PLAIN, { text: "russia" });
    expect(res.errors).toBeUndefined();
    const hits = res.data!.search;
    expect(hits).toContainEqual(expect.objectContaining({ __typename: "Country", code: "RU" }));
    const trips = hits.filter((h) => h.__typename === "Trip");
    expect(trips.length).toBeGreaterThan(0);
    for (const trip of trips) expect(trip.code).toMatch(/^CFT-\d{4}-\d{4}$/);
  });

  it("answers every member's shared fields (City, Organisation and Event too)", async () => {
    const res = await server.gql<{ search: Record<string, unknown>[] }>(PLAIN, { text: "metropolis" });
    expect(res.errors).toBeUndefined();
    const types = new Set(res.data!.search.map((h) => h.__typename));
    expect(types).toEqual(new Set(["Organisation", "Event", "Trip"]));
    for (const hit of res.data!.search) {
      expect(hit.id).toEqual(expect.any(String));
      expect(hit.provenance).toMatch(/^(SOURCED|PARTLY_SOURCED|ILLUSTRATIVE)$/);
      if (hit.__typename !== "Organisation") expect(hit.startDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    const city = await server.gql(PLAIN, { text: "tehran" });
    expect(city.errors).toBeUndefined();
    expect(city.data.search[0]).toMatchObject({ __typename: "City", slug: "tehran", name: { en: "Tehran" } });
  });
});
