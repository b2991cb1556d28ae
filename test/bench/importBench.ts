/**
 * The import phase of `npm run bench` (`--ops import`, issue 16 item 6), per size: downloads the
 * data package (`GET /export/datapackage.zip`) from the server run.ts started into a file, then
 * runs `npm run import`'s command (`node --import tsx src/cli/import.ts <zip>`) into a new, empty
 * SQLite database, and reports the rows it wrote, its own timing (from reading the zip to the
 * commit, as it prints it), the whole command's wall time (with start-up and migrations) and the
 * importer's peak RSS (its kernel high-water mark, VmHWM, polled until it exits). Linux only.
 */
import { spawn } from "node:child_process";
import { createWriteStream, readFileSync, rmSync } from "node:fs";
import { get } from "node:http";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { pipeline } from "node:stream/promises";

/** Issue 16's target for the 100k-trip package. */
export const IMPORT_TARGET_ROWS_PER_SECOND = 20_000;

export interface ImportMeasurement {
  rows: number;
  /** The importer's own seconds and rate, from reading the package to the commit. */
  seconds: number;
  rowsPerSecond: number;
  /** The command's wall time, start-up and migrations included. */
  wallSeconds: number;
  packageBytes: number;
  peakRss: number | null;
}

export interface ImportRow {
  run: number;
  size: number;
  measured: ImportMeasurement;
}

function download(url: string, file: string): Promise<number> {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`${url} answered HTTP ${res.statusCode}`));
      let bytes = 0;
      res.on("data", (chunk: Buffer) => (bytes += chunk.length));
      pipeline(res, createWriteStream(file)).then(() => resolve(bytes), reject);
    }).on("error", reject);
  });
}

function peakRssOf(pid: number): number | null {
  try {
    const text = readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(/^VmHWM:\s+(\d+) kB/m.exec(text)?.[1] ?? NaN) * 1024 || null;
  } catch {
    return null;
  }
}

export async function measureImport(root: string, origin: string, workDir: string, tag: string): Promise<ImportMeasurement> {
  const zip = join(workDir, `package-${tag}.zip`);
  const database = join(workDir, `imported-${tag}.sqlite`);
  const packageBytes = await download(`${origin}/export/datapackage.zip`, zip);
  const t0 = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/import.ts", zip], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: `file:${database}`, LOG_LEVEL: "warn" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (s: string) => (stderr = (stderr + s).slice(-20_000)));
  let peak: number | null = null;
  const poll = setInterval(() => (peak = Math.max(peak ?? 0, peakRssOf(child.pid as number) ?? 0) || peak), 100);
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  clearInterval(poll);
  const wallSeconds = (performance.now() - t0) / 1000;
  try {
    const done = /Imported (\d+) rows in ([\d.]+) s/.exec(stderr);
    if (code !== 0 || !done) throw new Error(`the import exited ${code}:\n${stderr.slice(-3_000)}`);
    const rows = Number(done[1]);
    const seconds = Number(done[2]);
    return { rows, seconds, rowsPerSecond: rows / seconds, wallSeconds, packageBytes, peakRss: peak };
  } finally {
    for (const file of [zip, database, `${database}-wal`, `${database}-shm`]) rmSync(file, { force: true });
  }
}

const mb = (bytes: number) => bytes / 1024 / 1024;

export function describeImport(m: ImportMeasurement): string {
  return (
    `import of the ${mb(m.packageBytes).toFixed(1)} MB package into an empty database: ${m.rows.toLocaleString("en")} rows in ${m.seconds.toFixed(1)} s, ` +
    `${Math.round(m.rowsPerSecond).toLocaleString("en")} rows/s (the command ${m.wallSeconds.toFixed(1)} s with start-up), peak RSS ${m.peakRss === null ? "–" : Math.round(mb(m.peakRss))} MB`
  );
}

export function importTable(rows: ImportRow[]): string {
  const lines = [
    "| trips | package MB | rows | import seconds | rows/s | command seconds | peak RSS MB |",
    "|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const { size, measured: m } of rows)
    lines.push(
      `| ${size.toLocaleString("en")} | ${mb(m.packageBytes).toFixed(1)} | ${m.rows.toLocaleString("en")} | ${m.seconds.toFixed(1)} | ${Math.round(m.rowsPerSecond).toLocaleString("en")} | ${m.wallSeconds.toFixed(1)} | ${m.peakRss === null ? "–" : Math.round(mb(m.peakRss))} |`,
    );
  return lines.join("\n");
}
