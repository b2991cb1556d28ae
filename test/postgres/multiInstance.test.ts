/**
 * Two API processes on one PostgreSQL database behave as one: a write through either is read
 * through the other, appears once in the other's change feed and in a subscription opened on the
 * other; concurrent writes through both number the feed 1, 2, 3, … with no gap or reordering; an
 * idempotency key and an expected version hold across instances (the database decides, not a
 * process's memory).
 * PostgreSQL only (SQLite serves one process per file).
 */
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../db/connection.js";
import { createApiKey } from "../../src/data/apiKeys.js";
import { startServerProcess, type ServerProcess } from "../support/serverProcess.js";
import { dropTestSchema, testBackend, uniqueTestSchema } from "../support/testDatabase.js";

const onPostgres = testBackend() === "postgres";
const url = process.env.TEST_DATABASE_URL ?? "";
const schema = uniqueTestSchema("test_multi");

let a: ServerProcess;
let b: ServerProcess;
let database: DatabaseHandle;
let editorKey: string;

async function gql(server: ServerProcess, query: string, variables?: Record<string, unknown>, key?: string): Promise<any> {
  const res = await fetch(`${server.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: any; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data;
}

const UPSERT = `mutation($input: UpsertMembershipInput!) { upsertMembership(input: $input) { membership { id version status } userErrors { code message } } }`;
const FEED = `query($after: String) { changes(after: $after, first: 500) { pageInfo { endCursor } nodes { id op version sequence } } }`;

async function feedAfter(server: ServerProcess, after: string | null): Promise<{ nodes: any[]; endCursor: string | null }> {
  const data = await gql(server, FEED, { after });
  return { nodes: data.changes.nodes, endCursor: data.changes.pageInfo.endCursor };
}

describe.skipIf(!onPostgres)("two instances on one PostgreSQL database", () => {
  beforeAll(async () => {
    const env = { ...process.env, DATABASE_URL: url, DATABASE_SCHEMA: schema, NODE_ENV: "production", LOG_LEVEL: "info" };
    // Started together: migrations and the seed must not race.
    [a, b] = await Promise.all([startServerProcess({ env }), startServerProcess({ env })]);
    database = await openDatabase({ url, schemaName: schema, poolSize: 2 });
    editorKey = (await createApiKey(database.db, { role: "EDITOR", name: "multi-instance editor" })).secret;
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.stop("SIGTERM"), b?.stop("SIGTERM")]);
    await database?.close();
    await dropTestSchema(schema);
  });

  it("both serve the one seed, loaded once", async () => {
    const [fromA, fromB] = await Promise.all(
      [a, b].map((s) => gql(s, `{ trips(first: 1) { totalCount } changes(first: 1) { nodes { sequence } } }`)),
    );
    expect(fromA).toEqual(fromB);
    const { rows } = await database.pool!.query(
      "select count(*)::int as n, count(distinct public_id)::int as distinct_ids from changes",
    );
    expect(rows[0].n).toBe(rows[0].distinct_ids);
  });

  it("a write through A is read through B, once in B's feed and once in a subscription on B", async () => {
    const before = await feedAfter(b, null);
    let cursor = before.endCursor;
    for (let page = before; page.nodes.length === 500; page = await feedAfter(b, cursor)) cursor = page.endCursor;

    const client = createClient({
      url: `${b.url.replace("http", "ws")}/graphql`,
      webSocketImpl: WebSocket,
      lazy: false,
      retryAttempts: 0,
    });
    const received: any[] = [];
    let ready!: () => void;
    const subscribed = new Promise<void>((r) => (ready = r));
    const firstTwo = new Promise<void>((resolve, reject) => {
      client.subscribe<any>(
        { query: `subscription { changes(types: [MEMBERSHIP]) { id op version sequence } }` },
        {
          next: (msg) => {
            received.push(msg.data.changes);
            if (received.length === 2) resolve();
          },
          error: reject,
          complete: () => resolve(),
        },
      );
      client.on("connected", () => setTimeout(ready, 100));
    });
    await subscribed;

    const created = await gql(a, UPSERT, { input: { organisation: "iclei", member: "havana", status: "APPLIED" } }, editorKey);
    expect(created.upsertMembership.userErrors).toEqual([]);
    const id = created.upsertMembership.membership.id;
    await gql(a, UPSERT, { input: { id, organisation: "iclei", member: "havana", status: "ACTIVE" } }, editorKey);

    const readOnB = await gql(b, `query($id: ID!) { node(id: $id) { ... on Membership { id version status } } }`, { id });
    expect(readOnB.node).toEqual({ id, version: 2, status: "ACTIVE" });

    const after = await feedAfter(b, cursor);
    expect(after.nodes.filter((n) => n.id === id).map((n) => [n.op, n.version])).toEqual([
      ["UPSERT", 1],
      ["UPSERT", 2],
    ]);

    await Promise.race([
      firstTwo,
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error(`subscription on B got ${JSON.stringify(received)}`)), 10_000),
      ),
    ]);
    await new Promise((r) => setTimeout(r, 300)); // a duplicate would arrive by now
    await client.dispose();
    expect(received.map((c) => [c.id, c.op, c.version])).toEqual([
      [id, "UPSERT", 1],
      [id, "UPSERT", 2],
    ]);
    expect(received.map((c) => c.sequence)).toEqual(after.nodes.filter((n) => n.id === id).map((n) => n.sequence));
  });

  it("the same idempotency key sent to both at once writes once; both answer the same", async () => {
    const SYNC = `mutation($input: SyncMembershipsInput!) { syncMemberships(input: $input) { replayed results { externalId outcome } userErrors { code } } }`;
    const input = {
      source: "multi-instance-registry",
      idempotencyKey: "batch-1",
      memberships: ["tehran", "seoul", "istanbul"].map((member, i) => ({
        externalId: `MI-${i}`,
        organisation: "metropolis",
        member,
        status: "ACTIVE",
      })),
    };
    const answers = (await Promise.all([gql(a, SYNC, { input }, editorKey), gql(b, SYNC, { input }, editorKey)])).map(
      (d) => d.syncMemberships,
    );
    expect(answers.map((x) => x.replayed).sort()).toEqual([false, true]);
    expect(answers[0].results).toEqual(answers[1].results);
    expect(answers[0].results.map((r: any) => r.outcome)).toEqual(["INSERTED", "INSERTED", "INSERTED"]);
    const { rows } = await database.pool!.query(
      "select count(*)::int as n from external_ids where scheme = 'multi-instance-registry'",
    );
    expect(rows[0].n).toBe(3);
  });

  it("two writers with one expected version, one through each instance: exactly one wins", async () => {
    const created = await gql(a, UPSERT, { input: { organisation: "citynet", member: "havana", status: "APPLIED" } }, editorKey);
    expect(created.upsertMembership.userErrors).toEqual([]);
    const { id, version } = created.upsertMembership.membership;
    const attempts = await Promise.all(
      [a, b].map((s, i) =>
        gql(
          s,
          UPSERT,
          {
            input: {
              id,
              organisation: "citynet",
              member: "havana",
              status: i ? "ACTIVE" : "SUSPENDED",
              expectedVersion: version,
            },
          },
          editorKey,
        ),
      ),
    );
    const codes = attempts.map((x) => x.upsertMembership.userErrors.map((e: any) => e.code));
    expect(codes.filter((c) => c.length === 0)).toHaveLength(1);
    expect(codes.flat()).toEqual(["VERSION_MISMATCH"]);
    const after = await gql(b, `query($id: ID!) { node(id: $id) { ... on Membership { version } } }`, { id });
    expect(after.node.version).toBe(version + 1);
  });

  it("concurrent writes through both number the feed without gaps, the same on both", async () => {
    const members = ["havana", "kabul", "baku", "yerevan", "tbilisi", "dushanbe", "doha", "muscat"];
    const writes = members.flatMap((member, i) =>
      ["APPLIED", "ACTIVE"].map(
        (status) => () => gql(i % 2 ? a : b, UPSERT, { input: { organisation: "uclg", member, status } }, editorKey),
      ),
    );
    // Each member's two writes in order, different members at the same time, half through each instance.
    await Promise.all(members.map((_, i) => writes[2 * i]().then(() => writes[2 * i + 1]())));
    const [onA, onB] = await Promise.all(
      [a, b].map(async (s) => {
        const all: any[] = [];
        let cursor: string | null = null;
        for (;;) {
          const page = await feedAfter(s, cursor);
          all.push(...page.nodes);
          if (page.nodes.length < 500) return all;
          cursor = page.endCursor;
        }
      }),
    );
    expect(onA).toEqual(onB);
    const seqs = onA.map((n) => n.sequence);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
  });

  it("with both response caches on (the default), a write through A is never answered with the old answer by B", async () => {
    const metrics = async (s: ServerProcess) => (await fetch(`${s.url}/metrics`)).text();
    const hits = (text: string) => Number(/footprint_response_cache_total\{outcome="hit"\} (\d+)/.exec(text)?.[1] ?? 0);
    const query = `{ memberships(first: 50, filter: { organisation: ["metropolis"] }) { nodes { member { slug } status role } } }`;
    const first = await gql(b, query);
    const hitsBefore = hits(await metrics(b));
    expect(await gql(b, query)).toEqual(first);
    expect(hits(await metrics(b))).toBe(hitsBefore + 1);
    const written = await gql(
      a,
      UPSERT,
      { input: { organisation: "metropolis", member: "kazan", status: "APPLIED" } },
      editorKey,
    );
    expect(written.upsertMembership.userErrors).toEqual([]);
    const after = await gql(b, query);
    expect(after.memberships.nodes).toContainEqual({ member: { slug: "kazan" }, status: "APPLIED", role: "MEMBER" });
    expect(after).not.toEqual(first);
  });
});
