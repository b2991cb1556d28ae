/**
 * A client's mistake is a 4xx, never a 500: each refusal code has one HTTP status, answers in
 * GraphQL's error shape with the request id (body-decoding errors included), and is not logged as
 * an internal error. The status table is the one place that says which code answers which status.
 */
import type { ApolloServerPlugin } from "@apollo/server";
import type { ErrorRequestHandler } from "express";
import type { GraphQLError } from "graphql";
import type { Logger } from "pino";
import { ErrorCode } from "../lib/errorCodes.js";
import { LIMIT_CODES, limitCodeOf, QUERY_LIMITS } from "./queryLimits.js";

/** The HTTP status of each refusal (a request refused before it runs). */
export const REFUSAL_STATUS: Readonly<Record<string, number>> = {
  [LIMIT_CODES.depth]: 400,
  [LIMIT_CODES.aliases]: 400,
  [LIMIT_CODES.directives]: 400,
  [LIMIT_CODES.tokens]: 400,
  [LIMIT_CODES.repeatedField]: 400,
  [LIMIT_CODES.listLength]: 400,
  [LIMIT_CODES.cost]: 400,
  [LIMIT_CODES.bodySize]: 413,
  [ErrorCode.BAD_REQUEST]: 400,
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.UNSUPPORTED_CONTENT_ENCODING]: 415,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.PERSISTED_QUERY_NOT_ALLOWED]: 403,
  [ErrorCode.RATE_LIMITED]: 429,
  [ErrorCode.NOT_FOUND]: 404,
};

/**
 * Whether an error is the server's fault (logged with its stack) rather than a refusal or another
 * client error. Our limits travel as `extensions.limitCode` (or graphql-armor's wording) until the
 * response is formatted, so an error without `code` is not necessarily internal.
 */
export function isInternalError(error: GraphQLError): boolean {
  const code = error.extensions?.code;
  if (typeof code === "string" && code !== ErrorCode.INTERNAL_SERVER_ERROR) return false;
  return limitCodeOf(error.message, error.extensions) === null;
}

/**
 * Sets the status of a request refused before it ran (no `data`) from its error's code: Apollo
 * answers 500 for an error thrown while the operation is checked (cost, list inputs in variables)
 * unless the error names a status. A status Apollo already chose below 500 is kept.
 */
export function refusalStatusPlugin<C extends object>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== "single") return;
          const result = response.body.singleResult;
          if (result.data !== undefined || !result.errors?.length) return;
          const current = response.http.status;
          if (current !== undefined && current < 500) return;
          for (const error of result.errors) {
            const status = REFUSAL_STATUS[String(error.extensions?.code)];
            if (status !== undefined) {
              response.http.status = status;
              return;
            }
          }
        },
      };
    },
  };
}

/** What body-parser's errors (http-errors) carry: the HTTP status, a type, a length, an encoding. */
interface BodyParserError {
  status?: unknown;
  type?: unknown;
  length?: unknown;
  encoding?: unknown;
  charset?: unknown;
}

/** A header value repeated in a message: a string, and a short one. */
function echo(value: unknown): string {
  return typeof value === "string" ? value.slice(0, 40) : "?";
}

/** The code and message a body-reading error answers with, or null when it is not the client's. */
function describeBodyError(details: BodyParserError, contentEncoding: string | undefined): [number, string, string] | null {
  const status = typeof details.status === "number" ? details.status : 500;
  if (status === 413)
    return [
      413,
      LIMIT_CODES.bodySize,
      `Request body limit of ${QUERY_LIMITS.maxBodyBytes} bytes exceeded, found ${typeof details.length === "number" ? details.length : "more"}.`,
    ];
  if (details.type === "entity.parse.failed") return [400, ErrorCode.BAD_REQUEST, "The request body is not valid JSON."];
  if (details.type === "encoding.unsupported")
    return [
      415,
      ErrorCode.UNSUPPORTED_CONTENT_ENCODING,
      `Content-Encoding "${echo(details.encoding ?? contentEncoding)}" is not supported: send the body as it is, or with gzip, deflate or br.`,
    ];
  if (details.type === "charset.unsupported")
    return [415, ErrorCode.UNSUPPORTED_CONTENT_ENCODING, `Charset "${echo(details.charset)}" is not supported: send UTF-8.`];
  if (status >= 400 && status < 500)
    return [
      400,
      ErrorCode.BAD_REQUEST,
      contentEncoding && contentEncoding !== "identity"
        ? `The request body could not be decoded as Content-Encoding "${echo(contentEncoding)}" says.`
        : "The request body could not be read.",
    ];
  return null;
}

/**
 * Errors raised before GraphQL runs (reading, decompressing or parsing the body) answer in GraphQL's
 * error shape with the request id, never Express's HTML page. What is not the client's fault answers
 * 500, masked, and is logged with the error.
 */
export function bodyErrorHandler(rejected: (reason: string) => void, logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const details: BodyParserError = typeof error === "object" && error !== null ? error : {};
    const requestId = res.getHeader("x-request-id");
    const encoding = req.headers["content-encoding"];
    const described = describeBodyError(details, typeof encoding === "string" ? encoding.toLowerCase() : undefined);
    if (!described) {
      logger.error({ requestId, err: error }, "internal error");
      res.status(500).json({
        errors: [
          {
            message: "Internal server error. Quote the request id when you report it.",
            extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, requestId },
          },
        ],
      });
      return;
    }
    const [status, code, message] = described;
    if (code === LIMIT_CODES.bodySize) rejected("bodySize");
    res.status(status).json({ errors: [{ message, extensions: { code, requestId } }] });
  };
}
