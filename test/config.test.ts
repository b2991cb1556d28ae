import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/lib/config.js";

/** The ConfigError `env` raises (failing the test if it raises none, or something else). */
function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`loadConfig(${JSON.stringify(env)}) did not throw`);
}

describe("loadConfig", () => {
  it("defaults every variable", () => {
    expect(loadConfig({})).toEqual({
      PORT: 4000,
      HOST: "127.0.0.1",
      DATABASE_URL: "file:./data/footprint.sqlite",
      DATABASE_SCHEMA: "public",
      DATABASE_POOL_SIZE: 10,
      NODE_ENV: "production",
      LOG_LEVEL: "info",
      HOME_CITY: "tehran",
      INTROSPECTION: true,
      RATE_LIMIT_ANONYMOUS: 100_000,
      RATE_LIMIT_KEY: 500_000,
      RATE_LIMIT_WINDOW_SECONDS: 3600,
      RESPONSE_CACHE_MB: 64,
      EXECUTION_TIMEOUT_MS: 10_000,
      SHUTDOWN_TIMEOUT_MS: 10_000,
      IDLE_COLLECT_MS: 5_000,
    });
  });

  it("treats empty strings as unset", () => {
    expect(loadConfig({ PORT: "", HOST: "", DATABASE_URL: "" })).toMatchObject({
      PORT: 4000,
      HOST: "127.0.0.1",
      DATABASE_URL: "file:./data/footprint.sqlite",
    });
  });

  it("reads given values, coercing PORT to a number", () => {
    const config = loadConfig({
      PORT: "8080",
      HOST: "0.0.0.0",
      DATABASE_URL: "file:/tmp/x.sqlite",
      NODE_ENV: "production",
      LOG_LEVEL: "warn",
    });
    expect(config).toMatchObject({
      PORT: 8080,
      HOST: "0.0.0.0",
      DATABASE_URL: "file:/tmp/x.sqlite",
      NODE_ENV: "production",
      LOG_LEVEL: "warn",
      HOME_CITY: "tehran",
    });
    expect(typeof config.PORT).toBe("number");
  });

  it("accepts an in-memory database and port 0", () => {
    expect(loadConfig({ DATABASE_URL: ":memory:", PORT: "0" })).toMatchObject({ DATABASE_URL: ":memory:", PORT: 0 });
  });

  it("accepts a PostgreSQL database with its schema and pool size", () => {
    expect(
      loadConfig({ DATABASE_URL: "postgres://localhost/db", DATABASE_SCHEMA: "footprint", DATABASE_POOL_SIZE: "4" }),
    ).toMatchObject({
      DATABASE_URL: "postgres://localhost/db",
      DATABASE_SCHEMA: "footprint",
      DATABASE_POOL_SIZE: 4,
    });
    expect(loadConfig({ DATABASE_URL: "postgresql://u@db.example:5432/footprint" }).DATABASE_URL).toBe(
      "postgresql://u@db.example:5432/footprint",
    );
  });

  it("ignores unrelated variables", () => {
    expect(loadConfig({ PATH: "/usr/bin", HOME: "/root" })).toEqual(loadConfig({}));
  });

  it.each([
    ["PORT", "abc"],
    ["PORT", "70000"],
    ["PORT", "65536"],
    ["PORT", "-1"],
    ["PORT", "80.5"],
    ["PORT", " "],
    ["PORT", "0x1F90"],
    ["DATABASE_URL", "mysql://x"],
    ["DATABASE_URL", "mysql://localhost/db"],
    ["DATABASE_SCHEMA", "Footprint"],
    ["DATABASE_SCHEMA", "foot-print"],
    ["DATABASE_POOL_SIZE", "1"],
    ["DATABASE_URL", "./data/footprint.sqlite"],
    ["NODE_ENV", "staging"],
    ["LOG_LEVEL", "loud"],
    ["HOME_CITY", "Tehran City"],
    ["INTROSPECTION", "maybe"],
    ["RATE_LIMIT_KEY", "-5"],
    ["RESPONSE_CACHE_MB", "-1"],
    ["EXECUTION_TIMEOUT_MS", "soon"],
  ])("%s=%j throws a ConfigError naming the variable and the value", (name, value) => {
    const error = configError({ [name]: value });
    expect(error.name).toBe("ConfigError");
    expect(error.message).toContain(name);
    expect(error.message).toContain(JSON.stringify(value));
  });

  it("names only the offending variable", () => {
    const error = configError({ PORT: "abc", DATABASE_URL: "file:./ok.sqlite" });
    expect(error.message).toContain("PORT");
    expect(error.message).not.toContain("DATABASE_URL");
  });

  it("reports every bad variable at once", () => {
    const error = configError({ PORT: "abc", DATABASE_URL: "mysql://x" });
    expect(error.message).toContain("PORT");
    expect(error.message).toContain("DATABASE_URL");
  });

  it("explains what DATABASE_URL must be", () => {
    expect(configError({ DATABASE_URL: "mysql://x" }).message).toMatch(/file:/);
    expect(configError({ DATABASE_URL: "mysql://x" }).message).toMatch(/postgres:\/\//);
  });

  it("PORT 65535 is the largest allowed", () => {
    expect(loadConfig({ PORT: "65535" }).PORT).toBe(65535);
  });
});
