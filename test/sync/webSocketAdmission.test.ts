/**
 * GraphQL over WebSocket goes through the same admission as HTTP (src/http/admission.ts): every
 * limit, the rate limit's budget, the deadline, trusted documents, the introspection switch and
 * error masking hold on graphql-ws too; and the socket's own limits: message size, subscriptions
 * per socket, sockets per address, connection_init timeout, a bad key (4401), a revoked key (4403),
 * a subscription's cost cap, fresh data in every event, and a server that stays responsive while a
 * write goes out to many heavy subscriptions.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, startTestServer, type TestServer } from "../support/testServer.js";
import { codesOf, RawSocket } from "../support/wsClient.js";

let server: TestServer;
let editor: string;
beforeAll(async () => {
  server = await startTestServer();
  editor = await server.createKey("EDITOR");
}, 60_000);
afterAll(() => server?.close());

const UPSERT = `mutation($input: UpsertMembershipInput!) { upsertMembership(input: $input) { membership { id version } userErrors { code } } }`;
/** Exactly at the subscription cost cap (100): 4 + 2 × 48. */
const heavySubscription = (first: number) =>
  `subscription { changes(types: [MEMBERSHIP]) { id version node { ... on Membership { status organisation { slug memberships(first: ${first}) { nodes { id status member { slug } } } } } } } }`;

describe("the operation limits hold on WebSocket", () => {
  let socket: RawSocket;
  beforeAll(async () => {
    socket = await RawSocket.open(server.url);
  });
  afterAll(() => socket?.close());

  it("runs an ordinary query with its cost reported, as HTTP does", async () => {
    const answer = await socket.run(`{ countries { code } }`);
    expect(answer.errors).toBeUndefined();
    expect(answer.data.countries).toContainEqual({ code: "IR" });
    expect(answer.extensions.cost).toMatchObject({ requestedQueryCost: 1, maximumQueryCost: 25_000 });
  });

  it.each([
    [
      "depth",
      `{ cities(first: 1) { nodes { ${"country { cities(first: 1) { nodes { ".repeat(4)} slug ${"} } }".repeat(4)} } } }`,
      "MAX_DEPTH_EXCEEDED",
    ],
    ["aliases", `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: countries { code }`).join(" ")} }`, "MAX_ALIASES_EXCEEDED"],
    ["directives", `{ __typename ${"@include(if: true) ".repeat(51)} }`, "MAX_DIRECTIVES_EXCEEDED"],
    ["tokens", `{ ${"__typename ".repeat(2_100)} }`, "MAX_TOKENS_EXCEEDED"],
    ["repeated fields", `{ __typename __typename __typename __typename }`, "REPEATED_FIELD_LIMIT_EXCEEDED"],
    ["list literals", `{ nodes(ids: [${Array.from({ length: 251 }, () => `"x"`).join(",")}]) { id } }`, "LIST_INPUT_TOO_LONG"],
  ])("refuses a document over the %s limit", async (_limit, query, code) => {
    const answer = await socket.run(query);
    expect(codesOf(answer)).toContain(code);
    expect(answer.data ?? null).toBeNull();
    expect(answer.errors![0].extensions.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("refuses a query over the cost limit, with the limit in the message", async () => {
    const answer = await socket.run(
      `{ organisations(first: 100) { nodes { memberships(first: 100) { nodes { member { memberships(first: 100) { nodes { id } } } } } } } }`,
    );
    expect(codesOf(answer)).toEqual(["MAX_COST_EXCEEDED"]);
    expect(answer.errors![0].message).toMatch(/cost limit of 25000 exceeded/);
  });

  it("refuses a list variable over the limit", async () => {
    const ids = Array.from({ length: 251 }, () => "x");
    const answer = await socket.run(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids });
    expect(codesOf(answer)).toEqual(["LIST_INPUT_TOO_LONG"]);
  });

  it("closes the socket on a message over the body limit (1009), and the server serves on", async () => {
    const big = await RawSocket.open(server.url);
    big.send({ id: "1", type: "subscribe", payload: { query: `{ __typename }`, variables: { pad: "x".repeat(200_000) } } });
    expect((await big.closed).code).toBe(1009);
    expect((await socket.run(`{ __typename }`)).data).toEqual({ __typename: "Query" });
  });
});

describe("budget, masking and introspection on WebSocket (production, small budget, introspection off)", () => {
  let prod: TestServer;
  beforeAll(async () => {
    prod = await startTestServer({ config: { NODE_ENV: "production", INTROSPECTION: false, RATE_LIMIT_ANONYMOUS: 300 } });
  }, 60_000);
  afterAll(() => prod?.close());

  it("refuses introspection", async () => {
    const socket = await RawSocket.open(prod.url);
    const answer = await socket.run(`{ __schema { types { name } } }`);
    expect(new Set(codesOf(answer))).toEqual(new Set(["GRAPHQL_VALIDATION_FAILED"]));
    expect(answer.errors![0].message).toMatch(/introspection/i);
    expect(JSON.stringify(answer)).not.toMatch(/RateLimit|"Trip"/);
    await socket.close();
  });

  it("charges WebSocket queries to the address's budget that HTTP draws on", async () => {
    const socket = await RawSocket.open(prod.url);
    const query = `{ trips(first: 100) { nodes { id } } }`;
    let refusal: { errors?: any[] } | null = null;
    for (let i = 0; i < 50 && !refusal; i++) {
      const answer = await socket.run(query);
      if (answer.errors) refusal = answer;
    }
    expect(refusal, "the budget of 300 runs out within 50 queries").not.toBeNull();
    expect(codesOf(refusal!)).toEqual(["RATE_LIMITED"]);
    expect(refusal!.errors![0].extensions.http).toBeUndefined();
    const http = await prod.gql(query);
    expect(http.status).toBe(429);
    await socket.close();
  });

  it("masks an internal error: a generic message, no SQL, with a request id", async () => {
    const socket = await RawSocket.open(prod.url, { authorization: `Bearer ${await prod.createKey("EDITOR")}` });
    await prod.exec("ALTER TABLE countries RENAME TO countries_gone");
    const answer = await socket.run(`{ countries { code } }`);
    expect(codesOf(answer)).toEqual(["INTERNAL_SERVER_ERROR"]);
    expect(answer.errors![0].message).toMatch(/^Internal server error/);
    expect(answer.errors![0].extensions.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(answer)).not.toMatch(/countries_gone|SELECT|no such table|stacktrace|node_modules/i);
    await socket.close();
  });
});

describe("deadline and trusted documents on WebSocket", () => {
  let tight: TestServer;
  let dir: string;
  const TRIP = `nodes { id code title { en } destinations { slug country { code name { en } } } delegates { name { en } } events { id name { en } } }`;
  const HEAVY = `query Heavy { a: trips(first: 100) { ${TRIP} } b: trips(first: 100, orderBy: [{ field: CODE, direction: ASC }]) { ${TRIP} } }`;
  const SMALL = `{ __typename }`;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "footprint-ws-"));
    const file = join(dir, "manifest.json");
    const sha = (text: string) => createHash("sha256").update(text).digest("hex");
    writeFileSync(
      file,
      JSON.stringify({
        format: "apollo-persisted-query-manifest",
        version: 1,
        operations: [HEAVY, SMALL].map((body) => ({ id: sha(body), name: "x", type: "query", body })),
      }),
    );
    tight = await startTestServer({ config: { EXECUTION_TIMEOUT_MS: 1, TRUSTED_DOCUMENTS: file } });
  }, 60_000);
  afterAll(async () => {
    await tight?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("runs only the manifest's documents", async () => {
    const socket = await RawSocket.open(tight.url);
    expect((await socket.run(SMALL)).data).toEqual({ __typename: "Query" });
    const refused = await socket.run(`{ countries { code } }`);
    expect(codesOf(refused)).toEqual(["PERSISTED_QUERY_NOT_ALLOWED"]);
    await socket.close();
  });

  it("stops a query past the execution deadline", async () => {
    const socket = await RawSocket.open(tight.url);
    const answer = await socket.run(HEAVY);
    expect(new Set(codesOf(answer))).toEqual(new Set(["EXECUTION_TIMEOUT"]));
    await socket.close();
  });
});

describe("the socket's own limits", () => {
  it("closes a socket with a bad key with 4401, never 4500", async () => {
    const socket = await RawSocket.open(server.url, { authorization: "Bearer fp_not_a_key" });
    expect(await socket.closed).toMatchObject({ code: 4401 });
  });

  it("closes a socket that never sends connection_init (4408)", async () => {
    const socket = await RawSocket.open(server.url, undefined, false);
    expect((await socket.closed).code).toBe(4408);
  });

  it("refuses a subscription over its cost cap when it subscribes, with the limit in the message", async () => {
    const socket = await RawSocket.open(server.url);
    const id = socket.start(heavySubscription(49));
    const error = await socket.waitFor((m) => m.id === id && m.type === "error");
    expect(error.payload[0].extensions.code).toBe("MAX_SUBSCRIPTION_COST_EXCEEDED");
    expect(error.payload[0].message).toMatch(/Subscription cost limit of 100 exceeded, found 102/);
    await socket.close();
  });

  it("caps the subscriptions of one socket at 20", async () => {
    const socket = await RawSocket.open(server.url);
    const ids = Array.from({ length: 21 }, () => socket.start(`subscription { changes { id } }`));
    const error = await socket.waitFor((m) => m.type === "error");
    expect(error.id).toBe(ids[20]);
    expect(error.payload[0].extensions.code).toBe("SUBSCRIPTION_LIMIT_EXCEEDED");
    // Completing one frees its place.
    socket.send({ id: ids[0], type: "complete" });
    await socket.run(`{ __typename }`);
    const again = socket.start(`subscription { changes { id } }`);
    await socket.run(`{ __typename }`);
    expect(socket.messages.some((m) => m.id === again && m.type === "error")).toBe(false);
    await socket.close();
  });

  it("caps the sockets of one client address at 32 (4429)", async () => {
    const sockets = await Promise.all(Array.from({ length: 32 }, () => RawSocket.open(server.url)));
    expect(sockets.every((s) => s.isOpen)).toBe(true);
    const extra = await RawSocket.open(server.url, undefined, false);
    expect((await extra.closed).code).toBe(4429);
    await sockets[0].close();
    const replacement = await RawSocket.open(server.url);
    expect(replacement.isOpen).toBe(true);
    await Promise.all([...sockets.slice(1), replacement].map((s) => s.close()));
  });

  it("ends a revoked key's subscriptions and closes its socket with 4403", async () => {
    const secret = await server.createKey("PARTNER", { organisation: "metropolis", name: "to be revoked" });
    const socket = await RawSocket.open(server.url, { authorization: `Bearer ${secret}` });
    expect(socket.isOpen).toBe(true);
    const id = socket.start(`subscription { changes(types: [MEMBERSHIP]) { id } }`);
    await socket.run(`{ __typename }`);
    await server.exec("UPDATE api_keys SET revoked_at = ? WHERE name = 'to be revoked'", new Date().toISOString());
    await server.gql(UPSERT, { input: { organisation: "wego", member: "tokyo", status: "APPLIED" } }, bearer(editor));
    expect((await socket.closed).code).toBe(4403);
    expect(socket.events(id)).toEqual([]);
  });
});

describe("subscription events", () => {
  it("resolve `node` against the data as it is at each event, not as it was at subscribe", async () => {
    const socket = await RawSocket.open(server.url);
    const id = socket.start(`subscription { changes(types: [MEMBERSHIP]) { version node { ... on Membership { status } } } }`);
    await socket.run(`{ __typename }`);
    const created = await server.gql(
      UPSERT,
      { input: { organisation: "iclei", member: "seoul", status: "APPLIED" } },
      bearer(editor),
    );
    const membership = created.data.upsertMembership.membership.id;
    const version = (n: number) => (m: { id?: string; type: string; payload?: any }) =>
      m.id === id && m.type === "next" && m.payload.data.changes.version === n;
    await socket.waitFor(version(1));
    await server.gql(
      UPSERT,
      { input: { id: membership, organisation: "iclei", member: "seoul", status: "ACTIVE" } },
      bearer(editor),
    );
    await socket.waitFor(version(2));
    await server.gql(
      UPSERT,
      { input: { id: membership, organisation: "iclei", member: "seoul", status: "SUSPENDED" } },
      bearer(editor),
    );
    await socket.waitFor(version(3));
    expect(socket.events(id).map((e) => [e.data.changes.version, e.data.changes.node.status])).toEqual([
      [1, "APPLIED"],
      [2, "ACTIVE"],
      [3, "SUSPENDED"],
    ]);
    await socket.close();
  });

  it("20 subscriptions at the cost cap, one write: /healthz answers within 200 ms while the events go out", async () => {
    const socket = await RawSocket.open(server.url);
    const ids = Array.from({ length: 20 }, () => socket.start(heavySubscription(48)));
    await socket.run(`{ __typename }`);
    expect(socket.messages.filter((m) => m.type === "error")).toEqual([]);
    const before = socket.messages.length;
    const write = server.gql(
      UPSERT,
      { input: { organisation: "metropolis", member: "seoul", status: "APPLIED" } },
      bearer(editor),
    );
    // As soon as the first event is out, the rest are being resolved: /healthz must not wait for them.
    await socket.waitFor((m) => m.type === "next", before);
    const started = performance.now();
    const health = await fetch(`${server.url}/healthz`);
    const healthMs = performance.now() - started;
    expect(health.status).toBe(200);
    await write;
    for (const id of ids) await socket.waitFor((m) => m.id === id && m.type === "next", before);
    const pending = socket.messages.slice(before).filter((m) => m.type === "next").length;
    expect(pending).toBe(20);
    expect(healthMs).toBeLessThan(200);
    await socket.close();
  });
});
