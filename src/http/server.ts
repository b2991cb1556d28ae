/**
 * The HTTP side: Express 5 with Apollo Server 5 at /graphql (queries and mutations), graphql-ws
 * subscriptions on the same path, a self-contained GraphiQL page for browsers, streamed exports at
 * /export (src/http/exportRoutes.ts), the dashboard page at /dashboard (src/http/dashboardRoutes.ts), /metrics for Prometheus and /healthz for liveness.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import express, { type RequestHandler } from "express";
import type { GraphQLSchema } from "graphql";
import Negotiator from "negotiator";
import type { Logger } from "pino";
import type { DatabaseHandle } from "../../db/connection.js";
import { findLiveApiKey, touchApiKey } from "../data/apiKeys.js";
import { createLoaders } from "../data/loaders.js";
import { bearerToken } from "../lib/apiKeySecret.js";
import { ErrorCode } from "../lib/errorCodes.js";
import { createChangePubSub, type ChangePubSub } from "../graphql/changePubSub.js";
import { deadlineGuard } from "../graphql/deadline.js";
import type { Context, Lang } from "../graphql/context.js";
import { unauthenticated, type Viewer } from "../graphql/viewer.js";
import { footprintSchema } from "../schema.js";
import { createAdmission } from "./admission.js";
import { graphiqlPage } from "./graphiqlPage.js";
import type { ServerMetrics } from "./metrics.js";
import { bodyErrorHandler, refusalStatusPlugin } from "./clientErrors.js";
import { knownOperationNames, operationLabeller } from "./operationLabels.js";
import { QUERY_LIMITS } from "./queryLimits.js";
import { RateLimiter, type RateLimitSettings } from "./rateLimit.js";
import { checkReadiness } from "./readiness.js";
import { operationNameForLog, trackedContext, unloggedRefusalLog } from "./requestLog.js";
import { costPlugin, observabilityPlugin, recordRequest, requestIdPlugin } from "./requestPlugins.js";
import { dashboardRouter } from "./dashboardRoutes.js";
import { exportRouter } from "./exportRoutes.js";
import { ResponseCache, responseCachePlugin } from "./responseCache.js";
import { createWebSocketServer } from "./subscriptions.js";
import { loadTrustedDocuments, persistedQueryCache, trustedDocumentsMiddleware } from "./trustedDocuments.js";

export interface ServerSettings {
  production: boolean;
  homeCity: string;
  introspection: boolean;
  /** Path of a persisted-query manifest: when given, only its operations run. */
  trustedDocumentsFile?: string;
  rateLimit: RateLimitSettings;
  executionTimeoutMs: number;
  shutdownTimeoutMs: number;
  /** The response cache's byte budget (src/http/responseCache.ts); 0 turns it off. */
  responseCacheBytes: number;
}

export const DEFAULT_SERVER_SETTINGS: ServerSettings = {
  production: false,
  homeCity: "tehran",
  introspection: true,
  rateLimit: { anonymousPoints: 100_000, keyPoints: 500_000, windowSeconds: 3600 },
  executionTimeoutMs: 10_000,
  shutdownTimeoutMs: 10_000,
  responseCacheBytes: 64 * 1024 * 1024,
};

export interface FootprintServerOptions {
  database: DatabaseHandle;
  metrics: ServerMetrics;
  logger: Logger;
  settings: ServerSettings;
}

export interface FootprintServer {
  httpServer: Server;
  pubSub: ChangePubSub;
  schema: GraphQLSchema;
  /** A context for reads made on the operator's behalf (the export CLI): anonymous, with a deadline. */
  operatorContext(): Context;
  listen(port: number, host: string): Promise<AddressInfo>;
  stop(): Promise<void>;
}

/** Persian when the client prefers it, else English (the API's texts exist in both). */
export function langFromAcceptLanguage(header: string | undefined): Lang {
  return new Negotiator({ headers: { "accept-language": header ?? "en" } }).language(["en", "fa"]) === "fa" ? "FA" : "EN";
}

export async function createFootprintServer(options: FootprintServerOptions): Promise<FootprintServer> {
  const { database, metrics, logger, settings } = options;
  const { production, homeCity } = settings;
  const limiter = new RateLimiter(settings.rateLimit, database.pool);
  const rejected = (reason: string) => metrics.rejected.inc({ reason });
  const trusted = settings.trustedDocumentsFile ? loadTrustedDocuments(settings.trustedDocumentsFile) : null;
  const { db } = database;
  const schema = await footprintSchema();
  const admission = createAdmission({
    schema,
    limiter,
    metrics,
    logger,
    production,
    introspection: settings.introspection,
    trusted,
  });
  const pubSub = await createChangePubSub(database, logger);
  const app = express();
  app.disable("x-powered-by");
  const httpServer = createServer(app);

  /** A request with a key that is unknown or revoked is refused outright, even for a read. */
  async function viewerFrom(authorization: string | undefined): Promise<Viewer> {
    const secret = bearerToken(authorization);
    if (secret === undefined) return { kind: "ANONYMOUS" };
    const key = secret ? await findLiveApiKey(db, secret) : null;
    if (!key)
      throw unauthenticated(
        "The API key is not valid (unknown or revoked). Reads need no key; leave the Authorization header out.",
      );
    // Recorded through the write path (one writer at a time), after the answer, never in its way.
    void database
      .transaction((tx) => touchApiKey(tx, key))
      .catch((error) => logger.warn({ err: error }, "could not record key use"));
    return { kind: "API_KEY", key };
  }

  /** `timed`: queries and mutations have an execution deadline; a subscription's events have one each. */
  function contextFor(options: {
    headers: IncomingHttpHeaders | Record<string, unknown>;
    clientAddress: string;
    viewer: Viewer;
    timed: boolean;
    requestId?: string;
  }): Context {
    const { headers } = options;
    const header = (name: string) => {
      const value = headers[name];
      return typeof value === "string" ? value : undefined;
    };
    const checkDeadline = deadlineGuard(options.timed ? Date.now() + settings.executionTimeoutMs : Number.POSITIVE_INFINITY);
    return {
      db,
      database,
      changes: pubSub.publisher,
      pubSub,
      loaders: createLoaders(db, checkDeadline),
      viewer: options.viewer,
      lang: langFromAcceptLanguage(header("accept-language")),
      requestId: options.requestId ?? requestIdFrom(header("x-request-id")),
      clientAddress: options.clientAddress,
      checkDeadline,
      homeCity,
    };
  }

  // One labelling of operations for both transports' metrics.
  const operationLabel = operationLabeller(knownOperationNames(trusted));
  const webSockets = createWebSocketServer({
    httpServer,
    schema,
    admission,
    db,
    logger,
    viewerFrom,
    contextFor,
    // Each event of a subscription resolves against the data as it is now, within its own deadline.
    eventContext(base) {
      const checkDeadline = deadlineGuard(Date.now() + settings.executionTimeoutMs);
      return { ...base, loaders: createLoaders(db, checkDeadline), checkDeadline, cost: undefined, rate: undefined };
    },
    observe({ requestId, operationName, operationType, outcome, seconds, cost, viewer }) {
      const level = outcome === ErrorCode.INTERNAL_SERVER_ERROR ? "error" : outcome === "ok" ? "info" : "warn";
      recordRequest(logger, metrics, level, operationLabel(operationName), seconds, {
        requestId,
        transport: "websocket",
        operation: operationNameForLog(operationName),
        operationType,
        cost,
        outcome,
        viewer,
      });
    },
  });

  const apollo = new ApolloServer<Context>({
    schema,
    // The introspection switch is one of admission's validation rules, for both transports.
    introspection: true,
    includeStacktraceInErrorResponses: !production,
    // GraphQL over HTTP: one operation per request, and Apollo's CSRF prevention (on by default).
    allowBatchedHttpRequests: false,
    // The CLI handles SIGTERM/SIGINT (bounded, then closes the database); Apollo's own handler
    // would start a second stop that the CLI's close() then waits on forever.
    stopOnTerminationSignals: false,
    csrfPrevention: true,
    persistedQueries: { cache: persistedQueryCache(trusted), ttl: null },
    parseOptions: admission.parseOptions,
    validationRules: admission.validationRules,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: settings.shutdownTimeoutMs }),
      // No cache hints are used; Apollo's default cache-control plugin would wrap every field.
      ApolloServerPluginCacheControlDisabled(),
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await webSockets.dispose();
            },
          };
        },
      },
      costPlugin(admission),
      // After admission (which fixes the data version the key names and charges the request).
      responseCachePlugin(new ResponseCache({ maxBytes: settings.responseCacheBytes }), metrics),
      requestIdPlugin(logger),
      // Before the log line is written: it reads the status.
      refusalStatusPlugin<Context>(),
      observabilityPlugin(logger, metrics, operationLabel),
      // Browsers get GraphiQL from graphiqlPage() in front of Apollo; Apollo's own (from a CDN) stays off.
      ApolloServerPluginLandingPageDisabled(),
    ],
    // Masking, limit messages and (introspection off) no "Did you mean …?": admission's, as on WebSocket.
    formatError: (formatted) => admission.formatError(formatted),
  });
  await apollo.start();

  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    const readiness = await checkReadiness(database);
    res.status(readiness.ready ? 200 : 503).json(readiness);
  });
  app.get("/metrics", async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  app.use("/dashboard", dashboardRouter());
  app.use(
    "/export",
    assignRequestId,
    exportRouter({
      schema,
      limiter,
      logger,
      viewerFrom,
      contextFor: (req, res, viewer) =>
        contextFor({
          headers: req.headers,
          clientAddress: req.socket.remoteAddress ?? "unknown",
          viewer,
          timed: true,
          requestId: String(res.getHeader("x-request-id")),
        }),
    }),
  );
  app.use(
    "/graphql",
    assignRequestId,
    unloggedRefusalLog(logger),
    graphiqlPage("/graphql"),
    // JSON answers are not compressed here (a reverse proxy may): per-response zlib contexts kept about
    // 120 MB of native memory after a 30 s mixed load (RSS +84% against -12% without; npm run load).
    express.json({ limit: QUERY_LIMITS.maxBodyBytes, type: ["application/json", "application/graphql-response+json"] }),
    ...(trusted ? [trustedDocumentsMiddleware(trusted, () => rejected("untrustedDocument"))] : []),
    expressMiddleware(apollo, {
      context: async ({ req, res }) =>
        trackedContext(res, logger, async () =>
          contextFor({
            headers: req.headers,
            clientAddress: req.socket.remoteAddress ?? "unknown",
            viewer: await viewerFrom(req.headers.authorization),
            timed: true,
            requestId: String(res.getHeader("x-request-id")),
          }),
        ),
    }),
  );
  app.use(bodyErrorHandler(rejected, logger));

  return {
    httpServer,
    pubSub,
    schema,
    operatorContext: () => contextFor({ headers: {}, clientAddress: "operator", viewer: { kind: "ANONYMOUS" }, timed: true }),
    listen(port, host) {
      return new Promise((resolvePromise, reject) => {
        httpServer.once("error", reject);
        httpServer.listen(port, host, () => resolvePromise(httpServer.address() as AddressInfo));
      });
    },
    async stop() {
      await apollo.stop();
      if (httpServer.listening) await new Promise<void>((r) => httpServer.close(() => r()));
      await pubSub.close();
      // Batched rate-limit charges (PostgreSQL) reach the shared budget before the database closes.
      await limiter.flush().catch((error: unknown) => logger.warn({ err: error }, "could not write batched rate-limit charges"));
    },
  };
}

/** A client may pass its own request id (to correlate logs); anything else gets a fresh one. */
function requestIdFrom(given: string | undefined): string {
  return given && /^[A-Za-z0-9._-]{1,100}$/.test(given) ? given : randomUUID();
}

/** Every answer, including refusals made before GraphQL runs, carries the request id. */
const assignRequestId: RequestHandler = (req, res, next) => {
  const given = req.headers["x-request-id"];
  res.setHeader("x-request-id", requestIdFrom(typeof given === "string" ? given : undefined));
  next();
};
