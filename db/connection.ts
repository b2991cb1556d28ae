/**
 * Opens the database a `DATABASE_URL` names, applies pending migrations, and reports every SQL
 * statement it runs to an observer (the server counts them per request and in /metrics).
 *
 * Data access is written against drizzle's async API even though better-sqlite3 is synchronous,
 * so a second dialect can sit behind the same `Db` type later.
 */
import { existsSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Mutex } from "async-mutex";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "./schema.js";

export type Db = BetterSQLite3Database<typeof schema>;

export interface DatabaseHandle {
  /** For reads. Never sees another request's uncommitted writes. */
  db: Db;
  /** The underlying driver of `db`, for pragmas, backups and tests. */
  sqlite: Database.Database;
  /**
   * Runs `work` in one write transaction and commits, or rolls back if it throws. Write
   * transactions run one at a time (an async mutex), on a connection of their own, so `work` may
   * await and other requests never read its uncommitted rows. (With better-sqlite3 every statement
   * is synchronous, so in practice a write also holds the event loop while it runs.)
   */
  transaction<T>(work: (tx: Db) => Promise<T>): Promise<T>;
  close(): void;
}

export interface OpenDatabaseOptions {
  /** `file:<path>` or `:memory:`. */
  url: string;
  /** Called once per SQL statement executed through drizzle. */
  onStatement?: (sqlText: string) => void;
}

// Run from source (db/) or from the compiled build (dist/db/): the SQL files stay in db/migrations.
const here = dirname(fileURLToPath(import.meta.url));
export const MIGRATIONS_FOLDER = [resolve(here, "migrations", "sqlite"), resolve(here, "..", "..", "db", "migrations", "sqlite")]
  .find((folder) => existsSync(folder)) as string;

/** The filesystem path a `file:` URL names, or ":memory:". */
export function sqlitePathFromUrl(url: string): string {
  if (url === ":memory:" || url === "file::memory:") return ":memory:";
  if (!url.startsWith("file:")) throw new Error(`Not a SQLite URL: ${url}`);
  return url.slice("file:".length).replace(/^\/\/(?=\/)/, "");
}

function connect(path: string, onStatement: ((sqlText: string) => void) | undefined): { sqlite: Database.Database; db: Db } {
  const sqlite = new Database(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  const db = drizzle(sqlite, { schema, logger: onStatement ? { logQuery: (query) => onStatement(query) } : false });
  return { sqlite, db };
}

export function openDatabase({ url, onStatement }: OpenDatabaseOptions): DatabaseHandle {
  const path = sqlitePathFromUrl(url);
  if (path !== ":memory:") mkdirSync(dirname(resolve(path)), { recursive: true });
  const reader = connect(path, onStatement);
  // An in-memory database exists only on its own connection, so it writes on the reader; such a
  // database is for one-off tools, where reads during a write do not matter.
  const writer = path === ":memory:" ? reader : connect(path, onStatement);
  const writes = new Mutex();
  return {
    db: reader.db,
    sqlite: reader.sqlite,
    transaction: (work) =>
      writes.runExclusive(async () => {
        writer.sqlite.exec("BEGIN IMMEDIATE");
        try {
          const result = await work(writer.db);
          writer.sqlite.exec("COMMIT");
          return result;
        } catch (error) {
          if (writer.sqlite.inTransaction) writer.sqlite.exec("ROLLBACK");
          throw error;
        }
      }),
    close: () => {
      reader.sqlite.close();
      if (writer !== reader) writer.sqlite.close();
    },
  };
}

export function migrateDatabase(db: Db): void {
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
}
