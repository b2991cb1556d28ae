/**
 * Import boundaries, checked by `npm run boundaries` (dependency-cruiser).
 *
 * The layers point down: http → modules → graphql → data → db, with src/export (the exports,
 * which page the GraphQL lists through the schema they are handed) between http and graphql. src/lib holds pure helpers every
 * layer may use and imports none of them. The composition roots sit above the layers: src/schema.ts
 * gathers the modules' resolvers into one schema (http serves it), src/app.ts wires database, seed
 * and server together, and src/cli/ are the entry points. Type-only imports count too
 * (tsPreCompilationDeps): a type that points up ties the layers together as surely as a value does.
 *
 * @type {import("dependency-cruiser").IConfiguration}
 */
export default {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment:
        "Modules that import each other load half-initialised (a class or const read before its module has run) " +
        "and cannot be understood or tested one at a time. Move the shared piece into a module both can import.",
      from: {},
      to: { circular: true },
    },
    {
      name: "not-to-unresolvable",
      severity: "error",
      comment: "An import that resolves to no file fails at run time (or is a typo in a .js specifier).",
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: "db-not-to-src",
      severity: "error",
      comment:
        "db/ is the bottom layer (tables, migrations, connection): drizzle-kit and the migrations read it on " +
        "their own, so it must not pull in the server.",
      from: { path: "^db/" },
      to: { path: "^(src|seeds)/" },
    },
    {
      name: "lib-imports-only-lib",
      severity: "error",
      comment:
        "src/lib holds pure helpers every layer may use; importing a layer (or db/) would make it part of that layer " +
        "and, since that layer imports lib, invite cycles.",
      from: { path: "^src/lib/" },
      to: { path: "^(src/(?!lib/)|db/|seeds/)" },
    },
    {
      name: "data-not-up",
      severity: "error",
      comment:
        "src/data is the data layer: it knows tables and rows, not GraphQL types, resolvers or HTTP. " +
        "What both sides need belongs in data (or lib), with graphql and modules adapting it.",
      from: { path: "^src/data/" },
      to: { path: "^src/(modules|graphql|http|cli|export)/|^src/[^/]+$" },
    },
    {
      name: "graphql-not-up",
      severity: "error",
      comment:
        "src/graphql holds the shared GraphQL pieces (context, scalars, connections, errors) the modules build on; " +
        "it must not know a module's types or the HTTP wiring that serves it.",
      from: { path: "^src/graphql/" },
      to: { path: "^src/(modules|http|cli|export)/|^src/[^/]+$" },
    },
    {
      name: "modules-not-up",
      severity: "error",
      comment:
        "A module defines one area's GraphQL types and resolvers; the HTTP server, the composition roots and the " +
        "entry points are wired above it, so a module never reaches for them.",
      from: { path: "^src/modules/" },
      to: { path: "^src/(http|cli)/|^src/[^/]+$" },
    },
    {
      name: "export-not-up",
      severity: "error",
      comment:
        "src/export writes the exports (CSV, JSON Lines, data packages) by running GraphQL operations on the schema it " +
        "is given; it knows the shared GraphQL pieces and the data layer, not the modules that make the schema, nor " +
        "the HTTP door and the CLI that serve it.",
      from: { path: "^src/export/" },
      to: { path: "^src/(modules|http|cli)/|^src/[^/]+$" },
    },
    {
      name: "import-not-up",
      comment:
        "The import (src/import/) reads packages with the export's dictionary and writes through the data layer; the API's modules, HTTP and CLI sit above it.",
      severity: "error",
      from: { path: "^src/import/" },
      to: { path: "^src/(modules|http|cli)/|^src/[^/]+$" },
    },
    {
      name: "modules-not-to-export",
      severity: "error",
      comment: "A module answers GraphQL; the exports sit above the modules and read them through the schema.",
      from: { path: "^src/modules/" },
      to: { path: "^src/export/" },
    },
    {
      name: "nothing-imports-cli",
      severity: "error",
      comment:
        "src/cli holds the entry points, which run (parse arguments, open the database, exit) when imported; " +
        "only they may share their helpers (src/cli/database.ts).",
      from: { pathNot: "^src/cli/" },
      to: { path: "^src/cli/" },
    },
    {
      name: "seeds-below-the-api",
      severity: "error",
      comment:
        "The seed loader writes rows through the data layer; it runs before (and without) the GraphQL server, " +
        "so it must not import GraphQL, modules, HTTP or the entry points.",
      from: { path: "^seeds/" },
      to: { path: "^src/(?!lib/|data/)" },
    },
    {
      name: "shipped-code-not-to-tests-or-scripts",
      severity: "error",
      comment:
        "src, db and seeds are what the build ships (tsconfig.build.json); test/ and scripts/ are not built, " +
        "so an import of them would break the compiled server, and tests must stay free to change.",
      from: { path: "^(src|db|seeds)/" },
      to: { path: "^(test|scripts)/" },
    },
    {
      name: "dashboard-stands-alone",
      comment:
        "dashboard/ is the browser page Vite builds into dist/dashboard/; it talks to the server over /graphql only, " +
        "so it imports nothing of the server, the seed, the tests or the scripts (their code would not run in a browser).",
      severity: "error",
      from: { path: "^dashboard/" },
      to: { path: "^(src|db|seeds|test|scripts|examples)/" },
    },
    {
      name: "shipped-code-not-to-dev-deps",
      severity: "error",
      comment:
        "The built server runs with production dependencies only; a devDependency imported at run time would be " +
        "missing there. Type-only imports vanish on compilation and are fine.",
      from: { path: "^(src|db|seeds)/" },
      to: { dependencyTypes: ["npm-dev"], dependencyTypesNot: ["type-only"], pathNot: ["node_modules/@types/"] },
    },
    {
      name: "no-undeclared-packages",
      severity: "error",
      comment: "A package that package.json does not name is there only by accident (hoisted by another one) and can vanish.",
      from: {},
      to: { dependencyTypes: ["npm-no-pkg", "npm-unknown"] },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    // Count `import type` too: without this a type-only import vanishes and an upward type goes unseen.
    tsPreCompilationDeps: true,
    // Resolve TypeScript's ".js" specifiers to the ".ts" files, as tsc (moduleResolution NodeNext) does.
    tsConfig: { fileName: "tsconfig.json" },
    moduleSystems: ["es6"],
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".js", ".json"],
      // Types-only packages (@graphql-typed-document-node/core) have no main, only typings.
      mainFields: ["module", "main", "types", "typings"],
    },
    skipAnalysisNotInRules: true,
  },
};
