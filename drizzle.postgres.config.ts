import { defineConfig } from "drizzle-kit";

// The PostgreSQL migrations; drizzle.config.ts is the SQLite twin. Both read one table definition.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema.postgres.ts",
  out: "./db/migrations/postgres",
  dbCredentials: { url: process.env.DATABASE_URL ?? "postgres://127.0.0.1:5432/test" },
});
