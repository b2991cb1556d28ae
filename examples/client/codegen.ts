/**
 * graphql-codegen for the typed client: the client preset over the printed schema and the example
 * operations (examples/operations/*.graphql, the ones the README and the tests use, and the
 * client's own in examples/client/operations/), and the dashboard page's operation
 * (dashboard/src/*.graphql) into a folder of its own. `npm run client:generate` writes
 * examples/client/src/generated/ and dashboard/src/generated/; `npm run client:check` fails when
 * either is stale.
 *
 * Paths are relative to the project root, where npm runs scripts.
 */
import type { CodegenConfig } from "@graphql-codegen/cli";

export const GENERATED_FOLDER = "examples/client/src/generated/";
export const DASHBOARD_GENERATED_FOLDER = "dashboard/src/generated/";
export const GENERATED_FOLDERS = [GENERATED_FOLDER, DASHBOARD_GENERATED_FOLDER];

/** Every `scalar` of the schema, to the type it has in JSON; with strictScalars a new, unmapped scalar fails codegen. */
const SCALARS = {
  DateTime: "../scalars.js#DateTime",
  JSON: "../scalars.js#JsonValue",
  LocalDate: "../scalars.js#LocalDate",
  SafeInt: "../scalars.js#SafeInt",
};

const CLIENT_PRESET = {
  preset: "client",
  presetConfig: { fragmentMasking: false },
  config: {
    strictScalars: true,
    scalars: SCALARS,
    // Documents as strings with their types attached: a plain fetch sends them as they are.
    documentMode: "string",
    enumsAsTypes: true,
    useTypeImports: true,
    skipTypename: false,
  },
} as const;

const config: CodegenConfig = {
  schema: "schema/schema.graphql",
  // The project is ESM with NodeNext resolution: relative imports need their extension.
  importExtension: ".js",
  generates: {
    [GENERATED_FOLDER]: {
      ...CLIENT_PRESET,
      documents: ["examples/operations/*.graphql", "examples/client/operations/*.graphql"],
    },
    [DASHBOARD_GENERATED_FOLDER]: { ...CLIENT_PRESET, documents: ["dashboard/src/*.graphql"] },
  },
};

export default config;
