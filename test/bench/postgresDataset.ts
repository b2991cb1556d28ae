/**
 * The benchmark's PostgreSQL side (`npm run bench -- --backend postgres`): the same synthetic
 * dataset the SQLite runs read, copied into a database of its own on the PostgreSQL server, so
 * both backends (and the peer, test/bench/peer/) answer from the same rows.
 *
 * 1. Drops and creates `footprint_bench_<size>` through the admin URL's database (`CREATE
 *    DATABASE` cannot run in the database it creates).
 * 2. Migrates it with the project's own migration command (`src/cli/migrate.ts`, in a child
 *    process: one process serves one dialect, and the benchmark's has opened SQLite).
 * 3. Copies every table PostgreSQL has from the SQLite file, row for row with the same ids, in one
 *    transaction with triggers and foreign-key checks off (`session_replication_role = replica`):
 *    the SQLite file already holds what the triggers would write (row versions, the change feed).
 *    Rows go in batches through `json_populate_recordset`, which types each value as its column
 *    (0/1 into booleans, ISO text into text), so no per-type code; SQLite's FTS5 `rowid` becomes
 *    the search index's `id`, whose tsvector PostgreSQL generates. Then identity sequences are set
 *    past the copied ids and everything is ANALYZEd.
 *
 * A PostgreSQL column SQLite lacks, or a table one side lacks that is not known to differ, aborts
 * the load: a silent gap would make the two backends answer different data. Fast enough without
 * COPY (which node-postgres lacks): 10k trips (~400k rows) in about 10 s here.
 */
import { execFile } from "node:child_process";
import { performance } from "node:perf_hooks";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import pg from "pg";

const run = promisify(execFile);

/** Rows per INSERT: large enough to amortise the round trip, small enough for one JSON parameter. */
const BATCH_ROWS = 5_000;
/** PostgreSQL tables that are not data, or not the benchmark's: left as the migration made them. */
const SKIPPED_TABLES = new Set(["__drizzle_migrations", "rate_limits"]);

export interface PostgresDataset {
  /** DATABASE_URL for the servers. */
  url: string;
  database: string;
  rows: number;
  seconds: number;
  drop(): Promise<void>;
}

function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Loads `sqliteFile` into a fresh `footprint_bench_<size>` on the server `adminUrl` names (a
 * database the user may connect to, with the right to create databases).
 */
export async function loadPostgresDataset(
  sqliteFile: string,
  size: number,
  adminUrl: string,
  root: string,
  log: (line: string) => void,
): Promise<PostgresDataset> {
  const started = performance.now();
  const database = `footprint_bench_${size}`;
  const url = databaseUrl(adminUrl, database);
  const drop = () => withClient(adminUrl, (c) => c.query(`drop database if exists "${database}" with (force)`).then(() => {}));
  await drop();
  await withClient(adminUrl, (c) => c.query(`create database "${database}"`));
  try {
    await run(process.execPath, ["--import", "tsx", "src/cli/migrate.ts"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: "silent" },
      timeout: 300_000,
    });
    const rows = await copyTables(sqliteFile, url);
    const seconds = (performance.now() - started) / 1000;
    log(`bench: ${rows.toLocaleString("en")} rows copied into PostgreSQL database ${database} in ${seconds.toFixed(1)} s`);
    return { url, database, rows, seconds, drop };
  } catch (error) {
    await drop().catch(() => {});
    throw error;
  }
}

interface PgColumn {
  table: string;
  column: string;
  generated: boolean;
  identity: boolean;
}

async function copyTables(sqliteFile: string, url: string): Promise<number> {
  const sqlite = new Database(sqliteFile, { readonly: true });
  try {
    return await withClient(url, async (client) => {
      const { rows: columns } = await client.query<PgColumn>(`
        select table_name as table, column_name as column,
               is_generated = 'ALWAYS' as generated, is_identity = 'YES' as identity
        from information_schema.columns c
        where table_schema = current_schema()
          and exists (select 1 from information_schema.tables t
                      where t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE')
        order by table_name, ordinal_position`);
      const tables = new Map<string, PgColumn[]>();
      for (const c of columns) if (!SKIPPED_TABLES.has(c.table)) tables.set(c.table, [...(tables.get(c.table) ?? []), c]);
      const sqliteTables = new Set(
        (sqlite.prepare(`select name from sqlite_master where type = 'table'`).pluck().all() as string[]).filter(
          // FTS5's shadow tables, SQLite's own, and what only SQLite has (drizzle's journal of it)
          (name) => !/^search_index_|^sqlite_|^__drizzle/.test(name),
        ),
      );
      for (const table of tables.keys())
        if (!sqliteTables.has(table)) throw new Error(`PostgreSQL table ${table} has no SQLite twin to copy from`);
      for (const table of sqliteTables)
        if (!tables.has(table) && !SKIPPED_TABLES.has(table))
          throw new Error(`SQLite table ${table} has no PostgreSQL twin to copy into`);

      let copied = 0;
      await client.query("begin");
      try {
        await client.query("set local session_replication_role = replica");
        await client.query(`truncate ${[...tables.keys()].map((t) => `"${t}"`).join(", ")}`);
        for (const [table, tableColumns] of tables) {
          const written = tableColumns.filter((c) => !c.generated);
          const sqliteColumns = new Set(
            (sqlite.prepare(`select name from pragma_table_info(?)`).pluck().all(table) as string[]).concat(
              table === "search_index" ? ["rowid"] : [],
            ),
          );
          const source = (c: PgColumn) => (table === "search_index" && c.column === "id" ? "rowid" : c.column);
          for (const c of written)
            if (!sqliteColumns.has(source(c))) throw new Error(`PostgreSQL column ${table}.${c.column} has no SQLite twin`);
          const names = written.map((c) => `"${c.column}"`).join(", ");
          const select = sqlite.prepare(
            `select ${written.map((c) => `"${source(c)}" as "${c.column}"`).join(", ")} from "${table}" order by ${table === "search_index" ? "rowid" : "1"}`,
          );
          const insert = `insert into "${table}" (${names}) overriding system value select ${names} from json_populate_recordset(null::"${table}", $1)`;
          let batch: unknown[] = [];
          for (const row of select.iterate()) {
            batch.push(row);
            if (batch.length === BATCH_ROWS) {
              await client.query(insert, [JSON.stringify(batch)]);
              copied += batch.length;
              batch = [];
            }
          }
          if (batch.length > 0) await client.query(insert, [JSON.stringify(batch)]);
          copied += batch.length;
          for (const c of written.filter((c) => c.identity))
            await client.query(
              `select setval(pg_get_serial_sequence($1, $2), coalesce((select max("${c.column}") from "${table}"), 0) + 1, false)`,
              [`"${table}"`, c.column],
            );
        }
        await client.query("commit");
      } catch (error) {
        await client.query("rollback").catch(() => {});
        throw error;
      }
      await client.query("analyze");
      return copied;
    });
  } finally {
    sqlite.close();
  }
}
