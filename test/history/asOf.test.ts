/**
 * Answers as of a moment (src/graphql/asOf.ts): `asOfVersion` / `asOf` on node, nodes, the root
 * lists, footprint and series read the data as it stood then, relations included; every answer
 * carries `extensions.dataVersion`; cursors stay on their version; bad moments are BAD_USER_INPUT.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, startTestServer, type TestServer } from "../support/testServer.js";

const UPSERT = `mutation($input: UpsertMembershipInput!) { upsertMembership(input: $input) { membership { id status } userErrors { code message } } }`;
const DELETE = `mutation($input: DeleteInput!) { deleteMembership(input: $input) { deletedId userErrors { code } } }`;
const REQUEST = `mutation($input: RequestTripInput!) { requestTrip(input: $input) { trip { id code } userErrors { code message } } }`;

describe("as of a moment", () => {
  let server: TestServer;
  let editor: string;
  let membership: string;
  /** Data versions: before the membership existed, after it was created, after it changed, after it was deleted. */
  const v = { before: 0, created: 0, changed: 0, deleted: 0 };

  const gql = (query: string, variables?: Record<string, unknown>) => server.gql(query, variables);
  const codes = (res: { errors?: { extensions?: { code?: string } }[] }) => (res.errors ?? []).map((e) => e.extensions?.code);

  beforeAll(async () => {
    server = await startTestServer();
    editor = await server.createKey("EDITOR");
    const write = async (query: string, input: Record<string, unknown>) => {
      const res = await server.gql(query, { input }, bearer(editor));
      expect(res.errors).toBeUndefined();
      return res;
    };
    v.before = (await gql(`{ __typename }`)).extensions.dataVersion;
    const created = await write(UPSERT, { organisation: "wego", member: "tehran", status: "ACTIVE" });
    membership = created.data.upsertMembership.membership.id;
    v.created = created.extensions.dataVersion;
    v.changed = (
      await write(UPSERT, { id: membership, organisation: "wego", member: "tehran", status: "SUSPENDED" })
    ).extensions.dataVersion;
    v.deleted = (await write(DELETE, { id: membership })).extensions.dataVersion;
  }, 60_000);
  afterAll(() => server?.close());

  it("every answer says which data version it reflects; a write's answer, its own", async () => {
    expect(v.before).toBeGreaterThan(0);
    expect(v.created).toBeGreaterThan(v.before);
    expect(v.changed).toBeGreaterThan(v.created);
    expect(v.deleted).toBeGreaterThan(v.changed);
    expect((await gql(`{ trips(first: 1) { totalCount } }`)).extensions.dataVersion).toBe(v.deleted);
    expect((await gql(`{ trips(first: 1, asOfVersion: ${v.created}) { totalCount } }`)).extensions.dataVersion).toBe(v.created);
  });

  it("the seed leaves the data at the version README's citing example names", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const stated = /leaves the data at version (\d+)/.exec(readme);
    expect(stated).not.toBeNull();
    expect(v.before).toBe(Number(stated![1]));
    expect(readme).toContain(`"variables": { "v": ${v.before} }`);
  });

  it("node shows a record as each version left it, and a deleted one as it was", async () => {
    const at = async (version: number | null) =>
      (
        await gql(
          `query($id: ID!, $v: Int) { node(id: $id, asOfVersion: $v) { ... on Membership { status organisation { slug } } } }`,
          {
            id: membership,
            v: version,
          },
        )
      ).data.node;
    expect(await at(v.before)).toBeNull();
    expect(await at(v.created)).toEqual({ status: "ACTIVE", organisation: { slug: "wego" } });
    expect(await at(v.changed)).toEqual({ status: "SUSPENDED", organisation: { slug: "wego" } });
    expect(await at(v.deleted)).toBeNull();
    expect(await at(null)).toBeNull();
    const both = await gql(`query($ids: [ID!]!) { nodes(ids: $ids, asOfVersion: ${v.changed}) { id } }`, { ids: [membership] });
    expect(both.data.nodes).toEqual([{ id: membership }]);
  });

  it("lists and relations read as of the same moment", async () => {
    const query = (version: number) =>
      gql(`{
        memberships(filter: { organisation: ["wego"] }, asOfVersion: ${version}) { totalCount }
        organisation(slug: "wego", asOfVersion: ${version}) { memberships(first: 100) { totalCount nodes { status member { slug } } } }
      }`);
    const before = (await query(v.before)).data;
    const created = (await query(v.created)).data;
    const deleted = (await query(v.deleted)).data;
    expect(created.memberships.totalCount).toBe(before.memberships.totalCount + 1);
    expect(created.organisation.memberships.totalCount).toBe(before.organisation.memberships.totalCount + 1);
    expect(created.organisation.memberships.nodes).toContainEqual({ status: "ACTIVE", member: { slug: "tehran" } });
    expect(deleted).toEqual(before);
  });

  it("footprint and series answer as the data stood", async () => {
    const footprint = (version: number) =>
      gql(`{
        footprint(asOfVersion: ${version}) { activeMemberships { organisation { slug } } }
        series(metric: TRIPS_REQUESTED, groupBy: YEAR, period: { from: "2024-01-01", to: "2024-12-31" }, asOfVersion: ${version}) { key value }
      }`);
    const wego = (res: { data?: { footprint: { activeMemberships: { organisation: { slug: string } }[] } } }) =>
      res.data!.footprint.activeMemberships.filter((m) => m.organisation.slug === "wego").length;
    expect(wego(await footprint(v.created))).toBe(wego(await footprint(v.before)) + 1);
    expect(wego(await footprint(v.deleted))).toBe(wego(await footprint(v.before)));

    const beforeTrip = (await gql(`{ __typename }`)).extensions.dataVersion;
    const trip = await server.gql(
      REQUEST,
      {
        input: {
          titleFa: "سفر آزمایشی",
          titleEn: "A trip as of a moment",
          purpose: "SUMMIT",
          requestingUnit: "مرکز ارتباطات و امور بین‌الملل",
          requestedOn: "2024-04-01",
          startDate: "2024-05-10",
          endDate: "2024-05-14",
          destinations: ["istanbul"],
          delegates: [{ position: "کارشناس", role: "EXPERT" }],
        },
      },
      bearer(editor),
    );
    expect(trip.data.requestTrip.userErrors).toEqual([]);
    const total = (res: { data?: { series: { value: number }[] } }) => res.data!.series.reduce((sum, p) => sum + p.value, 0);
    expect(total(await footprint(trip.extensions.dataVersion))).toBe(total(await footprint(beforeTrip)) + 1);
  });

  it("a page's cursor stays on its version", async () => {
    const page = (extra: string, after: string | null) =>
      gql(`query($after: String) { trips(first: 2, after: $after${extra}) { nodes { code } pageInfo { endCursor } } }`, {
        after,
      });
    const first = await page(`, asOfVersion: ${v.before}`, null);
    const cursor = first.data.trips.pageInfo.endCursor;
    const second = await page(`, asOfVersion: ${v.before}`, cursor);
    expect(second.errors).toBeUndefined();
    expect(second.data.trips.nodes).toHaveLength(2);
    const current = await page("", cursor);
    expect(codes(current)).toEqual(["BAD_USER_INPUT"]);
    expect(current.errors![0].message).toMatch(new RegExp(`asOfVersion: ${v.before}`));
  });

  it("asOf takes an instant: the last change by then", async () => {
    const [row] = await server.rows(`SELECT at FROM changes WHERE seq = ?`, v.created);
    const res = await gql(`query($at: DateTime) { node(id: "${membership}", asOf: $at) { ... on Membership { status } } }`, {
      at: row.at,
    });
    expect(res.errors).toBeUndefined();
    expect(res.data.node).toEqual({ status: "ACTIVE" });
    expect(res.extensions.dataVersion).toBeGreaterThanOrEqual(v.created);
    expect(res.extensions.dataVersion).toBeLessThan(v.changed);
  });

  it("refuses a moment before the first change, in the future, both forms, or two moments in one operation", async () => {
    const refused = async (query: string, pattern: RegExp) => {
      const res = await gql(query);
      expect(codes(res)).toEqual(["BAD_USER_INPUT"]);
      expect(res.errors![0].message).toMatch(pattern);
      expect(res.status).toBe(400);
    };
    await refused(`{ trips(asOfVersion: 0) { totalCount } }`, /before the first change/);
    await refused(`{ trips(asOfVersion: ${v.deleted + 1000}) { totalCount } }`, /in the future/);
    await refused(`{ trips(asOf: "2999-01-01T00:00:00Z") { totalCount } }`, /in the future/);
    await refused(`{ trips(asOf: "1990-01-01T00:00:00Z") { totalCount } }`, /before the first change/);
    await refused(`{ trips(asOf: "2020-01-01T00:00:00Z", asOfVersion: 3) { totalCount } }`, /not both/);
    await refused(`{ a: trips(asOfVersion: 3) { totalCount } b: trips(asOfVersion: 4) { totalCount } }`, /one moment/);
    await refused(`{ a: trips(asOfVersion: 3) { totalCount } events { totalCount } }`, /to every root field or to none/);
  });
});
