/**
 * Prints the built schema to schema/schema.graphql; with --check, fails instead when the
 * checked-in file differs from what the code builds (CI runs this).
 */
import "reflect-metadata";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { printedSchema } from "../schemaPrinter.js";

const here = dirname(fileURLToPath(import.meta.url));
// From src/cli (tsx) or dist/src/cli (compiled): the project root holds package.json.
const root =
  [resolve(here, "..", ".."), resolve(here, "..", "..", "..")].find((dir) => existsSync(resolve(dir, "schema"))) ??
  resolve(here, "..", "..");
const schemaFile = resolve(root, "schema", "schema.graphql");

const sdl = await printedSchema();
if (process.argv.includes("--check")) {
  const current = existsSync(schemaFile) ? readFileSync(schemaFile, "utf8") : "";
  if (current !== sdl) {
    console.error(`${schemaFile} is out of date: run \`npm run schema:print\` and commit the result.`);
    process.exit(1);
  }
  console.log(`${schemaFile} is up to date.`);
} else {
  mkdirSync(dirname(schemaFile), { recursive: true });
  writeFileSync(schemaFile, sdl);
  console.log(`Wrote ${schemaFile} (${sdl.length} bytes)`);
}
