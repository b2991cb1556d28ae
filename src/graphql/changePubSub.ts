/**
 * Publication of committed changes to live subscriptions (graphql-ws), in feed order.
 *
 * On SQLite the write path publishes each change after its transaction commits. On PostgreSQL,
 * where several instances share the database, every write announces itself on commit and each
 * instance publishes from the feed (src/data/changeNotifications.ts), its own writes included, so
 * a subscriber on any instance sees every change once, in order.
 */
import { createPubSub } from "@graphql-yoga/subscription";
import type { Logger } from "pino";
import type { DatabaseHandle } from "../../db/connection.js";
import { changesAfter, lastChangeSeq, type ChangeRow } from "../data/changeFeed.js";
import { changesChannel, listenForChanges, type ChangeListener } from "../data/changeNotifications.js";
import type { ChangePublisher } from "../data/writes/writeSession.js";

export const CHANGES_TOPIC = "CHANGES";

const CATCH_UP_PAGE = 500;

export async function createChangePubSub(database: DatabaseHandle, logger: Pick<Logger, "warn">) {
  const pubSub = createPubSub<{ [CHANGES_TOPIC]: [ChangeRow] }>();
  if (database.dialect !== "postgres") {
    const publisher: ChangePublisher = { publish: (change) => pubSub.publish(CHANGES_TOPIC, change), channel: null };
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
        pubSub.publish(CHANGES_TOPIC, change);
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
