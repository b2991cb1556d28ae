/**
 * `npm run export -- --out <dir> [--filter <json>] [--as-of-version <n>]`: writes the data package
 * (datapackage.json, README.md, data/<table>.csv) into a folder, as `GET /export/datapackage.zip`
 * does: the same tables, filters (an object of filters by table name) and checks. On the configured
 * database, seeded on first use like `npm start`.
 */
import { parseArgs } from "node:util";
import { bootFootprint } from "../app.js";
import { preparePackage, writePackage } from "../export/dataPackage.js";
import { ExportRefused } from "../export/exportRows.js";
import { folderSink } from "../export/packageSinks.js";
import { loadConfig } from "../lib/config.js";

const usage = "usage: npm run export -- --out <dir> [--filter <json>] [--as-of-version <n>]";
const { values } = parseArgs({
  options: { out: { type: "string" }, filter: { type: "string" }, "as-of-version": { type: "string" } },
});
if (!values.out) {
  console.error(usage);
  process.exit(2);
}
let filters: Record<string, unknown> | undefined;
try {
  filters = values.filter ? (JSON.parse(values.filter) as Record<string, unknown>) : undefined;
} catch (error) {
  console.error(`--filter is not valid JSON: ${(error as Error).message}\n${usage}`);
  process.exit(2);
}
const asOfVersion = values["as-of-version"] === undefined ? undefined : Number(values["as-of-version"]);
if (asOfVersion !== undefined && !Number.isInteger(asOfVersion)) {
  console.error(`--as-of-version is a data version, a whole number\n${usage}`);
  process.exit(2);
}

const config = loadConfig();
const app = await bootFootprint({ ...config, LOG_LEVEL: "warn" });
let code = 0;
try {
  const started = Date.now();
  const context = () => app.server.operatorContext();
  const prepared = await preparePackage({ schema: app.server.schema, context, filters, asOfVersion });
  const summary = await writePackage(prepared, folderSink(values.out));
  const rows = Object.values(summary.rowCounts).reduce((a, b) => a + b, 0);
  console.error(
    `Wrote the data package (data version ${summary.version}) to ${values.out}: ${rows} rows in ${Object.keys(summary.rowCounts).length} tables, ${((Date.now() - started) / 1000).toFixed(1)} s.`,
  );
} catch (error) {
  if (!(error instanceof ExportRefused)) throw error;
  for (const e of error.errors) console.error(`error: ${e.message}`);
  code = 1;
} finally {
  await app.close();
}
process.exit(code);
