/**
 * ESLint (`npm run lint`): typescript-eslint's type-checked recommended rules over every file in
 * the repository, with the type information of tsconfig.json. Formatting is Prettier's job
 * (`npm run format:check`): no formatting rules are enabled here.
 */
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import tseslint from "typescript-eslint";

export default defineConfig(
  // Generated or built files (as in .prettierignore and .gitignore).
  globalIgnores([
    "dist/",
    "data/",
    "coverage/",
    "db/migrations/",
    "schema/",
    "examples/client/src/generated/",
    "dashboard/src/generated/",
    "test-results/",
  ]),
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // The TypeScript files are in tsconfig.json; the root JavaScript config files are not, and get a default project.
        projectService: { allowDefaultProject: ["eslint.config.js", ".dependency-cruiser.js"] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // A promise nobody awaits loses its rejection (an unhandled rejection ends the process) and its ordering.
      "@typescript-eslint/no-floating-promises": "error",
      // An async function where a callback's return value is ignored (express handlers, event listeners) does the same.
      "@typescript-eslint/no-misused-promises": "error",
      // Types are imported as types, inline (`import { x, type T }`), so what is erased on compilation is plain to see.
      // (typescript-eslint leaves files with decorators alone: emitDecoratorMetadata needs their imports as values.)
      "@typescript-eslint/consistent-type-imports": ["error", { prefer: "type-imports", fixStyle: "inline-type-imports" }],
      // Unused variables and imports are errors; a leading underscore marks one that must exist (a parameter's position).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
      // Combining marks written as \u escapes in a character class (src/lib/persianText.ts) are meant one by one.
      "no-misleading-character-class": ["error", { allowEscape: true }],
      // Off: `async` without `await` is how this code implements Promise-returning interfaces (Apollo plugin hooks,
      // KeyValueCache, DatabaseHandle) with synchronous bodies, so a throw still rejects; a forgotten await is
      // caught by no-floating-promises instead.
      "@typescript-eslint/require-await": "off",
    },
  },
  {
    files: ["db/**/*.ts", "src/**/*.ts"],
    ignores: ["db/connection.ts", "db/dialect/queries.ts"],
    rules: {
      // `Db` (db/connection.ts) has no SQLite-only method, but drizzle types its query builders as
      // SQLite's on both dialects, so tsc cannot refuse a builder's synchronous `.all()`, `.get()`,
      // `.run()` or `.values()`: PostgreSQL's builders have none, and the call would fail there.
      // Shared code awaits the builder; raw SQL goes through db/dialect/queries.ts.
      "no-restricted-syntax": [
        "error",
        {
          selector:
            "CallExpression[callee.property.name=/^(all|get|run|values)$/][callee.object.type='CallExpression'][callee.object.callee.property.name=/^(from|where|orderBy|limit|offset|groupBy|having|innerJoin|leftJoin|returning|onConflictDoNothing|onConflictDoUpdate|set|prepare)$/]",
          message: "A synchronous SQLite-only call on a query builder: await the builder instead (it runs on both dialects).",
        },
      ],
    },
  },
  {
    files: ["test/**/*.ts"],
    // Off in tests: GraphQL responses and raw SQL rows are untyped JSON (`any`) that the tests read and assert on.
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-return": "off",
    },
  },
);
