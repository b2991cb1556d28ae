/**
 * The export door: `GET /export/<table>.csv`, `/export/<table>.jsonl` and `/export/datapackage.zip`,
 * streamed. The same guards as /graphql: the viewer from the same API key check, the filter checked
 * by GraphQL itself (src/export/exportRows.ts), the deadline per page, and the rate limit charged
 * to the same budget: EXPORT_POINTS_PER_BLOCK for each started block of 1,000 rows, charged before
 * the block is sent. A refusal before the first byte answers in GraphQL's error shape with its
 * HTTP status; a failure after it (the budget spent mid-export, a server error) cuts the answer
 * off, so a client never takes a partial file for a whole one.
 */
import { finished } from "node:stream/promises";
import express, { type Request, type Response, type Router } from "express";
import { GraphQLError, type GraphQLSchema } from "graphql";
import type { Logger } from "pino";
import { preparePackage, writePackage } from "../export/dataPackage.js";
import { EXPORT_FORMATS, writeRows, type ExportFormat } from "../export/exportFormats.js";
import { ExportRefused, startExport } from "../export/exportRows.js";
import { EXPORT_TABLES, exportTable } from "../export/exportTables.js";
import { zipSink } from "../export/packageSinks.js";
import type { Context } from "../graphql/context.js";
import { badUserInput } from "../graphql/errors.js";
import type { Viewer } from "../graphql/viewer.js";
import { ErrorCode } from "../lib/errorCodes.js";
import { rateSubjectOf } from "./admission.js";
import { REFUSAL_STATUS } from "./clientErrors.js";
import { RateLimitExceeded, type RateLimiter } from "./rateLimit.js";

/** Points per started block of 1,000 exported rows: a GraphQL page of trips costs about 10 a trip. */
export const EXPORT_POINTS_PER_BLOCK = 10;
export const EXPORT_BLOCK_ROWS = 1000;

export interface ExportRouteOptions {
  schema: GraphQLSchema;
  limiter: RateLimiter;
  logger: Logger;
  viewerFrom(authorization: string | undefined): Promise<Viewer>;
  contextFor(req: Request, res: Response, viewer: Viewer): Context;
}

function refusalFromError(error: unknown): GraphQLError[] | null {
  if (error instanceof ExportRefused) return [...error.errors];
  if (error instanceof RateLimitExceeded)
    return [
      new GraphQLError(error.message, {
        extensions: { code: ErrorCode.RATE_LIMITED, retryAfterSeconds: error.retryAfterSeconds },
      }),
    ];
  if (error instanceof GraphQLError && typeof error.extensions?.code === "string") return [error];
  return null;
}

/** The query string's `filter` (JSON) and `asOfVersion`; malformed ones are BAD_USER_INPUT. */
function exportParameters(req: Request): { filter: unknown; asOfVersion: number | undefined } {
  const { filter, asOfVersion } = req.query;
  let parsed: unknown;
  if (filter !== undefined) {
    if (typeof filter !== "string") throw new ExportRefused([badUserInput("`filter` is given once, as JSON.", "filter")]);
    try {
      parsed = JSON.parse(filter);
    } catch (error) {
      throw new ExportRefused([badUserInput(`\`filter\` is not valid JSON: ${(error as Error).message}`, "filter")]);
    }
  }
  if (asOfVersion !== undefined && (typeof asOfVersion !== "string" || !/^\d{1,15}$/.test(asOfVersion)))
    throw new ExportRefused([badUserInput("`asOfVersion` is a data version: a whole number.", "asOfVersion")]);
  return { filter: parsed, asOfVersion: asOfVersion === undefined ? undefined : Number(asOfVersion) };
}

export function exportRouter(options: ExportRouteOptions): Router {
  const { schema, limiter, logger } = options;
  const router = express.Router();

  async function handle(req: Request, res: Response, file: string): Promise<void> {
    const requestId = String(res.getHeader("x-request-id"));
    const refuse = (errors: GraphQLError[]) => {
      const given = errors[0]?.extensions?.code;
      const code = typeof given === "string" ? given : ErrorCode.BAD_USER_INPUT;
      const retry = errors[0]?.extensions?.retryAfterSeconds;
      if (typeof retry === "number") res.setHeader("retry-after", String(retry));
      res.status(REFUSAL_STATUS[code] ?? 400).json({
        errors: errors.map((e) => ({ message: e.message, extensions: { ...e.extensions, requestId } })),
      });
    };
    let started = false;
    try {
      const viewer = await options.viewerFrom(req.headers.authorization);
      const context = () => options.contextFor(req, res, viewer);
      const subject = rateSubjectOf(context());
      const charge = () => limiter.charge(subject, EXPORT_POINTS_PER_BLOCK);
      const { filter, asOfVersion } = exportParameters(req);
      const match = /^([a-z_]+)\.(csv|jsonl)$/.exec(file);
      // Each block is paid for before it is sent: the first now, the next at each 1,000th row.
      const onRows = async () => {
        await charge();
      };
      if (file === "datapackage.zip") {
        await charge();
        const prepared = await preparePackage({
          schema,
          context,
          filters: filter as Record<string, unknown>,
          asOfVersion,
          onRows,
        });
        started = true;
        res.status(200);
        res.setHeader("content-type", "application/zip");
        res.setHeader("x-data-version", String(prepared.version));
        res.setHeader("content-disposition", `attachment; filename="footprint-datapackage-v${prepared.version}.zip"`);
        const sink = zipSink();
        sink.output.pipe(res);
        await writePackage(prepared, sink);
        sink.finish();
        await finished(res);
        return;
      }
      const table = match ? exportTable(match[1]) : undefined;
      if (!match || !table) {
        return refuse([
          new GraphQLError(
            `No export is called "${file}": ask for <table>.csv, <table>.jsonl or datapackage.zip; the tables are ${EXPORT_TABLES.map((t) => t.name).join(", ")}.`,
            { extensions: { code: ErrorCode.NOT_FOUND } },
          ),
        ]);
      }
      const format = match[2] as ExportFormat;
      await charge();
      const run = await startExport({ schema, context, table, filter, asOfVersion });
      started = true;
      res.status(200);
      res.setHeader("content-type", EXPORT_FORMATS[format].contentType);
      res.setHeader("x-data-version", String(run.version));
      res.setHeader("content-disposition", `attachment; filename="footprint-${table.name}-v${run.version}.${format}"`);
      await writeRows(table, run.rows, format, res, { every: EXPORT_BLOCK_ROWS, onRows });
      res.end();
    } catch (error) {
      const refusal = refusalFromError(error);
      if (!started && refusal) return refuse(refusal);
      if (!started) {
        logger.error({ err: error, requestId }, "export failed");
        res.status(500).json({
          errors: [{ message: "Internal server error", extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, requestId } }],
        });
        return;
      }
      if (refusal) logger.warn({ requestId, reason: refusal[0]?.message }, "export cut off");
      else logger.error({ err: error, requestId }, "export failed while streaming");
      res.destroy();
    }
  }

  router.get("/:file", (req, res) => handle(req, res, req.params.file));
  return router;
}
