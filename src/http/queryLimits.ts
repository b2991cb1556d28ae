/**
 * Limits every operation must pass before it runs. graphql-armor checks depth, aliases,
 * directives and tokens; two small validation rules here check what it does not: the length of
 * list inputs and fields repeated in one selection. Each refusal carries a stable code and a message
 * with the limit and the value found. The numbers leave the shared example operations far inside.
 */
import { ApolloArmor } from "@escape.tech/graphql-armor";
import { GraphQLError, Kind, type ASTVisitor, type GraphQLError as GraphQLErrorType, type ValidationContext } from "graphql";
import { ErrorCode } from "../lib/errorCodes.js";

export const QUERY_LIMITS = {
  /** Field nesting, fragments flattened (the researcher's query is 6 deep). */
  maxDepth: 12,
  maxAliases: 30,
  maxDirectives: 50,
  /** Lexical tokens in a document (the dashboard query has about 150). */
  maxTokens: 2_000,
  /** The same field (response key) in one selection set. */
  maxRepeatedField: 3,
  /** Items in any list argument or list variable (a sync batch is at most 250). */
  maxListLength: 250,
  /** Bytes in a request body. */
  maxBodyBytes: 100_000,
} as const;

/** Stable `extensions.code` of each refusal. */
export const PARSE_OPTIONS = { maxTokens: QUERY_LIMITS.maxTokens } as const;

export const LIMIT_CODES = {
  depth: ErrorCode.MAX_DEPTH_EXCEEDED,
  aliases: ErrorCode.MAX_ALIASES_EXCEEDED,
  directives: ErrorCode.MAX_DIRECTIVES_EXCEEDED,
  tokens: ErrorCode.MAX_TOKENS_EXCEEDED,
  repeatedField: ErrorCode.REPEATED_FIELD_LIMIT_EXCEEDED,
  listLength: ErrorCode.LIST_INPUT_TOO_LONG,
  cost: ErrorCode.MAX_COST_EXCEEDED,
  bodySize: ErrorCode.PAYLOAD_TOO_LARGE,
} as const;
export type LimitName = keyof typeof LIMIT_CODES;

/**
 * Apollo reports validation and parse errors under its own codes. Our limits' codes travel in
 * `extensions.limitCode`; graphql-armor's refusals are recognised by their (stable) wording. Both
 * are turned into `extensions.code` when the response is formatted (`limitCodeOf`).
 */
const ARMOR_MESSAGES: [RegExp, LimitName][] = [
  [/^(Syntax Error: )?Query depth limit of \d+ exceeded/, "depth"],
  [/^(Syntax Error: )?Aliases limit of \d+ exceeded/, "aliases"],
  [/^(Syntax Error: )?Directives limit of \d+ exceeded/, "directives"],
];

/** graphql-js's own token limit (Apollo's parseOptions.maxTokens): a parse error with this wording. */
const TOKEN_LIMIT_MESSAGE = /^Syntax Error: Document contains more th(?:at|an) (\d+) tokens/;

export function limitCodeOf(
  message: string,
  extensions: Record<string, unknown> | undefined,
): { code: string; message: string } | null {
  if (typeof extensions?.limitCode === "string") return { code: extensions.limitCode, message };
  for (const [pattern, limit] of ARMOR_MESSAGES) {
    if (pattern.test(message)) return { code: LIMIT_CODES[limit], message: message.replace(/^Syntax Error: /, "") };
  }
  const tokens = TOKEN_LIMIT_MESSAGE.exec(message);
  if (tokens) return { code: LIMIT_CODES.tokens, message: `Token limit of ${tokens[1]} exceeded.` };
  return null;
}

export function limitError(limit: LimitName, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { limitCode: LIMIT_CODES[limit] } });
}

export function armor(onRejected: (limit: LimitName) => void) {
  const reject = (limit: LimitName) => [(_ctx: ValidationContext | null, _error: GraphQLErrorType) => onRejected(limit)];
  return new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.maxDepth, flattenFragments: true, onReject: reject("depth") },
    maxAliases: { n: QUERY_LIMITS.maxAliases, onReject: reject("aliases") },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives, onReject: reject("directives") },
    // Tokens are limited by graphql-js's parser itself (Apollo's parseOptions), which fails the
    // request as a parse error (400); armor's token plugin throws where Apollo answers 500.
    maxTokens: { enabled: false },
    // Cost is ours (queryCost.ts): connection sizes multiply, as GitHub counts nodes.
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }).protect();
}

/** No list literal in the document may exceed the list limit (variables are checked separately). */
export function listLengthRule(onRejected: (limit: LimitName) => void) {
  return (context: ValidationContext): ASTVisitor => ({
    ListValue(node) {
      if (node.values.length > QUERY_LIMITS.maxListLength) {
        const error = limitError(
          "listLength",
          `List input limit of ${QUERY_LIMITS.maxListLength} items exceeded, found ${node.values.length}.`,
        );
        context.reportError(new GraphQLError(error.message, { nodes: [node], extensions: error.extensions }));
        onRejected("listLength");
      }
    },
  });
}

/** Repeating one field many times in a selection set is never useful and costs validation time. */
export function repeatedFieldRule(onRejected: (limit: LimitName) => void) {
  return (context: ValidationContext): ASTVisitor => ({
    SelectionSet(node) {
      const counts = new Map<string, number>();
      for (const selection of node.selections) {
        if (selection.kind !== Kind.FIELD) continue;
        const key = selection.alias?.value ?? selection.name.value;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      for (const [key, count] of counts) {
        if (count > QUERY_LIMITS.maxRepeatedField) {
          const error = limitError(
            "repeatedField",
            `Repeated field limit of ${QUERY_LIMITS.maxRepeatedField} exceeded: "${key}" appears ${count} times in one selection.`,
          );
          context.reportError(new GraphQLError(error.message, { nodes: [node], extensions: error.extensions }));
          onRejected("repeatedField");
          return;
        }
      }
    },
  });
}

/** The longest list anywhere in the variables. */
export function longestList(value: unknown): number {
  if (Array.isArray(value)) return Math.max(value.length, ...value.map(longestList));
  if (value && typeof value === "object") return Math.max(0, ...Object.values(value).map(longestList));
  return 0;
}
