/**
 * Footprint as a real child process, for tests and scripts that must signal it (SIGKILL, SIGTERM)
 * or measure it from outside: started on a free port, ready when it logs that it serves, its
 * output kept (and always drained, so the child never blocks on a full pipe).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  at: number;
}

export interface ServerProcess {
  proc: ChildProcess;
  port: number;
  /** Base URL, e.g. http://127.0.0.1:4321 (GraphQL is at `${url}/graphql`). */
  url: string;
  /** Output lines, stderr lines prefixed with "[stderr] ". */
  lines: string[];
  /** The JSON (pino) log entries among the output lines. */
  entries(): Record<string, unknown>[];
  exited: Promise<Exit>;
  /** Sends `signal` and waits for the process to end. */
  stop(signal?: NodeJS.Signals): Promise<Exit>;
}

export interface StartOptions {
  /** The child's environment; PORT and HOST are set here. */
  env: NodeJS.ProcessEnv;
  /** Run the compiled build (dist/) instead of the sources through tsx. */
  compiled?: boolean;
  startTimeoutMs?: number;
}

const READY = "Footprint is serving GraphQL";

/** Node's arguments in `npm start` (package.json), so the compiled server runs exactly as deployed. */
export function npmStartArguments(): string[] {
  const scripts = (JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> })
    .scripts;
  const [command, ...args] = scripts.start.trim().split(/\s+/);
  if (command !== "node") throw new Error(`npm start runs "${command}", not node: ${scripts.start}`);
  return args;
}
const MAX_LINES = 5_000;

export async function startServerProcess(options: StartOptions): Promise<ServerProcess> {
  const port = await freePort();
  const args = options.compiled ? npmStartArguments() : ["--import", "tsx", "src/cli/start.ts"];
  const proc = spawn(process.execPath, args, {
    cwd: PROJECT_ROOT,
    env: { LOG_LEVEL: "info", ...options.env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const keep = (line: string) => {
    lines.push(line);
    if (lines.length > MAX_LINES) lines.shift();
  };
  const exited = new Promise<Exit>((r) => proc.once("exit", (code, signal) => r({ code, signal, at: Date.now() })));
  const entries = () =>
    lines.flatMap((line) => {
      try {
        const entry = JSON.parse(line);
        return entry && typeof entry === "object" ? [entry as Record<string, unknown>] : [];
      } catch {
        return [];
      }
    });
  await new Promise<void>((resolveReady, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start in time:\n${lines.join("\n")}`)),
      options.startTimeoutMs ?? 60_000,
    );
    let buffered = "";
    proc.stdout.on("data", (chunk: Buffer) => {
      buffered += chunk.toString("utf8");
      let newline: number;
      while ((newline = buffered.indexOf("\n")) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        keep(line);
        if (line.includes(`"msg":"${READY}"`)) {
          clearTimeout(timer);
          resolveReady();
        }
      }
    });
    proc.stderr.on("data", (chunk: Buffer) => keep(`[stderr] ${chunk.toString("utf8").trimEnd()}`));
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`server exited before serving (code ${code}, signal ${signal}):\n${lines.join("\n")}`));
    });
  });
  return {
    proc,
    port,
    url: `http://127.0.0.1:${port}`,
    lines,
    entries,
    exited,
    async stop(signal = "SIGKILL") {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      return exited;
    },
  };
}
