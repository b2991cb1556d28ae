/**
 * Opens the database a `DATABASE_URL` names (SQLite file or PostgreSQL), applies pending
 * migrations, and reports every SQL statement it runs to an observer (the server counts them per
 * request and in /metrics).
 *
 * Data access is written against drizzle's query builders, which both dialects have: `Db` is that
 * surface and nothing more (see db/schema.ts for how the tables follow the dialect). What a dialect
 * does differently when it opens, writes and migrates is in this file; what its SQL does
 * differently is in db/dialect/.
 */
import { existsSync, mkdirSync } from "node:fs";
import { userInfo } from "node:os";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Mutex } from "async-mutex";
import Database from "better-sqlite3";
import { is, sql } from "drizzle-orm";
import { BetterSQLite3Database, drizzle } from "drizzle-orm/better-sqlite3";
import { migrate as migrateSqlite } from "drizzle-orm/better-sqlite3/migrator";
import {
  drizzle as drizzlePostgres,
  NodePgDatabase,
  NodePgTransaction,
  type NodePgQueryResultHKT,
} from "drizzle-orm/node-postgres";
import { migrate as migratePostgres } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase } from "drizzle-orm/pg-core";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import pg from "pg";
import * as schema from "./schema.js";
import { cacheStatements } from "./statementCache.js";
import { useDialect, type Dialect } from "./schema.js";
import {
  backfillStatements,
  rowVersioningStatements,
  selectAsOf,
  staleVersionIndexes,
  versionIndexStatements,
} from "./rowVersions.js";

/** A SQLite database as its driver types it: the reader, or the writer that write transactions run on. */
export type SqliteDb = BetterSQLite3Database<typeof schema>;

/**
 * What the data layer reads and writes through, on either dialect: drizzle's query builders, which
 * both dialects have and which each render in its own SQL. Nothing else of a driver is in it, so a
 * SQLite-only call (`run`, `all`, `get`, `values`, `$client`, its `transaction`) does not compile
 * on a path PostgreSQL runs; raw SQL goes through db/dialect/queries.ts, which asks the database
 * which driver it is (`sqliteDriver`, `postgresDriver`).
 *
 * The builders are typed as SQLite's, as the tables are (db/dialect/columns.ts): drizzle has no
 * dialect-neutral builder or table types. Its PostgreSQL builders are other classes, with private
 * members of their own and PgTable parameters, so neither a union of both databases (no call on it
 * compiles: 114 errors) nor an interface both satisfy can carry drizzle's row types. So one cast
 * remains, where the PostgreSQL database becomes a `Db` (`postgresAsDb`), and what it cannot check
 * is a call SQLite's builders have and PostgreSQL's lack: the synchronous `.all()`, `.get()`,
 * `.run()` and `.values()` on a query or a prepared statement. Shared code awaits builders instead,
 * and prepares statements through `prepareRows`.
 */
export type Db = Pick<SqliteDb, "select" | "insert" | "update" | "delete">;

/** A table as the data layer hands it to `Db`'s builders: typed as SQLite's (see `Db`). */
export type DbTable = SQLiteTable;
/** A column as the data layer hands it to `Db`'s builders (`groupBy`, `orderBy`...): typed as SQLite's. */
export type DbColumn = SQLiteColumn;

/** `db` as SQLite's driver types it. Throws on a PostgreSQL database. */
export function sqliteDriver(db: Db): BetterSQLite3Database<Record<string, unknown>> {
  if (is(db, BetterSQLite3Database)) return db;
  throw new Error("Not a SQLite database: a SQLite-only path ran on PostgreSQL.");
}

/** What the data layer uses of a PostgreSQL database beyond `Db`: raw statements. */
export type PostgresDriver = Pick<PgDatabase<NodePgQueryResultHKT>, "execute">;

/** `db` (a database or a transaction) as node-postgres's driver types it. Throws on a SQLite database. */
export function postgresDriver(db: Db): PostgresDriver {
  if (is(db, NodePgDatabase) || is(db, NodePgTransaction)) return db;
  throw new Error("Not a PostgreSQL database: a PostgreSQL-only path ran on SQLite.");
}

/**
 * The PostgreSQL database, or one of its transactions, as a `Db`: the one place the types give way
 * (see `Db` for why). It holds at run time: the builders are PostgreSQL's, given PostgreSQL's
 * tables (db/schema.ts), whose columns store and return the same values (db/dialect/columns.ts).
 */
function postgresAsDb(db: Pick<PgDatabase<NodePgQueryResultHKT>, keyof Db>): Db {
  return db as unknown as Db;
}

export interface DatabaseHandle {
  dialect: Dialect;
  /** For reads. Never sees another request's uncommitted writes. */
  db: Db;
  /** SQLite only: the underlying driver of `db`, for pragmas and backups. */
  sqlite?: Database.Database;
  /** PostgreSQL only: the connection pool behind `db` (LISTEN/NOTIFY uses a client of its own). */
  pool?: pg.Pool;
  /** PostgreSQL only: the schema the tables live in. */
  schemaName?: string;
  /**
   * Runs `work` in one write transaction and commits, or rolls back if it throws. Write
   * transactions run one at a time, in every process that shares the database: an async mutex on
   * SQLite's single writer connection, a transaction-scoped advisory lock on PostgreSQL. So a
   * write's reads see every earlier write, version checks cannot interleave, and change-feed
   * sequence numbers become visible in the order they were assigned.
   */
  transaction<T>(work: (tx: Db) => Promise<T>): Promise<T>;
  /**
   * For reads as of change-feed sequence number `seq`: every SELECT through it sees the versioned
   * tables as they stood then (db/rowVersions.ts). Kept for the last few moments asked about
   * (`asOfCache`): building drizzle's query layer for each request cost more than its SQL.
   */
  asOf(seq: number): Db;
  close(): Promise<void>;
}

const asOfSeqs = new WeakMap<Db, number>();

/** The sequence number `db` reads as of, or null for the current data. */
export function asOfSeqOf(db: Db): number | null {
  return asOfSeqs.get(db) ?? null;
}

function remember(db: Db, seq: number): Db {
  asOfSeqs.set(db, seq);
  return db;
}

/** How many as-of views a handle keeps: citations ask again and again for a few data versions. */
const AS_OF_VIEWS_KEPT = 16;

/** `make(seq)`, kept for the last AS_OF_VIEWS_KEPT sequence numbers (least recently used dropped). */
function asOfCache(make: (seq: number) => Db): (seq: number) => Db {
  const views = new Map<number, Db>();
  return (seq) => {
    let view = views.get(seq);
    if (view) views.delete(seq);
    else view = remember(make(seq), seq);
    views.set(seq, view);
    if (views.size > AS_OF_VIEWS_KEPT) views.delete(views.keys().next().value!);
    return view;
  };
}

export interface OpenDatabaseOptions {
  /** `file:<path>`, `:memory:`, or `postgres://…`. */
  url: string;
  /** PostgreSQL: the schema to use (created if missing); "public" by default. */
  schemaName?: string;
  /** PostgreSQL: connections in the pool. */
  poolSize?: number;
  /** Called once per SQL statement executed through drizzle. */
  onStatement?: (sqlText: string) => void;
}

// Run from source (db/) or from the server bundle (dist/server/): the SQL files stay in db/migrations.
const here = dirname(fileURLToPath(import.meta.url));
function migrationsFolder(dialect: Dialect): string {
  return [resolve(here, "migrations", dialect), resolve(here, "..", "..", "db", "migrations", dialect)].find((folder) =>
    existsSync(folder),
  ) as string;
}
export const MIGRATIONS_FOLDERS: Record<Dialect, string> = {
  sqlite: migrationsFolder("sqlite"),
  postgres: migrationsFolder("postgres"),
};

/** Any key shared by every Footprint process on a database: the lock that serialises writes. */
const WRITE_LOCK_KEY = 0x46_6f_6f_74; // "Foot"

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/** The filesystem path a `file:` URL names, or ":memory:". */
export function sqlitePathFromUrl(url: string): string {
  if (url === ":memory:" || url === "file::memory:") return ":memory:";
  if (!url.startsWith("file:")) throw new Error(`Not a SQLite URL: ${url}`);
  return url.slice("file:".length).replace(/^\/\/(?=\/)/, "");
}

/** As libpq does, a URL without a user name connects as PGUSER or the operating-system user. */
export function withDefaultUser(url: string): string {
  const parsed = new URL(url);
  if (parsed.username) return url;
  parsed.username = process.env.PGUSER || userInfo().username;
  return parsed.toString();
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  return isPostgresUrl(options.url) ? openPostgres(options) : openSqlite(options);
}

function connectSqlite(
  path: string,
  onStatement: ((sqlText: string) => void) | undefined,
): { sqlite: Database.Database; db: SqliteDb } {
  const sqlite = new Database(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // A statement whose triggers write another table (every write: the row-version triggers) opens a
  // statement journal; in a temporary file it cost some 30 µs a row, most of what versioning costs.
  sqlite.pragma("temp_store = MEMORY");
  cacheStatements(sqlite);
  const db = drizzle(sqlite, { schema, logger: onStatement ? { logQuery: (query) => onStatement(query) } : false });
  return { sqlite, db };
}

/** Synchronous, for tools that build SQLite files (the benchmark's dataset generator). */
export function openSqlite({ url, onStatement }: OpenDatabaseOptions): DatabaseHandle {
  useDialect("sqlite");
  const path = sqlitePathFromUrl(url);
  if (path !== ":memory:") mkdirSync(dirname(resolve(path)), { recursive: true });
  const reader = connectSqlite(path, onStatement);
  // An in-memory database exists only on its own connection, so it writes on the reader; such a
  // database is for one-off tools, where reads during a write do not matter.
  const writer = path === ":memory:" ? reader : connectSqlite(path, onStatement);
  const writes = new Mutex();
  return {
    dialect: "sqlite",
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
    asOf: asOfCache((seq) => {
      // The reader connection, with every statement it prepares put as of `seq` (the statement
      // cache keys by the rewritten text, so as-of statements are cached apart).
      const client = Object.create(reader.sqlite) as Database.Database;
      client.prepare = (source: string) => reader.sqlite.prepare(selectAsOf("sqlite", source, seq));
      return drizzle(client, { schema, logger: onStatement ? { logQuery: (query) => onStatement(query) } : false });
    }),
    close: async () => {
      reader.sqlite.close();
      if (writer !== reader) writer.sqlite.close();
    },
  };
}

async function openPostgres({
  url,
  schemaName = "public",
  poolSize = 10,
  onStatement,
}: OpenDatabaseOptions): Promise<DatabaseHandle> {
  useDialect("postgres");
  if (!/^[a-z_][a-z0-9_]*$/.test(schemaName)) throw new Error(`Not a schema name: ${schemaName}`);
  // Every connection resolves unqualified table names in the schema, so the same SQL serves any
  // schema (the tests give each server its own).
  const pool = new pg.Pool({ connectionString: withDefaultUser(url), max: poolSize, options: `-c search_path=${schemaName}` });
  pool.on("error", () => {}); // an idle client's lost connection is replaced on next use
  await createSchemaOnce(pool, schemaName);
  const pgDb: NodePgDatabase = drizzlePostgres(pool, {
    logger: onStatement ? { logQuery: (query) => onStatement(query) } : false,
  });
  return {
    dialect: "postgres",
    db: postgresAsDb(pgDb),
    pool,
    schemaName,
    transaction: (work) =>
      pgDb.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(${WRITE_LOCK_KEY})`);
        return work(postgresAsDb(tx));
      }),
    asOf: asOfCache((seq) => {
      // The pool, with every query put as of `seq`. A statement's name would make a connection
      // reuse what it prepared for the current data, so as-of statements go unnamed.
      const rewrite = (config: string | pg.QueryConfig) =>
        typeof config === "string"
          ? selectAsOf("postgres", config, seq)
          : { ...config, name: undefined, text: selectAsOf("postgres", config.text, seq) };
      const client = {
        query: (config: string | pg.QueryConfig, values?: unknown[]) => pool.query(rewrite(config) as pg.QueryConfig, values),
      } as unknown as pg.Pool;
      const asOfDb: NodePgDatabase = drizzlePostgres(client, {
        logger: onStatement ? { logQuery: (query) => onStatement(query) } : false,
      });
      return postgresAsDb(asOfDb);
    }),
    close: () => pool.end(),
  };
}

/**
 * `create schema if not exists` is not safe against a concurrent twin: two instances starting at
 * once can both pass the check and one fails on pg_namespace's unique index. The write lock makes
 * the second wait and then find the schema.
 */
async function createSchemaOnce(pool: pg.Pool, schemaName: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("begin");
    await client.query("select pg_advisory_xact_lock($1)", [WRITE_LOCK_KEY]);
    await client.query(`create schema if not exists "${schemaName}"`);
    await client.query("commit");
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

export async function migrateDatabase(database: DatabaseHandle): Promise<void> {
  if (database.dialect === "sqlite") {
    migrateSqlite(sqliteDriver(database.db), { migrationsFolder: MIGRATIONS_FOLDERS.sqlite });
    const sqlite = database.sqlite as Database.Database;
    sqlite.transaction(() => {
      for (const statement of [...rowVersioningStatements("sqlite"), ...backfillStatements("sqlite")]) sqlite.exec(statement);
      const present = sqlite
        .prepare(`select name from sqlite_master where type = 'index' and tbl_name = 'row_versions'`)
        .pluck()
        .all() as string[];
      for (const statement of staleVersionIndexes("sqlite", present)) sqlite.exec(statement);
      for (const { sql } of versionIndexStatements("sqlite")) sqlite.exec(sql);
    })();
    return;
  }
  // Migrations of several instances starting at once must not interleave.
  const client = await (database.pool as pg.Pool).connect();
  try {
    await client.query("select pg_advisory_lock($1)", [WRITE_LOCK_KEY]);
    await migratePostgres(drizzlePostgres(client), {
      migrationsFolder: MIGRATIONS_FOLDERS.postgres,
      migrationsSchema: database.schemaName,
    });
    await client.query("begin");
    for (const statement of [...rowVersioningStatements("postgres"), ...backfillStatements("postgres")])
      await client.query(statement);
    const present = await client.query<{ indexname: string }>(
      `select indexname from pg_indexes where tablename = 'row_versions' and schemaname = current_schema()`,
    );
    for (const statement of staleVersionIndexes(
      "postgres",
      present.rows.map((r) => r.indexname),
    ))
      await client.query(statement);
    for (const { sql } of versionIndexStatements("postgres")) await client.query(sql);
    await client.query("commit");
  } finally {
    await client.query("select pg_advisory_unlock($1)", [WRITE_LOCK_KEY]).catch(() => {});
    client.release();
  }
}
