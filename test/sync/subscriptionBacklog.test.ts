/**
 * A subscriber that falls behind is bounded: more than SUBSCRIBER_BUFFER changes waiting for one
 * subscription end it with SUBSCRIPTION_TOO_SLOW (one last `next` with the error, then `complete`);
 * the socket, the other subscriptions and the server go on. Before the bound, the pub/sub's
 * repeater threw RepeaterOverflowError from inside the write's publish, an uncaught exception that
 * took the whole server down (exit code 1) under `npm run load -- --ws 25`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changesAfter, type ChangeRow } from "../../src/data/changeFeed.js";
import { createChangeFanOut, SUBSCRIBER_BUFFER } from "../../src/graphql/changePubSub.js";
import { bearer, startTestServer, type TestServer } from "../support/testServer.js";
import { RawSocket } from "../support/wsClient.js";

const change = (seq: number) => ({ seq, recordType: "MEMBERSHIP" }) as ChangeRow;

describe("the change fan-out", () => {
  it("queues at most its buffer per subscriber, then ends that subscriber with SUBSCRIPTION_TOO_SLOW", async () => {
    const fanOut = createChangeFanOut(3);
    const slow = fanOut.subscribe();
    const filtered = fanOut.subscribe((c) => c.recordType === "TRIP");
    for (let seq = 1; seq <= 3; seq++) fanOut.publish(change(seq));
    expect(fanOut.size).toBe(2);
    fanOut.publish(change(4)); // the fourth waiting change is one too many
    expect(fanOut.size).toBe(1); // the filtered subscriber queued nothing and stays
    await expect(slow.next()).rejects.toMatchObject({ extensions: { code: "SUBSCRIPTION_TOO_SLOW", maxPendingEvents: 3 } });
    await expect(slow.next()).resolves.toEqual({ done: true, value: undefined });
    await filtered.return();
    expect(fanOut.size).toBe(0);
  });

  it("hands a change straight to a waiting reader, in order, and a reader that keeps up is never ended", async () => {
    const fanOut = createChangeFanOut(2);
    const stream = fanOut.subscribe();
    const seen: number[] = [];
    for (let seq = 1; seq <= 50; seq++) {
      const next = stream.next();
      fanOut.publish(change(seq));
      seen.push(((await next) as IteratorYieldResult<ChangeRow>).value.seq);
    }
    expect(seen).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    await stream.return();
  });
});

describe("a subscriber that falls behind, over WebSocket", () => {
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

  it("is ended with SUBSCRIPTION_TOO_SLOW; its socket, its other subscriptions and the server go on", async () => {
    const [real] = await changesAfter(server.app.database.db, 0, 1, ["MEMBERSHIP"]);
    const socket = await RawSocket.open(server.url);
    const slow = socket.start(`subscription { changes(types: [MEMBERSHIP]) { id node { id } } }`);
    const other = socket.start(`subscription { changes(types: [TRIP]) { id } }`);
    await socket.run(`{ __typename }`);
    // More changes in one tick than any subscriber can take: before the bound, an uncaught
    // RepeaterOverflowError here ended the process.
    const { pubSub } = server.app.server.pubSub;
    for (let i = 0; i <= SUBSCRIBER_BUFFER + 1; i++) pubSub.publish(real);
    const ended = await socket.waitFor((m) => m.id === slow && m.type === "next" && Boolean(m.payload.errors));
    expect(ended.payload.errors[0]).toMatchObject({
      message: expect.stringContaining(`more than ${SUBSCRIBER_BUFFER} changes were waiting`),
      extensions: { code: "SUBSCRIPTION_TOO_SLOW" },
    });
    await socket.waitFor((m) => m.id === slow && m.type === "complete");
    expect(socket.isOpen).toBe(true);
    expect(socket.messages.some((m) => m.id === other && m.type !== "next")).toBe(false);
    expect(pubSub.size).toBe(1); // `other` is still subscribed
    const answer = await socket.run(`{ countries { code } }`);
    expect(answer.errors).toBeUndefined();
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    await socket.close();
  });
});
