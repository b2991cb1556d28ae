/**
 * `npm run import -- <package folder or zip> [--dry-run] [--max-problems <n>]`: loads a data
 * package written by `npm run export` or `GET /export/datapackage.zip` into the configured
 * database (DATABASE_URL), empty or already holding data: records are upserted by their public id,
 * all or nothing. An empty database is migrated but not seeded first, so it ends up holding the
 * package. Progress goes to stderr: a bar per table (rows, rate, ETA) on a terminal, plain lines
 * otherwise; problems are listed one per line (file, line, column, what was expected), and then
 * nothing has been written. Exit status: 0 imported, 1 problems, 2 bad usage.
 */
import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import { bootFootprint } from "../app.js";
import { describeProblem } from "../import/importRecords.js";
import { importPackage, ImportFailed, type ImportOptions } from "../import/importPackage.js";
import { loadConfig } from "../lib/config.js";

const usage = "usage: npm run import -- <package folder or .zip> [--dry-run] [--max-problems <n>]";
let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: { "dry-run": { type: "boolean" }, "max-problems": { type: "string" } },
  });
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}
const { values, positionals } = parsed;
const limit = values["max-problems"] === undefined ? undefined : Number(values["max-problems"]);
if (positionals.length !== 1 || (limit !== undefined && !(Number.isInteger(limit) && limit > 0))) {
  console.error(usage);
  process.exit(2);
}

/** Bars on a terminal; elsewhere (CI logs, a pipe) a line per table and stage, and every 10,000 rows. */
function progressReporter(): { report: NonNullable<ImportOptions["onProgress"]>; stop(): void } {
  if (process.stderr.isTTY) {
    const bars = new cliProgress.MultiBar(
      {
        stream: process.stderr,
        format: "{stage} {table} [{bar}] {value}/{total} rows | {speed} rows/s | ETA {eta_formatted}",
        hideCursor: true,
        clearOnComplete: false,
      },
      cliProgress.Presets.shades_classic,
    );
    const open = new Map<string, { bar: cliProgress.SingleBar; started: number }>();
    return {
      report(stage, table, done, total) {
        const key = `${stage} ${table}`;
        let entry = open.get(key);
        if (!entry) open.set(key, (entry = { bar: bars.create(total, 0, { stage, table, speed: 0 }), started: Date.now() }));
        const seconds = Math.max((Date.now() - entry.started) / 1000, 0.001);
        entry.bar.update(done, { stage, table, speed: Math.round(done / seconds) });
      },
      stop: () => bars.stop(),
    };
  }
  const started = new Map<string, number>();
  const lastLine = new Map<string, number>();
  return {
    report(stage, table, done, total) {
      const key = `${stage} ${table}`;
      if (!started.has(key)) started.set(key, Date.now());
      if (done < total && done - (lastLine.get(key) ?? 0) < 10_000) return;
      lastLine.set(key, done);
      const seconds = Math.max((Date.now() - (started.get(key) as number)) / 1000, 0.001);
      const rate = done / seconds;
      const eta = done < total && rate > 0 ? `, ETA ${Math.ceil((total - done) / rate)} s` : "";
      console.error(`${stage} ${table}: ${done}/${total} rows, ${Math.round(rate)} rows/s${eta}`);
    },
    stop() {},
  };
}

const config = loadConfig();
const app = await bootFootprint({ ...config, LOG_LEVEL: "warn" }, { seed: false });
const progress = progressReporter();
let code = 0;
try {
  const started = Date.now();
  const summary = await importPackage({
    database: app.database,
    schema: app.server.schema,
    path: positionals[0],
    dryRun: values["dry-run"],
    problemLimit: limit,
    onProgress: progress.report,
  });
  progress.stop();
  const seconds = (Date.now() - started) / 1000;
  const rows = Object.values(summary.tables).reduce((n, c) => n + c.rows, 0);
  for (const [table, c] of Object.entries(summary.tables))
    console.error(
      c.partOf
        ? `${table}: ${c.rows} rows (parts of ${c.partOf})`
        : `${table}: ${c.rows} rows (${c.inserted} new, ${c.updated} changed, ${c.unchanged} unchanged)`,
    );
  console.error(
    summary.dryRun
      ? `Dry run: the package would import as above (${rows} rows, ${summary.changes} changes); nothing was written.`
      : `Imported ${rows} rows in ${seconds.toFixed(1)} s (${Math.round(rows / seconds)} rows/s): ${summary.changes} changes, data version ${summary.version}.`,
  );
} catch (error) {
  progress.stop();
  if (!(error instanceof ImportFailed)) throw error;
  for (const p of error.problems) console.error(`error: ${describeProblem(p)}`);
  if (error.more) console.error(`… and ${error.more} more problem(s) (--max-problems raises the limit)`);
  console.error(`Nothing was imported: ${error.message.replace(/; nothing was imported$/, "")}.`);
  code = 1;
} finally {
  await app.close();
}
process.exit(code);
