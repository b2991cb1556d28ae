/**
 * Graceful shutdown of the real process (`node --import tsx src/cli/start.ts`): on SIGTERM the
 * server stops accepting connections at once, finishes the requests already in flight (even one
 * whose body has not fully arrived), and exits 0; and shutdown is bounded: a request that never
 * completes does not keep the process alive past SHUTDOWN_TIMEOUT_MS (plus a little).
 */
import { execFile, type ChildProcess } from "node:child_process";
import { connect, type Socket } from "node:net";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT as ROOT, startServerProcess, type ServerProcess } from "../support/serverProcess.js";
import { testDatabase, type TestDatabase } from "../support/testDatabase.js";

const run = promisify(execFile);

let database: TestDatabase | undefined;
let baseEnv: NodeJS.ProcessEnv;
const children: ChildProcess[] = [];

/** Started with the test's environment plus `env`; kept for afterAll to clean up. */
async function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const server = await startServerProcess({ env: { ...baseEnv, ...env } });
  children.push(server.proc);
  return server;
}

function open(port: number): Promise<Socket> {
  return new Promise((resolveSocket, reject) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => resolveSocket(socket));
    socket.once("error", reject);
  });
}

/** Everything the socket receives until the peer closes it. */
function collect(socket: Socket): { done: Promise<string>; text(): string } {
  const chunks: Buffer[] = [];
  socket.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<string>((r) => {
    socket.once("close", () => r(Buffer.concat(chunks).toString("utf8")));
  });
  socket.on("error", () => {});
  return { done, text: () => Buffer.concat(chunks).toString("utf8") };
}

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A complete HTTP/1.1 response from raw text, or null while it is incomplete. */
function parseResponse(raw: string): RawResponse | null {
  const end = raw.indexOf("\r\n\r\n");
  if (end < 0) return null;
  const [statusLine, ...headerLines] = raw.slice(0, end).split("\r\n");
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(":");
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? "")?.[1]);
  let rest = Buffer.from(raw.slice(end + 4), "utf8");
  if (headers["content-length"] !== undefined) {
    const length = Number(headers["content-length"]);
    if (rest.length < length) return null;
    return { status, headers, body: rest.subarray(0, length).toString("utf8") };
  }
  if (/chunked/i.test(headers["transfer-encoding"] ?? "")) {
    const parts: Buffer[] = [];
    for (;;) {
      const lineEnd = rest.indexOf("\r\n");
      if (lineEnd < 0) return null;
      const size = parseInt(rest.subarray(0, lineEnd).toString("ascii"), 16);
      if (size === 0) return { status, headers, body: Buffer.concat(parts).toString("utf8") };
      if (rest.length < lineEnd + 2 + size + 2) return null;
      parts.push(rest.subarray(lineEnd + 2, lineEnd + 2 + size));
      rest = rest.subarray(lineEnd + 2 + size + 2);
    }
  }
  return null;
}

async function waitFor<T>(probe: () => T | null, ms: number, what: string): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== null) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What a new client gets: "refused" (nothing listens), "no service" (accepted, then closed unanswered), or the answer. */
async function tryNewConnection(port: number): Promise<string> {
  let socket: Socket;
  try {
    socket = await open(port);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ECONNREFUSED" || code === "ECONNRESET") return "refused";
    throw error;
  }
  const received = collect(socket);
  socket.write(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
  const text = await Promise.race([received.done, sleep(1_500).then(() => received.text())]);
  socket.destroy();
  return parseResponse(text) ? text : "no service";
}

/** A POST /graphql whose headers announce the whole body; returns the request's two halves. */
function splitRequest(query: string): { head: string; firstHalf: Buffer; secondHalf: Buffer } {
  const body = Buffer.from(JSON.stringify({ query }), "utf8");
  const head = `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
  const cut = Math.floor(body.length / 2);
  return { head, firstHalf: body.subarray(0, cut), secondHalf: body.subarray(cut) };
}

beforeAll(async () => {
  database = await testDatabase();
  baseEnv = { ...process.env, ...database.config, NODE_ENV: "production" };
  delete baseEnv.PORT;
  // Seeded once, so that each server start is quick.
  await run(process.execPath, ["--import", "tsx", "src/cli/seed.ts"], { cwd: ROOT, env: baseEnv });
}, 60_000);

afterAll(async () => {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGKILL");
      await exited;
    }
  }
  await database?.drop();
});

describe("SIGTERM", () => {
  it("stops accepting connections, finishes a request whose body was still arriving (200 with data), and exits 0 in time", async () => {
    const SHUTDOWN_TIMEOUT_MS = 5_000;
    const server = await startServer({ SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS) });
    // The server serves before the signal.
    expect(await tryNewConnection(server.port)).toMatch(/^HTTP\/1\.1 200/);

    const { head, firstHalf, secondHalf } = splitRequest(`query InFlight { trips(first: 5) { totalCount nodes { code } } }`);
    const socket = await open(server.port);
    const received = collect(socket);
    socket.write(head);
    socket.write(firstHalf);
    // Let the server read the headers: the request is now in flight.
    await sleep(200);

    const signalledAt = Date.now();
    server.proc.kill("SIGTERM");
    await sleep(300);

    // A new client gets nothing.
    expect(await tryNewConnection(server.port)).toMatch(/^(refused|no service)$/);
    expect(server.proc.exitCode, "still finishing the request in flight").toBeNull();

    // The rest of the body arrives: the request completes.
    socket.write(secondHalf);
    const response = await waitFor(
      () => parseResponse(received.text()),
      10_000,
      `the in-flight answer; got: ${received.text().slice(0, 300)}`,
    );
    expect(response.status, response.body.slice(0, 300)).toBe(200);
    const body = JSON.parse(response.body) as {
      data?: { trips: { totalCount: number; nodes: { code: string }[] } };
      errors?: unknown;
    };
    expect(body.errors).toBeUndefined();
    expect(body.data?.trips.nodes).toHaveLength(5);
    expect(body.data?.trips.totalCount).toBeGreaterThan(5);

    const exit = await server.exited;
    console.log(`graceful shutdown: exit ${exit.code} ${exit.at - signalledAt} ms after SIGTERM`);
    expect(exit, server.lines.join("\n").slice(-2000)).toMatchObject({ code: 0, signal: null });
    expect(exit.at - signalledAt).toBeLessThan(SHUTDOWN_TIMEOUT_MS);
    expect(server.lines.join("\n")).toMatch(/shutting down/);
    expect(server.lines.join("\n")).not.toMatch(/shutdown timed out|shutdown failed/);
  }, 90_000);

  it("is bounded: a request that never completes its body does not hold the process past SHUTDOWN_TIMEOUT_MS", async () => {
    const SHUTDOWN_TIMEOUT_MS = 1_000;
    const server = await startServer({ SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS) });
    const { head, firstHalf } = splitRequest(`{ countries { code } }`);
    const socket = await open(server.port);
    const received = collect(socket);
    socket.write(head);
    socket.write(firstHalf);
    await sleep(200);

    const signalledAt = Date.now();
    server.proc.kill("SIGTERM");
    const exit = await Promise.race([server.exited, sleep(5_000).then(() => null)]);
    expect(exit, `still running 5 s after SIGTERM:\n${server.lines.join("\n").slice(-2000)}`).not.toBeNull();
    console.log(`bounded shutdown: exit ${exit!.code} ${exit!.at - signalledAt} ms after SIGTERM`);
    expect(exit!.signal).toBeNull();
    expect(exit!.at - signalledAt).toBeLessThan(2_500);
    // The half-sent request was never answered with data, and its connection is gone.
    await Promise.race([received.done, sleep(1_000)]);
    expect(socket.destroyed || socket.readableEnded).toBe(true);
    expect(received.text()).not.toMatch(/"data"/);
    // Either the drain cut it off (0) or the guard timer did (1): both are bounded exits.
    expect([0, 1]).toContain(exit!.code);
  }, 90_000);
});
