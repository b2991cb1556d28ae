/**
 * `npm run client:check`: runs the client's codegen in memory and fails when
 * examples/client/src/generated/ or dashboard/src/generated/ differs from what it gives (a file changed, missing or extra).
 * Needs no git: it compares with the files on disk. `npm run client:generate` rewrites them.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { generate } from "@graphql-codegen/cli";
import config, { GENERATED_FOLDERS } from "./codegen.js";

const root = resolve(fileURLToPath(import.meta.url), "..", "..", "..");
// generate() is typed loosely (watch mode returns nothing); without saving it returns the files.
const outputs = (await generate({ ...config, cwd: root, silent: true }, false)) as { filename: string; content: string }[];

const problems: string[] = [];
const expected = new Set<string>();
for (const { filename, content } of outputs) {
  const file = resolve(root, filename);
  expected.add(file);
  const name = relative(root, file);
  if (!existsSync(file)) problems.push(`${name} is missing`);
  else if (readFileSync(file, "utf8") !== content) problems.push(`${name} is out of date`);
}
for (const generatedFolder of GENERATED_FOLDERS) {
  const folder = resolve(root, generatedFolder);
  for (const entry of existsSync(folder) ? readdirSync(folder) : []) {
    const file = resolve(folder, entry);
    if (!expected.has(file)) problems.push(`${relative(root, file)} is not generated any more`);
  }
}

if (problems.length > 0) {
  for (const problem of problems) console.error(problem);
  console.error("The typed client is stale: run `npm run client:generate` and commit the result.");
  process.exit(1);
}
console.log(`${GENERATED_FOLDERS.join(" and ")} are up to date (${outputs.length} files).`);
