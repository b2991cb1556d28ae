/**
 * `npm run load [-- options]`: a bounded, mixed load test against Footprint's GraphQL API (autocannon).
 *
 * Options:
 *   --url <url>          GraphQL endpoint of a running server (default http://127.0.0.1:4000/graphql).
 *                        Used only with a key: without one the script cannot write to that server.
 *   --key <secret>       An EDITOR API key for that server (or env FOOTPRINT_KEY).
 *                        Without a key (the default), the script seeds a temporary database, creates
 *                        an EDITOR key on it, starts its own production server (`dist/server/start.js`, as `npm start`),
 *                        and stops it and removes the database at the end: `npm run load` works alone.
 *   --duration <s>       Seconds of load (default 20).
 *   --connections <n>    Concurrent connections (default 10), HTTP and WebSocket together.
 *   --ws <n>             How many of them are WebSocket (graphql-ws) connections (default 0). Each
 *                        opens a socket, holds two subscriptions to the change feed (one with `node`,
 *                        resolved per event) and runs queries over the socket in a loop
 *                        (researcher-trips, search, node), so queries, subscriptions and HTTP load
 *                        run together. A socket closed by the server, an error without a client
 *                        code (INTERNAL_SERVER_ERROR) or a close code 4500/1011 counts as a 5xx.
 *                        A subscription the server ends is printed with its id and code
 *                        (s1: sequence only, s2: with `node`), e.g. "s2:SUBSCRIPTION_TOO_SLOW".
 *   --warmup <s>         Seconds of light load (one HTTP connection, one socket) before the run, then
 *                        12 s idle; the memory baseline is read after it (default 3; 0: read it cold).
 *                        Both the cold and the warmed figure are printed.
 *   -h, --help           This text.
 *
 * Workload, per connection, in a loop of ten requests: three researcher-trips queries
 * (examples/operations/researcher-trips.graphql, $after null), two dashboard queries
 * (dashboard-footprint.graphql), two searches, two node lookups, and one syncMemberships batch of
 * 10 memberships with externalIds unique to this run and request (source "load-<run>"). Every
 * write's externalIds are recorded when it is sent and, when its response acknowledges it (HTTP
 * 200, no errors, no userErrors), as acknowledged.
 *
 * It prints requests/s, latency p50/p90/p99 (overall, and for reads and writes apart), counts of
 * 2xx / non-2xx / errors / timeouts and of GraphQL errors; then the server's RSS (from /metrics,
 * footprint_process_resident_memory_bytes) at the end of the load and after 5 s idle; then checks
 * that every acknowledged write is in the database (through the API by node ID and external ID,
 * and, on its own server, with SQL on the file after the server stopped) and prints
 * "lost writes: N". Exit code 1 when any write was lost or could not be checked.
 *
 * Bounded: the load stops after --duration; every HTTP call has a timeout; a watchdog ends the
 * script (killing its own server) if anything hangs for long after that.
 */
import { execFile, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs, promisify } from "node:util";
import Database from "better-sqlite3";
import WebSocket from "ws";
import { PROJECT_ROOT, startServerProcess, type ServerProcess } from "../test/support/serverProcess.js";

import { exampleOperation } from "../examples/operations/index.js";
import { autocannon, type AutocannonRequest } from "../test/support/autocannon.js";
import { ErrorCode } from "../src/lib/errorCodes.js";

const run = promisify(execFile);

const ROOT = PROJECT_ROOT;
const WRITE_BATCH = 10;
const IDLE_MS = 5_000;
const WARMUP_SETTLE_MS = 12_000;
/** Idle memory is read every IDLE_MS until it is within 10% of the start, for at most this long. */
const MAX_IDLE_MS = 30_000;
const HEAP_METRIC = "footprint_nodejs_heap_size_used_bytes";
const CITIES = [
  "tehran",
  "seoul",
  "baghdad",
  "najaf",
  "karbala",
  "istanbul",
  "barcelona",
  "moscow",
  "tokyo",
  "berlin",
  "doha",
  "amman",
];
const SEARCHES = ["نمايشگاه نجف", "CFT ۱۴۰۱ ۰۱۱۳", "Seoul", "Metropolis", "تهران", "Najaf"];

const USAGE =
  "Usage: npm run load -- [--url http://127.0.0.1:4000/graphql --key <EDITOR key>] [--duration 20] [--connections 10] [--ws 0] [--warmup 3]";

// ---------------------------------------------------------------- options

const { values: args } = parseArgs({
  options: {
    url: { type: "string" },
    key: { type: "string" },
    duration: { type: "string", default: "20" },
    connections: { type: "string", default: "10" },
    ws: { type: "string", default: "0" },
    warmup: { type: "string", default: "3" },
    help: { type: "boolean", short: "h" },
  },
});
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const duration = Number(args.duration);
const connections = Number(args.connections);
if (!Number.isFinite(duration) || duration <= 0 || duration > 3_600) fail(`--duration must be 1..3600 seconds.\n${USAGE}`);
if (!Number.isInteger(connections) || connections < 1 || connections > 1_000) fail(`--connections must be 1..1000.\n${USAGE}`);
const warmup = Number(args.warmup);
if (!Number.isFinite(warmup) || warmup < 0 || warmup > 60) fail(`--warmup must be 0..60 seconds.\n${USAGE}`);
const wsConnections = Number(args.ws);
if (!Number.isInteger(wsConnections) || wsConnections < 0 || wsConnections >= connections)
  fail(`--ws must be 0..connections-1 (at least one HTTP connection carries the writes).\n${USAGE}`);

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

// ---------------------------------------------------------------- own server

interface OwnServer {
  dir: string;
  dbPath: string;
  proc: ChildProcess;
  url: string;
  /** Its stdout/stderr lines (the last few thousand), printed when the run fails. */
  lines: string[];
}
let own: OwnServer | undefined;

const OUTPUT_TAIL = 40;
/** The last lines of the own server's output, so a crash or a failed run shows its cause. */
let printedOutput = false;
function printServerOutput(why: string): void {
  if (!own || own.lines.length === 0 || printedOutput) return;
  printedOutput = true;
  const tail = own.lines.slice(-OUTPUT_TAIL);
  console.error(`load: ${why}; the last ${tail.length} lines of the server's stdout/stderr:`);
  for (const line of tail) console.error(`  | ${line.length > 2_000 ? `${line.slice(0, 2_000)}…` : line}`);
}

async function startOwnServer(): Promise<{ server: OwnServer; key: string }> {
  const dir = mkdtempSync(join(tmpdir(), "footprint-load-"));
  const dbPath = join(dir, "footprint.sqlite");
  // The rate limits are raised out of the way: the load measures the server, not its limiter.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: `file:${dbPath}`,
    NODE_ENV: "production",
    LOG_LEVEL: "info",
    RATE_LIMIT_ANONYMOUS: "1000000000",
    RATE_LIMIT_KEY: "1000000000",
  };
  delete env.PORT;
  const tsx = [process.execPath, "--import", "tsx"] as const;
  await run(tsx[0], [...tsx.slice(1), "src/cli/seed.ts"], { cwd: ROOT, env, timeout: 60_000 });
  const { stdout } = await run(
    tsx[0],
    [...tsx.slice(1), "src/cli/keys.ts", "create", "--role", "EDITOR", "--name", "load test"],
    { cwd: ROOT, env, timeout: 60_000 },
  );
  const key = stdout.trim().split("\n").at(-1)!.trim();
  own = { dir, dbPath, proc: undefined as unknown as ChildProcess, url: "", lines: [] };
  // The production start (`npm start`'s bundle), as deployed; `npm install` builds it.
  const started: ServerProcess = await startServerProcess({ env, compiled: true });
  own.proc = started.proc;
  own.url = `${started.url}/graphql`;
  own.lines = started.lines;
  started.proc.once("exit", (code, signal) => {
    if (!stopping) {
      console.error(`load: own server exited during the run (code ${code}, signal ${signal})`);
      printServerOutput("the server exited during the run");
    }
  });
  return { server: own, key };
}

let stopping = false;
/** SIGTERM (a clean shutdown), then SIGKILL if it takes more than 10 s. */
function stopOwnServer(server: OwnServer): Promise<number | null> {
  stopping = true;
  return new Promise((resolveExit) => {
    const { proc } = server;
    if (proc.exitCode !== null || proc.signalCode !== null) return resolveExit(proc.exitCode);
    const force = setTimeout(() => proc.kill("SIGKILL"), 10_000);
    proc.once("exit", (code) => {
      clearTimeout(force);
      resolveExit(code);
    });
    proc.kill("SIGTERM");
  });
}

function cleanUp(): void {
  if (!own) return;
  // `proc` is unset when the server never started (a missing build, say).
  const proc = own.proc as ChildProcess | undefined;
  if (proc && proc.exitCode === null && proc.signalCode === null) proc.kill("SIGKILL");
  rmSync(own.dir, { recursive: true, force: true });
}

// A user's Ctrl-C, or a hang: never leave a server or a temporary database behind.
process.once("SIGINT", () => {
  cleanUp();
  process.exit(130);
});
const watchdog = setTimeout(
  () => {
    console.error("load: watchdog: the run took far longer than its duration; stopping.");
    printServerOutput("watchdog");
    stopping = true;
    cleanUp();
    process.exit(3);
  },
  (duration + 180) * 1_000,
);
watchdog.unref();

// ---------------------------------------------------------------- GraphQL helpers

async function gql<D = unknown>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  key?: string,
): Promise<{ status: number; data?: D; errors?: { message: string }[] }> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  const body = (await res.json()) as { data?: D; errors?: { message: string }[] };
  return { status: res.status, ...body };
}

/** A GraphQL answer under load, as far as the error summary and the write check read it. */
interface LoadResponse {
  data?: {
    syncMemberships?: {
      userErrors?: unknown[];
      results?: { externalId: string; outcome: string; membership: { id: string } }[];
    } | null;
  } | null;
  errors?: { message?: string; extensions?: { code?: string } }[];
}

async function residentBytes(graphqlUrl: string, metric = "footprint_process_resident_memory_bytes"): Promise<number | null> {
  try {
    const res = await fetch(new URL("/metrics", graphqlUrl), { signal: AbortSignal.timeout(10_000) });
    const match = new RegExp(`^${metric}\\s+(\\S+)$`, "m").exec(await res.text());
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;

// ---------------------------------------------------------------- the run

async function main(): Promise<number> {
  let url = args.url ?? "http://127.0.0.1:4000/graphql";
  let key = args.key ?? process.env.FOOTPRINT_KEY;
  if (!key) {
    if (args.url)
      console.log(`load: no --key (nor FOOTPRINT_KEY) to write to ${args.url}; starting a server of its own instead.`);
    const started = await startOwnServer();
    url = started.server.url;
    key = started.key;
    console.log(`load: own server at ${url} on a temporary database (${started.server.dbPath})`);
  }
  const target = new URL(url);
  const editorKey = key;

  // Node IDs to look up, from the data itself.
  const ids = await gql<{
    trips: { nodes: { id: string }[] };
    organisations: { nodes: { id: string }[] };
    cities: { nodes: { id: string }[] };
  }>(url, `{ trips(first: 5) { nodes { id } } organisations(first: 5) { nodes { id } } cities(first: 5) { nodes { id } } }`);
  if (!ids.data) throw new Error(`could not read node IDs from ${url}: ${JSON.stringify(ids.errors)}`);
  const nodeIds = [...ids.data.trips.nodes, ...ids.data.organisations.nodes, ...ids.data.cities.nodes].map((n) => n.id);
  if (nodeIds.length === 0) throw new Error("the database has no trips, organisations or cities to look up");

  const researcherTrips = exampleOperation("researcher-trips");
  const dashboard = exampleOperation("dashboard-footprint");
  const searchQuery = `query LoadSearch($text: String!) { search(text: $text, first: 10) { __typename ... on Trip { id tripCode: code } ... on Event { id name { en } } ... on City { id slug } ... on Organisation { id slug } ... on Country { id countryCode: code } } }`;
  const nodeQuery = `query LoadNode($id: ID!) { node(id: $id) { id ... on Trip { code status } ... on Organisation { slug acronym } ... on City { slug name { en } } } }`;
  const syncMutation = `mutation LoadSync($input: SyncMembershipsInput!) { syncMemberships(input: $input) { replayed userErrors { field message code } results { externalId outcome membership { id } } } }`;

  const runTag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const source = `load-${runTag}`;
  const sent = new Set<string>();
  /** externalId -> the membership's global ID, for every write the server acknowledged. */
  const acknowledged = new Map<string, string>();
  let writesSent = 0;
  let writesAcknowledged = 0;
  let writesRejected = 0;
  let graphqlErrors = 0;
  let unparsable = 0;
  let counter = 0;
  let rotation = 0;
  const latencies = { read: [] as number[], write: [] as number[] };

  const json = (query: string, variables: Record<string, unknown>) => JSON.stringify({ query, variables });
  /** GraphQL error messages, by code and message, for the summary. */
  const errorKinds = new Map<string, number>();
  function countErrors(body: string): LoadResponse | null {
    try {
      const parsed = JSON.parse(body) as LoadResponse;
      if (Array.isArray(parsed.errors)) {
        graphqlErrors += parsed.errors.length;
        for (const e of parsed.errors) {
          const kind = `${e.extensions?.code ?? "?"}: ${String(e.message).slice(0, 120)}`;
          errorKinds.set(kind, (errorKinds.get(kind) ?? 0) + 1);
        }
      }
      return parsed;
    } catch {
      unparsable++;
      return null;
    }
  }
  /** A read: varied per request by `vary`, timed from build to response. */
  function read(build: () => string): AutocannonRequest {
    return {
      setupRequest: (request, context) => {
        context.t0 = performance.now();
        return { ...request, body: build() };
      },
      onResponse: (_status, body, context) => {
        latencies.read.push(performance.now() - (context.t0 as number));
        countErrors(body);
      },
    };
  }
  const write: AutocannonRequest = {
    headers: { "content-type": "application/json", authorization: `Bearer ${editorKey}` },
    setupRequest: (request, context) => {
      const n = ++counter;
      const memberships = Array.from({ length: WRITE_BATCH }, (_, i) => ({
        externalId: `${runTag}-${n}-${i}`,
        organisation: "metropolis",
        member: CITIES[(n + i) % CITIES.length],
        status: "ACTIVE",
      }));
      for (const m of memberships) sent.add(m.externalId);
      writesSent++;
      context.externalIds = memberships.map((m) => m.externalId);
      context.t0 = performance.now();
      return { ...request, body: json(syncMutation, { input: { source, memberships } }) };
    },
    onResponse: (status, body, context) => {
      latencies.write.push(performance.now() - (context.t0 as number));
      const parsed = countErrors(body);
      const payload = parsed?.data?.syncMemberships;
      const expected = context.externalIds as string[];
      const results = payload?.results ?? [];
      if (
        status === 200 &&
        !parsed?.errors &&
        payload?.userErrors?.length === 0 &&
        results.length === expected.length &&
        results.every((r, i) => r.externalId === expected[i])
      ) {
        writesAcknowledged++;
        for (const r of results) acknowledged.set(r.externalId, r.membership.id);
      } else {
        writesRejected++;
      }
    },
  };
  const trips = read(() => json(researcherTrips, { after: null }));
  const dash = read(() => json(dashboard, {}));
  const search = read(() => json(searchQuery, { text: SEARCHES[rotation++ % SEARCHES.length] }));
  const node = read(() => json(nodeQuery, { id: nodeIds[rotation++ % nodeIds.length] }));
  // Mostly reads: nine reads and one write in every loop of ten.
  const requests = [trips, dash, search, node, trips, write, search, node, trips, dash];

  const httpConnections = connections - wsConnections;
  console.log(
    `load: ${duration} s, ${connections} connections (${httpConnections} HTTP, ${wsConnections} WebSocket) against ${url} (HTTP: 9 reads : 1 write of ${WRITE_BATCH} memberships, source "${source}")`,
  );
  // The baseline is a warmed server: the first requests compile code, fill SQLite's page cache and
  // open the WebSocket machinery once for good, which is growth but not what the load is checked for.
  const rssCold = await residentBytes(url);
  if (warmup > 0) {
    const warmDeadline = Date.now() + warmup * 1000;
    await Promise.all([
      ...(wsConnections > 0
        ? [
            webSocketLoad(url, warmDeadline, [
              { query: researcherTrips, variables: { after: null } },
              { query: searchQuery, variables: { text: SEARCHES[0] } },
              { query: nodeQuery, variables: { id: nodeIds[0] } },
            ]),
          ]
        : []),
      autocannon({
        url: `${target.origin}${target.pathname}`,
        connections: 1,
        duration: warmup,
        timeout: 10,
        method: "POST",
        headers: { "content-type": "application/json" },
        requests,
      }),
    ]);
    // Long enough for the server's idle collector (IDLE_COLLECT_MS, 5 s by default) to see it quiet.
    await new Promise((r) => setTimeout(r, WARMUP_SETTLE_MS));
  }
  const rssStart = await residentBytes(url);
  const heapStart = await residentBytes(url, HEAP_METRIC);
  if (rssCold !== null && rssStart !== null && warmup > 0)
    console.log(
      `memory at start:   ${mb(rssCold)} just started, ${mb(rssStart)} after a ${warmup} s warm-up and ${WARMUP_SETTLE_MS / 1000} s idle (the start below)`,
    );
  const deadline = Date.now() + duration * 1000;
  const wsRun = Promise.all(
    Array.from({ length: wsConnections }, (_, i) =>
      webSocketLoad(url, deadline, [
        { query: researcherTrips, variables: { after: null } },
        { query: searchQuery, variables: { text: SEARCHES[i % SEARCHES.length] } },
        { query: nodeQuery, variables: { id: nodeIds[i % nodeIds.length] } },
      ]),
    ),
  );
  const result = await autocannon({
    url: `${target.origin}${target.pathname}`,
    connections: httpConnections,
    duration,
    timeout: 10,
    method: "POST",
    headers: { "content-type": "application/json" },
    requests,
  });
  const wsStats = await wsRun;
  const rssLoaded = await residentBytes(url);

  const reads = [...latencies.read].sort((a, b) => a - b);
  const writes = [...latencies.write].sort((a, b) => a - b);
  console.log("");
  console.log(
    `requests/s:        ${result.requests.average.toFixed(1)} (${result.requests.total} completed in ${result.duration.toFixed(1)} s, ${result.requests.sent} sent)`,
  );
  console.log(
    `latency:           p50 ${ms(result.latency.p50)}  p90 ${ms(result.latency.p90)}  p99 ${ms(result.latency.p99)}  max ${ms(result.latency.max)}`,
  );
  console.log(
    `  reads (${reads.length}):  p50 ${ms(percentile(reads, 50))}  p90 ${ms(percentile(reads, 90))}  p99 ${ms(percentile(reads, 99))}`,
  );
  console.log(
    `  writes (${writes.length}): p50 ${ms(percentile(writes, 50))}  p90 ${ms(percentile(writes, 90))}  p99 ${ms(percentile(writes, 99))}`,
  );
  console.log(
    `responses:         2xx ${result["2xx"]}  non-2xx ${result.non2xx}  errors ${result.errors}  timeouts ${result.timeouts}`,
  );
  console.log(
    `status codes:      ${Object.entries(result.statusCodeStats)
      .map(([code, s]) => `${code}×${s.count}`)
      .join("  ")}`,
  );
  if (result.statusCodeStats["429"])
    console.log(
      `  HTTP 429: the server's rate limit refused part of the load; raise RATE_LIMIT_ANONYMOUS / RATE_LIMIT_KEY on it to measure the server itself.`,
    );
  console.log(`GraphQL errors:    ${graphqlErrors}${unparsable ? ` (and ${unparsable} bodies that were not JSON)` : ""}`);
  for (const [kind, count] of [...errorKinds.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5))
    console.log(`  ${count}× ${kind}`);
  if (wsConnections > 0) {
    const sum = (pick: (s: WsStats) => number) => wsStats.reduce((n, s) => n + pick(s), 0);
    const wsLatencies = wsStats.flatMap((s) => s.latencies).sort((a, b) => a - b);
    const wsErrors = new Map<string, number>();
    for (const s of wsStats) for (const [k, v] of s.errors) wsErrors.set(k, (wsErrors.get(k) ?? 0) + v);
    const closes = wsStats.flatMap((s) => (s.unexpectedClose ? [s.unexpectedClose] : []));
    console.log(
      `websocket:         ${wsConnections} sockets, ${sum((s) => s.queries)} queries over them (p50 ${ms(percentile(wsLatencies, 50))}  p99 ${ms(percentile(wsLatencies, 99))}), ${sum((s) => s.events)} subscription events received`,
    );
    console.log(
      `  5xx-equivalent:  ${sum((s) => s.internal)} internal errors, ${closes.length} sockets closed by the server${closes.length ? ` (${closes.join(", ")})` : ""}; GraphQL errors ${sum((s) => s.errorCount)}`,
    );
    for (const [kind, count] of [...wsErrors.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5))
      console.log(`  ${count}× ${kind}`);
    const ended = new Map<string, number>();
    for (const code of wsStats.flatMap((s) => s.subscriptionsEnded)) ended.set(code, (ended.get(code) ?? 0) + 1);
    console.log(
      `  subscriptions:   ${wsConnections * 2} opened, ${sum((s) => s.subscriptionsEnded.length)} ended by the server${ended.size ? ` (${[...ended].map(([code, n]) => `${n}× ${code}`).join(", ")})` : ""}; events expected at most ${acknowledged.size * wsConnections * 2} (acknowledged memberships × subscriptions)`,
    );
  }
  console.log(
    `writes:            ${writesSent} sent (${sent.size} memberships), ${writesAcknowledged} acknowledged (${acknowledged.size} memberships), ${writesRejected} refused or failed, ${writesSent - writesAcknowledged - writesRejected} without an answer (in flight when the load stopped)`,
  );

  // Memory: right after the load, and again after the server has been idle for a while.
  // V8 hands freed heap pages back on its own schedule, so idle memory is read every IDLE_MS
  // until it is back within 10% of the start (at most MAX_IDLE_MS).
  let rssIdle: number | null;
  let idleMs = 0;
  do {
    await new Promise((r) => setTimeout(r, IDLE_MS));
    idleMs += IDLE_MS;
    rssIdle = await residentBytes(url);
    if (rssStart !== null && rssIdle !== null && idleMs < MAX_IDLE_MS && rssIdle > rssStart * 1.1)
      console.log(`  after ${idleMs / 1000} s idle: RSS ${mb(rssIdle)}`);
  } while (rssStart !== null && rssIdle !== null && rssIdle > rssStart * 1.1 && idleMs < MAX_IDLE_MS);
  const heapIdle = await residentBytes(url, HEAP_METRIC);
  if (rssLoaded === null || rssIdle === null) {
    console.log("memory:            could not read footprint_process_resident_memory_bytes from /metrics");
  } else {
    if (rssStart !== null)
      console.log(
        `memory vs start:   ${mb(rssStart)} before the load, ${mb(rssIdle)} after ${idleMs / 1000} s idle (${rssIdle <= rssStart * 1.1 ? "within" : "NOT within"} 10% of the start: ${(((rssIdle - rssStart) / rssStart) * 100).toFixed(1)}%)`,
      );
    const settled = rssIdle <= rssLoaded * 1.1;
    console.log(
      `memory (RSS):      ${mb(rssLoaded)} at the end of the load, ${mb(rssIdle)} after ${idleMs / 1000} s idle: ${settled ? "memory settled back" : `memory did NOT settle back (+${(((rssIdle - rssLoaded) / rssLoaded) * 100).toFixed(0)}%)`}`,
    );
  }

  if (heapStart !== null && heapIdle !== null)
    console.log(`JS heap used:      ${mb(heapStart)} before the load, ${mb(heapIdle)} after ${idleMs / 1000} s idle`);

  // Every acknowledged write must be there: first through the API, by the IDs the server returned
  // (with the key, so the checks are not charged to the anonymous rate limit the reads used).
  const missing = new Set<string>();
  let unverifiable = 0;
  const entries = [...acknowledged.entries()];
  const VERIFY_PAGE = 100;
  for (let i = 0; i < entries.length; i += VERIFY_PAGE) {
    const page = entries.slice(i, i + VERIFY_PAGE);
    try {
      const res = await gql<{ nodes: ({ id: string; externalIds?: { scheme: string; value: string }[] } | null)[] }>(
        url,
        `query LoadVerify($ids: [ID!]!) { nodes(ids: $ids) { id ... on Membership { externalIds { scheme value } } } }`,
        { ids: page.map(([, id]) => id) },
        editorKey,
      );
      if (!res.data?.nodes) throw new Error(`HTTP ${res.status} ${JSON.stringify(res.errors)}`);
      page.forEach(([externalId], j) => {
        const found = res.data?.nodes[j];
        if (!found?.externalIds?.some((e) => e.scheme === source && e.value === externalId)) missing.add(externalId);
      });
    } catch (error) {
      unverifiable += page.length;
      if (unverifiable === page.length) console.error(`verify: a lookup failed: ${(error as Error).message}`);
    }
  }
  let verifiedBy = "the API (node lookups)";

  // On its own server: stop it, then look for the same external IDs with SQL on the file.
  if (own) {
    const code = await stopOwnServer(own);
    if (code !== 0) console.log(`load: own server exited with code ${code} on SIGTERM`);
    const db = new Database(own.dbPath, { readonly: true, fileMustExist: true });
    try {
      const stored = new Set(
        (
          db
            .prepare(
              `SELECT e.value FROM external_ids e JOIN memberships m ON m.id = e.record_id WHERE e.record_type = 'MEMBERSHIP' AND e.scheme = ?`,
            )
            .all(source) as { value: string }[]
        ).map((r) => r.value),
      );
      for (const externalId of acknowledged.keys()) if (!stored.has(externalId)) missing.add(externalId);
      const sentButUnacknowledged = [...sent].filter((id) => !acknowledged.has(id));
      const committedUnacknowledged = sentButUnacknowledged.filter((id) => stored.has(id)).length;
      const changes = (
        db
          .prepare(
            `SELECT count(*) AS n FROM changes c JOIN external_ids e ON e.record_type = 'MEMBERSHIP' AND e.record_id = c.record_id WHERE c.record_type = 'MEMBERSHIP' AND e.scheme = ?`,
          )
          .get(source) as { n: number }
      ).n;
      const integrity = db.pragma("integrity_check", { simple: true });
      console.log(
        `database:          ${stored.size} memberships of "${source}" stored (${committedUnacknowledged} of them sent but not acknowledged, e.g. in flight at the end), ${changes} change-feed entries; integrity_check ${String(integrity)}`,
      );
      verifiedBy += " and SQL on the database file";
    } finally {
      db.close();
    }
  }

  console.log(`lost writes: ${missing.size}   (of ${acknowledged.size} acknowledged memberships, checked through ${verifiedBy})`);
  if (missing.size > 0) console.log(`  missing, e.g.: ${[...missing].slice(0, 10).join(", ")}`);
  if (unverifiable > 0) console.log(`  ${unverifiable} acknowledged memberships could not be checked`);
  return missing.size > 0 || unverifiable > 0 ? 1 : 0;
}

// ---------------------------------------------------------------- WebSocket load

interface WsAnswer {
  errors?: { message?: string; extensions?: { code?: string } }[];
}

interface WsStats {
  queries: number;
  events: number;
  errorCount: number;
  internal: number;
  errors: Map<string, number>;
  latencies: number[];
  unexpectedClose: string | null;
  /** Subscriptions the server ended (with their error code, e.g. SUBSCRIPTION_TOO_SLOW). */
  subscriptionsEnded: string[];
}

/**
 * One graphql-ws socket until `deadline`: two change-feed subscriptions, and queries one after
 * another over the same socket.
 */
async function webSocketLoad(
  httpUrl: string,
  deadline: number,
  operations: { query: string; variables: Record<string, unknown> }[],
): Promise<WsStats> {
  const stats: WsStats = {
    queries: 0,
    events: 0,
    errorCount: 0,
    internal: 0,
    errors: new Map(),
    latencies: [],
    unexpectedClose: null,
    subscriptionsEnded: [],
  };
  const ws = new WebSocket(httpUrl.replace(/^http/, "ws"), "graphql-transport-ws");
  const pending = new Map<string, (payload: { errors?: { message?: string; extensions?: { code?: string } }[] }) => void>();
  let closedByUs = false;
  const closed = new Promise<void>((resolve) =>
    ws.on("close", (code, reason) => {
      if (!closedByUs) stats.unexpectedClose = `${code} ${String(reason)}`;
      for (const answer of pending.values()) answer({ errors: [{ message: "socket closed" }] });
      resolve();
    }),
  );
  ws.on("error", () => {});
  const acked = new Promise<void>((resolve) => {
    ws.on("message", (data: Buffer) => {
      const message = JSON.parse(data.toString("utf8")) as { id?: string; type: string; payload?: WsAnswer & WsAnswer["errors"] };
      if (message.type === "connection_ack") return resolve();
      if (message.id?.startsWith("s")) {
        const errors = (message.payload as WsAnswer | undefined)?.errors;
        if (message.type === "next" && !errors) stats.events++;
        else if (message.type === "next" || message.type === "error") {
          const list = errors ?? message.payload ?? [];
          const code = list[0]?.extensions?.code ?? "?";
          stats.subscriptionsEnded.push(`${message.id}:${code}`);
          if (code === ErrorCode.INTERNAL_SERVER_ERROR || code === "?") stats.internal++;
        }
        return;
      }
      const answer = message.id ? pending.get(message.id) : undefined;
      if (!answer || (message.type !== "next" && message.type !== "error")) return;
      pending.delete(message.id!);
      answer((message.type === "error" ? { errors: message.payload } : message.payload) ?? {});
    });
  });
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  ws.send(JSON.stringify({ type: "connection_init" }));
  await Promise.race([acked, closed]);
  const send = (message: unknown) => ws.readyState === WebSocket.OPEN && ws.send(JSON.stringify(message));
  send({
    id: "s1",
    type: "subscribe",
    payload: { query: `subscription { changes(types: [MEMBERSHIP]) { id version sequence } }` },
  });
  send({
    id: "s2",
    type: "subscribe",
    payload: {
      query: `subscription { changes(types: [MEMBERSHIP]) { id node { ... on Membership { status organisation { slug } member { slug } } } } }`,
    },
  });
  let n = 0;
  while (Date.now() < deadline && ws.readyState === WebSocket.OPEN) {
    const op = operations[n % operations.length];
    const id = `q${++n}`;
    const t0 = performance.now();
    const answer = await new Promise<{ errors?: { message?: string; extensions?: { code?: string } }[] }>((resolve) => {
      pending.set(id, resolve);
      send({ id, type: "subscribe", payload: op });
    });
    stats.latencies.push(performance.now() - t0);
    stats.queries++;
    for (const e of answer.errors ?? []) {
      stats.errorCount++;
      const code = e.extensions?.code ?? "?";
      if (code === ErrorCode.INTERNAL_SERVER_ERROR || code === "?") stats.internal++;
      const kind = `ws ${code}: ${String(e.message).slice(0, 100)}`;
      stats.errors.set(kind, (stats.errors.get(kind) ?? 0) + 1);
    }
  }
  closedByUs = true;
  if (ws.readyState === WebSocket.OPEN) ws.close(1000);
  await closed;
  return stats;
}

let exitCode: number;
try {
  exitCode = await main();
} catch (error) {
  console.error(`load: ${(error as Error).stack ?? String(error)}`);
  exitCode = 1;
} finally {
  if (exitCode! !== 0) printServerOutput(`the run failed (exit code ${exitCode!})`);
  stopping = true;
  cleanUp();
}
process.exit(exitCode);
