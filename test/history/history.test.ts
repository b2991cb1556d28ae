/**
 * `history` on every record type and `record` on the change feed (src/modules/history): each
 * version with its change and the record as that change left it, a deleted record included; one
 * statement per kind of record, whatever the page size.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, startTestServer, type TestServer } from "../support/testServer.js";

const UPSERT = `mutation($input: UpsertMembershipInput!) { upsertMembership(input: $input) { membership { id status } userErrors { code message } } }`;
const DELETE = `mutation($input: DeleteInput!) { deleteMembership(input: $input) { deletedId userErrors { code } } }`;
const HISTORY = `history(first: 10) { totalCount nodes { version op sequence at changedFields actor { role name organisation { slug } } record { status organisation { slug } } } }`;

describe("record history", () => {
  let server: TestServer;
  let editor: string;
  let admin: string;
  let membership: string;
  let feedStart: string;
  const v = { created: 0, changed: 0, deleted: 0 };

  beforeAll(async () => {
    server = await startTestServer();
    editor = await server.createKey("EDITOR", { name: "history editor" });
    admin = await server.createKey("ADMIN");
    feedStart = (await server.gql(`{ changes(first: 500) { pageInfo { endCursor } } }`)).data.changes.pageInfo.endCursor;
    const write = async (query: string, input: Record<string, unknown>) => {
      const res = await server.gql(query, { input }, bearer(editor));
      expect(res.errors).toBeUndefined();
      return res;
    };
    const created = await write(UPSERT, { organisation: "wego", member: "tehran", status: "ACTIVE", categoryLabel: "Member" });
    membership = created.data.upsertMembership.membership.id;
    v.created = created.extensions.dataVersion;
    v.changed = (
      await write(UPSERT, { id: membership, organisation: "wego", member: "tehran", status: "SUSPENDED" })
    ).extensions.dataVersion;
    v.deleted = (await write(DELETE, { id: membership })).extensions.dataVersion;
  }, 60_000);
  afterAll(() => server?.close());

  it("lists every version of a record, a deleted one included, each as its change left it", async () => {
    // A deleted record is reached through its deletion in the change feed.
    const res = await server.gql(
      `query($after: String) { changes(after: $after, first: 10, types: [MEMBERSHIP]) { nodes { op record { ... on Membership { ${HISTORY} } } } } }`,
      { after: feedStart },
      bearer(editor),
    );
    expect(res.errors).toBeUndefined();
    const history = res.data.changes.nodes.find((n: any) => n.op === "DELETE").record.history;
    expect(history.totalCount).toBe(3);
    expect(history.nodes.map((n: any) => [n.op, n.sequence, n.record?.status])).toEqual([
      ["UPSERT", v.created, "ACTIVE"],
      ["UPSERT", v.changed, "SUSPENDED"],
      ["DELETE", v.deleted, "SUSPENDED"],
    ]);
    expect(history.nodes.map((n: any) => n.version)).toEqual([1, 2, 3]);
    expect(history.nodes[0].changedFields).toEqual(expect.arrayContaining(["status", "organisationId", "memberCityId"]));
    expect(history.nodes[1].changedFields).toContain("status");
    expect(history.nodes[1].changedFields).not.toContain("organisationId");
    expect(history.nodes[2].changedFields).toEqual([]);
    for (const n of history.nodes) expect(n.actor).toEqual({ role: "EDITOR", name: null, organisation: null });
  });

  it("as of a moment, a record's history stops there, so the answer is the same whenever it is asked", async () => {
    const at = async (version: number) =>
      (
        await server.gql(
          `query($id: ID!) { node(id: $id, asOfVersion: ${version}) { ... on Membership { history(first: 10) { totalCount nodes { op sequence } } } } }`,
          { id: membership },
        )
      ).data.node.history;
    expect(await at(v.created)).toEqual({ totalCount: 1, nodes: [{ op: "UPSERT", sequence: v.created }] });
    expect(await at(v.changed)).toEqual({
      totalCount: 2,
      nodes: [
        { op: "UPSERT", sequence: v.created },
        { op: "UPSERT", sequence: v.changed },
      ],
    });
  });

  it("names the writer's key to an ADMIN only", async () => {
    const res = await server.gql(
      `query($id: ID!) { node(id: $id, asOfVersion: ${v.created}) { ... on Membership { history { nodes { actor { name } } } } } }`,
      { id: membership },
      bearer(admin),
    );
    expect(res.data.node.history.nodes[0].actor.name).toBe("history editor");
  });

  it("starts with the seed's load as version 1, for every kind of record", async () => {
    const res = await server.gql(`{
      trips(first: 1) { nodes { id history { nodes { version op actor { role } record { id } } } } }
      events(first: 1) { nodes { id history { nodes { version op actor { role } record { id } } } } }
      organisations(first: 1) { nodes { id history { nodes { version op actor { role } record { id } } } } }
      cities(first: 1) { nodes { id history { nodes { version op actor { role } record { id } } } } }
      partnerships(first: 1) { nodes { id history { nodes { version op actor { role } record { id } } } } }
      memberships(first: 1) { nodes { id history { nodes { version op actor { role } record { id } } } } }
    }`);
    expect(res.errors).toBeUndefined();
    for (const list of Object.values<{ nodes: { id: string; history: { nodes: unknown[] } }[] }>(res.data)) {
      const [record] = list.nodes;
      expect(record.history.nodes[0]).toEqual({ version: 1, op: "UPSERT", actor: { role: "SYSTEM" }, record: { id: record.id } });
    }
  });

  it("pages with first/after", async () => {
    const page = (after: string | null) =>
      server.gql(
        `query($id: ID!, $after: String) { node(id: $id, asOfVersion: ${v.changed}) { ... on Membership { history(first: 1, after: $after) { nodes { sequence } pageInfo { hasNextPage endCursor } } } } }`,
        { id: membership, after },
      );
    const first = (await page(null)).data.node.history;
    expect(first.nodes.map((n: any) => n.sequence)).toEqual([v.created]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await page(first.pageInfo.endCursor)).data.node.history;
    expect(second.nodes.map((n: any) => n.sequence)).toEqual([v.changed]);
    expect(second.pageInfo.hasNextPage).toBe(false);
    const bad = await page("bm9wZQ");
    expect(bad.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("the change feed carries each change's record as it left it", async () => {
    const res = await server.gql(
      `query($after: String) { changes(after: $after, first: 10, types: [MEMBERSHIP]) { nodes { op sequence record { ... on Membership { status } } node { id } } } }`,
      { after: feedStart },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.changes.nodes.map((n: any) => [n.op, n.record?.status, n.node])).toEqual([
      ["UPSERT", "ACTIVE", null],
      ["UPSERT", "SUSPENDED", null],
      ["DELETE", "SUSPENDED", null],
    ]);
  });

  it("a page of 20 trips with their history runs as many statements as a page of 2", async () => {
    const query = (n: number) =>
      server.gql(`{ trips(first: ${n}) { nodes { code history { totalCount nodes { op record { code } } } } } }`);
    const small = await server.countStatements(() => query(2));
    const large = await server.countStatements(() => query(20));
    expect(small).toBeGreaterThan(2);
    expect(large).toBe(small);
  });
});
