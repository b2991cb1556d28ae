/**
 * TypeScript types for the API's custom scalars, as they travel in JSON (see codegen.ts, which maps
 * every `scalar` of schema/schema.graphql to one of these or to a primitive).
 */

/** Any JSON value (the `JSON` scalar: ECMA-404). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** `LocalDate`: a calendar date without time zone, "YYYY-MM-DD", e.g. "2022-10-12". */
export type LocalDate = string;

/** `DateTime`: an RFC 3339 instant at UTC, e.g. "2026-12-01T09:30:00.000Z". */
export type DateTime = string;

/** `SafeInt`: a whole number within ±(2^53 − 1), exact as a JavaScript number. */
export type SafeInt = number;
