/** `npm start`: migrate, seed an empty database, serve. */
import "reflect-metadata";
import { performance } from "node:perf_hooks";
import { bootFootprint } from "../app.js";
import { ConfigError, loadConfig } from "../lib/config.js";

// Measured from process start, so module loading counts too.
const startedAt = 0;
let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}

const app = await bootFootprint(config);
const address = await app.server.listen(config.PORT, config.HOST);
app.logger.info(
  {
    url: `http://${address.address}:${address.port}/graphql`,
    seeded: app.seeded,
    startupMs: Math.round(performance.now() - startedAt),
  },
  "Footprint is serving GraphQL",
);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    app.logger.info(
      { signal, timeoutMs: config.SHUTDOWN_TIMEOUT_MS },
      "shutting down: no new connections, finishing requests in flight",
    );
    // Bounded: requests still running when the time is up are cut off.
    setTimeout(() => {
      app.logger.error("shutdown timed out; exiting");
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS + 1_000).unref();
    app.close().then(
      () => process.exit(0),
      (error) => {
        app.logger.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  });
}
