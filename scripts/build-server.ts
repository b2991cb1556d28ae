/**
 * `npm run build` (and `prepare`, so `npm install` builds once): bundles the server's sources into
 * dist/server/ with esbuild. Loading one bundle instead of some two thousand modules halves the
 * time from `npm start` to the first answer (README, "Start-up"). tsc checks the types
 * (`npm run typecheck`); esbuild only strips them, as tsx does for the tests, which is why every
 * type-graphql decorator names its type (no decorator metadata is emitted).
 */
import { rmSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SERVER_BUNDLE_DIR = resolve(PROJECT_ROOT, "dist", "server");

rmSync(SERVER_BUNDLE_DIR, { recursive: true, force: true });
await build({
  entryPoints: { start: resolve(PROJECT_ROOT, "src/cli/start.ts") },
  outdir: SERVER_BUNDLE_DIR,
  bundle: true,
  // Chunks, so that modules imported on first use (the GraphiQL page) stay out of start-up.
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // type-graphql names GraphQL types after their classes: renaming one would change the schema.
  keepNames: true,
  sourcemap: true,
  external: [
    // Native addons (koffi picks its platform's binary at run time), and pg's optional native binding.
    "better-sqlite3",
    "koffi",
    "pg-native",
    // One graphql for every importer: graphql-query-complexity is loaded through require (its
    // ESM build has a realm problem), and that must find the same copy the bundle uses.
    "graphql",
  ],
  // Bundled CommonJS packages call require(); give the ES module one.
  banner: {
    js: "import { createRequire as __footprintRequire } from 'node:module'; const require = __footprintRequire(import.meta.url);",
  },
  logLevel: "warning",
});
