/**
 * Telling every API instance on a PostgreSQL database that changes committed, so each one's live
 * subscribers hear of writes made through any instance.
 *
 * A write transaction NOTIFYs once, inside the transaction: PostgreSQL delivers the notification
 * only if and when it commits. The notification carries nothing but a wake-up; each instance then
 * reads the feed after the last change it published, in sequence order. Because writes hold one
 * lock across instances (db/connection.ts), sequence order is commit order, so a change read this
 * way is never followed later by a smaller sequence number. Coalesced or missed notifications
 * (a dropped listener connection) cost nothing but a delay: the next wake-up reads everything since.
 *
 * SQLite has one process per database file, so there the write path publishes directly.
 */
import { sql } from "drizzle-orm";
import type pg from "pg";
import type { DatabaseHandle, Db } from "../../db/connection.js";
import { runStatement } from "../../db/dialect/queries.js";

/** One channel per schema: the instances that share tables, and no others, hear each other. */
export function changesChannel(database: Pick<DatabaseHandle, "schemaName">): string {
  return `footprint_changes.${database.schemaName ?? "public"}`;
}

/** Inside a write transaction (PostgreSQL): wake every listener when it commits. */
export async function announceCommittedChanges(tx: Db, channel: string): Promise<void> {
  await runStatement(tx, sql`select pg_notify(${channel}, '')`);
}

export interface ChangeListener {
  close(): Promise<void>;
}

/**
 * Listens on `channel` with a connection of its own, and calls `onWake` after each notification
 * and after every (re)connection, since notifications sent while disconnected are lost.
 */
export function listenForChanges(
  pool: pg.Pool,
  channel: string,
  onWake: () => void,
  onError: (error: unknown) => void,
): ChangeListener {
  let closed = false;
  let client: pg.PoolClient | null = null;
  let retry: NodeJS.Timeout | undefined;
  // connect() catches its own failures (reports them, then retries), so it runs fire-and-forget.
  const connectLater = () => {
    retry = setTimeout(() => void connect(), 1000);
  };

  const connect = async () => {
    try {
      const connected = await pool.connect();
      if (closed) {
        connected.release();
        return;
      }
      client = connected;
      connected.on("notification", (message) => {
        if (message.channel === channel) onWake();
      });
      connected.on("error", (error) => {
        onError(error);
        connected.release(error);
        client = null;
        if (!closed) connectLater();
      });
      await connected.query(`listen "${channel.replaceAll('"', '""')}"`);
      onWake();
    } catch (error) {
      onError(error);
      if (!closed) connectLater();
    }
  };
  void connect();

  return {
    async close() {
      closed = true;
      clearTimeout(retry);
      const c = client;
      client = null;
      if (c) {
        await c.query("unlisten *").catch(() => {});
        c.release();
      }
    },
  };
}
