/**
 * One table of a data package, read back: each CSV row checked against the same dictionary the
 * export wrote it from (src/export/exportTables.ts: types, required columns, enum values, patterns,
 * lists) and turned into typed values. Every problem is reported with its file, line and column and
 * what was expected, so a hand-edited package can be put right in one pass.
 */
import type { Readable } from "node:stream";
import { parse } from "csv-parse";
import { LIST_SEPARATOR } from "../export/exportFormats.js";
import type { ExportColumn, ExportTable } from "../export/exportTables.js";

export type CellValue = string | number | boolean | string[] | null;
export type ImportRow = Record<string, CellValue> & { readonly __line: number };

export interface ImportProblem {
  file: string;
  /** The CSV line (1 is the header); absent for a problem with the whole file or package. */
  line?: number;
  field?: string;
  message: string;
}

/** Collects problems up to a limit; past it the import stops reading. */
export class ProblemList {
  readonly problems: ImportProblem[] = [];
  /** How many more there were than the limit kept. */
  dropped = 0;

  constructor(readonly limit: number) {}

  add(problem: ImportProblem): void {
    if (this.problems.length < this.limit) this.problems.push(problem);
    else this.dropped++;
  }

  get full(): boolean {
    return this.problems.length >= this.limit;
  }

  get empty(): boolean {
    return this.problems.length === 0;
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function validDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** A cell's text as the column's value, or what was expected instead. */
function cast(
  column: ExportColumn,
  text: string,
  allowed: ReadonlySet<string> | undefined,
): { value: CellValue } | { expected: string } {
  if (text === "") return column.required ? { expected: "a value (the column is required)" } : { value: column.list ? [] : null };
  if (column.list) {
    const items = text.split(LIST_SEPARATOR);
    const bad = allowed ? items.find((item) => !allowed.has(item)) : undefined;
    return bad === undefined
      ? { value: items }
      : { expected: `each item one of ${[...(allowed ?? [])].join(", ")} (found "${bad}")` };
  }
  switch (column.type) {
    case "integer":
      return /^-?\d+$/.test(text) && Number.isSafeInteger(Number(text))
        ? { value: Number(text) }
        : { expected: "a whole number" };
    case "number":
      return text.trim() !== "" && Number.isFinite(Number(text)) ? { value: Number(text) } : { expected: "a number" };
    case "boolean":
      return text === "true" || text === "false" ? { value: text === "true" } : { expected: "true or false" };
    case "date":
      return validDate(text) ? { value: text } : { expected: "a date as YYYY-MM-DD" };
    case "datetime":
      return Number.isNaN(Date.parse(text)) || !/^\d{4}-\d{2}-\d{2}T/.test(text)
        ? { expected: "a UTC timestamp as YYYY-MM-DDTHH:MM:SS(.sss)Z" }
        : { value: text };
    case "string":
      if (allowed && !allowed.has(text)) return { expected: `one of ${[...allowed].join(", ")}` };
      if (column.pattern && !new RegExp(column.pattern).test(text)) return { expected: `text matching ${column.pattern}` };
      return { value: text };
  }
}

/**
 * The rows of `table` in `stream` (the CSV at `file`), checked; a row with a problem is reported
 * and left out. `enums` gives the values each enum column takes.
 */
export async function readTableRows(
  table: ExportTable,
  file: string,
  stream: Readable,
  enums: (column: ExportColumn) => readonly string[] | undefined,
  problems: ProblemList,
): Promise<ImportRow[]> {
  const rows: ImportRow[] = [];
  const allowed = new Map(table.columns.map((c) => [c.name, enums(c) ? new Set(enums(c)) : undefined]));
  const parser = stream.pipe(parse({ bom: true, info: true, relax_column_count: false, skip_empty_lines: true }));
  let header: string[] | null = null;
  try {
    for await (const record of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const line = record.info.lines;
      if (!header) {
        header = record.record;
        const known = new Set(table.columns.map((c) => c.name));
        for (const name of header)
          if (!known.has(name))
            problems.add({ file, line, field: name, message: `no column "${name}" in the ${table.name} table` });
        for (const column of table.columns)
          if (!header.includes(column.name))
            problems.add({ file, line, field: column.name, message: `the header lacks the column "${column.name}"` });
        if (!problems.empty) return rows;
        continue;
      }
      const row: Record<string, CellValue> = {};
      let ok = true;
      for (const [i, name] of header.entries()) {
        const column = table.columns.find((c) => c.name === name) as ExportColumn;
        const result = cast(column, record.record[i] ?? "", allowed.get(name));
        if ("expected" in result) {
          ok = false;
          problems.add({ file, line, field: name, message: `expected ${result.expected}, found "${record.record[i]}"` });
        } else row[name] = result.value;
      }
      // Past the limit, the rest of the file is still read, to count what is not listed.
      if (ok) rows.push(Object.assign(row, { __line: line }));
    }
  } catch (error) {
    problems.add({ file, message: `not readable as CSV: ${(error as Error).message}` });
  } finally {
    stream.destroy();
  }
  return rows;
}
