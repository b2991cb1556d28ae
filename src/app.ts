import "reflect-metadata";
/**
 * Boots Footprint on a database: opens it, applies migrations, loads the seed if the database is
 * empty, and builds the server. Used by the CLI and by the tests, so both run the same start-up.
 */
import pino, { type Logger } from "pino";
import { migrateDatabase, openDatabase, type DatabaseHandle } from "../db/connection.js";
import { isDatabaseSeeded, loadSeed } from "../seeds/loadSeed.js";
import { createMetrics, type ServerMetrics } from "./http/metrics.js";
import { createFootprintServer, type FootprintServer } from "./http/server.js";
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

export async function bootFootprint(config: Pick<Config, "DATABASE_URL" | "NODE_ENV" | "LOG_LEVEL"> & Partial<Pick<Config, "HOME_CITY">>, options: { seed?: boolean; onStatement?: (sqlText: string) => void } = {}): Promise<FootprintApp> {
  const logger = pino({ level: config.LOG_LEVEL, base: { service: "footprint" } });
  const metrics = createMetrics();
  const database = openDatabase({ url: config.DATABASE_URL, onStatement: (sqlText) => {
      metrics.statements.inc();
      options.onStatement?.(sqlText);
    },
  });
  migrateDatabase(database.db);
  let seeded = false;
  if (options.seed !== false && !isDatabaseSeeded(database.db)) {
    loadSeed(database.db);
    seeded = true;
  }
  const server = await createFootprintServer({ database, metrics, logger, production: config.NODE_ENV === "production", homeCity: config.HOME_CITY ?? "tehran" });
  return {
    database,
    metrics,
    server,
    logger,
    seeded,
    async close() {
      await server.stop();
      database.close();
    },
  };
}
