/**
 * The export phase of `npm run bench` (`--ops export`, issue 16 item 6). Against the compiled
 * server run.ts started, per size:
 *
 * 1. Disconnect: starts `GET /export/trips.csv`, drops the connection after about a second (or at
 *    half the file, when the whole export takes less), then watches the server for two seconds:
 *    its SQL statement counter (/metrics) and its CPU time (/proc/<pid>/stat). Passed when the
 *    counter stops within 0.5 s of the drop and the CPU spent after that is that of an idle server
 *    answering the polls. It also warms the export path up before the timed runs.
 * 2. Streams `GET /export/trips.csv` and `GET /export/datapackage.zip` to completion: rows
 *    (CSV records, counted outside quoted fields, header excluded; the zip's rows are not
 *    counted), bytes, seconds, and the server's peak RSS over the export: its kernel high-water
 *    mark (VmHWM, reset through /proc/<pid>/clear_refs just before, so earlier operations do not
 *    count), with VmRSS sampled every 100 ms as a fallback where the reset is not allowed.
 *
 * The client reads with node:http and keeps nothing but counts, so that it takes as little of the
 * two cores from the server as it can. Linux only (/proc).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { get, type IncomingMessage } from "node:http";
import { performance } from "node:perf_hooks";

/** Issue 16's targets at 1M trips. */
export const EXPORT_TARGET_ROWS_PER_SECOND = 50_000;
export const EXPORT_TARGET_RSS_BYTES = 250 * 1024 * 1024;
const DISCONNECT_AFTER_MS = 1_000;
const DISCONNECT_WATCH_MS = 2_000;
const DISCONNECT_SETTLE_MS = 500;
/** CPU an idle server may spend in the watch after the settle (the /metrics polls themselves). */
const IDLE_CPU_MS = 150;
const SAMPLE_MS = 100;

export interface ExportMeasurement {
  path: string;
  /** CSV records without the header; null for the zip. */
  rows: number | null;
  bytes: number;
  seconds: number;
  firstByteSeconds: number;
  rssBefore: number | null;
  peakRss: number | null;
  /** Where peakRss comes from: the kernel's high-water mark, or the 100 ms samples. */
  peakFrom: "VmHWM" | "samples";
  /** False when the client gave up at its time limit: the figures are for the part streamed. */
  complete: boolean;
  /** SQL statements the server ran during the export. */
  statements: number;
}

export interface DisconnectResult {
  /** False when the export ended before the client dropped it: nothing to check. */
  aborted: boolean;
  abortedAfterSeconds: number;
  bytesRead: number;
  /** The full file's size when known, to say how far into it the drop came. */
  fullBytes: number | null;
  /** Statements run after the drop, and when the last of them ran (ms after the drop). */
  statementsAfter: number;
  lastStatementMs: number | null;
  /** Server CPU from DISCONNECT_SETTLE_MS to DISCONNECT_WATCH_MS after the drop. */
  cpuMsAfterSettle: number;
  passed: boolean;
}

function procStatus(pid: number): { rss: number; hwm: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(text)?.[1] ?? NaN) * 1024;
    return { rss: kb("VmRSS"), hwm: kb("VmHWM") };
  } catch {
    return null;
  }
}

/** utime + stime in ms (fields 14 and 15, counted after the command name, which may hold spaces). */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // USER_HZ is 100 on every Linux this runs on; /proc gives no way to ask without a native call.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, "5");
    return true;
  } catch {
    return false;
  }
}

async function statements(origin: string): Promise<number> {
  const text = await (await fetch(`${origin}/metrics`, { signal: AbortSignal.timeout(10_000) })).text();
  return Number(/^footprint_db_statements_total\s+(\S+)$/m.exec(text)?.[1] ?? NaN);
}

/** Counts CSV records as they stream: a newline ends one unless it is inside a quoted field. */
class CsvRecords {
  count = 0;
  private quoted = false;
  add(chunk: Buffer): void {
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (byte === 0x22) this.quoted = !this.quoted;
      else if (byte === 0x0a && !this.quoted) this.count++;
    }
  }
}

function open(url: string): Promise<IncomingMessage> {
  return new Promise((resolveOpen, reject) => {
    const req = get(url, (res) => {
      if (res.statusCode !== 200) {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (s: string) => (body += s.length < 1_000 ? s : ""));
        res.on("end", () => reject(new Error(`${url} answered HTTP ${res.statusCode}: ${body.slice(0, 500)}`)));
        return;
      }
      resolveOpen(res);
    });
    req.on("error", reject);
  });
}

/**
 * Streams one export to its end, or for `timeoutMs` at most (then the figures are the part's: an
 * export far below target would otherwise hold the whole benchmark up). Fails on a cut-off answer,
 * the server's way of saying the export failed.
 */
export async function measureExport(origin: string, pid: number, path: string, timeoutMs: number): Promise<ExportMeasurement> {
  const statementsBefore = await statements(origin);
  const rssBefore = procStatus(pid)?.rss ?? null;
  const reset = resetPeakRss(pid);
  let sampled = 0;
  const sample = () => (sampled = Math.max(sampled, procStatus(pid)?.rss ?? 0));
  const sampler = setInterval(sample, SAMPLE_MS);
  const t0 = performance.now();
  try {
    const res = await open(`${origin}${path}`);
    const firstByteSeconds = (performance.now() - t0) / 1000;
    const records = path.endsWith(".csv") ? new CsvRecords() : null;
    let bytes = 0;
    let complete = true;
    await new Promise<void>((resolveRead, reject) => {
      const timer = setTimeout(() => {
        complete = false;
        res.destroy();
        resolveRead();
      }, timeoutMs);
      res.on("data", (chunk: Buffer) => {
        bytes += chunk.length;
        records?.add(chunk);
      });
      res.on("end", () => {
        clearTimeout(timer);
        resolveRead();
      });
      res.on("aborted", () => complete && reject(new Error(`${path}: the server cut the answer off after ${bytes} bytes`)));
      res.on("error", reject);
    });
    const seconds = (performance.now() - t0) / 1000;
    sample();
    const hwm = procStatus(pid)?.hwm ?? null;
    // A dropped export's last statements may still be running: the count is the streamed part's.
    const statementsAfter = await statements(origin);
    return {
      complete,
      statements: statementsAfter - statementsBefore,
      path,
      rows: records ? Math.max(0, records.count - 1) : null,
      bytes,
      seconds,
      firstByteSeconds,
      rssBefore,
      peakRss: reset && hwm ? hwm : sampled || null,
      peakFrom: reset && hwm ? "VmHWM" : "samples",
    };
  } finally {
    clearInterval(sampler);
  }
}

/** Drops an export mid-stream and watches whether the server stops working on it. */
export async function disconnectCheck(origin: string, pid: number, fullBytes: number | null): Promise<DisconnectResult> {
  const t0 = performance.now();
  const res = await open(`${origin}/export/trips.csv`);
  let bytesRead = 0;
  const aborted = await new Promise<boolean>((resolveRead, reject) => {
    const drop = () => {
      res.destroy();
      resolveRead(true);
    };
    const timer = setTimeout(drop, DISCONNECT_AFTER_MS);
    res.on("data", (chunk: Buffer) => {
      bytesRead += chunk.length;
      if (fullBytes !== null && bytesRead >= fullBytes / 2) {
        clearTimeout(timer);
        drop();
      }
    });
    res.on("end", () => {
      clearTimeout(timer);
      resolveRead(false);
    });
    res.on("error", (error) => {
      // destroy() without an error emits none; anything else is a real failure.
      clearTimeout(timer);
      reject(error);
    });
  });
  const abortedAt = performance.now();
  const abortedAfterSeconds = (abortedAt - t0) / 1000;
  const base = await statements(origin);
  let last = base;
  let lastStatementMs: number | null = null;
  let cpuAtSettle: number | null = null;
  while (performance.now() - abortedAt < DISCONNECT_WATCH_MS) {
    await new Promise((r) => setTimeout(r, 50));
    const since = performance.now() - abortedAt;
    if (cpuAtSettle === null && since >= DISCONNECT_SETTLE_MS) cpuAtSettle = cpuMs(pid);
    const now = await statements(origin);
    if (now !== last) lastStatementMs = since;
    last = now;
  }
  const cpuMsAfterSettle = cpuMs(pid) - (cpuAtSettle ?? cpuMs(pid));
  const statementsAfter = last - base;
  return {
    aborted,
    abortedAfterSeconds,
    bytesRead,
    fullBytes,
    statementsAfter,
    lastStatementMs,
    cpuMsAfterSettle,
    passed: aborted && (lastStatementMs === null || lastStatementMs <= DISCONNECT_SETTLE_MS) && cpuMsAfterSettle <= IDLE_CPU_MS,
  };
}

const mb = (bytes: number) => bytes / 1024 / 1024;

export function describeExport(m: ExportMeasurement): string {
  return (
    `${m.path}${m.complete ? "" : " (NOT COMPLETE: stopped at the time limit)"}: ${m.rows === null ? "" : `${m.rows.toLocaleString("en")} rows, `}${mb(m.bytes).toFixed(1)} MB in ${m.seconds.toFixed(2)} s` +
    ` (first byte ${m.firstByteSeconds.toFixed(2)} s)` +
    `${m.rows === null ? "" : `, ${Math.round(m.rows / m.seconds).toLocaleString("en")} rows/s`}, ${(mb(m.bytes) / m.seconds).toFixed(1)} MB/s` +
    `, ${m.statements.toLocaleString("en")} SQL statements, peak RSS ${m.peakRss === null ? "–" : Math.round(mb(m.peakRss))} MB (${m.peakFrom}; ${m.rssBefore === null ? "–" : Math.round(mb(m.rssBefore))} MB before)`
  );
}

export function describeDisconnect(d: DisconnectResult): string {
  if (!d.aborted) return "disconnect: the export ended before the drop; not checked";
  const share = d.fullBytes ? ` (${Math.round((100 * d.bytesRead) / d.fullBytes)}% of the file)` : "";
  return (
    `disconnect after ${d.abortedAfterSeconds.toFixed(2)} s at ${mb(d.bytesRead).toFixed(1)} MB${share}: ` +
    `${d.statementsAfter} SQL statements after the drop, the last ${d.lastStatementMs === null ? "–" : `${Math.round(d.lastStatementMs)} ms`} after it; ` +
    `server CPU ${Math.round(d.cpuMsAfterSettle)} ms in the ${(DISCONNECT_WATCH_MS - DISCONNECT_SETTLE_MS) / 1000} s after ${DISCONNECT_SETTLE_MS} ms: ${d.passed ? "stopped" : "DID NOT STOP"}`
  );
}

export interface ExportRow {
  run: number;
  size: number;
  exports: ExportMeasurement[];
  disconnect: DisconnectResult;
}

export function exportTable(rows: ExportRow[]): string {
  const lines = [
    "| trips | export | rows | MB | seconds | rows/s | MB/s | SQL statements | peak RSS MB | RSS before MB |",
    "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const r of rows) {
    for (const m of r.exports) {
      lines.push(
        `| ${r.size.toLocaleString("en")} | ${m.path}${m.complete ? "" : " ⚠ stopped at the time limit"} | ${m.rows === null ? "–" : m.rows.toLocaleString("en")} | ${mb(m.bytes).toFixed(1)} | ${m.seconds.toFixed(2)} | ${m.rows === null ? "–" : Math.round(m.rows / m.seconds).toLocaleString("en")} | ${(mb(m.bytes) / m.seconds).toFixed(1)} | ${m.statements.toLocaleString("en")} | ${m.peakRss === null ? "–" : Math.round(mb(m.peakRss))} | ${m.rssBefore === null ? "–" : Math.round(mb(m.rssBefore))} |`,
      );
    }
  }
  lines.push("");
  for (const r of rows) lines.push(`- ${r.size.toLocaleString("en")} trips: ${describeDisconnect(r.disconnect)}`);
  return lines.join("\n");
}
