/**
 * The HTTP side: Express 5 with Apollo Server 5 at /graphql (queries and mutations), graphql-ws
 * subscriptions on the same path, a self-contained GraphiQL page for browsers, /metrics for
 * Prometheus and /healthz for liveness.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";
import Negotiator from "negotiator";
import { useServer } from "graphql-ws/use/ws";
import type { Logger } from "pino";
import { WebSocketServer } from "ws";
import type { DatabaseHandle } from "../../db/connection.js";
import { findLiveApiKey, touchApiKey } from "../data/apiKeys.js";
import { createLoaders } from "../data/loaders.js";
import { bearerToken } from "../lib/apiKeySecret.js";
import { createChangePubSub, type ChangePubSub } from "../graphql/changePubSub.js";
import type { Context, Lang } from "../graphql/context.js";
import { unauthenticated, type Viewer } from "../graphql/viewer.js";
import { footprintSchema } from "../schema.js";
import type { ServerMetrics } from "./metrics.js";

export interface FootprintServerOptions {
  database: DatabaseHandle;
  metrics: ServerMetrics;
  logger: Logger;
  production: boolean;
  homeCity: string;
}

export interface FootprintServer {
  httpServer: Server;
  pubSub: ChangePubSub;
  listen(port: number, host: string): Promise<AddressInfo>;
  stop(): Promise<void>;
}

/** Persian when the client prefers it, else English (the API's texts exist in both). */
export function langFromAcceptLanguage(header: string | undefined): Lang {
  return new Negotiator({ headers: { "accept-language": header ?? "en" } }).language(["en", "fa"]) === "fa" ? "FA" : "EN";
}

function operationMetricsPlugin(metrics: ServerMetrics): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operationName, errors }) {
          metrics.requests.inc({ operation: operationName ?? "anonymous", outcome: errors?.length ? "error" : "ok" });
        },
      };
    },
  };
}

/** A self-contained GraphiQL page (Apollo's default loads from a CDN). Loaded on first use: it is large. */
function graphiqlLandingPage(): ApolloServerPlugin<Context> {
  return {
    async serverWillStart() {
      return {
        async renderLandingPage() {
          const { renderGraphiQL } = await import("@graphql-yoga/render-graphiql");
          return { html: renderGraphiQL({ endpoint: "/graphql", title: "Footprint GraphQL API", subscriptionsProtocol: "WS" }) };
        },
      };
    },
  };
}

export async function createFootprintServer(options: FootprintServerOptions): Promise<FootprintServer> {
  const { database, metrics, logger, production, homeCity } = options;
  const { db } = database;
  const schema = await footprintSchema();
  const pubSub = createChangePubSub();
  const app = express();
  app.disable("x-powered-by");
  const httpServer = createServer(app);

  /** A request with a key that is unknown or revoked is refused outright, even for a read. */
  async function viewerFrom(authorization: string | undefined): Promise<Viewer> {
    const secret = bearerToken(authorization);
    if (secret === undefined) return { kind: "ANONYMOUS" };
    const key = secret ? await findLiveApiKey(db, secret) : null;
    if (!key) throw unauthenticated("The API key is not valid (unknown or revoked). Reads need no key; leave the Authorization header out.");
    await touchApiKey(db, key);
    return { kind: "API_KEY", key };
  }

  async function contextFor(headers: IncomingHttpHeaders | Record<string, unknown>): Promise<Context> {
    const header = (name: string) => {
      const value = headers[name];
      return typeof value === "string" ? value : undefined;
    };
    return {
      db,
      database,
      changes: pubSub.publisher,
      pubSub,
      loaders: createLoaders(db),
      viewer: await viewerFrom(header("authorization") ?? header("Authorization")),
      lang: langFromAcceptLanguage(header("accept-language")),
      requestId: header("x-request-id") ?? randomUUID(),
      homeCity,
    };
  }

  const wsServer = new WebSocketServer({ server: httpServer, path: "/graphql" });
  const wsCleanup = useServer(
    {
      schema,
      // A subscription is authenticated like a request, from the connection_init payload.
      context: async (ctx) => contextFor({ ...(ctx.connectionParams ?? {}), ...lowerCaseKeys(ctx.connectionParams ?? {}) }),
    },
    wsServer,
  );

  const apollo = new ApolloServer<Context>({
    schema,
    introspection: true,
    includeStacktraceInErrorResponses: !production,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      { async serverWillStart() { return { async drainServer() { await wsCleanup.dispose(); } }; } },
      operationMetricsPlugin(metrics),
      graphiqlLandingPage(),
    ],
    formatError(formatted, error) {
      if (formatted.extensions?.code === "INTERNAL_SERVER_ERROR") logger.error({ err: error }, "internal error");
      return formatted;
    },
  });
  await apollo.start();

  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/metrics", async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  app.use("/graphql", express.json({ limit: "100kb" }), expressMiddleware(apollo, { context: async ({ req }) => contextFor(req.headers) }));

  return {
    httpServer,
    pubSub,
    listen(port, host) {
      return new Promise((resolvePromise, reject) => {
        httpServer.once("error", reject);
        httpServer.listen(port, host, () => resolvePromise(httpServer.address() as AddressInfo));
      });
    },
    async stop() {
      await apollo.stop();
      if (httpServer.listening) await new Promise<void>((r) => httpServer.close(() => r()));
    },
  };
}

function lowerCaseKeys(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k.toLowerCase(), v]));
}
