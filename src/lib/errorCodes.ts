/**
 * Every error code the API gives a client, each with when it is used: the `code` of a mutation's
 * `userErrors` entry, and the `extensions.code` of a GraphQL error. Code that reports an error
 * names its code from here, never as a string of its own (test/errorCodes.test.ts checks it), so
 * this file is the whole list a client can branch on.
 */

/** A code paired with the sentence that says when it is used; the docs and the schema read both. */
type Registry<Code extends string> = { readonly [K in Code]: string };

function codesOf<Code extends string>(registry: Registry<Code>): { readonly [K in Code]: K } {
  return Object.freeze(Object.fromEntries(Object.keys(registry).map((code) => [code, code]))) as { [K in Code]: K };
}

/** The codes of `userErrors`: a mutation that reports any of them writes nothing. */
export const USER_ERROR_CODE_DOCS = {
  INVALID: "A value is malformed or out of range.",
  NOT_FOUND: "A referenced record does not exist.",
  CONFLICT:
    "The write contradicts the record's state (a workflow step that is not allowed, an idempotency key reused with another input, a duplicate).",
  VERSION_MISMATCH: "`expectedVersion` is not the record's version.",
  FORBIDDEN: "The key may not write this.",
} as const satisfies Registry<string>;

export type UserErrorCode = keyof typeof USER_ERROR_CODE_DOCS;
export const UserErrorCode = codesOf(USER_ERROR_CODE_DOCS);

/**
 * The `extensions.code` of GraphQL errors, each with when it is sent and the HTTP status it answers
 * with over HTTP (over WebSocket an error has no status). Codes marked "Apollo Server's" are sent by
 * Apollo Server itself; the server sends some of the others in Apollo's place (the WebSocket path)
 * or after it (statuses, masking). The statuses of refusals are set in src/http/clientErrors.ts.
 */
export const ERROR_CODE_DOCS = {
  BAD_REQUEST:
    "The HTTP request is not a GraphQL request that can be read: a body that is not JSON or cannot be decoded, no `query`, a malformed parameter (HTTP 400; Apollo Server answers a few of its own with 405 or 415).",
  UNSUPPORTED_CONTENT_ENCODING: "The body's Content-Encoding is not gzip, deflate or br, or its charset is not UTF-8 (HTTP 415).",
  PAYLOAD_TOO_LARGE: "The request body is larger than the body limit (HTTP 413).",
  GRAPHQL_PARSE_FAILED: "The document is not valid GraphQL syntax (HTTP 400).",
  GRAPHQL_VALIDATION_FAILED:
    "The document does not validate against the schema (an unknown field, a wrong argument, introspection while it is off), or over WebSocket it holds no operation the message names (HTTP 400).",
  OPERATION_RESOLUTION_FAILURE:
    "Over HTTP, `operationName` names no operation of the document, or the document holds several and names none (Apollo Server's; HTTP 400).",
  MAX_DEPTH_EXCEEDED: "Fields nest deeper than the depth limit, fragments flattened (HTTP 400).",
  MAX_ALIASES_EXCEEDED: "The document has more aliases than the alias limit (HTTP 400).",
  MAX_DIRECTIVES_EXCEEDED: "The document has more directives than the directive limit (HTTP 400).",
  MAX_TOKENS_EXCEEDED: "The document has more lexical tokens than the token limit (HTTP 400).",
  REPEATED_FIELD_LIMIT_EXCEEDED:
    "One selection set asks for the same field (response key) more often than the repeated-field limit (HTTP 400).",
  LIST_INPUT_TOO_LONG: "A list in the arguments or the variables has more items than the list limit (HTTP 400).",
  MAX_COST_EXCEEDED:
    "The operation's cost (connection sizes multiplied through nested connections) is above the query cost limit (HTTP 400).",
  MAX_SUBSCRIPTION_COST_EXCEEDED:
    "A subscription's selection, resolved for each event, costs more than the subscription cost limit; it is refused when it subscribes.",
  SUBSCRIPTION_LIMIT_EXCEEDED: "A socket that already has the most subscriptions one socket may hold starts another.",
  SUBSCRIPTION_TOO_SLOW:
    "A subscription fell further behind than its buffer of waiting changes and was ended; its client catches up with the `changes` query.",
  PERSISTED_QUERY_NOT_FOUND:
    "A request sent only a persisted query's hash, and the server knows no document by it: send the text with the hash (Apollo Server's; HTTP 200).",
  PERSISTED_QUERY_HASH_MISMATCH: "A persisted query's hash is not the SHA-256 of the text sent with it (HTTP 400).",
  PERSISTED_QUERY_NOT_ALLOWED:
    "The server runs only trusted documents (TRUSTED_DOCUMENTS) and the operation is not one of them (HTTP 403).",
  RATE_LIMITED:
    "The key's cost budget (without a key, the address's) is spent; `retryAfterSeconds` and Retry-After say when to try again (HTTP 429).",
  UNAUTHENTICATED: "The operation needs an API key and none was sent, or the key sent is unknown or revoked (HTTP 401).",
  FORBIDDEN: "The API key's role, or the organisation it is bound to, does not allow the operation (HTTP 403).",
  BAD_USER_INPUT:
    "An argument or variable value is refused: malformed, out of range, or naming nothing (HTTP 200 beside `data` when a resolver refuses it; HTTP 400 when the operation is refused before it runs).",
  EXECUTION_TIMEOUT: "The request ran past its execution time limit and was stopped before its next SQL statement (HTTP 503).",
  NOT_FOUND: "An HTTP path that serves nothing, such as an export of a table that does not exist (HTTP 404).",
  INTERNAL_SERVER_ERROR:
    "The server failed, not the client; in production the message is masked and `requestId` is the one to quote (HTTP 500; 200 when it stands beside `data`).",
} as const satisfies Registry<string>;

export type ErrorCode = keyof typeof ERROR_CODE_DOCS;
export const ErrorCode = codesOf(ERROR_CODE_DOCS);

/** A registry's codes, in its order (the values of a GraphQL enum, say). */
export function codeList<Code extends string>(registry: Registry<Code>): readonly Code[] {
  return Object.keys(registry) as Code[];
}

/** One paragraph naming each code with when it is used ("INVALID: a value is … NOT_FOUND: …"), for a schema description. */
export function describeCodes(registry: Registry<string>): string {
  return Object.entries(registry)
    .map(([code, doc]) => `${code}: ${doc.charAt(0).toLowerCase()}${doc.slice(1)}`)
    .join(" ");
}
