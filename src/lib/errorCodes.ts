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
    "The write contradicts the record's state: a workflow step that is not allowed, an idempotency key reused with another input, a duplicate.",
  VERSION_MISMATCH: "`expectedVersion` is not the record's version.",
  FORBIDDEN: "The key may not write this.",
} as const satisfies Registry<string>;

export type UserErrorCode = keyof typeof USER_ERROR_CODE_DOCS;
export const UserErrorCode = codesOf(USER_ERROR_CODE_DOCS);
