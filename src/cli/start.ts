/** `npm start`: migrate, seed an empty database, serve. */
import "reflect-metadata";
import { performance } from "node:perf_hooks";
import { setFlagsFromString } from "node:v8";
import { bootFootprint } from "../app.js";
import { ConfigError, loadConfig } from "../lib/config.js";
import { startIdleCollector } from "../lib/idleCollector.js";

// V8 lets the heap grow to up to four times what survived the last full collection before it collects
// again, and keeps those pages afterwards: after the load script's mixed run the committed heap stayed
// at 68 MB for 37 MB in use. Growing by at most half keeps a server's memory near what it holds; the
// idle collector hands back the rest when a busy spell ends.
setFlagsFromString("--heap-growing-percent=50");

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

// A process-wide concern, so it lives here and not in every app a test boots.
const collector =
  config.IDLE_COLLECT_MS > 0
    ? startIdleCollector({
        intervalMs: config.IDLE_COLLECT_MS,
        onCollect: ({ heapBefore, heapAfter, ms }) =>
          app.logger.debug({ heapBeforeMb: mb(heapBefore), heapAfterMb: mb(heapAfter), ms: Math.round(ms) }, "idle collection"),
      })
    : undefined;

function mb(bytes: number): number {
  return Math.round(bytes / 1e5) / 10;
}

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    collector?.stop();
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
