/**
 * Writes an export's rows as CSV or JSON Lines to any writable stream (an HTTP answer, a file),
 * waiting for the stream to drain so that a slow reader never makes the rows pile up in memory.
 *
 * CSV is what a spreadsheet opens as it is: UTF-8 with a byte-order mark (without it, Excel reads
 * Persian as mojibake), a header row of the dictionary's column names, booleans as true/false and
 * lists joined by "; ". A data package's CSVs go without the mark (`bom: false`): they are read by
 * tools (Frictionless, pandas, R), several of which take a mark for part of the first column's
 * name. JSON Lines keeps lists as arrays and nulls as null.
 */
import { once } from "node:events";
import type { Writable } from "node:stream";
import { stringify } from "csv-stringify";
import type { ExportRow } from "./exportRows.js";
import type { ExportTable } from "./exportTables.js";

export type ExportFormat = "csv" | "jsonl";

export const EXPORT_FORMATS: Record<ExportFormat, { contentType: string }> = {
  csv: { contentType: "text/csv; charset=utf-8" },
  jsonl: { contentType: "application/x-ndjson; charset=utf-8" },
};

/** Lists in a CSV cell: items joined by "; " (the dictionary says so for each list column). */
export const LIST_SEPARATOR = "; ";

function csvCell(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value))
    return value.map((item) => (typeof item === "string" ? item : JSON.stringify(item))).join(LIST_SEPARATOR);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return value;
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

async function write(sink: Writable, chunk: string): Promise<void> {
  if (!sink.write(chunk)) await once(sink, "drain");
}

/**
 * Streams `rows` into `sink` in `format`; `onRows(n)` is awaited after each `every` rows (rate
 * limits charge per block). Stops as soon as the sink is destroyed (a client that went away).
 * Does not end the sink.
 */
export async function writeRows(
  table: ExportTable,
  rows: AsyncIterable<ExportRow>,
  format: ExportFormat,
  sink: Writable,
  hooks: { every?: number; onRows?: (count: number) => Promise<void>; bom?: boolean } = {},
): Promise<number> {
  const names = table.columns.map((c) => c.name);
  const every = hooks.every ?? 1000;
  const bom = hooks.bom ?? true;
  let count = 0;
  const csv =
    format === "csv" ? stringify({ bom, header: true, columns: names, cast: { boolean: (b) => (b ? "true" : "false") } }) : null;
  let csvDone: Promise<void> | null = null;
  if (csv) {
    csv.pipe(sink, { end: false });
    csvDone = once(csv, "end").then(() => undefined);
  }
  try {
    for await (const row of rows) {
      if (sink.destroyed) break;
      if (csv) {
        if (!csv.write(names.map((n) => csvCell(row[n])))) await once(csv, "drain");
      } else await write(sink, JSON.stringify(row) + "\n");
      count++;
      if (hooks.onRows && count % every === 0) await hooks.onRows(count);
    }
  } finally {
    // A sink that went away reads nothing more: waiting for the CSV to flush would wait forever.
    if (csv && sink.destroyed) csv.destroy();
    else if (csv) {
      csv.end();
      await csvDone;
    }
  }
  // An empty CSV still has its header (csv-stringify writes it only with a first row).
  if (csv && count === 0 && !sink.destroyed) await write(sink, (bom ? "\uFEFF" : "") + names.join(",") + "\n");
  return count;
}
