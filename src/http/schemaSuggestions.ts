/**
 * With introspection off the schema is not for browsing, and graphql-js's "Did you mean …?" hints
 * would let a client map it one typo at a time (fields, arguments, types, enum values, input
 * fields). They are removed from every error message that goes out. graphql-armor's own plugin
 * misses the enum-value form ("Did you mean the enum value …?") and errors raised outside
 * validation (variables), so the hints are removed here, where every error is formatted.
 */
import type { GraphQLFormattedError } from "graphql";

/** graphql-js's didYouMean(): ` Did you mean "a", "b", or "c"?`, optionally with a subject. Names never contain "?". */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

export function withoutSuggestions(message: string): string {
  return message.replace(SUGGESTION, "");
}

export function stripSuggestions(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const message = withoutSuggestions(formatted.message);
  if (message === formatted.message && !Array.isArray(formatted.extensions?.stacktrace)) return formatted;
  const extensions = formatted.extensions && { ...formatted.extensions };
  // In development the stack's first line repeats the message.
  if (extensions && Array.isArray(extensions.stacktrace))
    extensions.stacktrace = extensions.stacktrace.map((line: unknown) =>
      typeof line === "string" ? withoutSuggestions(line) : line,
    );
  return { ...formatted, message, ...(extensions ? { extensions } : {}) };
}
