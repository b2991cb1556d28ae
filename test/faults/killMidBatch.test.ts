/**
 * Fault injection: the server is SIGKILLed while 250-item syncMemberships batches are in flight,
 * then restarted on the same database: a SQLite file (WAL recovery), or in the PostgreSQL test run
 * a PostgreSQL schema. Every batch must be all or nothing, every batch the client saw acknowledged
 * must be there, the change feed must hold exactly one change per inserted membership, and the
 * database must be sound: SQLite's integrity and foreign-key checks, and on either backend a change
 * feed numbered 1..n without gaps (a killed transaction leaves no hole).
 *
 * The server runs as a real child process (`node --import tsx src/cli/start.ts`), so the kill is a
 * real process death in the middle of whatever the server was doing.
 */
import { execFile, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withDefaultUser } from "../../db/connection.js";
import { PROJECT_ROOT as ROOT, startServerProcess, type ServerProcess } from "../support/serverProcess.js";
import { dropTestSchema, testBackend, uniqueTestSchema } from "../support/testDatabase.js";

const run = promisify(execFile);
const SOURCE = "fault-test";
const BATCH_SIZE = 250;
const BATCHES_PER_ROUND = 6;
const CITIES = ["tehran", "seoul", "baghdad", "najaf", "karbala", "istanbul", "barcelona", "moscow", "tokyo", "berlin"];
const SYNC = `mutation FaultSync($input: SyncMembershipsInput!) {
  syncMemberships(input: $input) { replayed userErrors { field message code } results { externalId outcome } }
}`;

const onPostgres = testBackend() === "postgres";
const pgUrl = process.env.TEST_DATABASE_URL ?? "";
const pgSchema = uniqueTestSchema("test_fault");

let dir: string;
let dbPath: string;
let env: NodeJS.ProcessEnv;
let editorKey: string;

let child: ServerProcess | undefined;

/** Starts the server on the test database; resolves with its GraphQL URL once it serves. */
async function startServer(): Promise<{ proc: ChildProcess; url: string }> {
  child = await startServerProcess({ env });
  return { proc: child.proc, url: `${child.url}/graphql` };
}

async function killHard(proc: ChildProcess): Promise<void> {
  if (child?.proc === proc) await child.stop("SIGKILL");
}

interface BatchOutcome {
  batch: number;
  /** HTTP 200, no GraphQL errors, no userErrors, 250 INSERTED results. */
  acknowledged: boolean;
  /** What the client saw, for the failure message. */
  seen: string;
}

function batchInput(batch: number) {
  return {
    source: SOURCE,
    memberships: Array.from({ length: BATCH_SIZE }, (_, i) => ({
      externalId: `B${batch}-${i}`,
      organisation: "metropolis",
      member: CITIES[(batch + i) % CITIES.length],
      status: "ACTIVE",
    })),
  };
}

async function sendBatch(url: string, batch: number): Promise<BatchOutcome> {
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${editorKey}` },
      body: JSON.stringify({ query: SYNC, variables: { input: batchInput(batch) } }),
    });
    const text = await res.text();
    let body: any;
    try {
      body = JSON.parse(text);
    } catch {
      return { batch, acknowledged: false, seen: `HTTP ${res.status}, body not JSON` };
    }
    const payload = body?.data?.syncMemberships;
    const acknowledged =
      res.status === 200 &&
      !body.errors &&
      payload?.userErrors?.length === 0 &&
      payload.results?.length === BATCH_SIZE &&
      payload.results.every((r: { outcome: string }) => r.outcome === "INSERTED");
    return { batch, acknowledged, seen: acknowledged ? "acknowledged" : `HTTP ${res.status} ${text.slice(0, 300)}` };
  } catch (error) {
    const { cause, message } = error as Error;
    return { batch, acknowledged: false, seen: `request failed: ${cause instanceof Error ? String(cause) : message}` };
  }
}

interface BatchCounts {
  memberships: number;
  changes: number;
  distinctChanged: number;
}

/** Read access to the server's database from the test, with `?` placeholders on both backends. */
interface Inspector {
  one<T>(text: string, ...params: unknown[]): Promise<T>;
  all<T>(text: string, ...params: unknown[]): Promise<T[]>;
  /** The backend's own consistency checks. */
  soundness(): Promise<void>;
  close(): Promise<void>;
}

async function inspect(): Promise<Inspector> {
  if (onPostgres) {
    const client = new pg.Client({ connectionString: withDefaultUser(pgUrl), options: `-c search_path=${pgSchema}` });
    await client.connect();
    let n = 0;
    const numbered = (text: string) => ((n = 0), text.replace(/\?/g, () => `$${++n}`));
    const all = async <T>(text: string, ...params: unknown[]) =>
      (await client.query(numbered(text), params)).rows.map((row) =>
        Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v])),
      ) as T[];
    return {
      all,
      one: async (text, ...params) => (await all(text, ...params))[0] as never,
      soundness: async () => {},
      close: () => client.end(),
    };
  }
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  return {
    all: async (text, ...params) => db.prepare(text).all(...params) as never,
    one: async (text, ...params) => db.prepare(text).get(...params) as never,
    soundness: async () => {
      expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
      expect(db.pragma("foreign_key_check")).toEqual([]);
    },
    close: async () => {
      db.close();
    },
  };
}

async function countBatch(db: Inspector, batch: number): Promise<BatchCounts> {
  const pattern = `B${batch}-%`;
  const memberships = await db.one<{ n: number }>(
    `SELECT count(*) AS n FROM external_ids e JOIN memberships m ON m.id = e.record_id
     WHERE e.record_type = 'MEMBERSHIP' AND e.scheme = ? AND e.value LIKE ?`,
    SOURCE,
    pattern,
  );
  const changes = await db.one<{ n: number; d: number }>(
    `SELECT count(*) AS n, count(DISTINCT c.record_id) AS d FROM changes c
     WHERE c.record_type = 'MEMBERSHIP' AND c.record_id IN (
       SELECT e.record_id FROM external_ids e WHERE e.record_type = 'MEMBERSHIP' AND e.scheme = ? AND e.value LIKE ?)`,
    SOURCE,
    pattern,
  );
  return { memberships: memberships.n, changes: changes.n, distinctChanged: changes.d };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "footprint-fault-"));
  dbPath = join(dir, "footprint.sqlite");
  env = onPostgres
    ? { ...process.env, DATABASE_URL: pgUrl, DATABASE_SCHEMA: pgSchema, NODE_ENV: "production" }
    : { ...process.env, DATABASE_URL: `file:${dbPath}`, NODE_ENV: "production" };
  delete env.PORT;
  await run(process.execPath, ["--import", "tsx", "src/cli/seed.ts"], { cwd: ROOT, env });
  const { stdout } = await run(
    process.execPath,
    ["--import", "tsx", "src/cli/keys.ts", "create", "--role", "EDITOR", "--name", "fault test"],
    { cwd: ROOT, env },
  );
  editorKey = stdout.trim().split("\n").at(-1)!.trim();
  expect(editorKey.length).toBeGreaterThan(20);
}, 60_000);

afterAll(async () => {
  if (child) await child.stop("SIGKILL");
  if (dir) rmSync(dir, { recursive: true, force: true });
  if (onPostgres) await dropTestSchema(pgSchema);
});

/** When, in a round, the server is killed. */
const KILL_MOMENTS: { name: string; afterAcks: number; delayMs: () => number }[] = [
  { name: "right after the first batch is acknowledged", afterAcks: 1, delayMs: () => 0 },
  { name: "after a random delay, acknowledged or not", afterAcks: 0, delayMs: () => 200 + Math.floor(Math.random() * 1_500) },
  { name: "shortly after the second batch is acknowledged", afterAcks: 2, delayMs: () => 30 + Math.floor(Math.random() * 250) },
];

describe("SIGKILL in the middle of syncMemberships batches", () => {
  it("leaves every batch all or nothing, keeps every acknowledged batch, and a sound database", async () => {
    const outcomes: BatchOutcome[] = [];
    let nextBatch = 1;
    const summary: string[] = [];

    let server = await startServer();
    for (const [round, moment] of KILL_MOMENTS.entries()) {
      const batches = Array.from({ length: BATCHES_PER_ROUND }, () => nextBatch++);
      let acks = 0;
      let onAck: () => void = () => {};
      const acked = new Promise<void>((resolveAcked) => {
        onAck = () => {
          if (++acks >= moment.afterAcks) resolveAcked();
        };
        if (moment.afterAcks === 0) resolveAcked();
      });
      const settled = new Set<number>();
      // Resolves once all but two batches have an answer: the latest the kill may come, so that
      // it always lands with batches in flight however fast the machine is.
      let onSettled: () => void = () => {};
      const almostAllSettled = new Promise<void>((resolveSettled) => {
        onSettled = () => {
          if (settled.size >= BATCHES_PER_ROUND - 2) resolveSettled();
        };
      });
      // Fired in quick succession: they queue behind the server's one-at-a-time write lock.
      const inFlight = batches.map(async (batch, i) => {
        await new Promise((r) => setTimeout(r, i * 5));
        const outcome = await sendBatch(server.url, batch);
        settled.add(batch);
        if (outcome.acknowledged) onAck();
        onSettled();
        return outcome;
      });
      await Promise.race([acked, almostAllSettled]);
      await Promise.race([new Promise((r) => setTimeout(r, moment.delayMs())), almostAllSettled]);
      const pendingAtKill = batches.filter((b) => !settled.has(b)).length;
      await killHard(server.proc);
      const roundOutcomes = await Promise.all(inFlight);
      outcomes.push(...roundOutcomes);
      // The kill must have hit while batches were still in flight, or the round proves nothing.
      expect(
        pendingAtKill,
        `round ${round} (${moment.name}): ${roundOutcomes.map((o) => `B${o.batch}: ${o.seen}`).join("\n")}`,
      ).toBeGreaterThan(0);

      const wal = `${dbPath}-wal`;
      const walBytes = existsSync(wal) ? statSync(wal).size : 0;

      // Restart on the same file: it must come up cleanly (SQLite recovers the WAL on open).
      server = await startServer();
      const health = await fetch(server.url.replace(/\/graphql$/, "/healthz"));
      expect(health.status).toBe(200);

      const db = await inspect();
      try {
        await db.soundness();
        const feed = await db.one<{ n: number; last: number }>(`SELECT count(*) AS n, max(seq) AS last FROM changes`);
        expect(feed.last, "the change feed is numbered 1..n without gaps").toBe(feed.n);
        const counts: string[] = [];
        for (const outcome of outcomes) {
          const c = await countBatch(db, outcome.batch);
          counts.push(`B${outcome.batch}=${c.memberships}${outcome.acknowledged ? "(ack)" : ""}`);
          const context = `batch B${outcome.batch} (${outcome.seen}): ${JSON.stringify(c)}`;
          expect([0, BATCH_SIZE], context).toContain(c.memberships);
          if (outcome.acknowledged) expect(c.memberships, context).toBe(BATCH_SIZE);
          // Exactly one change (the insert) per membership of the batch, none for a batch that is absent.
          expect(c.changes, context).toBe(c.memberships);
          expect(c.distinctChanged, context).toBe(c.memberships);
        }
        // No change in the feed points at a membership that is not there (a rolled-back batch leaves none).
        const orphans = await db.one<{ n: number }>(
          `SELECT count(*) AS n FROM changes c WHERE c.record_type = 'MEMBERSHIP' AND c.op = 'UPSERT'
             AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.id = c.record_id)
             AND NOT EXISTS (SELECT 1 FROM changes d WHERE d.record_type = 'MEMBERSHIP' AND d.op = 'DELETE' AND d.record_id = c.record_id)`,
        );
        expect(orphans.n).toBe(0);
        // One audit entry per applied batch, with its 250 change sequence numbers.
        let present = 0;
        for (const o of outcomes) if ((await countBatch(db, o.batch)).memberships === BATCH_SIZE) present++;
        const seqCount = onPostgres ? "json_array_length(change_seqs::json)" : "json_array_length(change_seqs)";
        const audits = await db.all<{ n: number }>(
          `SELECT ${seqCount} AS n FROM audit_events WHERE operation = 'syncMemberships' AND outcome = 'APPLIED'`,
        );
        expect(audits.length).toBe(present);
        expect(audits.every((a) => a.n === BATCH_SIZE)).toBe(true);

        // The restarted server answers from the same data.
        const res = await fetch(server.url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ query: `{ memberships(filter: { organisation: ["metropolis"] }, first: 1) { totalCount } }` }),
        });
        const body = await res.json();
        const sqlTotal = (
          await db.one<{ n: number }>(
            `SELECT count(*) AS n FROM memberships m JOIN organisations o ON o.id = m.organisation_id WHERE o.slug = 'metropolis'`,
          )
        ).n;
        expect(body.data?.memberships?.totalCount, JSON.stringify(body)).toBe(sqlTotal);

        const acknowledged = roundOutcomes.filter((o) => o.acknowledged).length;
        summary.push(
          `round ${round + 1} (${moment.name}): ${pendingAtKill} of ${BATCHES_PER_ROUND} pending at the kill, ${acknowledged} acknowledged, ` +
            `WAL ${walBytes} bytes before restart; ${counts.filter((c) => c.includes(`=${BATCH_SIZE}`)).length} of ${outcomes.length} batches present: ${counts.join(" ")}`,
        );
      } finally {
        await db.close();
      }
    }
    // The last server shuts down cleanly on SIGTERM.
    const exited = new Promise<number | null>((r) => server.proc.once("exit", (code) => r(code)));
    server.proc.kill("SIGTERM");
    expect(await exited).toBe(0);
    console.log(`kill-mid-batch:\n  ${summary.join("\n  ")}`);
  }, 180_000);
});
