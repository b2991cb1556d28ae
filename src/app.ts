import "reflect-metadata";
/**
 * Boots Footprint on a database: opens it, applies migrations, loads the seed if the database is
 * empty, and builds the server. Used by the CLI and by the tests, so both run the same start-up.
 */
import pino, { type Logger } from "pino";
import { migrateDatabase, openDatabase, type DatabaseHandle } from "../db/connection.js";
import { isDatabaseSeeded, loadSeed } from "../seeds/loadSeed.js";
import { createMetrics, type ServerMetrics } from "./http/metrics.js";
import { createFootprintServer, DEFAULT_SERVER_SETTINGS, type FootprintServer, type ServerSettings } from "./http/server.js";
import type { Config } from "./lib/config.js";

export interface FootprintApp {
  database: DatabaseHandle;
  metrics: ServerMetrics;
  server: FootprintServer;
  logger: Logger;
  /** Whether this start loaded the seed into an empty database. */
  seeded: boolean;
  close(): Promise<void>;
}

export type BootConfig = Pick<Config, "DATABASE_URL" | "NODE_ENV" | "LOG_LEVEL"> & Partial<Config>;

/** Server settings from the configuration, with defaults for what a caller (a test) leaves out. */
export function serverSettingsFrom(config: BootConfig): ServerSettings {
  return {
    production: config.NODE_ENV === "production",
    homeCity: config.HOME_CITY ?? DEFAULT_SERVER_SETTINGS.homeCity,
    introspection: config.INTROSPECTION ?? DEFAULT_SERVER_SETTINGS.introspection,
    trustedDocumentsFile: config.TRUSTED_DOCUMENTS,
    rateLimit: {
      anonymousPoints: config.RATE_LIMIT_ANONYMOUS ?? DEFAULT_SERVER_SETTINGS.rateLimit.anonymousPoints,
      keyPoints: config.RATE_LIMIT_KEY ?? DEFAULT_SERVER_SETTINGS.rateLimit.keyPoints,
      windowSeconds: config.RATE_LIMIT_WINDOW_SECONDS ?? DEFAULT_SERVER_SETTINGS.rateLimit.windowSeconds,
    },
    executionTimeoutMs: config.EXECUTION_TIMEOUT_MS ?? DEFAULT_SERVER_SETTINGS.executionTimeoutMs,
    responseCacheBytes:
      config.RESPONSE_CACHE_MB === undefined
        ? DEFAULT_SERVER_SETTINGS.responseCacheBytes
        : Math.round(config.RESPONSE_CACHE_MB * 1024 * 1024),
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS ?? DEFAULT_SERVER_SETTINGS.shutdownTimeoutMs,
  };
}

export async function bootFootprint(
  config: BootConfig,
  options: { seed?: boolean; onStatement?: (sqlText: string) => void } = {},
): Promise<FootprintApp> {
  const logger = pino({ level: config.LOG_LEVEL, base: { service: "footprint" } });
  const metrics = createMetrics();
  const database = await openDatabase({
    url: config.DATABASE_URL,
    schemaName: config.DATABASE_SCHEMA,
    poolSize: config.DATABASE_POOL_SIZE,
    onStatement: (sqlText) => {
      metrics.statements.inc();
      options.onStatement?.(sqlText);
    },
  });
  await migrateDatabase(database);
  let seeded = false;
  if (options.seed !== false && !(await isDatabaseSeeded(database.db))) {
    await loadSeed(database);
    seeded = true;
  }
  const server = await createFootprintServer({ database, metrics, logger, settings: serverSettingsFrom(config) });
  return {
    database,
    metrics,
    server,
    logger,
    seeded,
    async close() {
      await server.stop();
      await database.close();
    },
  };
}
