/**
 * A Frictionless Data Package of the dataset (https://specs.frictionlessdata.io/data-package/):
 * one CSV per exported table under data/, `datapackage.json` with a Table Schema per table (the
 * data dictionary: types, formats, keys, enum constraints, titles and descriptions in English and
 * Persian), the licence, the sources, the data version and the time of export, and a README.md for
 * people who never read JSON. Written to a zip (HTTP) or a folder (the CLI) through PackageSink.
 */
import type { Writable } from "node:stream";
import type { GraphQLSchema } from "graphql";
import type { Context } from "../graphql/context.js";
import { writeRows } from "./exportFormats.js";
import { enumValues, ExportRefused, startExport, type ExportRow, type ExportRun } from "./exportRows.js";
import { EXPORT_TABLES, exportTable, type ExportTable } from "./exportTables.js";
import { badUserInput } from "../graphql/errors.js";

export const PACKAGE_NAME = "footprint";

export const LICENSE = {
  name: "CC-BY-4.0",
  title: "Creative Commons Attribution 4.0 International",
  path: "https://creativecommons.org/licenses/by/4.0/",
};

/** Where the package's files go: a zip being streamed, or a folder. */
export interface PackageSink {
  file(path: string, text: string): Promise<void>;
  /** A stream for one file; `close()` ends it and resolves once the file is complete. */
  stream(path: string): Writable & { closeFile(): Promise<void> };
}

export interface PackageOptions {
  schema: GraphQLSchema;
  context: () => Context;
  /** Filters by table name, as each table's connection takes them. */
  filters?: Record<string, unknown>;
  asOfVersion?: number;
  /** The moment of export (ISO); now when absent. */
  exportedAt?: string;
  /** Awaited after each 1,000 rows of any table (rate limits). */
  onRows?: (count: number) => Promise<void>;
}

export interface PackageSummary {
  version: number;
  exportedAt: string;
  rowCounts: Record<string, number>;
}

export function dataPath(table: ExportTable): string {
  return `data/${table.name}.csv`;
}

/** Filters keyed by table; a key that names no table is BAD_USER_INPUT. */
export function checkPackageFilters(filters: unknown): Record<string, unknown> {
  if (filters === undefined || filters === null) return {};
  if (typeof filters !== "object" || Array.isArray(filters))
    throw new ExportRefused([
      badUserInput('A data package\'s `filter` is an object of filters by table name, e.g. {"trips": {...}}.', "filter"),
    ]);
  for (const name of Object.keys(filters))
    if (!exportTable(name))
      throw new ExportRefused([
        badUserInput(
          `No exported table is called "${name}"; the tables are ${EXPORT_TABLES.map((t) => t.name).join(", ")}.`,
          "filter",
        ),
      ]);
  return filters as Record<string, unknown>;
}

/** The table's Table Schema: the data dictionary of one CSV. */
export function tableSchema(schema: GraphQLSchema, table: ExportTable) {
  return {
    fields: table.columns.map((column) => {
      const constraints: Record<string, unknown> = {};
      if (column.required) constraints.required = true;
      if (column.enumType) constraints.enum = enumValues(schema, column.enumType);
      else if (column.values) constraints.enum = column.values;
      if (column.pattern) constraints.pattern = column.pattern;
      return {
        name: column.name,
        type: column.type,
        // Timestamps carry milliseconds, which the default datetime format does not take.
        format: column.type === "datetime" ? "any" : "default",
        title: column.title.en,
        description: column.description.en + (column.list ? ` A list: items separated by "; ".` : ""),
        "footprint:titleFa": column.title.fa,
        "footprint:descriptionFa": column.description.fa,
        ...(Object.keys(constraints).length ? { constraints } : {}),
      };
    }),
    primaryKey: table.primaryKey,
    ...(table.foreignKeys.length ? { foreignKeys: table.foreignKeys } : {}),
    missingValues: [""],
  };
}

interface SourceInfo {
  title: string;
  url: string | null;
  publisher: string | null;
  publishedOn: string | null;
}

export function packageDescriptor(
  schema: GraphQLSchema,
  summary: PackageSummary,
  sources: SourceInfo[],
  filters: Record<string, unknown>,
) {
  return {
    profile: "tabular-data-package",
    name: PACKAGE_NAME,
    title: "Footprint: a city's international footprint (Tehran)",
    "footprint:titleFa": "ردپا: ردپای بین‌المللی یک شهر (تهران)",
    description:
      "The municipality's foreign trips and the committee's decisions, its memberships of international city networks, the events it attends and its partner cities, each record with its provenance and sources.",
    "footprint:descriptionFa":
      "سفرهای خارجی شهرداری و تصمیم‌های کمیته، عضویت در شبکه‌های بین‌المللی شهرها، رویدادها و شهرهای همکار، هر رکورد با خاستگاه و منابعش.",
    version: `${summary.version}.0.0`,
    created: summary.exportedAt,
    "footprint:dataVersion": summary.version,
    "footprint:filters": filters,
    licenses: [LICENSE],
    sources: sources.map((s) => ({
      title: s.title,
      ...(s.url ? { path: s.url } : {}),
      ...(s.publisher ? { "footprint:publisher": s.publisher } : {}),
      ...(s.publishedOn ? { "footprint:publishedOn": s.publishedOn } : {}),
    })),
    resources: EXPORT_TABLES.map((table) => ({
      profile: "tabular-data-resource",
      name: table.name,
      path: dataPath(table),
      format: "csv",
      mediatype: "text/csv",
      encoding: "utf-8",
      // Said outright: readers that sniff the dialect take a quoted field's apostrophe for a quote.
      dialect: { delimiter: ",", doubleQuote: true, header: true },
      title: table.title.en,
      description: table.description.en,
      "footprint:titleFa": table.title.fa,
      "footprint:descriptionFa": table.description.fa,
      schema: tableSchema(schema, table),
    })),
  };
}

const cell = (text: string) => text.replaceAll("|", "\\|").replaceAll("\n", " ");

/** The package's README.md: what it holds, how to cite it, and the dictionary as tables. */
export function packageReadme(summary: PackageSummary, sources: SourceInfo[], filters: Record<string, unknown>): string {
  const lines = [
    "# Footprint data package / بستهٔ دادهٔ ردپا",
    "",
    "Tehran's international footprint: foreign trips and the committee's decisions, memberships of international city networks, events and partner cities. Every record says which of its fields a source backs (`provenance`, `sourced_fields`, `citations`); an ILLUSTRATIVE value is not fact.",
    "",
    "ردپای بین‌المللی تهران: سفرهای خارجی و تصمیم‌های کمیته، عضویت در شبکه‌های شهری، رویدادها و شهرهای همکار. هر رکورد می‌گوید کدام فیلدهایش را منبعی پشتیبانی می‌کند؛ مقدار ILLUSTRATIVE واقعیت نیست.",
    "",
    `- Data version: **${summary.version}** (the change feed's last sequence number)`,
    `- Exported at: ${summary.exportedAt}`,
    `- Licence: [${LICENSE.title}](${LICENSE.path}) (${LICENSE.name})`,
    `- Filters: ${Object.keys(filters).length ? "`" + JSON.stringify(filters) + "`" : "none (the whole dataset)"}`,
    "",
    "## How to cite / شیوهٔ استناد",
    "",
    `Footprint data package, data version ${summary.version}, exported ${summary.exportedAt.slice(0, 10)}. Any query of the API answers as this package does with \`asOfVersion: ${summary.version}\`; \`GET /export/datapackage.zip?asOfVersion=${summary.version}\` rebuilds the same files.`,
    "",
    "## Files / فایل‌ها",
    "",
    "The CSV files are UTF-8 without a byte-order mark, as data tools expect. To open one in Excel, use Data > From Text/CSV and choose UTF-8, or download the table alone from `/export/<table>.csv`, which carries the mark. Lists are written as items separated by `; `. Dates come twice: ISO (`_date`) and Jalali (`_jalali`), the Jalali only as precise as the date is known.",
    "",
    "| File | Rows | Table | جدول |",
    "| --- | ---: | --- | --- |",
    ...EXPORT_TABLES.map(
      (t) =>
        `| \`${dataPath(t)}\` | ${summary.rowCounts[t.name] ?? 0} | ${cell(t.title.en)}: ${cell(t.description.en)} | ${cell(t.title.fa)} |`,
    ),
    "",
    "## Data dictionary / واژه‌نامهٔ داده",
  ];
  for (const table of EXPORT_TABLES) {
    lines.push(
      "",
      `### ${table.name}: ${table.title.en} / ${table.title.fa}`,
      "",
      `Primary key: ${table.primaryKey.join(", ")}.`,
    );
    for (const fk of table.foreignKeys)
      lines.push(`\`${fk.fields}\` refers to \`${fk.reference.resource}.${fk.reference.fields}\`.`);
    lines.push("", "| Column | Type | Title | عنوان | Description |", "| --- | --- | --- | --- | --- |");
    for (const c of table.columns)
      lines.push(
        `| \`${c.name}\` | ${c.type}${c.list ? " (list)" : ""} | ${cell(c.title.en)} | ${cell(c.title.fa)} | ${cell(c.description.en)} |`,
      );
  }
  lines.push("", "## Sources / منابع", "");
  for (const s of sources)
    lines.push(
      `- ${[s.publisher, s.publishedOn].filter(Boolean).join(", ")}${s.publisher || s.publishedOn ? ": " : ""}${s.url ? `[${cell(s.title)}](${s.url})` : cell(s.title)}`,
    );
  return lines.join("\n") + "\n";
}

export interface PreparedPackage {
  options: PackageOptions;
  filters: Record<string, unknown>;
  version: number;
  runs: ExportRun[];
}

/**
 * Starts every table's export as of one data version, so that a bad filter or version is refused
 * before any file is written.
 */
export async function preparePackage(options: PackageOptions): Promise<PreparedPackage> {
  const filters = checkPackageFilters(options.filters);
  let version = options.asOfVersion;
  const runs: ExportRun[] = [];
  for (const table of EXPORT_TABLES) {
    const run = await startExport({
      schema: options.schema,
      context: options.context,
      table,
      filter: filters[table.name],
      asOfVersion: version,
    });
    version = run.version;
    runs.push(run);
  }
  return { options, filters, version: version!, runs };
}

/** Writes a prepared package into `sink`: the CSVs, then datapackage.json and README.md. */
export async function writePackage(prepared: PreparedPackage, sink: PackageSink): Promise<PackageSummary> {
  const { options, filters, version, runs } = prepared;
  const exportedAt = options.exportedAt ?? new Date().toISOString();
  const rowCounts: Record<string, number> = {};
  let sources: SourceInfo[] = [];
  let blocks = 0;
  const onRows = options.onRows ? async () => options.onRows!(++blocks * 1000) : undefined;
  for (const run of runs) {
    const rows: AsyncIterable<ExportRow> =
      run.table.name === "sources" ? collectSources(run.rows, (found) => (sources = found)) : run.rows;
    const file = sink.stream(dataPath(run.table));
    rowCounts[run.table.name] = await writeRows(run.table, rows, "csv", file, { every: 1000, onRows, bom: false });
    await file.closeFile();
  }
  const summary = { version, exportedAt, rowCounts };
  await sink.file(
    "datapackage.json",
    JSON.stringify(packageDescriptor(options.schema, summary, sources, filters), null, 2) + "\n",
  );
  await sink.file("README.md", packageReadme(summary, sources, filters));
  return summary;
}

/** Passes the sources' rows through, keeping what the descriptor lists of each. */
async function* collectSources(rows: AsyncIterable<ExportRow>, done: (sources: SourceInfo[]) => void): AsyncGenerator<ExportRow> {
  const found: SourceInfo[] = [];
  for await (const row of rows) {
    found.push({
      title: String(row.title),
      url: (row.url as string | null) ?? null,
      publisher: (row.publisher as string | null) ?? null,
      publishedOn: (row.published_on as string | null) ?? null,
    });
    yield row;
  }
  done(found);
}
