/**
 * The checks every writer runs on its input: one for each kind of value (date, text, name, enum,
 * slug, URL, money, reference). Each takes the path of the field it checks from its caller (a
 * path into the write, e.g. ["memberships", 3, "startDate"]; the GraphQL layer maps it onto the
 * mutation's arguments), adds a user error there when the value is wrong, and returns the value to
 * store. None of them writes.
 */
import { UserErrorCode } from "../../lib/errorCodes.js";
import { dateProblem, toJalali, type JalaliParts } from "../../lib/jalali.js";
import { currencyExponent } from "../../lib/money.js";
import type { EntityRef } from "../conditions.js";
import { describeRef, type RefIndex } from "./refs.js";
import type { UserErrorList } from "./userErrors.js";

/** Where a field is in a write. */
export type Path = (string | number)[];

export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const MAX_SLUG = 60;
export const MAX_NAME = 300;
export const MAX_URL = 500;

/**
 * The Jalali day of a date to store. null when the date is not given, or when it is not a real ISO
 * day the Jalali conversion supports (then with an INVALID error).
 */
export function checkDate(value: string | null | undefined, field: Path, errors: UserErrorList): JalaliParts | null {
  if (value === undefined || value === null) return null;
  const problem = dateProblem(value);
  if (problem === null) return toJalali(value);
  errors.add(field, problem);
  return null;
}

/**
 * Trimmed text, or null when empty (undefined when not given). An error when it is longer than
 * `max`, or shorter than `min` (a `min` of 1 makes the text required).
 */
export function checkText(
  value: string | null | undefined,
  field: Path,
  errors: UserErrorList,
  max: number,
  min = 0,
): string | null | undefined {
  const name = String(field[field.length - 1]);
  const text = (value ?? "").trim();
  if (text.length < min)
    errors.add(field, `${name} must be ${min} to ${max} characters; got ${text.length === 0 ? "none" : text.length}.`);
  else if (text.length > max) errors.add(field, `${name} may be at most ${max} characters; got ${text.length}.`);
  if (value === undefined) return undefined;
  return text.length === 0 ? null : text;
}

/**
 * A name to store: trimmed, 1..300 characters. undefined keeps the current one; null clears it
 * (stored as "") where `clearable`, and is otherwise an error, as is a missing `required` name.
 */
export function checkName(
  value: string | null | undefined,
  field: Path,
  errors: UserErrorList,
  options: { required: boolean; clearable: boolean; what: string },
): string | undefined {
  if (value === undefined || (value === null && !options.clearable)) {
    if (value === null) errors.add(field, `${field[field.length - 1]} cannot be cleared.`);
    else if (options.required) errors.add(field, `${options.what} is required.`);
    return undefined;
  }
  if (value === null) return "";
  const trimmed = value.trim();
  if (trimmed.length < 1 || trimmed.length > MAX_NAME) {
    errors.add(field, `A name must be 1 to ${MAX_NAME} characters.`);
    return undefined;
  }
  return trimmed;
}

/** Values reach the data layer from GraphQL enums, the CLI and tests alike: check them here too. */
export function checkEnum(
  value: string | null | undefined,
  allowed: readonly string[],
  field: Path,
  errors: UserErrorList,
): boolean {
  if (value === undefined || value === null || allowed.includes(value)) return true;
  errors.add(field, `${field[field.length - 1]} must be one of ${allowed.join(", ")}; got "${value}".`);
  return false;
}

export function checkSlug(slug: string, field: Path, errors: UserErrorList): boolean {
  if (slug.length > MAX_SLUG || !SLUG_PATTERN.test(slug)) {
    errors.add(
      field,
      `slug must be lowercase letters and digits in hyphen-separated words (e.g. "uclg-mewa"), at most ${MAX_SLUG} characters; got "${slug}".`,
    );
    return false;
  }
  return true;
}

export function checkHttpUrl(value: string, field: Path, errors: UserErrorList): void {
  let ok = value.length <= MAX_URL;
  if (ok) {
    try {
      const url = new URL(value);
      ok = (url.protocol === "http:" || url.protocol === "https:") && url.hostname.length > 0;
    } catch {
      ok = false;
    }
  }
  if (!ok) errors.add(field, `Expected an http(s) URL of at most ${MAX_URL} characters; got "${value}".`);
}

export interface MoneyWrite {
  /** In major units ("12.5" USD); at most as many decimals as the currency has. */
  amount: number;
  /** ISO 4217, upper case. */
  currency: string;
}

/** Integer minor units of an amount, or undefined with errors. */
export function checkMoney(
  cost: MoneyWrite,
  field: Path,
  errors: UserErrorList,
): { minor: number; currency: string } | undefined {
  const known = /^[A-Z]{3}$/.test(cost.currency) && Intl.supportedValuesOf("currency").includes(cost.currency);
  if (!known) {
    errors.add(
      [...field, "currency"],
      `"${cost.currency}" is not an ISO 4217 currency code (three upper-case letters, e.g. "USD", "IRR").`,
    );
    return undefined;
  }
  if (!Number.isFinite(cost.amount) || cost.amount < 0) {
    errors.add([...field, "amount"], `A cost cannot be negative; got ${cost.amount}.`);
    return undefined;
  }
  const exponent = currencyExponent(cost.currency);
  if (Number(cost.amount.toFixed(exponent)) !== cost.amount) {
    errors.add(
      [...field, "amount"],
      `${cost.currency} amounts have at most ${exponent} decimal place${exponent === 1 ? "" : "s"}; got ${cost.amount}.`,
    );
    return undefined;
  }
  const minor = Math.round(cost.amount * 10 ** exponent);
  if (!Number.isSafeInteger(minor)) {
    errors.add([...field, "amount"], `The amount ${cost.amount} ${cost.currency} is too large.`);
    return undefined;
  }
  return { minor, currency: cost.currency };
}

/**
 * The record a reference names, from the write's looked-up references (refs.ts). A NOT_FOUND
 * error when there is none; undefined when no reference was given.
 */
export function checkRef<Row>(
  found: RefIndex<Row>,
  ref: EntityRef | null | undefined,
  field: Path,
  errors: UserErrorList,
  what: "city" | "organisation",
): Row | undefined {
  if (!ref) return undefined;
  const row = found.get(ref);
  if (!row) errors.add(field, `No ${what} ${describeRef(ref)}.`, UserErrorCode.NOT_FOUND);
  return row;
}
