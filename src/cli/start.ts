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
  { url: `http://${address.address}:${address.port}/graphql`, seeded: app.seeded, startupMs: Math.round(performance.now() - startedAt) },
  "Footprint is serving GraphQL",
);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    app.logger.info({ signal }, "shutting down");
    app.close().then(
      () => process.exit(0),
      (error) => {
        app.logger.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  });
}
