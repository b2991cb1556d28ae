/**
 * One log line for every GraphQL request, refusals included. Apollo's plugin (observabilityPlugin)
 * logs what runs through its pipeline; what is refused before it (a body that cannot be read, an
 * untrusted document, an invalid key, CSRF, a batch) is logged here when its answer is sent, with
 * the code the client received. Levels follow the status: 5xx error, 4xx warn (a refusal), else info.
 */
import type { RequestHandler, Response } from "express";
import { GraphQLError } from "graphql";
import type { Logger } from "pino";
import { ErrorCode } from "../lib/errorCodes.js";

export type LogLevel = "error" | "warn" | "info";

export function logLevelFor(status: number): LogLevel {
  if (status >= 500) return "error";
  if (status >= 400) return "warn";
  return "info";
}

/** Operation names are the client's: the log keeps at most this many characters of one. */
export const MAX_LOGGED_OPERATION_NAME = 100;

export function operationNameForLog(name: string | null | undefined): string {
  if (!name) return "anonymous";
  return name.length > MAX_LOGGED_OPERATION_NAME ? `${name.slice(0, MAX_LOGGED_OPERATION_NAME)}…` : name;
}

/**
 * Requests Apollo's plugin has logged, by their loaders: Apollo runs an operation on a shallow copy
 * of the context the HTTP layer built, so the context itself is not the same object in both, but
 * the request's loaders (created once per request) are.
 */
const logged = new WeakSet<object>();

interface TrackedContext {
  loaders: object;
}

export function markLogged(context: TrackedContext): void {
  logged.add(context.loaders);
}

interface RequestLogLocals {
  graphqlContext?: TrackedContext;
  /** `extensions.code` of the first error in a refusal's answer, as sent. */
  refusalCode?: string;
}

const locals = (res: Response) => res.locals as RequestLogLocals;

/**
 * Builds the context of an HTTP request and remembers it, so the request is not logged twice. A
 * context that cannot be built (an unknown or revoked key: 401) still answers with the request id.
 */
export async function trackedContext<C extends TrackedContext>(
  res: Response,
  logger: Logger,
  make: () => Promise<C>,
): Promise<C> {
  try {
    const context = await make();
    locals(res).graphqlContext = context;
    return context;
  } catch (error) {
    const requestId = res.getHeader("x-request-id");
    if (error instanceof GraphQLError)
      throw new GraphQLError(error.message, { originalError: error, extensions: { ...error.extensions, requestId } });
    // Not the client's (the database, say): logged with the error, answered as an internal error.
    logger.error({ requestId, err: error }, "internal error");
    throw new GraphQLError("Could not start the request.", {
      originalError: error instanceof Error ? error : undefined,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, requestId },
    });
  }
}

function firstErrorCode(body: unknown): string | undefined {
  let parsed: unknown = body;
  if (typeof body === "string" || Buffer.isBuffer(body)) {
    const text = body.toString();
    if (text.length > 65_536) return undefined;
    try {
      parsed = JSON.parse(text);
    } catch {
      return undefined;
    }
  }
  const code = (parsed as { errors?: { extensions?: { code?: unknown } }[] } | null)?.errors?.[0]?.extensions?.code;
  return typeof code === "string" ? code : undefined;
}

/** Logs a /graphql answer of 400 or more that Apollo's plugin did not log. Never logs headers or keys. */
export function unloggedRefusalLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const send = res.send.bind(res);
    res.send = (body?: unknown) => {
      if (res.statusCode >= 400) locals(res).refusalCode ??= firstErrorCode(body);
      return send(body);
    };
    res.once("finish", () => {
      const { graphqlContext, refusalCode } = locals(res);
      if (res.statusCode < 400 || (graphqlContext && logged.has(graphqlContext.loaders))) return;
      const durationMs = Math.round((Number(process.hrtime.bigint() - started) / 1e6) * 10) / 10;
      logger[logLevelFor(res.statusCode)](
        {
          requestId: res.getHeader("x-request-id"),
          method: req.method,
          durationMs,
          status: res.statusCode,
          outcome: refusalCode ?? `HTTP_${res.statusCode}`,
        },
        "graphql request",
      );
    });
    next();
  };
}
