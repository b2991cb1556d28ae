import { defineConfig } from "vitest/config";

// The suite runs on SQLite always, and again on PostgreSQL when TEST_DATABASE_URL names a server
// (each test server then works in a schema of its own; see test/support/testDatabase.ts).
const backends = process.env.TEST_DATABASE_URL ? (["sqlite", "postgres"] as const) : (["sqlite"] as const);

export default defineConfig({
  resolve: {
    // One copy of graphql: without this, vitest may load graphql's ESM and CJS builds side by side
    // and type-graphql rejects the schema ("another module or realm").
    alias: [{ find: /^graphql$/, replacement: "graphql/index.js" }],
  },
  test: {
    setupFiles: ["reflect-metadata"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: "forks",
    projects: backends.map((backend) => ({
      extends: true,
      test: { name: backend, include: ["test/**/*.test.ts"], env: { FOOTPRINT_TEST_BACKEND: backend } },
    })),
  },
});
