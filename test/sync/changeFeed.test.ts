import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { bearer, errorCodes, startTestServer, type TestServer } from "../support/testServer.js";

let server: TestServer;
let editor: string;
beforeAll(async () => {
  server = await startTestServer();
  editor = await server.createKey("EDITOR");
});
afterAll(() => server.close());

const UPSERT = `mutation($input: UpsertMembershipInput!) { upsertMembership(input: $input) { membership { id version } userErrors { code } } }`;
const DELETE = `mutation($input: DeleteInput!) { deleteMembership(input: $input) { deletedId userErrors { code } } }`;

async function readFeed(types: string[] | null, pageSize = 37): Promise<any[]> {
  const all: any[] = [];
  let after: string | null = null;
  for (;;) {
    const res: any = await server.gql(
      `query($after: String, $first: Int!, $types: [ChangeType!]) { changes(after: $after, first: $first, types: $types) { pageInfo { hasNextPage endCursor } edges { cursor node { cursor type op id version at sequence } } } }`,
      { after, first: pageSize, types },
    );
    expect(res.errors).toBeUndefined();
    all.push(...res.data.changes.edges.map((e: any) => e.node));
    if (!res.data.changes.pageInfo.hasNextPage) return all;
    after = res.data.changes.pageInfo.endCursor;
  }
}

async function currentMemberships(): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  let after: string | null = null;
  for (;;) {
    const res: any = await server.gql(
      `query($after: String) { memberships(first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { id version } } }`,
      { after },
    );
    for (const m of res.data.memberships.nodes) out.set(m.id, m.version);
    if (!res.data.memberships.pageInfo.hasNextPage) return out;
    after = res.data.memberships.pageInfo.endCursor;
  }
}

describe("change feed", () => {
  it("replaying the feed from the start reconstructs exactly the current memberships", async () => {
    const a = await server.gql(UPSERT, { input: { organisation: "wego", member: "baghdad", status: "APPLIED" } }, bearer(editor));
    const id = a.data.upsertMembership.membership.id;
    await server.gql(UPSERT, { input: { id, organisation: "wego", member: "baghdad", status: "ACTIVE" } }, bearer(editor));
    const b = await server.gql(UPSERT, { input: { organisation: "wego", member: "doha", status: "ACTIVE" } }, bearer(editor));
    await server.gql(DELETE, { input: { id: b.data.upsertMembership.membership.id } }, bearer(editor));
    const seededMembership = (await server.gql(`{ memberships(first: 1) { nodes { id } } }`)).data.memberships.nodes[0].id;
    await server.gql(DELETE, { input: { id: seededMembership } }, bearer(editor));

    const replayed = new Map<string, number>();
    for (const change of await readFeed(["MEMBERSHIP"])) {
      if (change.op === "DELETE") replayed.delete(change.id);
      else replayed.set(change.id, change.version);
    }
    expect(replayed).toEqual(await currentMemberships());
    expect(replayed.get(id)).toBe(2);
  });

  it("is in strictly increasing order, pages the same whatever the page size, and keeps tombstones", async () => {
    const small = await readFeed(null, 7);
    const large = await readFeed(null, 500);
    expect(small).toEqual(large);
    const seqs = large.map((c) => c.sequence);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(large.some((c) => c.op === "DELETE")).toBe(true);
    expect(new Set(large.map((c) => c.type))).toEqual(
      new Set(["CITY", "ORGANISATION", "MEMBERSHIP", "EVENT", "TRIP", "ATTENDANCE", "PARTNERSHIP"]),
    );
  });

  it("at the head, endCursor stays where the client is, so polling resumes there", async () => {
    const all = await readFeed(null, 500);
    const last = all[all.length - 1].cursor;
    const head = await server.gql(
      `query($after: String) { changes(after: $after) { pageInfo { hasNextPage endCursor } nodes { id } } }`,
      { after: last },
    );
    expect(head.data.changes).toEqual({ pageInfo: { hasNextPage: false, endCursor: last }, nodes: [] });
  });

  it("refuses a malformed cursor and a bad page size", async () => {
    expect(errorCodes(await server.gql(`{ changes(after: "bm9wZQ") { nodes { id } } }`))).toEqual(["BAD_USER_INPUT"]);
    expect(errorCodes(await server.gql(`{ changes(after: "!!") { nodes { id } } }`))).toEqual(["BAD_USER_INPUT"]);
    expect(errorCodes(await server.gql(`{ changes(first: 0) { nodes { id } } }`))).toEqual(["BAD_USER_INPUT"]);
  });
});

describe("changes subscription (graphql-ws)", () => {
  it("pushes each committed change once, in order, filtered by type", async () => {
    const client = createClient({
      url: `${server.url.replace("http", "ws")}/graphql`,
      webSocketImpl: WebSocket,
      lazy: false,
      retryAttempts: 0,
    });
    const received: any[] = [];
    let ready!: () => void;
    const subscribed = new Promise<void>((r) => (ready = r));
    const done = new Promise<void>((resolve, reject) => {
      const unsubscribe = client.subscribe<any>(
        { query: `subscription { changes(types: [MEMBERSHIP]) { type op id version sequence } }` },
        {
          next: (msg) => {
            received.push(msg.data.changes);
            if (received.length === 4) {
              unsubscribe();
              resolve();
            }
          },
          error: reject,
          complete: () => resolve(),
        },
      );
      client.on("connected", () => setTimeout(ready, 50));
    });
    await subscribed;
    const created = await server.gql(
      UPSERT,
      { input: { organisation: "iclei", member: "havana", status: "APPLIED" } },
      bearer(editor),
    );
    const id = created.data.upsertMembership.membership.id;
    // A change of another type in between must not reach this subscriber.
    await server.gql(
      `mutation { syncMemberships(input: { source: "x", memberships: [] }) { userErrors { code } } }`,
      {},
      bearer(editor),
    );
    await server.gql(UPSERT, { input: { id, organisation: "iclei", member: "havana", status: "ACTIVE" } }, bearer(editor));
    await server.gql(UPSERT, { input: { id, organisation: "iclei", member: "havana", status: "ACTIVE" } }, bearer(editor)); // unchanged: no change
    await server.gql(UPSERT, { input: { id, organisation: "iclei", member: "havana", status: "SUSPENDED" } }, bearer(editor));
    await server.gql(DELETE, { input: { id } }, bearer(editor));
    await done;
    await client.dispose();
    expect(received.map((c) => [c.op, c.version])).toEqual([
      ["UPSERT", 1],
      ["UPSERT", 2],
      ["UPSERT", 3],
      ["DELETE", 4],
    ]);
    expect(new Set(received.map((c) => c.id))).toEqual(new Set([id]));
    const seqs = received.map((c) => c.sequence);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });
});
