/**
 * The HTTP side: Express 5 with Apollo Server 5 at /graphql, a self-contained GraphiQL page for
 * browsers, /metrics for Prometheus and /healthz for liveness.
 */
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import express, { type Request } from "express";
import type { Logger } from "pino";
import type { Db } from "../../db/connection.js";
import { createLoaders } from "../data/loaders.js";
import type { Context, Lang } from "../graphql/context.js";
import { footprintSchema } from "../schema.js";
import type { ServerMetrics } from "./metrics.js";

export interface FootprintServerOptions {
  db: Db;
  metrics: ServerMetrics;
  logger: Logger;
  production: boolean;
  homeCity: string;
}

export interface FootprintServer {
  httpServer: Server;
  listen(port: number, host: string): Promise<AddressInfo>;
  stop(): Promise<void>;
}

/** Persian when the client prefers it, else English (the API's texts exist in both). */
export function langFromRequest(req: Request): Lang {
  return req.acceptsLanguages("en", "fa") === "fa" ? "FA" : "EN";
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
          return { html: renderGraphiQL({ endpoint: "/graphql", title: "Footprint GraphQL API" }) };
        },
      };
    },
  };
}

export async function createFootprintServer(options: FootprintServerOptions): Promise<FootprintServer> {
  const { db, metrics, logger, production, homeCity } = options;
  const app = express();
  app.disable("x-powered-by");
  const httpServer = createServer(app);
  const apollo = new ApolloServer<Context>({
    schema: await footprintSchema(),
    introspection: true,
    includeStacktraceInErrorResponses: !production,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), operationMetricsPlugin(metrics), graphiqlLandingPage()],
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
  app.use(
    "/graphql",
    express.json({ limit: "100kb" }),
    expressMiddleware(apollo, {
      context: async ({ req }): Promise<Context> => ({
        db,
        loaders: createLoaders(db),
        lang: langFromRequest(req),
        requestId: (req.headers["x-request-id"] as string | undefined) ?? randomUUID(),
        homeCity,
      }),
    }),
  );

  return {
    httpServer,
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
