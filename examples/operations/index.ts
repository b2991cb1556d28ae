/**
 * The example operations the README, the tests, the load script and GraphiQL's default tabs use:
 * a researcher's trips page, a dashboard's headline figures and a partner's membership sync.
 * They are plain `.graphql` files so that they can be copied into any client as they are.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const EXAMPLE_OPERATIONS = ["researcher-trips", "dashboard-footprint", "partner-sync"] as const;
export type ExampleOperationName = (typeof EXAMPLE_OPERATIONS)[number];

// Run from source (examples/operations/) or from the server bundle (dist/server/): the .graphql
// files stay beside the source.
const here = dirname(fileURLToPath(import.meta.url));
export const EXAMPLE_OPERATIONS_FOLDER = [here, resolve(here, "..", "..", "examples", "operations")].find((folder) =>
  existsSync(resolve(folder, "researcher-trips.graphql")),
) as string;

/** The text of one example operation. */
export function exampleOperation(name: ExampleOperationName): string {
  return readFileSync(resolve(EXAMPLE_OPERATIONS_FOLDER, `${name}.graphql`), "utf8");
}
