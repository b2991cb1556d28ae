/**
 * `importPackage`: loads a Footprint data package (a folder or a zip, as the export writes it)
 * into a database, empty or not, all or nothing. Every table is read and checked against the
 * dictionary first; the rows are then written in one write transaction (importRecords.ts), which
 * is rolled back if any row has a problem, or always on a dry run, so a failed or trial import
 * leaves the database as it was. The problems come back one per row and field, up to a limit.
 */
import type { GraphQLSchema } from "graphql";
import type { DatabaseHandle } from "../../db/connection.js";
import { lastChangeSeq } from "../data/changeFeed.js";
import { enumValues } from "../export/exportRows.js";
import { EXPORT_TABLES, type ExportColumn } from "../export/exportTables.js";
import { PackageImport, type PackageRows, type TableCounts } from "./importRecords.js";
import { openPackage } from "./packageReader.js";
import { ProblemList, readTableRows, type ImportProblem } from "./packageRows.js";

export const DEFAULT_PROBLEM_LIMIT = 50;

export interface ImportOptions {
  database: Pick<DatabaseHandle, "transaction">;
  /** The API's schema: the enum values the dictionary's columns take. */
  schema: GraphQLSchema;
  /** A folder holding datapackage.json, or a zip of one. */
  path: string;
  dryRun?: boolean;
  problemLimit?: number;
  /** Called as rows are read ("read") and written ("write"), per table. */
  onProgress?: (stage: "read" | "write", table: string, done: number, total: number) => void;
}

export interface ImportSummary {
  dryRun: boolean;
  tables: Record<string, TableCounts>;
  /** Changes the import added to the feed, and the data version after it. */
  changes: number;
  version: number;
}

/** The package could not be imported: what is wrong with it, one entry per problem. */
export class ImportFailed extends Error {
  override name = "ImportFailed";
  constructor(
    readonly problems: ImportProblem[],
    /** Problems found beyond the limit, not listed. */
    readonly more: number,
  ) {
    super(`the package has ${problems.length + more} problem(s); nothing was imported`);
  }
}

class DryRunDone extends Error {
  constructor(readonly summary: ImportSummary) {
    super("dry run");
  }
}

interface DescribedResource {
  name: string;
  path: string;
}

function resourcesOf(descriptor: unknown, problems: ProblemList): DescribedResource[] {
  const resources = (descriptor as { resources?: unknown })?.resources;
  if (!Array.isArray(resources)) {
    problems.add({ file: "datapackage.json", message: "expected a data package with a list of resources" });
    return [];
  }
  const found: DescribedResource[] = [];
  for (const r of resources as { name?: unknown; path?: unknown }[]) {
    if (typeof r?.name !== "string" || typeof r.path !== "string")
      problems.add({ file: "datapackage.json", message: "every resource needs a name and a path" });
    else if (!EXPORT_TABLES.some((t) => t.name === r.name))
      problems.add({
        file: "datapackage.json",
        message: `no table "${r.name}": a Footprint package has ${EXPORT_TABLES.map((t) => t.name).join(", ")}`,
      });
    else found.push({ name: r.name, path: r.path });
  }
  return found;
}

export async function importPackage(options: ImportOptions): Promise<ImportSummary> {
  const problems = new ProblemList(options.problemLimit ?? DEFAULT_PROBLEM_LIMIT);
  const progress = options.onProgress ?? (() => {});
  const reader = await openPackage(options.path);
  const rows: PackageRows = {};
  try {
    let descriptor: unknown;
    try {
      descriptor = await reader.descriptor();
    } catch (error) {
      throw new ImportFailed([{ file: "datapackage.json", message: `not readable: ${(error as Error).message}` }], 0);
    }
    const enums = (column: ExportColumn) => (column.enumType ? enumValues(options.schema, column.enumType) : column.values);
    for (const resource of resourcesOf(descriptor, problems)) {
      const table = EXPORT_TABLES.find((t) => t.name === resource.name)!;
      const stream = await reader.open(resource.path);
      if (!stream) {
        problems.add({ file: resource.path, message: "the package lists this file but does not hold it" });
        continue;
      }
      rows[table.name] = await readTableRows(table, resource.path, stream, enums, problems);
      progress("read", table.name, rows[table.name].length, rows[table.name].length);
      if (problems.full) break;
    }
  } finally {
    await reader.close();
  }
  if (!problems.empty) throw new ImportFailed(problems.problems, problems.dropped);

  try {
    return await options.database.transaction(async (tx) => {
      const run = new PackageImport(tx, rows, problems, (table, done, total) => progress("write", table, done, total));
      await run.run();
      if (!problems.empty) throw new ImportFailed(problems.problems, problems.dropped);
      const summary: ImportSummary = {
        dryRun: options.dryRun ?? false,
        tables: run.counts,
        changes: run.changes,
        version: await lastChangeSeq(tx),
      };
      if (options.dryRun) throw new DryRunDone(summary);
      return summary;
    });
  } catch (error) {
    if (error instanceof DryRunDone) return error.summary;
    throw error;
  }
}
