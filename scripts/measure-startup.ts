/**
 * `npm run measure:startup -- [--runs 3] [--command "npm start"]`: how long a new user waits.
 *
 * Each run starts the server as the README says (`npm start`, the embedded SQLite default) on a
 * new, empty database file, and times from the spawn until the researcher example
 * (examples/operations/researcher-trips.graphql) answers with trips: the first start, which
 * migrates and loads the seed. It stops the server and starts it again on the same file: the
 * seeded start. It prints the median, minimum and maximum of each, and fails when an answer is
 * wrong or when the running server's schema differs from schema/schema.graphql (the bundle must
 * serve the schema the sources print; `--skip-schema-check` for timing another build). CI runs it once as its start-up smoke test; the numbers in
 * the README come from it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import {
  buildClientSchema,
  buildSchema,
  getIntrospectionQuery,
  lexicographicSortSchema,
  printSchema,
  type IntrospectionQuery,
} from "graphql";
import { exampleOperation } from "../examples/operations/index.js";
import { PROJECT_ROOT, freePort } from "../test/support/serverProcess.js";

const { values: args } = parseArgs({
  options: {
    runs: { type: "string", default: "3" },
    command: { type: "string", default: "npm start" },
    "timeout-ms": { type: "string", default: "60000" },
    // For timing another build (an older commit's) whose schema is not this one.
    "skip-schema-check": { type: "boolean", default: false },
  },
});
const runs = Number(args.runs);
const [program, ...programArgs] = args.command.split(" ").filter(Boolean) as [string, ...string[]];
const timeoutMs = Number(args["timeout-ms"]);
const researcher = exampleOperation("researcher-trips");

async function post(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ data?: Record<string, unknown> }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
  return (await response.json()) as { data?: Record<string, unknown> };
}

interface Started {
  child: ChildProcess;
  url: string;
  ms: number;
  output: string[];
}

/** Spawns the command and waits until the researcher example answers with trips. */
async function startAndTime(databaseFile: string): Promise<Started> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/graphql`;
  const output: string[] = [];
  const startedAt = performance.now();
  // Its own process group, so that stopping it stops npm and the server it started.
  const child = spawn(program, programArgs, {
    cwd: PROJECT_ROOT,
    env: { ...process.env, DATABASE_URL: `file:${databaseFile}`, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  child.stdout.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  while (performance.now() - startedAt < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`"${args.command}" exited with ${child.exitCode}:\n${output.join("")}`);
    try {
      const answer = await post(url, researcher, { after: null });
      const ms = performance.now() - startedAt;
      const trips = answer.data?.trips as { totalCount?: number } | undefined;
      if (!trips?.totalCount) throw new Error(`the researcher example answered without trips: ${JSON.stringify(answer)}`);
      return { child, url, ms, output };
    } catch (error) {
      if (!(error instanceof TypeError)) throw error; // fetch's TypeError: not listening yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  await stop(child);
  throw new Error(`no answer within ${timeoutMs} ms:\n${output.join("")}`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  process.kill(-child.pid!, "SIGTERM");
  await exited;
}

/** The running server's schema must be the one the sources print. */
async function checkSchema(url: string): Promise<void> {
  const answer = (await post(
    url,
    getIntrospectionQuery({ specifiedByUrl: true, directiveIsRepeatable: true, inputValueDeprecation: true }),
  )) as unknown as { data: IntrospectionQuery };
  const served = printSchema(lexicographicSortSchema(buildClientSchema(answer.data)));
  const printed = printSchema(
    lexicographicSortSchema(buildSchema(readFileSync(resolve(PROJECT_ROOT, "schema/schema.graphql"), "utf8"))),
  );
  if (served !== printed)
    throw new Error("the running server's schema differs from schema/schema.graphql (npm run build, then npm run schema:check)");
}

const summary = (ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  return `median ${Math.round(median)} ms (min ${Math.round(sorted[0])}, max ${Math.round(sorted.at(-1)!)}; ${ms.length} runs)`;
};

const first: number[] = [];
const seeded: number[] = [];
for (let run = 0; run < runs; run++) {
  const dir = mkdtempSync(join(tmpdir(), "footprint-startup-"));
  try {
    const file = join(dir, "footprint.sqlite");
    const cold = await startAndTime(file);
    first.push(cold.ms);
    if (run === 0 && !args["skip-schema-check"]) await checkSchema(cold.url);
    await stop(cold.child);
    const warm = await startAndTime(file);
    seeded.push(warm.ms);
    await stop(warm.child);
    console.log(`run ${run + 1}: first start ${Math.round(cold.ms)} ms, seeded start ${Math.round(warm.ms)} ms`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
console.log(`"${args.command}" until the researcher example answers, Node ${process.version}:`);
console.log(`  first start (migrate + seed): ${summary(first)}`);
console.log(`  seeded start:                 ${summary(seeded)}`);
