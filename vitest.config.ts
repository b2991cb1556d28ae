import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    // One copy of graphql: without this, vitest may load graphql's ESM and CJS builds side by side
    // and type-graphql rejects the schema ("another module or realm").
    alias: [{ find: /^graphql$/, replacement: "graphql/index.js" }],
  },
  test: {
    setupFiles: ["reflect-metadata"],
    include: ["test/**/*.test.ts"],
    testTimeout: 20_000,
    pool: "forks",
  },
});
