/**
 * Publication of committed changes to live subscriptions (graphql-ws), in feed order.
 *
 * On SQLite the write path publishes each change after its transaction commits. On PostgreSQL,
 * where several instances share the database, every write announces itself on commit and each
 * instance publishes from the feed (src/data/changeNotifications.ts), its own writes included, so
 * a subscriber on any instance sees every change once, in order.
 */
import { GraphQLError } from "graphql";
import type { Logger } from "pino";
import type { DatabaseHandle } from "../../db/connection.js";
import { changesAfter, lastChangeSeq, type ChangeRow } from "../data/changeFeed.js";
import { changesChannel, listenForChanges, type ChangeListener } from "../data/changeNotifications.js";
import type { ChangePublisher } from "../data/writes/writeSession.js";
import { ErrorCode } from "../lib/errorCodes.js";

const CATCH_UP_PAGE = 500;

/**
 * Events a subscription may have waiting (published, not yet resolved and sent). A subscriber that
 * falls further behind is ended with SUBSCRIPTION_TOO_SLOW instead of holding an ever longer queue:
 * its client resumes from the `changes` query with the cursor of the last change it received.
 */
export const SUBSCRIBER_BUFFER = 1_000;

/** One subscriber's bounded queue of changes, read as an async iterator. */
export type ChangeStream = AsyncIterableIterator<ChangeRow> & {
  next(): Promise<IteratorResult<ChangeRow, undefined>>;
  return(): Promise<IteratorReturnResult<undefined>>;
  /** Up to `max` changes already queued, taken at once (none waits). */
  takeQueued(max: number): ChangeRow[];
};

/**
 * The fan-out of committed changes to live subscriptions: one list of subscribers (no event
 * listener per subscription), a bounded queue each. `publish` never throws and never waits.
 */
export function createChangeFanOut(bufferSize = SUBSCRIBER_BUFFER) {
  interface Subscriber {
    accepts: (change: ChangeRow) => boolean;
    queue: ChangeRow[];
    waiting: ((result: IteratorResult<ChangeRow, undefined>) => void) | null;
    overflowed: boolean;
  }
  const subscribers = new Set<Subscriber>();
  const tooSlow = () =>
    new GraphQLError(
      `Subscription ended: more than ${bufferSize} changes were waiting to be sent to it (the client or the connection is too slow to keep up). Catch up with the \`changes\` query from the cursor of the last change received, then subscribe again.`,
      { extensions: { code: ErrorCode.SUBSCRIPTION_TOO_SLOW, maxPendingEvents: bufferSize } },
    );

  return {
    /** Subscribers open now. */
    get size() {
      return subscribers.size;
    },
    publish(change: ChangeRow): void {
      for (const subscriber of subscribers) {
        if (subscriber.overflowed || !subscriber.accepts(change)) continue;
        if (subscriber.waiting) {
          const resolve = subscriber.waiting;
          subscriber.waiting = null;
          resolve({ done: false, value: change });
        } else if (subscriber.queue.length >= bufferSize) {
          // Too far behind: its queue goes now, and its next read ends the subscription with the error.
          subscriber.overflowed = true;
          subscriber.queue = [];
          subscribers.delete(subscriber);
        } else {
          subscriber.queue.push(change);
        }
      }
    },
    /** The changes `accepts` lets through, from now on, until `return()`. */
    subscribe(accepts: (change: ChangeRow) => boolean = () => true): ChangeStream {
      const subscriber: Subscriber = { accepts, queue: [], waiting: null, overflowed: false };
      subscribers.add(subscriber);
      let ended = false;
      const end = (): Promise<IteratorReturnResult<undefined>> => {
        ended = true;
        subscribers.delete(subscriber);
        subscriber.queue = [];
        const waiting = subscriber.waiting;
        subscriber.waiting = null;
        waiting?.({ done: true, value: undefined });
        return Promise.resolve({ done: true, value: undefined });
      };
      const stream: ChangeStream = {
        next() {
          if (ended) return Promise.resolve({ done: true, value: undefined });
          const queued = subscriber.queue.shift();
          if (queued) return Promise.resolve({ done: false, value: queued });
          if (subscriber.overflowed) {
            void end();
            return Promise.reject(tooSlow());
          }
          return new Promise((resolve) => (subscriber.waiting = resolve));
        },
        return: end,
        takeQueued: (max) => subscriber.queue.splice(0, max),
        throw(error: unknown) {
          void end();
          return Promise.reject(error instanceof Error ? error : new Error(String(error)));
        },
        [Symbol.asyncIterator]() {
          return stream;
        },
      };
      return stream;
    },
  };
}

export type ChangeFanOut = ReturnType<typeof createChangeFanOut>;

export async function createChangePubSub(database: DatabaseHandle, logger: Pick<Logger, "warn">) {
  const pubSub = createChangeFanOut();
  if (database.dialect !== "postgres") {
    const publisher: ChangePublisher = { publish: (change) => pubSub.publish(change), channel: null };
    return { pubSub, publisher, close: async () => {} };
  }

  // Everything up to now is history; subscribers hear what commits from here on.
  let published = await lastChangeSeq(database.db);
  let reading: Promise<void> = Promise.resolve();
  let again = false;
  /** Publishes every change after the last one published. One read at a time, so order holds. */
  const catchUp = async () => {
    for (;;) {
      const rows = await changesAfter(database.db, published, CATCH_UP_PAGE);
      for (const change of rows) {
        published = change.seq;
        pubSub.publish(change);
      }
      if (rows.length < CATCH_UP_PAGE) return;
    }
  };
  const wake = () => {
    if (again) return;
    again = true;
    reading = reading
      .then(() => {
        again = false;
        return catchUp();
      })
      .catch((error) => logger.warn({ err: error }, "could not read the change feed for subscribers"));
  };
  const channel = changesChannel(database);
  const listener: ChangeListener = listenForChanges(database.pool!, channel, wake, (error) =>
    logger.warn({ err: error }, "change listener"),
  );
  const publisher: ChangePublisher = { publish: () => {}, channel };
  return {
    pubSub,
    publisher,
    async close() {
      await listener.close();
      await reading;
    },
  };
}

export type ChangePubSub = Awaited<ReturnType<typeof createChangePubSub>>;
