/**
 * Identical subscriptions share each event's result: a change sent to many sockets subscribed with
 * the same selection (and the same viewer) is resolved once, so the database work of a write does not
 * grow with the number of subscribers. Each event still resolves against the current data.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changesAfter } from "../../src/data/changeFeed.js";
import { bearer, startTestServer, type TestServer } from "../support/testServer.js";
import { RawSocket } from "../support/wsClient.js";

const SELECTION = `subscription { changes(types: [MEMBERSHIP]) { id node { ... on Membership { status organisation { slug } member { slug } } } } }`;

describe("identical subscriptions", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    const editor = await server.createKey("EDITOR");
    await server.gql(
      `mutation($input: UpsertMembershipInput!) { upsertMembership(input: $input) { membership { id } } }`,
      { input: { organisation: "metropolis", member: "seoul", status: "APPLIED" } },
      bearer(editor),
    );
  }, 60_000);
  afterAll(() => server?.close());

  /** Statements the server ran to deliver one published change to `count` sockets subscribed alike. */
  async function statementsToDeliver(count: number, selection: (i: number) => string): Promise<number> {
    const [real] = await changesAfter(server.app.database.db, 0, 1, ["MEMBERSHIP"]);
    const sockets = await Promise.all(Array.from({ length: count }, () => RawSocket.open(server.url)));
    try {
      const { pubSub } = server.app.server.pubSub;
      const subscribed = pubSub.size + count;
      const ids = sockets.map((socket, i) => socket.start(selection(i)));
      // Subscribing is asynchronous (admission awaits the rate limit): publish once all are listening.
      while (pubSub.size < subscribed) await new Promise((r) => setTimeout(r, 10));
      const statements = await server.countStatements(async () => {
        pubSub.publish(real);
        const events = await Promise.all(sockets.map((socket, i) => socket.waitFor((m) => m.id === ids[i] && m.type === "next")));
        for (const event of events)
          expect(event.payload.data.changes.node).toMatchObject({
            status: expect.any(String),
            member: { slug: expect.any(String) },
          });
      });
      return statements;
    } finally {
      await Promise.all(sockets.map((socket) => socket.close()));
    }
  }

  it("resolve each change once, however many sockets hold them", async () => {
    const one = await statementsToDeliver(1, () => SELECTION);
    expect(one).toBeGreaterThan(0);
    expect(await statementsToDeliver(6, () => SELECTION)).toBe(one);
  });

  it("resolve a burst of changes together: one subscriber's queued events share their loads", async () => {
    const changes = await changesAfter(server.app.database.db, 0, 10, ["MEMBERSHIP"]);
    expect(new Set(changes.map((change) => change.publicId)).size).toBe(10);
    const socket = await RawSocket.open(server.url);
    try {
      const { pubSub } = server.app.server.pubSub;
      const subscribed = pubSub.size + 1;
      const id = socket.start(SELECTION);
      while (pubSub.size < subscribed) await new Promise((r) => setTimeout(r, 10));
      const deliver = (burst: typeof changes) =>
        server.countStatements(async () => {
          const seen = new Set<string>();
          const all = socket.waitFor((m) => {
            if (m.id === id && m.type === "next") seen.add(m.payload.data.changes.id);
            return seen.size === burst.length;
          });
          for (const change of burst) pubSub.publish(change);
          await all;
        });
      const one = await deliver(changes.slice(0, 1));
      expect(one).toBeGreaterThan(0);
      // Ten memberships of different organisations and cities: as many statements as one, not ten times as many.
      expect(await deliver(changes)).toBe(one);
    } finally {
      await socket.close();
    }
  });

  it("but different selections resolve apart", async () => {
    const one = await statementsToDeliver(1, () => SELECTION);
    const distinct = (i: number) => SELECTION.replace("status", `status${" ".repeat(i)} alias${i}: status`);
    expect(await statementsToDeliver(3, distinct)).toBeGreaterThan(one);
  });
});
